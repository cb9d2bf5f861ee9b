using System;
using System.Collections.Generic;
using System.IO;
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
public sealed class GitWorkspace : IDisposable
{
    private readonly Repository repository;
    private Configuration? config;
    private bool ownsConfig;

    private GitWorkspace(Repository repository, string? indexOverride)
    {
        this.repository = repository;
        IndexFile = indexOverride;
    }

    /// <summary>
    /// Gets the repository's config as git reads it. <c>Repository.Config</c> is not that:
    /// LibGit2Sharp builds it from <c>GitDirectory/config</c>, which in a linked worktree is not the
    /// repository's config (that is in the common directory), so it would miss core.hooksPath and
    /// scopeguard.agent there. Global, XDG and system config follow as usual.
    /// </summary>
    private Configuration Config
    {
        get
        {
            if (config is null)
            {
                var file = Path.Combine(CommonDirectory, "config");
                ownsConfig = File.Exists(file);
                config = ownsConfig ? Configuration.BuildFrom(file) : repository.Config;
            }

            return config;
        }
    }

    /// <summary>Gets the root of the working tree, without a trailing separator.</summary>
    public string WorkingDirectory => TrimSeparator(repository.Info.WorkingDirectory
        ?? throw new ScopeGuardException($"{repository.Info.Path} is a bare repository: there is no working tree or index to check"));

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

        // Git resolves a relative GIT_INDEX_FILE from the directory the hook runs in.
        var indexFile = indexVariable is null ? null : Path.GetFullPath(Path.Combine(start, indexVariable));
        if (indexFile is not null && !File.Exists(indexFile))
        {
            throw new ScopeGuardException($"GIT_INDEX_FILE names '{indexFile}', which does not exist");
        }

        var options = new RepositoryOptions
        {
            IndexPath = indexFile,
            WorkingDirectoryPath = workTreeVariable is null ? null : Path.GetFullPath(Path.Combine(start, workTreeVariable)),
        };

        try
        {
            return new GitWorkspace(new Repository(gitDir, options), indexFile);
        }
        catch (RepositoryNotFoundException ex)
        {
            throw new ScopeGuardException($"cannot open the git repository at '{gitDir}': {ex.Message}", ex);
        }
        catch (LibGit2SharpException ex)
        {
            throw new ScopeGuardException($"cannot open the git repository at '{gitDir}': {ex.Message}", ex);
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
        var worktree = ReadWorktreeConfig(key);
        if (!string.IsNullOrWhiteSpace(worktree))
        {
            return (worktree, "worktree config");
        }

        var levels = new[]
        {
            (ConfigurationLevel.Local, "repository config"),
            (ConfigurationLevel.Global, "global config"),
            (ConfigurationLevel.Xdg, "user config"),
            (ConfigurationLevel.System, "system config"),
        };
        foreach (var (level, origin) in levels)
        {
            var entry = Config.Get<string>(key, level);
            if (entry is not null && !string.IsNullOrWhiteSpace(entry.Value))
            {
                return (entry.Value, origin);
            }
        }

        return (null, null);
    }

    /// <summary>Reads a string from git config (worktree config first, then git's usual precedence).</summary>
    /// <param name="key">The key, e.g. <c>core.hooksPath</c>.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? ReadConfig(string key) => ReadWorktreeConfig(key) ?? Config.Get<string>(key)?.Value;

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
        var head = repository.Head.Tip?.Tree;
        var options = new CompareOptions
        {
            Similarity = new SimilarityOptions { RenameDetectionMode = RenameDetectionMode.Copies },
        };

        var changes = repository.Diff.Compare<TreeChanges>(head, DiffTargets.Index, null, null, options);
        return Convert(changes);
    }

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
        if (ownsConfig)
        {
            config?.Dispose();
        }

        repository.Dispose();
    }

    // libgit2 as LibGit2Sharp drives it never reads config.worktree, where 'git config --worktree'
    // writes once extensions.worktreeConfig is on (as git does, it is read only then).
    private string? ReadWorktreeConfig(string key)
    {
        var file = Path.Combine(GitDirectory, "config.worktree");
        if (Config.Get<bool>("extensions.worktreeConfig", ConfigurationLevel.Local)?.Value != true || !File.Exists(file))
        {
            return null;
        }

        using var worktreeConfig = Configuration.BuildFrom(file);
        return worktreeConfig.Get<string>(key, ConfigurationLevel.Local)?.Value;
    }

    private static byte[] ReadBlob(Blob blob)
    {
        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
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
                change.Path.Replace('\\', '/'),
                (change.OldPath ?? change.Path).Replace('\\', '/'),
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

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string TrimSeparator(string path) =>
        path.Length > 1 ? path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : path;
}
