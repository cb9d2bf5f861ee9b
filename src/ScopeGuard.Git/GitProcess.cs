using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using ScopeGuard.Core;

namespace ScopeGuard.Git;

/// <summary>What one git process printed and returned.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Standard output, as bytes (git prints paths that need not be UTF-8).</param>
/// <param name="Stderr">Standard error.</param>
public sealed record GitProcessResult(int ExitCode, byte[] Stdout, string Stderr);

/// <summary>
/// Runs the git command line once: no terminal prompt, both output streams read to the end, the caller's
/// environment changed only as asked. Shared by <see cref="GitWorkspace"/> (what libgit2 cannot do) and the
/// CLI's <c>agent</c> commands (branches, worktrees, config).
/// </summary>
public static class GitProcess
{
    /// <summary>Runs git in <paramref name="directory"/> and waits for it.</summary>
    /// <param name="directory">The working directory.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="environment">Variables to set; a <see langword="null"/> value removes the variable.</param>
    /// <param name="input">Standard input, or <see langword="null"/> for none.</param>
    /// <param name="whoNeedsGit">Ends the error when git cannot be started, e.g. "the agent commands need the git command line on PATH".</param>
    /// <returns>The exit code and both outputs.</returns>
    public static GitProcessResult Run(string directory, IEnumerable<string> args, IEnumerable<KeyValuePair<string, string?>> environment, string? input, string whoNeedsGit)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
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

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ScopeGuardException("cannot start git");
        }
        catch (Win32Exception ex)
        {
            throw new ScopeGuardException($"cannot run git ({ex.Message}): {whoNeedsGit}", ex);
        }

        using (process)
        {
            var stderrTask = process.StandardError.ReadToEndAsync();
            using var buffer = new MemoryStream();
            var stdoutTask = process.StandardOutput.BaseStream.CopyToAsync(buffer);
            if (input is not null)
            {
                process.StandardInput.Write(input);
            }

            process.StandardInput.Close();
            Task.WaitAll(stdoutTask, stderrTask);
            process.WaitForExit();
            return new GitProcessResult(process.ExitCode, buffer.ToArray(), stderrTask.Result);
        }
    }
}
