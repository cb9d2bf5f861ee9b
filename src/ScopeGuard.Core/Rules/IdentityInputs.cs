namespace ScopeGuard.Core.Rules;

/// <summary>What each identity source says, gathered by the caller (Core reads no environment).</summary>
/// <param name="Option">The <c>--agent</c> value.</param>
/// <param name="Environment">The <c>SCOPEGUARD_AGENT</c> value.</param>
/// <param name="GitConfig">The <c>scopeguard.agent</c> value.</param>
/// <param name="GitConfigOrigin">Which config file answered, for messages.</param>
/// <param name="Branch">The current short branch name; <see langword="null"/> on a detached HEAD.</param>
/// <param name="BranchOrigin">Where the branch name came from when it is not HEAD's (e.g. <c>GITHUB_HEAD_REF</c>).</param>
public sealed record IdentityInputs(string? Option, string? Environment, string? GitConfig, string? GitConfigOrigin, string? Branch, string? BranchOrigin = null);
