namespace ScopeGuard.Core.Rules;

/// <summary>How a finding is reported.</summary>
public enum FindingSeverity
{
    /// <summary>Reported, does not block.</summary>
    Warning,

    /// <summary>Blocks: exit code 1, a build error.</summary>
    Error,
}
