using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Checking;

/// <summary>
/// Decides who the agent of a check is, in one place: <c>--agent</c>; for work in this worktree
/// (the hooks) <c>SCOPEGUARD_AGENT</c> and git config <c>scopeguard.agent</c>; then the branch whose
/// work it is (a range's head, a push's source, never the checked-out branch of another check or a
/// push's destination). Core's <see cref="AgentIdentity.Resolve"/> applies the order and says why.
/// </summary>
internal sealed class IdentitySelector
{
    private readonly IGitRepository git;
    private readonly CliContext context;
    private readonly string? agentOption;

    public IdentitySelector(IGitRepository git, CliContext context, string? agentOption)
    {
        this.git = git;
        this.context = context;
        this.agentOption = agentOption;
    }

    public AgentIdentity Decide(ScopeManifest manifest, IdentityHint hint)
    {
        string? environment = null;
        string? config = null;
        string? configOrigin = null;
        if (hint.Local)
        {
            environment = context.Environment("SCOPEGUARD_AGENT");
            (config, configOrigin) = git.ReadAgentConfig();
        }

        return AgentIdentity.Resolve(manifest, new IdentityInputs(agentOption, environment, config, configOrigin, hint.Branch, hint.BranchOrigin));
    }
}
