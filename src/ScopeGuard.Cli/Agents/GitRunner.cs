using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScopeGuard.Core;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Agents;

/// <summary>What one git command printed and returned.</summary>
internal sealed record GitResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Gets the first line of standard error that says something.</summary>
    public string Reason => Stderr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? $"exit {ExitCode}";
}

/// <summary>
/// The git command line, for what the <c>agent</c> commands change (branches, worktrees, config): git
/// itself does the writing, with its own locks and checks, so nothing is half-written by a second
/// implementation. Every call names its folder explicitly and ignores <c>GIT_DIR</c>, <c>GIT_WORK_TREE</c>
/// and <c>GIT_INDEX_FILE</c> of the caller, which would otherwise redirect it.
/// </summary>
internal static class GitRunner
{
    // Every call names its folder; the caller's repository variables would redirect it. Reading (status in
    // agent list and remove) must not refresh another worktree's index as a side effect.
    private static readonly KeyValuePair<string, string?>[] Environment =
    [
        new("GIT_DIR", null),
        new("GIT_WORK_TREE", null),
        new("GIT_INDEX_FILE", null),
        new("GIT_PREFIX", null),
        new("GIT_COMMON_DIR", null),
        new("GIT_OPTIONAL_LOCKS", "0"),
    ];

    public static GitResult Try(string directory, params string[] args)
    {
        var result = GitProcess.Run(directory, args, Environment, input: null, "the agent commands need the git command line on PATH");
        return new GitResult(result.ExitCode, Encoding.UTF8.GetString(result.Stdout), result.Stderr);
    }

    /// <summary>Runs git and returns its standard output; a failure is a <see cref="ScopeGuardException"/> saying what was being done.</summary>
    public static string Run(string what, string directory, params string[] args)
    {
        var result = Try(directory, args);
        if (result.ExitCode != 0)
        {
            throw new ScopeGuardException($"{what}: git {string.Join(' ', args.Take(2))} failed: {result.Reason}");
        }

        return result.Stdout;
    }

    /// <summary>Gets the lines of a command's output, empty ones dropped.</summary>
    public static IReadOnlyList<string> Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
