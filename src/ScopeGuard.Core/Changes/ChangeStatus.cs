namespace ScopeGuard.Core.Changes;

/// <summary>How a file changed, as git's name-status says it.</summary>
public enum ChangeStatus
{
    /// <summary>New file.</summary>
    Added,

    /// <summary>Contents (or mode) changed.</summary>
    Modified,

    /// <summary>File removed.</summary>
    Deleted,

    /// <summary>Moved, possibly with changes.</summary>
    Renamed,

    /// <summary>New file copied from an existing one.</summary>
    Copied,

    /// <summary>Kind changed: file, symlink or submodule.</summary>
    TypeChanged,
}
