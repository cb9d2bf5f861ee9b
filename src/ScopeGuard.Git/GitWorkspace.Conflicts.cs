using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LibGit2Sharp;
using ScopeGuard.Core;

namespace ScopeGuard.Git;

/// <summary>What <c>conflicts</c> reads: worktrees with their agent bindings, and trial merges through <c>git merge-tree</c>.</summary>
public sealed partial class GitWorkspace : IMergePreview
{
    /// <inheritdoc/>
    public IReadOnlyList<WorktreeInfo> Worktrees()
    {
        // "worktree PATH\0HEAD SHA\0branch refs/heads/X\0\0", one record per worktree, the main one first.
        var fields = SplitZ(RunGit("listing worktrees", null, "worktree", "list", "--porcelain", "-z"));
        var worktreeConfig = ParseBoolean(ReadConfig("extensions.worktreeConfig", ConfigurationLevel.Local)) == true;
        var gitDirs = LinkedGitDirectories();
        var result = new List<WorktreeInfo>();
        string? path = null, head = null, branch = null;
        var bare = false;
        foreach (var field in fields.Append(string.Empty))
        {
            if (field.Length == 0)
            {
                if (path is not null && !bare)
                {
                    var gitDir = result.Count == 0 && !gitDirs.ContainsKey(Normalize(path)) ? CommonDirectory : gitDirs.GetValueOrDefault(Normalize(path));
                    result.Add(new WorktreeInfo(path, head, branch, worktreeConfig && gitDir is not null ? AgentIn(gitDir) : null));
                }

                (path, head, branch, bare) = (null, null, null, false);
                continue;
            }

            if (field.StartsWith("worktree ", StringComparison.Ordinal))
            {
                path = field["worktree ".Length..];
            }
            else if (field.StartsWith("HEAD ", StringComparison.Ordinal))
            {
                head = field["HEAD ".Length..];
                head = head.All(c => c == '0') ? null : head;
            }
            else if (field.StartsWith("branch refs/heads/", StringComparison.Ordinal))
            {
                branch = field["branch refs/heads/".Length..];
            }
            else if (field == "bare")
            {
                bare = true;
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public TrialMergeResult TrialMerge(string first, string second)
    {
        // --write-tree merges in memory: it writes the merged blobs and trees to the object database and
        // nothing else (no index, no working tree, no ref). Exit 0 clean, 1 conflicts, anything else failed.
        var (exitCode, stdout, stderr) = TryRunGit(null, "merge-tree", "--write-tree", "--name-only", "-z", first, second);
        if (exitCode is not (0 or 1))
        {
            throw new ScopeGuardException($"trial merge of {first[..Math.Min(10, first.Length)]} and {second[..Math.Min(10, second.Length)]}: git merge-tree failed (exit {exitCode}): {FirstLine(stderr)}");
        }

        var (paths, messages) = ParseMergeTree(stdout);
        return new TrialMergeResult(exitCode == 0, paths, messages);
    }

    // -z output: "TREE\0" then the conflicted paths "PATH\0" (with --name-only), then "\0", then messages:
    // "N\0PATH1\0…PATHN\0TYPE\0MESSAGE\0" each.
    internal static (List<string> Paths, List<MergeMessage> Messages) ParseMergeTree(byte[] output)
    {
        var fields = SplitZ(output);
        var paths = new List<string>();
        var i = 1;
        for (; i < fields.Count && fields[i].Length > 0; i++)
        {
            paths.Add(fields[i]);
        }

        var parsed = new List<MergeMessage>();
        for (i++; i < fields.Count;)
        {
            if (!int.TryParse(fields[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || i + count + 2 >= fields.Count)
            {
                break;
            }

            var involved = fields.GetRange(i + 1, count);
            parsed.Add(new MergeMessage(involved, fields[i + count + 1], fields[i + count + 2].TrimEnd('\n')));
            i += count + 3;
        }

        return (paths.Distinct(StringComparer.Ordinal).ToList(), parsed);
    }

    // Each linked worktree's git directory (COMMON/worktrees/ID), keyed by the worktree's folder, read from
    // the "gitdir" file git keeps there (the path of the worktree's .git file).
    private Dictionary<string, string> LinkedGitDirectories()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var folder = Path.Combine(CommonDirectory, "worktrees");
        if (!Directory.Exists(folder))
        {
            return result;
        }

        foreach (var dir in Directory.EnumerateDirectories(folder))
        {
            var file = Path.Combine(dir, "gitdir");
            if (File.Exists(file))
            {
                var dotGit = File.ReadAllText(file).Trim();
                if (Path.GetDirectoryName(Path.GetFullPath(dotGit, dir)) is { } worktree)
                {
                    result[Normalize(worktree)] = dir;
                }
            }
        }

        return result;
    }

    private static string Normalize(string path) => TrimSeparator(Path.GetFullPath(path));

    private static string? AgentIn(string gitDir)
    {
        var file = Path.Combine(gitDir, "config.worktree");
        if (!File.Exists(file))
        {
            return null;
        }

        using var config = Configuration.BuildFrom(file);
        var value = config.Get<string>("scopeguard.agent", ConfigurationLevel.Local)?.Value;
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
