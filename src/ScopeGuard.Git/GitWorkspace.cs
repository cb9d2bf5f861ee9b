using System;
using System.IO;
using LibGit2Sharp;
using ScopeGuard.Core;

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

    // libgit2 hashes every object it reads again and compares the result with the object's name; git
    // does not (it hashes objects as they enter the repository: index-pack on fetch, clone and push,
    // hash-object and the index on write; after that only fsck verifies). Objects a pull request brings
    // were hashed by index-pack when fetched; whoever can write into the object store directly can as
    // well change the refs, the hooks or the tool. Reading is then as trusting as git's own diff, for
    // two thirds less time per blob (docs/performance.md, "libgit2's hash verification").
    static GitWorkspace() => GlobalSettings.SetStrictHashVerification(false);
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

    /// <inheritdoc/>
    public DeclarationCacheStore? OpenDeclarationCache(long capBytes) =>
        new(DeclarationCacheStore.DirectoryOf(CommonDirectory), capBytes);

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

    private static string DiscoveredWorkingDirectory(string gitDir, string fallback)
    {
        using var probe = new Repository(gitDir);
        return probe.Info.WorkingDirectory ?? fallback;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string TrimSeparator(string path) =>
        path.Length > 1 ? path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : path;
}
