namespace ScopeGuard.Core.Rules;

/// <summary>How a finding is reported.</summary>
public enum FindingSeverity
{
    /// <summary>Reported, does not block.</summary>
    Warning,

    /// <summary>Blocks: exit code 1, a build error.</summary>
    Error,

    /// <summary>Information that needs no action (SG0010 for a change that keeps source compatibility): never blocks.</summary>
    Note,
}
