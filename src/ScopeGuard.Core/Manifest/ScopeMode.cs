namespace ScopeGuard.Core.Manifest;

/// <summary>Whether violations block (errors, exit 1) or only warn.</summary>
public enum ScopeMode
{
    /// <summary>Violations are errors.</summary>
    Block,

    /// <summary>Violations are warnings.</summary>
    Warn,
}
