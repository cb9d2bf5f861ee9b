using System;
using System.Collections.Generic;
using System.Linq;
using LibGit2Sharp;
using ScopeGuard.Core;

namespace ScopeGuard.Git;

/// <summary>History questions: where a branch's own work starts, and which commits are new.</summary>
public sealed partial class GitWorkspace
{
    private readonly Dictionary<(string, string), string?> mergeBases = [];

    /// <summary>Gets a value indicating whether the repository is a shallow clone.</summary>
    public bool IsShallow => repository.Info.IsShallow;

    /// <summary>Resolves a revision (branch, remote branch, tag, SHA, <c>HEAD~2</c>…) to a commit SHA.</summary>
    /// <param name="revision">The revision.</param>
    /// <returns>The SHA, or <see langword="null"/> when it names no commit here.</returns>
    public string? ResolveCommit(string revision)
    {
        try
        {
            return LookupRevision(revision)?.Peel<Commit>()?.Sha;
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

    // LibGit2Sharp's Lookup(string) first matches the revision against a regular expression, whose
    // construction costs about 5 ms in a fresh process (on the hook's path): an object ID or a full
    // reference name is looked up directly, anything else as a revision.
    private GitObject? LookupRevision(string revision)
    {
        if (revision.Length == 40 && ObjectId.TryParse(revision, out var id))
        {
            return repository.Lookup(id);
        }

        if (revision.StartsWith("refs/", StringComparison.Ordinal) && repository.Refs[revision] is { } reference)
        {
            return reference.ResolveToDirectReference()?.Target;
        }

        return repository.Lookup(revision);
    }

    // A commit by its ID or name (null when it names no commit), as Lookup<Commit>(string) finds it.
    private Commit? CommitAt(string commit) => LookupRevision(commit) as Commit;

    private Commit RequireCommit(string commit) =>
        CommitAt(commit) ?? throw new ScopeGuardException($"commit {commit} is not in this repository (a damaged repository: git fsck says what is missing)");

    /// <summary>Finds the best common ancestor of two commits.</summary>
    /// <param name="first">A commit SHA.</param>
    /// <param name="second">Another commit SHA.</param>
    /// <returns>The merge base, or <see langword="null"/> (unrelated histories, or history cut off by a shallow clone).</returns>
    public string? MergeBase(string first, string second)
    {
        // The manifest choice, the staged check and a push's boundary ask about the same pairs: walk each once.
        var key = string.CompareOrdinal(first, second) <= 0 ? (first, second) : (second, first);
        if (!mergeBases.TryGetValue(key, out var found))
        {
            found = repository.ObjectDatabase.FindMergeBase(CommitAt(first), CommitAt(second))?.Sha;
            mergeBases[key] = found;
        }

        return found;
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
    public IReadOnlyList<(string Reference, string Sha)> AllBranches() =>
        repository.Refs
            .Where(r => r is DirectReference && (r.CanonicalName.StartsWith("refs/heads/", StringComparison.Ordinal) || r.CanonicalName.StartsWith("refs/remotes/", StringComparison.Ordinal)))
            .Select(r => (r.CanonicalName, Sha: ResolveCommit(r.CanonicalName)))
            .Where(r => r.Sha is not null)
            .Select(r => (r.CanonicalName, r.Sha!))
            .OrderBy(r => r.CanonicalName, StringComparer.Ordinal)
            .ToList();

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
        CommitAt(commit)?[path] is { TargetType: TreeEntryTargetType.Blob } entry ? entry.Target.Sha : null;
}
