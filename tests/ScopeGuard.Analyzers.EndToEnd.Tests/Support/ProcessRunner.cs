using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Analyzers.EndToEnd.Tests.Support;

internal sealed record ProcessResult(int ExitCode, string Output)
{
    public string Tail(int lines = 40) => string.Join("\n", Output.Split('\n').TakeLast(lines));
}

/// <summary>Runs dotnet and git as a user would (<see cref="ChildProcess"/>), with an environment free of the test host's MSBuild and git variables.</summary>
internal static class ProcessRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static ProcessResult Run(string fileName, string arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        // The test host runs under MSBuild and dotnet test; a nested build must not inherit that, nor git state or an agent.
        var inherited = TestEnvironment.Inherited(name =>
            name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("GIT_", StringComparison.Ordinal)
            || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || name is "SCOPEGUARD_AGENT" or "NUGET_PACKAGES" or "DOTNET_HOST_PATH");
        inherited["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        inherited["DOTNET_NOLOGO"] = "1";
        inherited["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        inherited["MSBUILDDISABLENODEREUSE"] = "1";
        inherited["GIT_AUTHOR_NAME"] = inherited["GIT_COMMITTER_NAME"] = "ScopeGuard Tests";
        inherited["GIT_AUTHOR_EMAIL"] = inherited["GIT_COMMITTER_EMAIL"] = "tests@scopeguard.invalid";
        inherited["GIT_CONFIG_NOSYSTEM"] = "1";
        var result = ChildProcess.Run(fileName, arguments, workingDirectory, TestEnvironment.With(inherited, environment), Timeout);
        return new ProcessResult(result.ExitCode, result.Interleaved);
    }

    public static ProcessResult Git(string workingDirectory, string arguments)
    {
        var result = Run("git", arguments, workingDirectory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {arguments} failed ({result.ExitCode}):\n{result.Output}");
        }

        return result;
    }
}
