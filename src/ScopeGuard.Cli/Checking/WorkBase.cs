using System.Collections.Generic;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Checking;

/// <summary>Where an agent's own work starts, when the base is implied (the hooks, the manifest choice, the analyzer's baseline).</summary>
/// <param name="Commit">The newest merge base of the work with the base branch or any of its remote-tracking copies.</param>
/// <param name="Reference">The reference whose merge base it is (e.g. <c>refs/remotes/origin/main</c>).</param>
/// <param name="Tip">That reference's commit.</param>
internal sealed record WorkStart(string Commit, string Reference, string Tip);

/// <summary>
/// The one answer to "where does the agent's own work start" when no base is named: at the newest merge
/// base of the work with the base branch, local or any remote-tracking copy. Commits reachable from any of
/// them are never the agent's, so a local <c>main</c> that lags <c>origin/main</c> after
/// <c>git fetch &amp;&amp; git merge origin/main</c> does not make other people's changes the agent's. An explicit
/// base (<c>--base</c>, <c>ScopeGuardBase</c>) is not implied and does not come here.
/// </summary>
internal static class WorkBase
{
    /// <summary>Finds the newest merge base of <paramref name="head"/> with the branch's tips.</summary>
    /// <param name="git">The repository.</param>
    /// <param name="tips">The base branch's tips (<see cref="IGitRepository.BranchTips"/>), local first.</param>
    /// <param name="head">The work's commit.</param>
    /// <param name="also">
    /// Further commits that the work is known to start from, considered only when they belong to the base
    /// branch's history (reachable from one of the tips): a stopped rebase's <c>onto</c>.
    /// </param>
    /// <returns>The start, or <see langword="null"/> when the work shares no history with any tip.</returns>
    public static WorkStart? Find(IGitRepository git, IReadOnlyList<(string Reference, string Sha)> tips, string head, IEnumerable<string>? also = null)
    {
        WorkStart? best = null;
        foreach (var (reference, tip) in tips)
        {
            var mergeBase = git.MergeBase(tip, head);
            if (mergeBase is not null && (best is null || git.IsAncestor(best.Commit, mergeBase)))
            {
                best = new WorkStart(mergeBase, reference, tip);
            }
        }

        foreach (var commit in also ?? [])
        {
            foreach (var (reference, tip) in tips)
            {
                if (git.IsAncestor(commit, tip) && git.IsAncestor(commit, head) && (best is null || git.IsAncestor(best.Commit, commit)))
                {
                    best = new WorkStart(commit, reference, tip);
                    break;
                }
            }
        }

        return best;
    }
}
