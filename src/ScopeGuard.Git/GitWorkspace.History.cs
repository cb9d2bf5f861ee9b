using System;
using System.Collections.Generic;
using System.Linq;
using LibGit2Sharp;

namespace ScopeGuard.Git;

/// <summary>History questions: where a branch's own work starts, and which commits are new.</summary>
public sealed partial class GitWorkspace
{
    /// <inheritdoc/>
    public string? HeadSha => repository.Head.Tip?.Sha;

    /// <inheritdoc/>
    public IReadOnlyList<(string Reference, string Sha)> BranchTips(string branch)
    {
        var tips = new List<(string Reference, string Sha)>();
        if (repository.Refs["refs/heads/" + branch] is { } local && ResolveCommit(local.CanonicalName) is { } localSha)
        {
            tips.Add((local.CanonicalName, localSha));
        }

        foreach (var remote in repository.Network.Remotes.Select(r => r.Name).OrderBy(n => n, StringComparer.Ordinal))
        {
            var name = $"refs/remotes/{remote}/{branch}";
            if (repository.Refs[name] is not null && ResolveCommit(name) is { } sha)
            {
                tips.Add((name, sha));
            }
        }

        return tips;
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> RemoteTips(string remote)
    {
        var prefix = $"refs/remotes/{remote}/";
        return repository.Refs
            .Where(r => r.CanonicalName.StartsWith(prefix, StringComparison.Ordinal) && r is DirectReference)
            .Select(r => ResolveCommit(r.CanonicalName))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <inheritdoc/>
    public bool IsAncestor(string ancestor, string descendant) =>
        ancestor == descendant || MergeBase(ancestor, descendant) == ancestor;

    /// <inheritdoc/>
    public IReadOnlyList<(string Sha, IReadOnlyList<string> Parents)> NewCommits(IReadOnlyCollection<string> exclude, string head)
    {
        var filter = new CommitFilter
        {
            IncludeReachableFrom = head,
            ExcludeReachableFrom = exclude.Count == 0 ? null : exclude.ToList(),
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        };
        return repository.Commits.QueryBy(filter)
            .Select(c => (c.Sha, (IReadOnlyList<string>)c.Parents.Select(p => p.Sha).ToList()))
            .ToList();
    }

    /// <inheritdoc/>
    public string? BlobIdAt(string commit, string path) =>
        repository.Lookup<Commit>(commit)?[path] is { TargetType: TreeEntryTargetType.Blob } entry ? entry.Target.Sha : null;
}
