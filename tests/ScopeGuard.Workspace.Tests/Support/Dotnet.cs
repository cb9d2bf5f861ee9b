using System;
using System.Collections.Generic;
using System.IO;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Workspace.Tests.Support;

/// <summary>The real .NET SDK, as a child process.</summary>
internal static class Dotnet
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>Gets the dotnet host running the tests (what <c>dotnet test</c> started), else the one on PATH.</summary>
    public static string Host { get; } =
        System.Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    public static IReadOnlyDictionary<string, string?> Environment { get; } = TestEnvironment.With(
        TestEnvironment.Inherited(),
        new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1", ["MSBUILDDISABLENODEREUSE"] = "1" });

    /// <summary>Runs dotnet and throws with its output when it fails.</summary>
    public static ChildProcessResult Run(string directory, params string[] args)
    {
        var result = ChildProcess.Run(Host, args, directory, Environment, Limit);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet failed:\n$ {result.CommandLine}\nexit {result.ExitCode}\n{result.Interleaved}");
        }

        return result;
    }
}
