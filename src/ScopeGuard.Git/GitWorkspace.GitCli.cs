using System;
using System.Collections.Generic;
using System.Linq;
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
        // The same repository, working tree and index this workspace reads, whatever the caller's directory.
        var bare = repository.Info.WorkingDirectory is null;
        var environment = new Dictionary<string, string?>
        {
            ["GIT_DIR"] = GitDirectory,
            ["GIT_WORK_TREE"] = bare ? null : WorkingDirectory,
            ["GIT_INDEX_FILE"] = IndexFile,
            ["GIT_OPTIONAL_LOCKS"] = "0",
            ["GIT_PREFIX"] = null,
        };
        var (exitCode, stdout, stderr) = GitProcess.Run(
            bare ? GitDirectory : WorkingDirectory,
            args,
            environment,
            input,
            "this repository needs the git command line on PATH (see docs/cli.md, Limits)");
        return (exitCode, stdout, stderr);
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
