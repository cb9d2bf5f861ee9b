using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScopeGuard.Core.Changes;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Tests.Support;

/// <summary>
/// An in-memory repository behind the git seam, for tests of a command's own branches (output pairing,
/// manifest choice, reports) where a real repository is not the point. Commits are named, each with
/// its files; <c>main</c> and the current branch point at commits; the index is a set of changes.
/// </summary>
internal sealed class FakeRepository : IGitRepository, IChangeContents
{
    private readonly Dictionary<string, Dictionary<string, string>> commits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> parents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> branches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> blobs = new(StringComparer.Ordinal);

    public string WorkingDirectory { get; init; } = "/fake";

    public string? WorkTreeRoot => WorkingDirectory;

    // No git directory to keep a cache in.
    public DeclarationCacheStore? OpenDeclarationCache(long capBytes) => null;

    public string? Branch { get; set; }

    public string? RebaseBranch { get; set; }

    public IReadOnlyList<string> MergeHeads { get; set; } = [];

    public string? CherryPickHead { get; set; }

    public string? RevertHead { get; set; }

    public string? HeadSha => Branch is null ? null : branches.GetValueOrDefault(Branch);

    public bool IsShallow => false;

    public bool IgnoreCase { get; set; }

    public bool QuotePath { get; set; } = true;

    public IChangeContents Contents => this;

    public List<FileChange> Staged { get; } = [];

    public Dictionary<string, string> StagedFiles { get; } = new(StringComparer.Ordinal);

    public bool Disposed { get; private set; }

    /// <summary>Records a commit with these files on top of <paramref name="parent"/> and points <paramref name="branch"/> at it.</summary>
    public string Commit(string branch, string? parent, IReadOnlyDictionary<string, string> files)
    {
        var sha = (commits.Count + 1).ToString("x40", System.Globalization.CultureInfo.InvariantCulture);
        commits[sha] = new Dictionary<string, string>(files, StringComparer.Ordinal);
        parents[sha] = parent;
        branches[branch] = sha;
        return sha;
    }

    /// <summary>Stages a new text for a path, as a change against HEAD.</summary>
    public void Stage(string path, string text)
    {
        var old = HeadSha is { } head && commits[head].TryGetValue(path, out var before) ? Put(before) : null;
        Staged.Add(new FileChange(path, path, old is null ? ChangeStatus.Added : ChangeStatus.Modified, old is null ? EntryKind.None : EntryKind.File, EntryKind.File, old, Put(text)));
        StagedFiles[path] = text;
    }

    public (string? Value, string? Origin) ReadAgentConfig() => (null, null);

    public IReadOnlyList<FileChange> StagedChanges() => Staged;

    public string? ResolveCommit(string revision) =>
        commits.ContainsKey(revision) ? revision : branches.GetValueOrDefault(revision.Replace("refs/heads/", string.Empty, StringComparison.Ordinal));

    public string? ReferenceName(string revision) => branches.ContainsKey(revision) ? "refs/heads/" + revision : null;

    public string? MergeBase(string first, string second)
    {
        var ancestors = Ancestry(first).ToHashSet(StringComparer.Ordinal);
        return Ancestry(second).FirstOrDefault(ancestors.Contains);
    }

    public bool IsAncestor(string ancestor, string descendant) => Ancestry(descendant).Contains(ancestor);

    public IReadOnlyList<FileChange> CommitChanges(string? oldCommit, string newCommit) => throw new NotSupportedException("the fake has no tree diff");

    public IReadOnlyList<(string Sha, string? Parent)> CommitsBetween(string exclude, string head) => [];

    public IReadOnlyList<(string Sha, IReadOnlyList<string> Parents)> NewCommits(IReadOnlyCollection<string> exclude, string head) => [];

    public IReadOnlyList<(string Reference, string Sha)> BranchTips(string branch) =>
        branches.TryGetValue(branch, out var sha) ? [("refs/heads/" + branch, sha)] : [];

    public IReadOnlyList<string> RemoteTips(string remote) => [];

    public IReadOnlyList<(string Reference, string Sha)> AllBranches() =>
        branches.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => ("refs/heads/" + b.Key, b.Value)).ToList();

    public byte[]? ReadAt(string commit, string path) =>
        commits.TryGetValue(commit, out var files) && files.TryGetValue(path, out var text) ? Encoding.UTF8.GetBytes(text) : null;

    public string? BlobIdAt(string commit, string path) =>
        commits.TryGetValue(commit, out var files) && files.TryGetValue(path, out var text) ? Put(text) : null;

    public IReadOnlyList<(string Path, string BlobId)> TreeFiles(string commit, IReadOnlyList<string> folders) =>
        commits.TryGetValue(commit, out var files) ? files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, Put(f.Value))).ToList() : [];

    public byte[] ReadBlob(string blobId) => blobs.TryGetValue(blobId, out var text) ? Encoding.UTF8.GetBytes(text) : throw new ScopeGuard.Core.ScopeGuardException($"blob {blobId} is not in this repository");

    public byte[]? ReadStaged(string path) =>
        StagedFiles.TryGetValue(path, out var text) ? Encoding.UTF8.GetBytes(text) : HeadSha is { } head ? ReadAt(head, path) : null;

    public byte[]? ReadOld(FileChange change) => change.OldBlobId is { } id ? Encoding.UTF8.GetBytes(blobs[id]) : null;

    public byte[]? ReadNew(FileChange change) => change.NewBlobId is { } id ? Encoding.UTF8.GetBytes(blobs[id]) : null;

    public void Dispose() => Disposed = true;

    private string Put(string text)
    {
        var id = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40].ToLowerInvariant();
        blobs[id] = text;
        return id;
    }

    private IEnumerable<string> Ancestry(string sha)
    {
        for (string? at = sha; at is not null; at = parents.GetValueOrDefault(at))
        {
            yield return at;
        }
    }
}
