using System;
using LibGit2Sharp;

namespace ScopeGuard.Git;

/// <summary>Which branch a repository integrates into, for <c>scopeguard init</c>.</summary>
public sealed partial class GitWorkspace
{
    /// <summary>
    /// Gets the branch a remote's HEAD points at (<c>refs/remotes/origin/HEAD</c> →
    /// <c>refs/remotes/origin/main</c> gives <c>main</c>): what <c>git clone</c> checked out, the
    /// repository's default branch.
    /// </summary>
    /// <param name="remote">The remote's name.</param>
    /// <returns>The short branch name, or <see langword="null"/> when the remote has no HEAD here.</returns>
    public string? RemoteDefaultBranch(string remote = "origin")
    {
        var prefix = $"refs/remotes/{remote}/";
        return repository.Refs[prefix + "HEAD"] is SymbolicReference { TargetIdentifier: { } target } && target.StartsWith(prefix, StringComparison.Ordinal)
            ? target.Substring(prefix.Length)
            : null;
    }

    /// <summary>Gets a value indicating whether a local branch exists.</summary>
    /// <param name="branch">The short branch name.</param>
    /// <returns><see langword="true"/> when <c>refs/heads/BRANCH</c> exists.</returns>
    public bool HasLocalBranch(string branch) => repository.Refs["refs/heads/" + branch] is not null;
}
