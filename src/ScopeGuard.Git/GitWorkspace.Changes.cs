using System.Collections.Generic;
using System.IO;
using LibGit2Sharp;
using ScopeGuard.Core.Changes;

namespace ScopeGuard.Git;

/// <summary>Change sets: the index against HEAD and one commit against another, with rename and copy detection.</summary>
public sealed partial class GitWorkspace
{
    /// <summary>Gets the staged changes: the index against HEAD (or the empty tree before the first commit), with renames.</summary>
    /// <returns>The changes in path order.</returns>
    public IReadOnlyList<FileChange> StagedChanges()
    {
        if (IndexNeedsGit)
        {
            return StagedChangesThroughGit();
        }

        var head = repository.Head.Tip?.Tree;
        var options = new CompareOptions
        {
            Similarity = new SimilarityOptions { RenameDetectionMode = RenameDetectionMode.Copies },
        };

        var changes = Convert(repository.Diff.Compare<TreeChanges>(head, DiffTargets.Index, null, null, options));
        return HasLossyName(changes) ? StagedChangesThroughGit() : changes;
    }

    /// <summary>Gets the changes between two commits' trees, with rename and copy detection.</summary>
    /// <param name="oldCommit">The old commit SHA, or <see langword="null"/> for the empty tree.</param>
    /// <param name="newCommit">The new commit SHA.</param>
    /// <returns>The changes in path order.</returns>
    public IReadOnlyList<FileChange> CommitChanges(string? oldCommit, string newCommit)
    {
        var oldTree = oldCommit is null ? null : RequireCommit(oldCommit).Tree;
        var newTree = RequireCommit(newCommit).Tree;
        EnsureDiffBlobs(oldTree, newTree);
        var options = new CompareOptions
        {
            Similarity = new SimilarityOptions { RenameDetectionMode = RenameDetectionMode.Copies },
        };

        var changes = Convert(repository.Diff.Compare<TreeChanges>(oldTree, newTree, options));
        return HasLossyName(changes) ? CommitChangesThroughGit(oldCommit, newCommit) : changes;
    }

    // libgit2 hands names over as UTF-8 strings, with U+FFFD for bytes that are not UTF-8: two such names
    // become one, and neither can be shown as git shows it. Then git itself lists the change set, byte-exact.
    private static bool HasLossyName(List<FileChange> changes) =>
        changes.Exists(c => c.Path.Contains('\uFFFD', System.StringComparison.Ordinal) || c.OldPath.Contains('\uFFFD', System.StringComparison.Ordinal));

    private static List<FileChange> Convert(TreeChanges changes)
    {
        var result = new List<FileChange>();
        foreach (var change in changes)
        {
            ChangeStatus status;
            switch (change.Status)
            {
                case ChangeKind.Added: status = ChangeStatus.Added; break;
                case ChangeKind.Deleted: status = ChangeStatus.Deleted; break;
                case ChangeKind.Modified: status = ChangeStatus.Modified; break;
                case ChangeKind.Renamed: status = ChangeStatus.Renamed; break;
                case ChangeKind.Copied: status = ChangeStatus.Copied; break;
                case ChangeKind.TypeChanged: status = ChangeStatus.TypeChanged; break;

                // An unmerged or unreadable entry still changes its path: judge it as modified.
                case ChangeKind.Conflicted:
                case ChangeKind.Unreadable: status = ChangeStatus.Modified; break;
                default: continue;
            }

            var oldKind = Kind(change.OldMode, change.OldExists);
            var newKind = Kind(change.Mode, change.Exists);
            result.Add(new FileChange(
                ToGitPath(change.Path),
                ToGitPath(change.OldPath ?? change.Path),
                status,
                oldKind,
                newKind,
                oldKind == EntryKind.None ? null : change.OldOid.Sha,
                newKind == EntryKind.None ? null : change.Oid.Sha));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    private static EntryKind Kind(Mode mode, bool exists) => !exists ? EntryKind.None : mode switch
    {
        Mode.ExecutableFile => EntryKind.Executable,
        Mode.SymbolicLink => EntryKind.Symlink,
        Mode.GitLink => EntryKind.Submodule,
        Mode.Nonexistent => EntryKind.None,
        _ => EntryKind.File,
    };

    // LibGit2Sharp hands out native paths; a backslash is a separator only on Windows, elsewhere it is part of a name.
    private static string ToGitPath(string path) =>
        Path.DirectorySeparatorChar == '\\' ? path.Replace('\\', '/') : path;
}
