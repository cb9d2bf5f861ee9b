using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Checking;

/// <summary>
/// What a merge, cherry-pick or revert in progress in this worktree brings into the next commit, in one
/// place for the staged check and the analyzer's baseline: the commits whose content is not the
/// committer's own. The other parents of a merge (<c>MERGE_HEAD</c>; while git's <c>pre-merge-commit</c> hook
/// runs, before git writes it, the branches named in <c>GIT_REFLOG_ACTION</c>), the commit being picked
/// (<c>CHERRY_PICK_HEAD</c>), and the parent of the commit being reverted (<c>REVERT_HEAD</c>).
/// Only commits that are someone else's count: reachable from the base branch or any remote-tracking
/// branch (already judged where they were pushed), or from a local branch the manifest gives to another
/// agent. A local branch no agent owns could hold the committer's own work made as nobody (an agent's
/// scratch branch), so what it brings stays the committer's.
/// </summary>
internal static class BroughtSides
{
    /// <summary>Finds the commits the operation in progress brings that are someone else's.</summary>
    /// <param name="git">The repository.</param>
    /// <param name="manifest">The manifest that says which branches are other agents', if any.</param>
    /// <param name="branch">The branch whose work this is (the current one, or the branch being rebased).</param>
    /// <param name="environment">Reads environment variables (<c>GIT_REFLOG_ACTION</c>).</param>
    /// <returns>The commits, distinct; empty when no merge, cherry-pick or revert is in progress.</returns>
    public static IReadOnlyList<string> Find(IGitRepository git, ScopeManifest? manifest, string? branch, Func<string, string?> environment)
    {
        var sides = new List<string>(git.MergeHeads);
        if (sides.Count == 0 && MergeBeingRecorded(git, environment) is { } merging)
        {
            sides.AddRange(merging);
        }

        if (git.CherryPickHead is { } pick)
        {
            sides.Add(pick);
        }

        if (git.RevertHead is { } revert && git.ResolveCommit(revert + "^") is { } parent)
        {
            sides.Add(parent);
        }

        // (A revert's side, the reverted commit's parent, is in HEAD's history: it is compared all the same.)
        sides = sides.Distinct(StringComparer.Ordinal).ToList();
        if (sides.Count == 0)
        {
            return [];
        }

        var baseBranch = manifest?.Settings.BaseBranch ?? ManifestDefaults.BaseBranch;
        var owners = branch is null || manifest is null ? [] : manifest.AgentsForBranch(branch).Select(a => a.Agent.Name).ToHashSet(StringComparer.Ordinal);
        var trusted = git.AllBranches()
            .Where(b => b.Reference.StartsWith("refs/remotes/", StringComparison.Ordinal)
                || b.Reference == "refs/heads/" + baseBranch
                || (manifest is not null && OtherAgents(manifest, b.Reference["refs/heads/".Length..], owners)))
            .Select(b => b.Sha)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return sides.Where(s => trusted.Any(t => git.IsAncestor(s, t))).ToList();
    }

    /// <summary>Reads a path's version in each brought commit.</summary>
    /// <param name="git">The repository.</param>
    /// <param name="commits">The brought commits.</param>
    /// <returns>The reader, or <see langword="null"/> when nothing is brought.</returns>
    public static IBroughtVersions? Reader(IGitRepository git, IReadOnlyList<string> commits) =>
        commits.Count == 0 ? null : new CommitVersions(git, commits);

    private static bool OtherAgents(ScopeManifest manifest, string localBranch, HashSet<string> owners)
    {
        var agents = manifest.AgentsForBranch(localBranch);
        return agents.Count > 0 && agents.All(a => !owners.Contains(a.Agent.Name));
    }

    // git merge runs pre-merge-commit before it writes MERGE_HEAD; it names what it merges in
    // GIT_REFLOG_ACTION ("merge agent/docs"; options are not listed there).
    private static List<string>? MergeBeingRecorded(IGitRepository git, Func<string, string?> environment)
    {
        var action = environment("GIT_REFLOG_ACTION");
        if (action is null || !action.StartsWith("merge ", StringComparison.Ordinal))
        {
            return null;
        }

        return action["merge ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(a => !a.StartsWith('-'))
            .Select(git.ResolveCommit)
            .OfType<string>()
            .ToList();
    }

    // Reads through the repository's own handle: the evaluator asks for brought versions on the calling
    // thread, before its parallel loop.
    private sealed class CommitVersions(IGitRepository git, IReadOnlyList<string> commits) : IBroughtVersions
    {
        public IReadOnlyList<byte[]?> Read(string path) => commits.Select(c => git.ReadAt(c, path)).ToList();
    }
}
