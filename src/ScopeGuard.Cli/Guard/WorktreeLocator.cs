using System;
using System.IO;

namespace ScopeGuard.Cli.Guard;

/// <summary>Where a path is, as git would place it: the worktree it belongs to and its path there.</summary>
/// <param name="Root">The worktree's top folder (its real path).</param>
/// <param name="RepositoryPath">The path relative to <paramref name="Root"/>, with <c>/</c> separators (empty for the root itself).</param>
/// <param name="InsideGitDirectory">Whether the path is inside the worktree's <c>.git</c> folder.</param>
internal sealed record WorktreeLocation(string Root, string RepositoryPath, bool InsideGitDirectory);

/// <summary>
/// Places paths in worktrees from the file system alone (no repository is opened): symbolic links are
/// followed as the write would follow them, <c>..</c> is resolved, and the nearest folder holding a
/// <c>.git</c> entry (a folder, or a linked worktree's or submodule's file) is the worktree.
/// </summary>
internal static class WorktreeLocator
{
    /// <summary>Gets the worktree holding a folder, or <see langword="null"/> when it is in none.</summary>
    /// <param name="folder">An absolute folder.</param>
    /// <returns>The worktree's top folder (real path), or <see langword="null"/>.</returns>
    public static string? RootOf(string folder) => Locate(folder)?.Root;

    /// <summary>Places an absolute path.</summary>
    /// <param name="path">The path (it need not exist).</param>
    /// <returns>Where it is, or <see langword="null"/> when no worktree holds it.</returns>
    public static WorktreeLocation? Locate(string path)
    {
        var real = RealPath(Path.GetFullPath(path));
        var current = real;
        var insideGit = false;
        while (!string.IsNullOrEmpty(current))
        {
            if (string.Equals(Path.GetFileName(current), ".git", StringComparison.Ordinal))
            {
                insideGit = true;
            }
            else if (Path.Exists(Path.Combine(current, ".git")))
            {
                var relative = Path.GetRelativePath(current, real);
                return new WorktreeLocation(current, relative == "." ? string.Empty : relative.Replace(Path.DirectorySeparatorChar, '/'), insideGit);
            }

            current = Path.GetDirectoryName(current);
        }

        return null;
    }

    /// <summary>Gets the git folder shared by all worktrees of the repository a worktree belongs to.</summary>
    /// <param name="root">The worktree's top folder.</param>
    /// <returns>The common git folder's full path (the worktree's own <c>.git</c> entry when it cannot be read).</returns>
    public static string CommonDirectory(string root)
    {
        var dotGit = Path.Combine(root, ".git");
        var gitDir = dotGit;
        if (File.Exists(dotGit))
        {
            // A linked worktree or a submodule: "gitdir: PATH".
            var line = File.ReadAllText(dotGit).Trim();
            if (line.StartsWith("gitdir:", StringComparison.Ordinal))
            {
                gitDir = Path.GetFullPath(line["gitdir:".Length..].Trim(), root);
            }
        }

        var commondir = Path.Combine(gitDir, "commondir");
        if (File.Exists(commondir))
        {
            gitDir = Path.GetFullPath(File.ReadAllText(commondir).Trim(), gitDir);
        }

        return RealPath(Path.TrimEndingDirectorySeparator(gitDir));
    }

    // Follows symbolic links in every existing part of the path; what does not exist yet is appended as is.
    private static string RealPath(string path)
    {
        var root = Path.GetPathRoot(path) ?? string.Empty;
        var parts = path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is not null)
                {
                    next = RealPath(target.FullName);
                }
            }
            else if (!info.Exists)
            {
                return Path.Combine([next, .. parts[(i + 1)..]]);
            }

            current = next;
        }

        return current;
    }
}
