using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using LibGit2Sharp;
using ScopeGuard.Core;
using ScopeGuard.Core.Changes;

namespace ScopeGuard.Git;

/// <summary>
/// One git working tree, opened read-only the way git itself would see it from a hook:
/// <c>GIT_DIR</c>, <c>GIT_WORK_TREE</c> and <c>GIT_INDEX_FILE</c> are honoured, so
/// <c>git commit -a</c> and <c>git commit PATHS</c> are judged by the index git is committing.
/// Nothing here writes the index, the working tree, refs or config.
/// </summary>
public sealed partial class GitWorkspace : IGitRepository
{
    private readonly Repository repository;
    private Configuration? linkedSharedConfig;
    private Configuration? worktreeConfig;
    private readonly int openingThread;
    private BlobContents? contents;
    private bool configOpened;

    private GitWorkspace(Repository repository, string? indexOverride)
    {
        this.repository = repository;
        IndexFile = indexOverride;
        openingThread = Environment.CurrentManagedThreadId;
    }

    /// <summary>Gets the root of the working tree, without a trailing separator.</summary>
    public string WorkingDirectory => TrimSeparator(repository.Info.WorkingDirectory
        ?? throw new ScopeGuardException($"{repository.Info.Path} is a bare repository: there is no working tree or index to check"));

    /// <summary>Gets the root of the working tree, without a trailing separator, or <see langword="null"/> in a bare repository.</summary>
    public string? WorkTreeRoot => repository.Info.WorkingDirectory is { } root ? TrimSeparator(root) : null;

    /// <summary>Gets this working tree's git directory (for a linked worktree, <c>.git/worktrees/NAME</c>).</summary>
    public string GitDirectory => TrimSeparator(repository.Info.Path);

    /// <summary>Gets the git directory shared by all worktrees (where hooks and refs live).</summary>
    public string CommonDirectory
    {
        get
        {
            var commondirFile = Path.Combine(GitDirectory, "commondir");
            if (!File.Exists(commondirFile))
            {
                return GitDirectory;
            }

            var relative = File.ReadAllText(commondirFile).Trim();
            return TrimSeparator(Path.GetFullPath(Path.Combine(GitDirectory, relative)));
        }
    }

    /// <summary>Gets the index file read for staged changes when <c>GIT_INDEX_FILE</c> named one.</summary>
    public string? IndexFile { get; }

    /// <summary>Gets a value indicating whether HEAD points at a branch with no commit yet.</summary>
    public bool IsHeadUnborn => repository.Info.IsHeadUnborn;

    /// <summary>Gets a value indicating whether HEAD is detached.</summary>
    public bool IsHeadDetached => repository.Info.IsHeadDetached;

    /// <summary>Gets the current short branch name, or <see langword="null"/> when HEAD is detached.</summary>
    public string? Branch
    {
        get
        {
            if (repository.Info.IsHeadDetached)
            {
                return null;
            }

            var target = repository.Refs.Head?.TargetIdentifier ?? repository.Head.CanonicalName;
            const string prefix = "refs/heads/";
            return target.StartsWith(prefix, StringComparison.Ordinal) ? target.Substring(prefix.Length) : null;
        }
    }

    /// <summary>
    /// Opens the repository that contains <paramref name="startDirectory"/>, as git would from there.
    /// </summary>
    /// <param name="startDirectory">Where to start looking (usually the current directory).</param>
    /// <param name="environment">Reads an environment variable (inject for tests; defaults to the process environment).</param>
    /// <returns>The workspace.</returns>
    /// <exception cref="ScopeGuardException">No repository is there.</exception>
    public static GitWorkspace Open(string startDirectory, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var start = Path.GetFullPath(startDirectory);
        var gitDirVariable = NonEmpty(environment("GIT_DIR"));
        var workTreeVariable = NonEmpty(environment("GIT_WORK_TREE"));
        var indexVariable = NonEmpty(environment("GIT_INDEX_FILE"));

        string gitDir;
        if (gitDirVariable is not null)
        {
            gitDir = Path.GetFullPath(Path.Combine(start, gitDirVariable));
            if (!Directory.Exists(gitDir))
            {
                throw new ScopeGuardException($"GIT_DIR names '{gitDir}', which does not exist");
            }
        }
        else
        {
            gitDir = Repository.Discover(start)
                ?? throw new ScopeGuardException($"'{start}' is not inside a git repository: run scopeguard in a git working tree (or pass --manifest for commands that need no repository)");
        }

        var workTree = workTreeVariable is null ? null : Path.GetFullPath(Path.Combine(start, workTreeVariable));

        try
        {
            // Git moves to the top of the working tree before it reads a relative GIT_INDEX_FILE (a hook runs
            // there too); with GIT_DIR but no GIT_WORK_TREE, git takes the current directory as that top.
            string? indexFile = null;
            if (indexVariable is not null)
            {
                var top = workTree ?? (gitDirVariable is not null || Path.IsPathRooted(indexVariable) ? start : DiscoveredWorkingDirectory(gitDir, start));
                indexFile = Path.GetFullPath(Path.Combine(top, indexVariable));
                if (!File.Exists(indexFile))
                {
                    throw new ScopeGuardException($"GIT_INDEX_FILE names '{indexFile}', which does not exist");
                }
            }

            var options = new RepositoryOptions { IndexPath = indexFile, WorkingDirectoryPath = workTree };
            return OpenWithIndex(gitDir, options, indexFile);
        }
        catch (RepositoryNotFoundException ex)
        {
            throw new ScopeGuardException($"cannot open the git repository at '{gitDir}': {ex.Message}", ex);
        }
        catch (LibGit2SharpException ex)
        {
            throw new ScopeGuardException(UnsupportedFormat(gitDir, ex) ?? $"cannot open the git repository at '{gitDir}': {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Reads <c>scopeguard.agent</c> from git config, worktree config first (<c>git config --worktree</c>),
    /// then the repository, global and system config.
    /// </summary>
    /// <returns>The value and which config answered, or nulls.</returns>
    public (string? Value, string? Origin) ReadAgentConfig()
    {
        const string key = "scopeguard.agent";
        var levels = new[]
        {
            (ConfigurationLevel.Worktree, "worktree config"),
            (ConfigurationLevel.Local, "repository config"),
            (ConfigurationLevel.Global, "global config"),
            (ConfigurationLevel.Xdg, "user config"),
            (ConfigurationLevel.System, "system config"),
        };
        foreach (var (level, origin) in levels)
        {
            var value = ReadConfig(key, level);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return (value, origin);
            }
        }

        return (null, null);
    }

    /// <summary>Reads a string from git config (all levels, git's precedence).</summary>
    /// <param name="key">The key, e.g. <c>core.hooksPath</c>.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? ReadConfig(string key) =>
        ReadConfig(key, ConfigurationLevel.Worktree) ?? ReadConfig(key, ConfigurationLevel.Local) ?? repository.Config.Get<string>(key)?.Value;

    /// <summary>
    /// Gets the folder git runs hooks from: <c>core.hooksPath</c> (relative to the working tree root,
    /// <c>~</c> expanded) or the common git directory's <c>hooks</c>, as <c>git rev-parse --git-path hooks</c> says.
    /// </summary>
    public string HooksDirectory
    {
        get
        {
            var configured = ReadConfig("core.hooksPath");
            if (string.IsNullOrEmpty(configured))
            {
                return Path.Combine(CommonDirectory, "hooks");
            }

            if (configured!.StartsWith("~/", StringComparison.Ordinal) || configured == "~")
            {
                var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                configured = string.Concat(home, configured.AsSpan(1));
            }

            return TrimSeparator(Path.GetFullPath(Path.Combine(WorkingDirectory, configured)));
        }
    }

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

        var changes = repository.Diff.Compare<TreeChanges>(head, DiffTargets.Index, null, null, options);
        return Convert(changes);
    }

    /// <summary>Gets a value indicating whether the repository is a shallow clone.</summary>
    public bool IsShallow => repository.Info.IsShallow;

    /// <summary>Resolves a revision (branch, remote branch, tag, SHA, <c>HEAD~2</c>…) to a commit SHA.</summary>
    /// <param name="revision">The revision.</param>
    /// <returns>The SHA, or <see langword="null"/> when it names no commit here.</returns>
    public string? ResolveCommit(string revision)
    {
        try
        {
            return repository.Lookup(revision)?.Peel<Commit>()?.Sha;
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Finds the best common ancestor of two commits.</summary>
    /// <param name="first">A commit SHA.</param>
    /// <param name="second">Another commit SHA.</param>
    /// <returns>The merge base, or <see langword="null"/> (unrelated histories, or history cut off by a shallow clone).</returns>
    public string? MergeBase(string first, string second) =>
        repository.ObjectDatabase.FindMergeBase(repository.Lookup<Commit>(first), repository.Lookup<Commit>(second))?.Sha;

    /// <summary>Gets the changes between two commits' trees, with rename and copy detection.</summary>
    /// <param name="oldCommit">The old commit SHA, or <see langword="null"/> for the empty tree.</param>
    /// <param name="newCommit">The new commit SHA.</param>
    /// <returns>The changes in path order.</returns>
    public IReadOnlyList<FileChange> CommitChanges(string? oldCommit, string newCommit)
    {
        var oldTree = oldCommit is null ? null : repository.Lookup<Commit>(oldCommit).Tree;
        var newTree = repository.Lookup<Commit>(newCommit).Tree;
        EnsureDiffBlobs(oldTree, newTree);
        var options = new CompareOptions
        {
            Similarity = new SimilarityOptions { RenameDetectionMode = RenameDetectionMode.Copies },
        };

        return Convert(repository.Diff.Compare<TreeChanges>(oldTree, newTree, options));
    }

    /// <summary>Lists the commits reachable from <paramref name="head"/> but not from <paramref name="exclude"/>, oldest first, each with its first parent.</summary>
    /// <param name="exclude">The commit whose history is excluded (the merge base).</param>
    /// <param name="head">The head commit.</param>
    /// <returns>SHA and first parent SHA (null for a root commit) of each commit.</returns>
    public IReadOnlyList<(string Sha, string? Parent)> CommitsBetween(string exclude, string head)
    {
        var filter = new CommitFilter
        {
            IncludeReachableFrom = head,
            ExcludeReachableFrom = exclude,
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        };
        return repository.Commits.QueryBy(filter).Select(c => (c.Sha, c.Parents.FirstOrDefault()?.Sha)).ToList();
    }

    /// <summary>Reads a file as committed in a given commit.</summary>
    /// <param name="commit">The commit SHA.</param>
    /// <param name="path">The repository-relative path.</param>
    /// <returns>The bytes, or <see langword="null"/> when the commit has no such file.</returns>
    public byte[]? ReadAt(string commit, string path)
    {
        var entry = repository.Lookup<Commit>(commit)?[path];
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
        var tree = repository.Lookup<Commit>(commit).Tree;
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
    /// <returns>The bytes, or <see langword="null"/> when there is no such blob.</returns>
    public byte[]? ReadBlob(string blobId) =>
        repository.Lookup<Blob>(new ObjectId(blobId)) is { } blob ? ReadBlob(blob) : null;

    /// <summary>
    /// Gets the files git rewrites when HEAD, the index, a reference or the config changes: what an
    /// incremental build watches to know that a result derived from them is stale. Only existing files.
    /// </summary>
    /// <param name="references">Full reference names that matter besides HEAD's branch (e.g. <c>refs/heads/main</c>).</param>
    /// <returns>Absolute paths.</returns>
    public IReadOnlyList<string> StateFiles(IEnumerable<string> references)
    {
        var candidates = new List<string>
        {
            Path.Combine(GitDirectory, "HEAD"),
            IndexFile ?? Path.Combine(GitDirectory, "index"),
            Path.Combine(CommonDirectory, "packed-refs"),
            Path.Combine(CommonDirectory, "config"),
            Path.Combine(GitDirectory, "config.worktree"),
        };

        var headReference = repository.Refs.Head?.TargetIdentifier;
        foreach (var reference in headReference is null ? references : references.Append(headReference))
        {
            if (reference is not null && reference.StartsWith("refs/", StringComparison.Ordinal))
            {
                candidates.Add(Path.Combine(CommonDirectory, reference.Replace('/', Path.DirectorySeparatorChar)));
            }
        }

        return candidates.Distinct(StringComparer.Ordinal).Where(File.Exists).ToList();
    }

    /// <summary>Gets the full name of the reference a revision names, when it names a branch or remote branch.</summary>
    /// <param name="revision">The revision, e.g. <c>main</c> or <c>origin/main</c>.</param>
    /// <returns>The reference's full name, or <see langword="null"/>.</returns>
    public string? ReferenceName(string revision)
    {
        foreach (var candidate in new[] { revision, "refs/heads/" + revision, "refs/remotes/" + revision })
        {
            if (candidate.StartsWith("refs/", StringComparison.Ordinal) && repository.Refs[candidate] is { } reference)
            {
                return reference.CanonicalName;
            }
        }

        return null;
    }

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
        return entry is null ? null : ReadBlob(repository.Lookup<Blob>(entry.Id));
    }

    /// <summary>Turns an absolute or current-directory-relative path into a repository-relative one.</summary>
    /// <param name="path">The path as the user typed it.</param>
    /// <param name="currentDirectory">The directory it is relative to.</param>
    /// <returns>The repository-relative path with <c>/</c> separators.</returns>
    public string ToRepositoryPath(string path, string currentDirectory)
    {
        var full = Path.GetFullPath(Path.Combine(currentDirectory, path));
        var root = WorkingDirectory;
        if (full == root)
        {
            return string.Empty;
        }

        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ScopeGuardException($"'{path}' is outside the repository at '{root}'");
        }

        return full.Substring(root.Length + 1).Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        contents?.Dispose();
        worktreeConfig?.Dispose();
        linkedSharedConfig?.Dispose();
        repository.Dispose();
    }

    // LibGit2Sharp's repository.Config reads $GIT_DIR/config, which in a linked worktree is not the shared config
    // (so it finds nothing there), and it never reads config.worktree: open those two files from git's own locations.
    // Global, XDG and system config still come from repository.Config, which evaluates includeIf against this repository.
    private string? ReadConfig(string key, ConfigurationLevel level)
    {
        if (!configOpened)
        {
            configOpened = true;
            if (GitDirectory != CommonDirectory)
            {
                linkedSharedConfig = Configuration.BuildFrom(Path.Combine(CommonDirectory, "config"));
            }

            // git reads $GIT_DIR/config.worktree only when the shared config turns extensions.worktreeConfig on.
            var shared = linkedSharedConfig ?? repository.Config;
            var file = Path.Combine(GitDirectory, "config.worktree");
            if (shared.Get<bool>("extensions.worktreeConfig", ConfigurationLevel.Local)?.Value == true && File.Exists(file))
            {
                worktreeConfig = Configuration.BuildFrom(file);
            }
        }

        return level switch
        {
            ConfigurationLevel.Worktree => worktreeConfig?.Get<string>(key, ConfigurationLevel.Local)?.Value,
            ConfigurationLevel.Local => (linkedSharedConfig ?? repository.Config).Get<string>(key, ConfigurationLevel.Local)?.Value,
            _ => repository.Config.Get<string>(key, level)?.Value,
        };
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

            var repository = Environment.CurrentManagedThreadId == ownerThread ? owner : perThread.Value!;
            try
            {
                return repository.Lookup<Blob>(new ObjectId(id)) is { } blob ? ReadBlob(blob) : null;
            }
            catch (NotFoundException ex)
            {
                throw new ScopeGuardException($"blob {id} is not in this repository (a partial clone that could not fetch it, or a damaged repository: git fsck says which): {ex.Message}", ex);
            }
        }
    }

    private static byte[] ReadBlob(Blob blob)
    {
        // The raw content stream knows its length: read it into one array, without a growing buffer and a copy.
        using var stream = blob.GetContentStream();
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

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

    private static string DiscoveredWorkingDirectory(string gitDir, string fallback)
    {
        using var probe = new Repository(gitDir);
        return probe.Info.WorkingDirectory ?? fallback;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string TrimSeparator(string path) =>
        path.Length > 1 ? path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : path;
}
