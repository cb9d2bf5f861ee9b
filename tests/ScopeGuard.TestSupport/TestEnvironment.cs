using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ScopeGuard.TestSupport;

/// <summary>The environments child processes start with (<see cref="ChildProcess"/> passes on nothing else).</summary>
public static class TestEnvironment
{
    /// <summary>Gets the test process's own variables, less those <paramref name="drop"/> names.</summary>
    /// <param name="drop">Which variables to leave out; none when <see langword="null"/>.</param>
    /// <returns>A new environment.</returns>
    public static Dictionary<string, string?> Inherited(Func<string, bool>? drop = null) =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(e => ((string)e.Key, (string?)e.Value))
            .Where(e => drop is null || !drop(e.Item1))
            .ToDictionary(e => e.Item1, e => e.Item2, StringComparer.Ordinal);

    /// <summary>
    /// Gets an environment in which git reads no configuration but what a test writes: <paramref name="from"/> (the
    /// test process's variables by default) without any <c>GIT_*</c> variable (a hook's <c>GIT_DIR</c>, the user's
    /// <c>GIT_CONFIG_GLOBAL</c>), with HOME and XDG_CONFIG_HOME in <paramref name="home"/>, no system config and no
    /// prompts.
    /// </summary>
    /// <param name="home">The HOME to use (an empty folder).</param>
    /// <param name="from">The variables to start from.</param>
    /// <returns>A new environment.</returns>
    public static Dictionary<string, string?> IsolatedGit(string home, IReadOnlyDictionary<string, string?>? from = null)
    {
        var environment = (from ?? Inherited())
            .Where(e => !e.Key.StartsWith("GIT_", StringComparison.Ordinal))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        environment["HOME"] = home;
        environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["GIT_TERMINAL_PROMPT"] = "0";
        return environment;
    }

    /// <summary>Gets <paramref name="environment"/> with <paramref name="extra"/> over it (a null value removes a variable).</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="extra">The variables to set; none when <see langword="null"/>.</param>
    /// <returns><paramref name="environment"/> itself when there is nothing to add, else a new environment.</returns>
    public static IReadOnlyDictionary<string, string?> With(IReadOnlyDictionary<string, string?> environment, IReadOnlyDictionary<string, string?>? extra)
    {
        if (extra is null)
        {
            return environment;
        }

        var merged = new Dictionary<string, string?>(environment, StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            merged[name] = value;
        }

        return merged;
    }
}
