using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ScopeGuard.Git;

/// <summary>
/// What git is in the middle of in this worktree: a rebase (and the branch it rewrites), a merge, a
/// cherry-pick or a revert. Read from the state files git keeps in this worktree's own git directory
/// (<see cref="GitDirectory"/>: for a linked worktree <c>.git/worktrees/NAME</c>), never from the common one.
/// Also which other worktrees the repository has, and whether <c>core.hooksPath</c> means a different
/// folder in each of them.
/// </summary>
public sealed partial class GitWorkspace
{
    /// <summary>
    /// Gets a value indicating whether a rebase is stopped in this worktree: <c>rebase-merge/</c>
    /// (the default and <c>rebase -i</c>) or <c>rebase-apply/</c> started by <c>git rebase --apply</c>
    /// (a <c>rebase-apply/</c> left by <c>git am</c> is not a rebase).
    /// </summary>
    public bool IsRebaseInProgress => RebaseStateDirectory is not null;

    /// <summary>
    /// Gets the short name of the branch a stopped rebase is rewriting (<c>head-name</c> without
    /// <c>refs/heads/</c>), or <see langword="null"/> when no rebase is in progress or it rewrites a
    /// detached HEAD. While a rebase is stopped HEAD is detached, so <see cref="Branch"/> is
    /// <see langword="null"/>: this is the branch the commits made now will end up on.
    /// </summary>
    public string? RebaseBranch
    {
        get
        {
            var headName = ReadRebaseFile("head-name");
            const string prefix = "refs/heads/";
            return headName is not null && headName.StartsWith(prefix, StringComparison.Ordinal) && headName.Length > prefix.Length
                ? headName.Substring(prefix.Length)
                : null;
        }
    }

    /// <summary>
    /// Gets the full SHA of the commit a stopped rebase replays onto (<c>onto</c>), or
    /// <see langword="null"/> when no rebase is in progress or the file does not name a SHA.
    /// </summary>
    public string? RebaseOnto => ReadRebaseFile("onto") is { } onto && IsSha(onto) ? onto : null;

    /// <summary>
    /// Gets the commits a stopped or running merge is merging in (<c>MERGE_HEAD</c>, one per line,
    /// several for an octopus merge); empty when no merge is in progress.
    /// </summary>
    public IReadOnlyList<string> MergeHeads => ReadShas("MERGE_HEAD");

    /// <summary>Gets a value indicating whether a merge is in progress (<c>MERGE_HEAD</c> exists).</summary>
    public bool IsMergeInProgress => MergeHeads.Count > 0;

    /// <summary>Gets the commit a stopped cherry-pick is picking (<c>CHERRY_PICK_HEAD</c>), or <see langword="null"/>.</summary>
    public string? CherryPickHead => FirstSha("CHERRY_PICK_HEAD");

    /// <summary>Gets the commit a stopped revert is reverting (<c>REVERT_HEAD</c>), or <see langword="null"/>.</summary>
    public string? RevertHead => FirstSha("REVERT_HEAD");

    /// <summary>
    /// Gets a value indicating whether <c>core.hooksPath</c> is set to a relative path. Git resolves such a
    /// path against the root of the worktree a hook runs in, so each worktree runs the hooks of its own copy
    /// of that folder (<see cref="HooksDirectory"/> is this worktree's).
    /// </summary>
    public bool IsHooksPathRelative =>
        ReadConfig("core.hooksPath") is { Length: > 0 } configured
        && !configured.StartsWith('~')
        && !Path.IsPathRooted(configured);

    /// <summary>
    /// Gets the root of every working tree of this repository that exists: the main one (unless the
    /// repository is bare), then the linked ones in <c>worktrees/</c> of the common git directory. A linked
    /// worktree whose folder is gone (what <c>git worktree prune</c> would remove) is left out.
    /// </summary>
    public IReadOnlyList<string> WorktreeRoots
    {
        get
        {
            var roots = new List<string>();
            if (GitDirectory == CommonDirectory)
            {
                roots.Add(WorkingDirectory);
            }
            else
            {
                using var main = new LibGit2Sharp.Repository(CommonDirectory);
                if (main.Info.WorkingDirectory is { } mainRoot)
                {
                    roots.Add(TrimSeparator(mainRoot));
                }
            }

            var linked = Path.Combine(CommonDirectory, "worktrees");
            if (Directory.Exists(linked))
            {
                foreach (var entry in Directory.GetDirectories(linked).Order(StringComparer.Ordinal))
                {
                    // worktrees/NAME/gitdir holds the path of the worktree's .git file.
                    var dotGit = ReadStateFile(Path.Combine(entry, "gitdir"))?.Trim();
                    if (!string.IsNullOrEmpty(dotGit))
                    {
                        var file = Path.GetFullPath(Path.Combine(entry, dotGit));
                        if (File.Exists(file) && Path.GetDirectoryName(file) is { } root)
                        {
                            roots.Add(TrimSeparator(root));
                        }
                    }
                }
            }

            return roots;
        }
    }

    private string? RebaseStateDirectory
    {
        get
        {
            var merge = Path.Combine(GitDirectory, "rebase-merge");
            if (Directory.Exists(merge))
            {
                return merge;
            }

            // git am uses rebase-apply/ too; git rebase --apply marks it with a "rebasing" file.
            var apply = Path.Combine(GitDirectory, "rebase-apply");
            return Directory.Exists(apply) && File.Exists(Path.Combine(apply, "rebasing")) ? apply : null;
        }
    }

    private string? ReadRebaseFile(string name)
    {
        var directory = RebaseStateDirectory;
        if (directory is null)
        {
            return null;
        }

        var text = ReadStateFile(Path.Combine(directory, name))?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private string? FirstSha(string name) => ReadShas(name) is [var first, ..] ? first : null;

    private List<string> ReadShas(string name)
    {
        var text = ReadStateFile(Path.Combine(GitDirectory, name));
        return text is null
            ? []
            : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(IsSha).ToList();
    }

    // A state file can vanish between the check and the read when git finishes meanwhile: that is "not in progress".
    private static string? ReadStateFile(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsSha(string text) =>
        text.Length is 40 or 64 && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
