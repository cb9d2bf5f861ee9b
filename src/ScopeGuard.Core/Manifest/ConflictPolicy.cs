namespace ScopeGuard.Core.Manifest;

/// <summary>
/// What <c>scopeguard conflicts --staged</c> / <c>--pre-push</c> does when an agent's work in progress
/// overlaps another agent's branch (<c>settings.conflicts</c>).
/// </summary>
public enum ConflictPolicy
{
    /// <summary>Report the overlap as a warning (exit 0).</summary>
    Warn,

    /// <summary>Report the overlap as an error (exit 1).</summary>
    Block,
}
