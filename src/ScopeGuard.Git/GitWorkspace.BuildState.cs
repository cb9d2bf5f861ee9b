using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ScopeGuard.Git;

/// <summary>What an incremental build watches to know that a result derived from git is stale.</summary>
public sealed partial class GitWorkspace
{
    /// <summary>
    /// Gets the files git rewrites when HEAD, the index, a reference or the config changes: what an
    /// incremental build watches to know that a result derived from them is stale. Only existing files.
    /// </summary>
    /// <param name="references">Full reference names that matter besides HEAD's branch (e.g. <c>refs/heads/main</c>).</param>
    /// <param name="includeIndex">Whether the index is one of them (a result derived from commits alone does not depend on it).</param>
    /// <returns>Absolute paths.</returns>
    public IReadOnlyList<string> StateFiles(IEnumerable<string> references, bool includeIndex = true)
    {
        var candidates = new List<string>
        {
            Path.Combine(GitDirectory, "HEAD"),
            Path.Combine(CommonDirectory, "packed-refs"),
            Path.Combine(CommonDirectory, "config"),
            Path.Combine(GitDirectory, "config.worktree"),
        };
        if (includeIndex)
        {
            candidates.Insert(1, IndexFile ?? Path.Combine(GitDirectory, "index"));
        }

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
}
