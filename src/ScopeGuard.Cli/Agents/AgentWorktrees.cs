using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ScopeGuard.Cli.Agents;

/// <summary>One worktree of the repository as <c>git worktree list</c> reports it, and the agent it is bound to.</summary>
/// <param name="Root">The worktree's folder.</param>
/// <param name="GitDirectory">Its own git directory (the common one for the main worktree).</param>
/// <param name="Branch">The checked-out branch (short name), or <see langword="null"/> when detached.</param>
/// <param name="IsMain">Whether it is the main worktree.</param>
/// <param name="Agent">The agent its worktree-scoped <c>scopeguard.agent</c> names, or <see langword="null"/>.</param>
internal sealed record AgentWorktree(string Root, string GitDirectory, string? Branch, bool IsMain, string? Agent);

/// <summary>Finds the repository's worktrees and which agent each is bound to (worktree-scoped <c>scopeguard.agent</c>).</summary>
internal static class AgentWorktrees
{
    /// <summary>The key that binds a worktree to an agent.</summary>
    public const string AgentKey = "scopeguard.agent";

    /// <summary>Lists the worktrees that exist (not bare, folder present), main first.</summary>
    /// <param name="directory">Any folder of the repository.</param>
    /// <param name="commonDirectory">The common git directory.</param>
    public static IReadOnlyList<AgentWorktree> List(string directory, string commonDirectory)
    {
        var output = GitRunner.Run("listing the worktrees", directory, "worktree", "list", "--porcelain", "-z");
        var bound = WorktreeConfigEnabled(directory, commonDirectory);
        var result = new List<AgentWorktree>();
        string? root = null;
        string? branch = null;
        var bare = false;
        foreach (var field in output.Split('\0'))
        {
            if (field.Length == 0)
            {
                if (root is not null && !bare && Directory.Exists(root))
                {
                    var gitDir = GitDirectoryOf(root) ?? commonDirectory;
                    var agent = bound ? ReadBinding(directory, gitDir) : null;
                    result.Add(new AgentWorktree(Trim(root), Trim(gitDir), branch, result.Count == 0 && !IsLinked(root), agent));
                }

                (root, branch, bare) = (null, null, false);
                continue;
            }

            if (field.StartsWith("worktree ", StringComparison.Ordinal))
            {
                root = field["worktree ".Length..];
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

    /// <summary>Gets a value indicating whether git reads worktree-scoped config here (<c>extensions.worktreeConfig</c> in the common config).</summary>
    public static bool WorktreeConfigEnabled(string directory, string commonDirectory) =>
        GitRunner.Try(directory, "config", "--file", Path.Combine(commonDirectory, "config"), "--type", "bool", "--get", "extensions.worktreeConfig").Stdout.Trim() == "true";

    // The worktree's own scopeguard.agent: only config.worktree counts, not a repository-wide value that
    // every worktree would share.
    private static string? ReadBinding(string directory, string gitDirectory)
    {
        var file = Path.Combine(gitDirectory, "config.worktree");
        if (!File.Exists(file))
        {
            return null;
        }

        var value = GitRunner.Try(directory, "config", "--file", file, "--get", AgentKey).Stdout.Trim();
        return value.Length == 0 ? null : value;
    }

    private static bool IsLinked(string root) => File.Exists(Path.Combine(root, ".git"));

    // A linked worktree's .git is a file naming its git directory; the main worktree's is the directory.
    private static string? GitDirectoryOf(string root)
    {
        var dotGit = Path.Combine(root, ".git");
        if (Directory.Exists(dotGit))
        {
            return dotGit;
        }

        if (!File.Exists(dotGit))
        {
            return null;
        }

        var line = File.ReadLines(dotGit).FirstOrDefault(l => l.StartsWith("gitdir:", StringComparison.Ordinal));
        return line is null ? null : Path.GetFullPath(Path.Combine(root, line["gitdir:".Length..].Trim()));
    }

    private static string Trim(string path) => path.Length > 1 ? path.TrimEnd('/', Path.DirectorySeparatorChar) : path;
}
