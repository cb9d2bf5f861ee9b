namespace ScopeGuard.Core.Manifest;

/// <summary>What happens when no agent can be identified.</summary>
public enum UnknownAgentPolicy
{
    /// <summary>A person working normally: nothing is checked.</summary>
    Allow,

    /// <summary>Refuse (SG0006).</summary>
    Block,
}
