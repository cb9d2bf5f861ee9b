using System.Collections.Generic;

namespace ScopeGuard.Core.Baseline;

/// <summary>Who and what a baseline was written for: recorded for people reading it, and for <c>doctor</c>-style debugging.</summary>
/// <param name="Agent">The agent the CLI resolved, or <see langword="null"/> when none was identified.</param>
/// <param name="AgentReason">Why (the identity's reason sentence).</param>
/// <param name="BaseRef">The base as named (<c>--base</c> or <c>settings.baseBranch</c>).</param>
/// <param name="BaseCommit">The commit the base resolved to.</param>
/// <param name="MergeBase">The merge base of the base and HEAD: the commit whose files are recorded.</param>
/// <param name="Head">HEAD's commit when the baseline was written.</param>
/// <param name="Root">The working tree's root, with <c>/</c> separators and no trailing separator.</param>
/// <param name="Scopes">The repository-relative folders whose C# files are recorded (empty string: the whole repository).</param>
public sealed record BaselineHeader(string? Agent, string AgentReason, string BaseRef, string BaseCommit, string MergeBase, string Head, string Root, IReadOnlyList<string> Scopes)
{
    /// <summary>Gets the ScopeGuard version that wrote the declarations (recorded files are reused only by the same one).</summary>
    public string? Generator { get; init; }

    /// <summary>
    /// Gets the commits a merge, cherry-pick or revert in progress brings (recorded files' versions there
    /// are not the agent's change); empty when none is in progress.
    /// </summary>
    public IReadOnlyList<string> Brought { get; init; } = [];
}
