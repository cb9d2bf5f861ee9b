namespace ScopeGuard.Core.Rules;

/// <summary>Where the agent's identity came from.</summary>
public enum IdentitySource
{
    /// <summary>No source answered.</summary>
    None,

    /// <summary>The <c>--agent</c> option.</summary>
    Option,

    /// <summary>The <c>SCOPEGUARD_AGENT</c> environment variable.</summary>
    Environment,

    /// <summary>Git config <c>scopeguard.agent</c> (worktree config first).</summary>
    GitConfig,

    /// <summary>The current branch matched an agent's <c>branches</c>.</summary>
    Branch,
}
