namespace ScopeGuard.Core.Manifest;

/// <summary>How <c>scopeguard lint</c> reports two agents that may write the same path or symbol (SG0100): <c>settings.overlaps</c>.</summary>
public enum OverlapPolicy
{
    /// <summary>A warning (the default); lint exits 1.</summary>
    Warn,

    /// <summary>An error; lint exits 1.</summary>
    Error,

    /// <summary>Not reported.</summary>
    Allow,
}
