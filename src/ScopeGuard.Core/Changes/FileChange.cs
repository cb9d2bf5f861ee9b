using System.Collections.Generic;

namespace ScopeGuard.Core.Changes;

/// <summary>One file's change. Contents are read on demand by the source of the change set.</summary>
/// <param name="Path">The repository-relative path after the change.</param>
/// <param name="OldPath">The path before the change (differs for renames and copies).</param>
/// <param name="Status">How it changed.</param>
/// <param name="OldKind">What the old side held.</param>
/// <param name="NewKind">What the new side holds.</param>
/// <param name="OldBlobId">The old object ID, when there is one.</param>
/// <param name="NewBlobId">The new object ID, when there is one.</param>
public sealed record FileChange(
    string Path,
    string OldPath,
    ChangeStatus Status,
    EntryKind OldKind,
    EntryKind NewKind,
    string? OldBlobId,
    string? NewBlobId)
{
    /// <summary>Gets the paths this change touches: a rename or copy touches both its old and new path.</summary>
    public IReadOnlyList<string> TouchedPaths =>
        OldPath != Path && (Status is ChangeStatus.Renamed or ChangeStatus.Copied) ? [OldPath, Path] : [Path];

    /// <summary>Gets a value indicating whether only the file mode changed (for example, made executable).</summary>
    public bool IsModeChange => Status == ChangeStatus.Modified && OldKind != NewKind && OldBlobId == NewBlobId;

    /// <summary>Gets whether a touched path is a submodule on either side (matched as a directory).</summary>
    /// <param name="path">One of <see cref="TouchedPaths"/>.</param>
    /// <returns>Whether it is a submodule.</returns>
    public bool IsSubmodule(string path) =>
        path == Path ? NewKind == EntryKind.Submodule || (OldPath == Path && OldKind == EntryKind.Submodule) : OldKind == EntryKind.Submodule;
}
