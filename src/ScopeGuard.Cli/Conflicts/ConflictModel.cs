using System.Collections.Generic;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Cli.Conflicts;

/// <summary>How much two agents' work overlaps, weakest first; a pair is ranked by the strongest it reaches.</summary>
internal enum OverlapLevel
{
    /// <summary>No file or folder in common.</summary>
    None,

    /// <summary>Files changed in the same folder (not the repository root), none in common.</summary>
    SameFolder,

    /// <summary>A file both changed.</summary>
    SameFile,

    /// <summary>
    /// One branch newly calls (or otherwise newly references) a member the other changed
    /// (<c>conflicts --semantic</c>); ranked with <see cref="SameMember"/>, which it yields to in a pair that has both.
    /// </summary>
    SemanticUse,

    /// <summary>A C# member both changed (or one changed and the other removed or renamed), in any file.</summary>
    SameMember,

    /// <summary>The trial merge leaves a file with a textual conflict.</summary>
    TextualConflict,
}

/// <summary>One agent branch (or worktree) whose work is compared.</summary>
/// <param name="Agent">The agent it belongs to.</param>
/// <param name="Label">How the matrix names it: the agent, or <c>agent@branch</c> when the agent has several.</param>
/// <param name="Reference">Where it came from: <c>refs/heads/…</c>, <c>refs/remotes/…</c> or a worktree folder.</param>
/// <param name="Tip">Its commit.</param>
/// <param name="MergeBase">Its merge base with the base, where its own work starts.</param>
internal sealed record Lane(string Agent, string Label, string Reference, string Tip, string MergeBase);

/// <summary>How one lane changed one C# member.</summary>
/// <param name="Id">The member's documentation ID (before the change, for a removal or rename).</param>
/// <param name="Path">The file it changed it in.</param>
/// <param name="How">What happened to it: <c>changed</c>, <c>signature changed</c>, <c>added</c>, <c>removed</c>, <c>renamed to …</c>, <c>moved to …</c>.</param>
/// <param name="Position">Where (in the lane's new text; for a removal, where it is reported).</param>
internal sealed record MemberTouch(string Id, string Path, string How, TextPosition Position);

/// <summary>Everything one lane changed since its merge base, read once and compared with every other lane.</summary>
internal sealed class LaneWork
{
    public LaneWork(Lane lane) => Lane = lane;

    public Lane Lane { get; }

    /// <summary>Gets the paths it touched (both sides of a rename).</summary>
    public HashSet<string> Paths { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Gets the folders those paths lie in, every level (not the root).</summary>
    public HashSet<string> Folders { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Gets the parent folder of each touched path (not the root): "same folder" means one of these in common.</summary>
    public HashSet<string> Parents { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Gets the C# members it touched, by ID.</summary>
    public Dictionary<string, MemberTouch> Members { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Gets a value indicating whether it renamed a file into another folder (git's directory-rename detection may move the other side's new files).</summary>
    public bool MovesAcrossFolders { get; set; }

    /// <summary>Gets how many files it changed.</summary>
    public int FileCount { get; set; }
}

/// <summary>A member both lanes of a pair touched.</summary>
internal sealed record MemberOverlap(string Id, MemberTouch First, MemberTouch Second);

/// <summary>A file in which a pair overlaps, at the strongest level it reaches there.</summary>
/// <param name="Path">The file.</param>
/// <param name="Level">Textual conflict, same member or same file.</param>
/// <param name="Members">The members both changed in it.</param>
/// <param name="Conflict">git's conflict type, for a textual conflict.</param>
internal sealed record FileOverlap(string Path, OverlapLevel Level, IReadOnlyList<string> Members, string? Conflict);

/// <summary>What one pair of lanes has in common.</summary>
internal sealed record PairResult(
    Lane First,
    Lane Second,
    OverlapLevel Level,
    IReadOnlyList<FileOverlap> Files,
    IReadOnlyList<MemberOverlap> Members,
    IReadOnlyList<string> Folders,
    bool TrialMerged)
{
    /// <summary>Gets the semantic overlaps (<c>conflicts --semantic</c>): members one lane changed that the other newly references.</summary>
    public IReadOnlyList<SemanticOverlap> Semantic { get; init; } = [];
}

/// <summary>A member one lane changed that another lane's branch newly references.</summary>
/// <param name="Changer">The lane that changed the member.</param>
/// <param name="Caller">The lane whose change newly references it.</param>
/// <param name="Symbol">The member's documentation ID (as the caller's branch sees it: the changer's base).</param>
/// <param name="How">What the changer did to it (<c>body changed</c>, <c>parameters (int a) → (int a, int b)</c>, ...).</param>
/// <param name="ChangedPath">The file the changer changed it in.</param>
/// <param name="Path">The caller's file that newly references it.</param>
/// <param name="Line">The 1-based line of the first new reference there.</param>
/// <param name="Column">The 1-based column.</param>
internal sealed record SemanticOverlap(Lane Changer, Lane Caller, string Symbol, string How, string ChangedPath, string Path, int Line, int Column);
