using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScopeGuard.TestSupport;

namespace ScopeGuard.EndToEnd.Tests.Support;

/// <summary>
/// A real git repository in its own temp folder, driven by the git CLI and the real scopeguard
/// process. Every process gets the same controlled environment: a private HOME, no system or
/// global git config, no GIT_* variables from the test runner, and a PATH without any
/// scopeguard other than the one under test.
/// </summary>
internal sealed class TempRepo : GitSandbox
{
    private TempRepo()
        : base("sg-e2e-", BaseEnvironment)
    {
    }

    /// <summary>
    /// Makes a repository on main with the manifest (<see cref="Manifests.Standard"/> by default) and the project
    /// files committed by a person (before the hook exists), then installs the hook with the real tool unless told not to.
    /// </summary>
    public static TempRepo Create(string? manifest = null, bool install = true)
    {
        var repo = Empty();
        repo.Write("scopes.json", manifest ?? Manifests.Standard);
        foreach (var (path, text) in Manifests.ProjectFiles)
        {
            repo.Write(path, text);
        }

        repo.Git("add", "--all");
        repo.Git("commit", "--quiet", "-m", "Project and scopes.json");
        if (install)
        {
            var installed = repo.Tool(repo.Path, "install");
            if (installed.ExitCode != 0)
            {
                throw new InvalidOperationException($"scopeguard install failed:\n{installed}");
            }
        }

        return repo;
    }

    /// <summary>Makes an empty repository on main (no commits), with a local user.</summary>
    public static TempRepo Empty()
    {
        var repo = new TempRepo();
        try
        {
            repo.InitRepository();
            return repo;
        }
        catch
        {
            repo.Dispose();
            throw;
        }
    }

    public ProcessResult TryGit(string directory, IReadOnlyDictionary<string, string?>? extra, params string[] args) =>
        ProcessResult.From(RunGit(directory, extra, args));

    /// <summary>Runs <c>git commit -m MESSAGE ARGS…</c> in <paramref name="directory"/>: the real hook decides.</summary>
    public ProcessResult Commit(string directory, params string[] args) => CommitWith(directory, null, args);

    public ProcessResult CommitWith(string directory, IReadOnlyDictionary<string, string?>? extra, params string[] args) =>
        TryGit(directory, extra, ["commit", "-m", "change", .. args]);

    /// <summary>Gets how reports name the manifest that judges work on a branch that left main at its current tip.</summary>
    public string BaseManifestLabel() => $"scopes.json at the merge base with main ({GitIn(Path, "rev-parse", "main").Trim()[..10]})";

    /// <summary>Runs the real tool (no snapshot: for commands that may write, like install).</summary>
    public ProcessResult Tool(string directory, params string[] args) => ToolWith(directory, null, args);

    public ProcessResult ToolWith(string directory, IReadOnlyDictionary<string, string?>? extra, params string[] args) =>
        ScopeGuardTool.Run(directory, With(extra), args);

    /// <summary>
    /// Runs a read-only command of the real tool (check, doctor, which, lint) and asserts that it
    /// changed neither <c>git status</c> nor a byte of the index.
    /// </summary>
    public ProcessResult ReadOnlyTool(string directory, params string[] args) => ReadOnlyToolWith(directory, null, args);

    public ProcessResult ReadOnlyToolWith(string directory, IReadOnlyDictionary<string, string?>? extra, params string[] args)
    {
        var before = RepoSnapshot.Take(this, directory);
        var result = ToolWith(directory, extra, args);
        var after = RepoSnapshot.Take(this, directory);
        before.AssertSameAs(after, result);
        return result;
    }

    /// <summary>Runs <c>check --staged --format json ARGS…</c> read-only and parses the report.</summary>
    public (ProcessResult Result, JsonElement Report) CheckJson(string directory, IReadOnlyDictionary<string, string?>? extra = null, params string[] args)
    {
        var result = ReadOnlyToolWith(directory, extra, ["check", "--staged", "--format", "json", .. args]);
        try
        {
            using var document = JsonDocument.Parse(result.Stdout);
            return (result, document.RootElement.Clone());
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"check did not print JSON ({ex.Message}):\n{result}", ex);
        }
    }

    /// <summary>
    /// Gets PATH without any folder that holds a scopeguard executable, so a globally installed
    /// tool can never stand in for the build under test.
    /// </summary>
    public static string SafePath()
    {
        var inherited = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        var kept = inherited.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(d => !File.Exists(System.IO.Path.Combine(d, "scopeguard")) && !File.Exists(System.IO.Path.Combine(d, "scopeguard.exe")))
            .Distinct(StringComparer.Ordinal);
        return string.Join(System.IO.Path.PathSeparator, kept);
    }

    // Nothing is inherited but a PATH without scopeguard on it.
    private static Dictionary<string, string?> BaseEnvironment(string root, string home)
    {
        var tmp = System.IO.Path.Combine(root, "tmp");
        Directory.CreateDirectory(tmp);
        var environment = TestEnvironment.IsolatedGit(home, new Dictionary<string, string?> { ["PATH"] = SafePath() });
        environment["TMPDIR"] = tmp;
        environment["GIT_EDITOR"] = "true";
        environment["LANG"] = "C.UTF-8";
        environment["LC_ALL"] = "C.UTF-8";
        environment["NO_COLOR"] = "1";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";

        // The apphost finds the runtime through DOTNET_ROOT (PATH plays no part): point it at the
        // runtime that runs these tests, wherever that is installed.
        environment["DOTNET_ROOT"] = ScopeGuardTool.DotnetRoot;
        return environment;
    }
}
