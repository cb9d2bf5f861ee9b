using System;
using LibGit2Sharp;

namespace ScopeGuard.Git;

/// <summary>What libgit2 cannot open, said plainly when a repository is opened.</summary>
public sealed partial class GitWorkspace
{
    // A SHA-256 repository (extensions.objectFormat = sha256) is one libgit2 refuses to open.
    private static string? UnsupportedFormat(string gitDir, LibGit2SharpException failure) =>
        GitFailures.IsSha256(gitDir) || failure.Message.Contains("sha256", StringComparison.OrdinalIgnoreCase)
            ? $"cannot open the git repository at '{gitDir}': {GitFailures.Sha256Unsupported}"
            : null;
}
