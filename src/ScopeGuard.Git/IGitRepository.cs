using System;
using System.Collections.Generic;
using ScopeGuard.Core.Changes;

namespace ScopeGuard.Git;

/// <summary>
/// What a check reads from git: the seam between the commands and LibGit2Sharp. Every member only
/// reads; nothing behind it writes the index, the working tree, refs or config (the declaration cache,
/// under the git directory's <c>scopeguard/</c>, is the one thing a check writes).
/// </summary>
public interface IGitRepository : IDisposable
{
    /// <summary>Gets the root of the working tree, without a trailing separator.</summary>
    string WorkingDirectory { get; }

    /// <summary>Gets the root of the working tree, or <see langword="null"/> in a bare repository (a range check needs none).</summary>
    string? WorkTreeRoot { get; }

    /// <summary>Gets the current short branch name, or <see langword="null"/> when HEAD is detached.</summary>
    string? Branch { get; }

    /// <summary>Gets the branch a stopped rebase is rewriting (HEAD is detached meanwhile), or <see langword="null"/>.</summary>
    string? RebaseBranch { get; }

    /// <summary>Gets the commits a merge in progress brings in (<c>MERGE_HEAD</c>); empty when none is.</summary>
    IReadOnlyList<string> MergeHeads { get; }

    /// <summary>Gets the commit a stopped cherry-pick is picking (<c>CHERRY_PICK_HEAD</c>), or <see langword="null"/>.</summary>
    string? CherryPickHead { get; }

    /// <summary>Gets the commit a stopped revert is reverting (<c>REVERT_HEAD</c>), or <see langword="null"/>.</summary>
    string? RevertHead { get; }

    /// <summary>Gets the commit HEAD points at, or <see langword="null"/> before the first commit.</summary>
    string? HeadSha { get; }

    /// <summary>Gets a value indicating whether git compares file names case-insensitively here (<c>core.ignoreCase</c>).</summary>
    bool IgnoreCase { get; }

    /// <summary>Gets a value indicating whether git shows non-ASCII bytes of paths as octal escapes (<c>core.quotePath</c>).</summary>
    bool QuotePath { get; }

    /// <summary>Gets a value indicating whether the repository is a shallow clone.</summary>
    bool IsShallow { get; }

    /// <summary>Gets a reader of the old and new blobs of this repository's change sets (safe from several threads).</summary>
    IChangeContents Contents { get; }

    /// <summary>
    /// Opens the declaration cache shared by the repository's worktrees (<c>scopeguard/cache</c> in the common
    /// git directory): the only thing a check writes. <see langword="null"/> when there is none to open.
    /// </summary>
    /// <param name="capBytes">The size cap.</param>
    /// <returns>The cache, or <see langword="null"/>.</returns>
    DeclarationCacheStore? OpenDeclarationCache(long capBytes);

    /// <summary>Reads <c>scopeguard.agent</c> from git config, worktree config first.</summary>
    /// <returns>The value and which config answered, or nulls.</returns>
    (string? Value, string? Origin) ReadAgentConfig();

    /// <summary>Gets the staged changes: the index against HEAD (or the empty tree before the first commit).</summary>
    /// <returns>The changes in path order.</returns>
    IReadOnlyList<FileChange> StagedChanges();

    /// <summary>Resolves a revision to a commit SHA.</summary>
    /// <param name="revision">A branch, remote branch, tag, SHA or revision expression.</param>
    /// <returns>The SHA, or <see langword="null"/> when it names no commit here.</returns>
    string? ResolveCommit(string revision);

    /// <summary>Gets the full name of the reference a revision names, when it names a branch or remote branch.</summary>
    /// <param name="revision">The revision, e.g. <c>main</c> or <c>origin/main</c>.</param>
    /// <returns>The reference's full name, or <see langword="null"/>.</returns>
    string? ReferenceName(string revision);

    /// <summary>Finds the best common ancestor of two commits.</summary>
    /// <param name="first">A commit SHA.</param>
    /// <param name="second">Another commit SHA.</param>
    /// <returns>The merge base, or <see langword="null"/> for unrelated (or cut-off) histories.</returns>
    string? MergeBase(string first, string second);

    /// <summary>Tells whether <paramref name="ancestor"/> is reachable from <paramref name="descendant"/> (or is it).</summary>
    /// <param name="ancestor">A commit SHA.</param>
    /// <param name="descendant">Another commit SHA.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    bool IsAncestor(string ancestor, string descendant);

    /// <summary>Gets the changes between two commits' trees, with rename and copy detection.</summary>
    /// <param name="oldCommit">The old commit SHA, or <see langword="null"/> for the empty tree.</param>
    /// <param name="newCommit">The new commit SHA.</param>
    /// <returns>The changes in path order.</returns>
    IReadOnlyList<FileChange> CommitChanges(string? oldCommit, string newCommit);

    /// <summary>Lists the commits reachable from <paramref name="head"/> and not from <paramref name="exclude"/>, oldest first, with their first parents.</summary>
    /// <param name="exclude">The commit whose history is excluded.</param>
    /// <param name="head">The head commit.</param>
    /// <returns>SHA and first parent of each commit.</returns>
    IReadOnlyList<(string Sha, string? Parent)> CommitsBetween(string exclude, string head);

    /// <summary>Lists the commits reachable from <paramref name="head"/> and from none of <paramref name="exclude"/>, oldest first, with all their parents.</summary>
    /// <param name="exclude">Commits whose histories are excluded (may be empty).</param>
    /// <param name="head">The head commit.</param>
    /// <returns>SHA and parents of each commit.</returns>
    IReadOnlyList<(string Sha, IReadOnlyList<string> Parents)> NewCommits(IReadOnlyCollection<string> exclude, string head);

    /// <summary>Gets the tips of a branch here: <c>refs/heads/NAME</c> and every remote's <c>refs/remotes/REMOTE/NAME</c> that exist.</summary>
    /// <param name="branch">The short branch name.</param>
    /// <returns>Reference name and commit of each.</returns>
    IReadOnlyList<(string Reference, string Sha)> BranchTips(string branch);

    /// <summary>Gets every local branch (<c>refs/heads/…</c>) and remote-tracking branch (<c>refs/remotes/…</c>, not the symbolic <c>HEAD</c>s).</summary>
    /// <returns>Reference name and commit of each, in reference order.</returns>
    IReadOnlyList<(string Reference, string Sha)> AllBranches();

    /// <summary>Gets the commits every remote-tracking branch of one remote points at.</summary>
    /// <param name="remote">The remote's name.</param>
    /// <returns>Distinct commit SHAs.</returns>
    IReadOnlyList<string> RemoteTips(string remote);

    /// <summary>Reads a file as committed in a given commit.</summary>
    /// <param name="commit">The commit SHA.</param>
    /// <param name="path">The repository-relative path.</param>
    /// <returns>The bytes, or <see langword="null"/> when the commit has no such file.</returns>
    byte[]? ReadAt(string commit, string path);

    /// <summary>Gets the blob a commit has at a path.</summary>
    /// <param name="commit">The commit SHA.</param>
    /// <param name="path">The repository-relative path.</param>
    /// <returns>The blob's SHA, or <see langword="null"/> when the commit has no file there.</returns>
    string? BlobIdAt(string commit, string path);

    /// <summary>Lists the regular files of a commit's tree under some folders (an empty string is the whole tree).</summary>
    /// <param name="commit">The commit SHA.</param>
    /// <param name="folders">Repository-relative folders.</param>
    /// <returns>Path and blob ID of each file, in path order.</returns>
    IReadOnlyList<(string Path, string BlobId)> TreeFiles(string commit, IReadOnlyList<string> folders);

    /// <summary>Reads a blob by its ID.</summary>
    /// <param name="blobId">The blob's SHA.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="ScopeGuard.Core.ScopeGuardException">There is no such blob (a damaged repository): never read as an empty file.</exception>
    byte[] ReadBlob(string blobId);

    /// <summary>Reads a file as staged in the index.</summary>
    /// <param name="path">The repository-relative path.</param>
    /// <returns>The bytes, or <see langword="null"/> when the index has no such file.</returns>
    byte[]? ReadStaged(string path);
}
