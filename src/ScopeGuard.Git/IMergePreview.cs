using System.Collections.Generic;

namespace ScopeGuard.Git;

/// <summary>A worktree of this repository, as <c>git worktree list</c> gives it, with the agent its worktree config binds it to.</summary>
/// <param name="Path">The worktree's folder.</param>
/// <param name="Head">The commit it has checked out, or <see langword="null"/> before the first commit.</param>
/// <param name="Branch">The short name of its branch, or <see langword="null"/> when HEAD is detached.</param>
/// <param name="Agent">Its <c>scopeguard.agent</c> from its own worktree config (<c>git config --worktree</c>), or <see langword="null"/>.</param>
public sealed record WorktreeInfo(string Path, string? Head, string? Branch, string? Agent);

/// <summary>One conflict merge-tree reports: the paths it involves, its type (e.g. <c>CONFLICT (content)</c>) and git's message.</summary>
/// <param name="Paths">The paths involved.</param>
/// <param name="Type">git's short type, e.g. <c>CONFLICT (contents)</c>.</param>
/// <param name="Message">git's full message.</param>
public sealed record MergeMessage(IReadOnlyList<string> Paths, string Type, string Message);

/// <summary>What a trial merge of two commits found.</summary>
/// <param name="Clean">Whether they merge without conflict.</param>
/// <param name="ConflictedPaths">The paths left with conflicts (git's "conflicted file info"), in git's order.</param>
/// <param name="Messages">git's conflict and information messages.</param>
public sealed record TrialMergeResult(bool Clean, IReadOnlyList<string> ConflictedPaths, IReadOnlyList<MergeMessage> Messages);

/// <summary>
/// What <c>scopeguard conflicts</c> reads besides <see cref="IGitRepository"/>: the worktrees and their agent
/// bindings, and a trial merge that touches no index, working tree or ref (it only writes objects).
/// </summary>
public interface IMergePreview
{
    /// <summary>Lists every worktree of the repository (the main one first) with its checked-out commit, branch and agent binding.</summary>
    /// <returns>The worktrees.</returns>
    IReadOnlyList<WorktreeInfo> Worktrees();

    /// <summary>Merges two commits in memory with <c>git merge-tree --write-tree</c> and says which paths conflict.</summary>
    /// <param name="first">A commit SHA.</param>
    /// <param name="second">Another commit SHA.</param>
    /// <returns>The result.</returns>
    TrialMergeResult TrialMerge(string first, string second);
}
