using System.Collections.Generic;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core.Changes;

namespace ScopeGuard.Cli.Checking;

/// <summary>Who the changes of a <see cref="CheckUnit"/> belong to, as far as git can say.</summary>
/// <param name="Branch">The branch whose work it is (identifies the agent by its <c>branches</c>), or <see langword="null"/>.</param>
/// <param name="BranchOrigin">Where that branch name came from when it is not HEAD's (e.g. <c>GITHUB_HEAD_REF</c>, <c>--head</c>).</param>
/// <param name="Local">Whether this worktree's own sources (<c>SCOPEGUARD_AGENT</c>, git config <c>scopeguard.agent</c>) may name the agent.</param>
internal sealed record IdentityHint(string? Branch, string? BranchOrigin, bool Local);

/// <summary>One set of changes to judge, with everything the pipeline needs to know about it.</summary>
/// <param name="Source">What was checked, as reports say it (<c>staged</c>, <c>range a..b</c>, <c>push of …</c>).</param>
/// <param name="Changes">The changes.</param>
/// <param name="Identity">Who they belong to.</param>
/// <param name="TargetBranch">The branch being committed or pushed to: protected branches apply to it alone.</param>
/// <param name="Manifest">The manifest that judges them.</param>
internal sealed record CheckUnit(string Source, IReadOnlyList<FileChange> Changes, IdentityHint Identity, string? TargetBranch, ManifestChoice Manifest)
{
    /// <summary>Gets the range, for a range check.</summary>
    public RangeInfo? Range { get; init; }

    /// <summary>Gets the commits of a range or push, oldest first, each with its first parent (for <c>--per-commit</c>).</summary>
    public IReadOnlyList<(string Sha, string? Parent)> Commits { get; init; } = [];

    /// <summary>Gets the commit the changes start from (HEAD for a commit, the merge base for a range), when there is one.</summary>
    public string? BaseCommit { get; init; }

    /// <summary>Gets the commits a merge, cherry-pick or revert in progress brings (someone else's content, not the committer's).</summary>
    public IReadOnlyList<string> Brought { get; init; } = [];

    /// <summary>Gets what the reader must know about how the changes were gathered.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// Gets a reader of contents that are not in git yet (<c>scopeguard guard</c>: the text an edit would
    /// write), used instead of the repository's blob reader; <see langword="null"/> reads git.
    /// </summary>
    public IChangeContents? Contents { get; init; }

    /// <summary>Gets a value indicating whether only paths are judged, because the new contents are unknown (a shell command's writes).</summary>
    public bool PathsOnly { get; init; }
}
