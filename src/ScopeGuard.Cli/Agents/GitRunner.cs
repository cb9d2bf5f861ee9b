using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using ScopeGuard.Core;

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
    public static GitResult Try(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var variable in new[] { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_COMMON_DIR" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";

        // Reading (status in agent list and remove) must not refresh another worktree's index as a side effect.
        start.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ScopeGuardException("cannot start git");
        }
        catch (Win32Exception ex)
        {
            throw new ScopeGuardException($"cannot run git ({ex.Message}): the agent commands need the git command line on PATH", ex);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Task.WaitAll(stdout, stderr);
            process.WaitForExit();
            return new GitResult(process.ExitCode, stdout.Result, stderr.Result);
        }
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
