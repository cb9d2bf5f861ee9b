using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LibGit2Sharp;
using ScopeGuard.Core;
using ScopeGuard.Core.Changes;

namespace ScopeGuard.Git;

/// <summary>Blob reads: file contents at a commit, at HEAD, in the index, and the thread-safe reader of change sets.</summary>
public sealed partial class GitWorkspace
{
    /// <summary>Reads a file as committed in a given commit.</summary>
    /// <param name="commit">The commit SHA.</param>
    /// <param name="path">The repository-relative path.</param>
    /// <returns>The bytes, or <see langword="null"/> when the commit has no such file.</returns>
    public byte[]? ReadAt(string commit, string path)
    {
        var entry = CommitAt(commit)?[path];
        if (entry is null || entry.TargetType != TreeEntryTargetType.Blob)
        {
            return null;
        }

        EnsureBlobs([(entry.Target.Id, path)]);
        return entry.Target is Blob blob ? ReadBlob(blob) : null;
    }

    /// <summary>Lists the files of a commit's tree under some folders (recursively), as git's ls-tree would.</summary>
    /// <param name="commit">The commit SHA.</param>
    /// <param name="folders">Repository-relative folders with <c>/</c> separators; an empty string is the whole tree.</param>
    /// <returns>Path and blob ID of each regular or executable file, in path order.</returns>
    public IReadOnlyList<(string Path, string BlobId)> TreeFiles(string commit, IReadOnlyList<string> folders)
    {
        var result = new List<(string Path, string BlobId)>();
        var tree = RequireCommit(commit).Tree;
        foreach (var folder in folders.Select(f => f.Trim('/')).Distinct(StringComparer.Ordinal))
        {
            var start = folder.Length == 0 ? tree : tree[folder]?.Target as Tree;
            if (start is not null)
            {
                Walk(start, folder.Length == 0 ? string.Empty : folder + "/");
            }
        }

        return result.Distinct().OrderBy(f => f.Path, StringComparer.Ordinal).ToList();

        void Walk(Tree node, string prefix)
        {
            foreach (var entry in node)
            {
                if (entry.TargetType == TreeEntryTargetType.Tree)
                {
                    Walk((Tree)entry.Target, prefix + entry.Name + "/");
                }
                else if (entry.TargetType == TreeEntryTargetType.Blob && entry.Mode is Mode.NonExecutableFile or Mode.ExecutableFile or Mode.NonExecutableGroupWritableFile)
                {
                    result.Add((prefix + entry.Name, entry.Target.Sha));
                }
            }
        }
    }

    /// <summary>Reads a blob by its ID.</summary>
    /// <param name="blobId">The blob's SHA.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="ScopeGuardException">The object database has no such blob (a damaged repository).</exception>
    public byte[] ReadBlob(string blobId) => ReadBlob(repository, blobId);

    /// <summary>
    /// Gets a reader of the old and new blobs of this repository's change sets. It may be called from
    /// several threads at once: the thread that opened the workspace reads through the workspace's
    /// repository, every other thread through its own handle on the same git directory (a libgit2
    /// repository is not safe to share between threads). The workspace's other members belong to the
    /// thread that opened it, as a LibGit2Sharp repository does.
    /// </summary>
    public IChangeContents Contents => contents ??= new BlobContents(repository, openingThread, GitDirectory);

    /// <summary>Reads a file as committed at HEAD.</summary>
    /// <param name="path">The repository-relative path.</param>
    /// <returns>The bytes, or <see langword="null"/> when HEAD is unborn or has no such file.</returns>
    public byte[]? ReadAtHead(string path)
    {
        var entry = repository.Head.Tip?[path];
        return entry?.Target is Blob blob ? ReadBlob(blob) : null;
    }

    /// <summary>Reads a file as staged in the index.</summary>
    /// <param name="path">The repository-relative path.</param>
    /// <returns>The bytes, or <see langword="null"/> when the index has no such file.</returns>
    public byte[]? ReadStaged(string path)
    {
        if (IndexNeedsGit)
        {
            return ReadStagedThroughGit(path);
        }

        var entry = repository.Index[path];
        return entry is null ? null : ReadBlob(repository, entry.Id.Sha);
    }

    private sealed class BlobContents : IChangeContents, IDisposable
    {
        private readonly Repository owner;
        private readonly int ownerThread;
        private readonly ThreadLocal<Repository> perThread;

        public BlobContents(Repository owner, int ownerThread, string gitDirectory)
        {
            this.owner = owner;
            this.ownerThread = ownerThread;

            // Blobs live in the object database, which the git directory names (alternates included).
            perThread = new ThreadLocal<Repository>(() => new Repository(gitDirectory), trackAllValues: true);
        }

        public byte[]? ReadOld(FileChange change) => Read(change.OldBlobId);

        public byte[]? ReadNew(FileChange change) => Read(change.NewBlobId);

        public void Dispose()
        {
            foreach (var repository in perThread.Values)
            {
                repository.Dispose();
            }

            perThread.Dispose();
        }

        private byte[]? Read(string? id)
        {
            if (id is null)
            {
                return null;
            }

            return ReadBlob(Environment.CurrentManagedThreadId == ownerThread ? owner : perThread.Value!, id);
        }
    }

    // A blob a tree or the index names: missing means a damaged repository (a partial clone's missing blobs
    // are fetched before they are read: EnsureBlobs), never "no contents", which would judge the file as empty.
    private static byte[] ReadBlob(Repository repository, string id)
    {
        try
        {
            return repository.Lookup<Blob>(new ObjectId(id)) is { } blob ? ReadBlob(blob) : throw MissingBlob(id, null);
        }
        catch (NotFoundException ex)
        {
            throw MissingBlob(id, ex);
        }
    }

    private static ScopeGuardException MissingBlob(string id, Exception? inner)
    {
        var message = $"blob {id} is not in this repository (a partial clone that could not fetch it, or a damaged repository: git fsck says what is missing)";
        return inner is null ? new ScopeGuardException(message) : new ScopeGuardException(message + ": " + inner.Message, inner);
    }

    private static byte[] ReadBlob(Blob blob)
    {
        // The raw content stream knows its length: read it into one array, without a growing buffer and a copy.
        try
        {
            using var stream = blob.GetContentStream();
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (NotFoundException ex)
        {
            throw MissingBlob(blob.Sha, ex);
        }
    }
}
