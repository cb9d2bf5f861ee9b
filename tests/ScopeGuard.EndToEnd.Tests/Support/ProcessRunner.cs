using System;
using System.Collections.Generic;
using ScopeGuard.TestSupport;

namespace ScopeGuard.EndToEnd.Tests.Support;

/// <summary>What one process printed and returned.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Gets standard output and standard error together (git sends hook output to standard error).</summary>
    public string Output => Stdout + Stderr;

    public static ProcessResult From(ChildProcessResult result) => new(result.CommandLine, result.ExitCode, result.Stdout, result.Stderr);

    public override string ToString() => $"$ {CommandLine}\nexit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs a real process with exactly the environment given (nothing inherited), and a time limit (<see cref="ChildProcess"/>).</summary>
internal static class ProcessRunner
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public static ProcessResult Run(string fileName, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string?> environment, string? input = null) =>
        ProcessResult.From(ChildProcess.Run(fileName, args, workingDirectory, environment, Limit, input));
}
