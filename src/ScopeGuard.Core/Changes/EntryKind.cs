namespace ScopeGuard.Core.Changes;

/// <summary>What a path holds on one side of a change.</summary>
public enum EntryKind
{
    /// <summary>Nothing (the path does not exist on that side).</summary>
    None,

    /// <summary>A regular file.</summary>
    File,

    /// <summary>An executable file.</summary>
    Executable,

    /// <summary>A symbolic link.</summary>
    Symlink,

    /// <summary>A submodule (gitlink).</summary>
    Submodule,
}
