using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ScopeGuard.Core;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Git;

/// <summary>
/// The git command line, for what libgit2 cannot do (a split or sparse index, fetching a partial
/// clone's missing blobs). It runs against this workspace's git directory, working tree and index,
/// with <c>GIT_OPTIONAL_LOCKS=0</c> so that reading never refreshes (rewrites) the index.
/// </summary>
public sealed partial class GitWorkspace
{
    /// <summary>Runs git and returns its standard output; a failure is a <see cref="ScopeGuardException"/> that says what was asked.</summary>
    /// <param name="what">What the call was for, as the error says it.</param>
    /// <param name="input">Standard input, or <see langword="null"/> for none.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>Standard output.</returns>
    private byte[] RunGit(string what, string? input, params string[] args)
    {
        var (exitCode, stdout, stderr) = TryRunGit(input, args);
        if (exitCode != 0)
        {
            throw new ScopeGuardException($"{what}: git {args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal))} failed (exit {exitCode}): {FirstLine(stderr)}");
        }

        return stdout;
    }

    private (int ExitCode, byte[] Stdout, string Stderr) TryRunGit(string? input, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = repository.Info.WorkingDirectory is null ? GitDirectory : WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The same repository, working tree and index this workspace reads, whatever the caller's directory.
        start.Environment["GIT_DIR"] = GitDirectory;
        if (repository.Info.WorkingDirectory is not null)
        {
            start.Environment["GIT_WORK_TREE"] = WorkingDirectory;
        }
        else
        {
            start.Environment.Remove("GIT_WORK_TREE");
        }

        if (IndexFile is not null)
        {
            start.Environment["GIT_INDEX_FILE"] = IndexFile;
        }
        else
        {
            start.Environment.Remove("GIT_INDEX_FILE");
        }

        start.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment.Remove("GIT_PREFIX");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ScopeGuardException("cannot start git");
        }
        catch (Win32Exception ex)
        {
            throw new ScopeGuardException($"cannot run git ({ex.Message}): this repository needs the git command line on PATH (see docs/cli.md, Limits)", ex);
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
            return (process.ExitCode, buffer.ToArray(), stderrTask.Result);
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return line ?? "no message";
    }

    // NUL-separated fields; a name that is not valid UTF-8 keeps its bytes (GitPathEncoding).
    private static List<string> SplitZ(byte[] output)
    {
        var fields = new List<string>();
        var start = 0;
        for (var i = 0; i < output.Length; i++)
        {
            if (output[i] == 0)
            {
                fields.Add(GitPathEncoding.Decode(output, start, i - start));
                start = i + 1;
            }
        }

        if (start < output.Length)
        {
            fields.Add(GitPathEncoding.Decode(output, start, output.Length - start));
        }

        return fields;
    }
}
