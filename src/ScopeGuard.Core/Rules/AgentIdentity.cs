using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Manifest;

namespace ScopeGuard.Core.Rules;

/// <summary>Who is committing, and why ScopeGuard thinks so.</summary>
/// <param name="Agent">The agent, or <see langword="null"/> when none was identified.</param>
/// <param name="Source">Which source answered.</param>
/// <param name="Reason">A sentence saying why, for summaries and <c>doctor</c>.</param>
public sealed record AgentIdentity(AgentScope? Agent, IdentitySource Source, string Reason)
{
    /// <summary>
    /// Resolves the agent: first <c>--agent</c>, then <c>SCOPEGUARD_AGENT</c>, then git config
    /// <c>scopeguard.agent</c>, then the branch matched against each agent's <c>branches</c>.
    /// </summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="inputs">What each source says.</param>
    /// <returns>The identity.</returns>
    /// <exception cref="ScopeGuardException">A source names an agent the manifest does not declare, or a branch matches two agents.</exception>
    public static AgentIdentity Resolve(ScopeManifest manifest, IdentityInputs inputs)
    {
        if (manifest is null)
        {
            throw new ArgumentNullException(nameof(manifest));
        }

        if (inputs is null)
        {
            throw new ArgumentNullException(nameof(inputs));
        }

        var named = new (string? Value, IdentitySource Source, string Label)[]
        {
            (inputs.Option, IdentitySource.Option, "--agent"),
            (inputs.Environment, IdentitySource.Environment, "SCOPEGUARD_AGENT"),
            (inputs.GitConfig, IdentitySource.GitConfig, "git config scopeguard.agent" + (inputs.GitConfigOrigin is null ? string.Empty : $" ({inputs.GitConfigOrigin})")),
        };

        foreach (var (value, source, label) in named)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var name = value!.Trim();
            var agent = manifest.FindAgent(name)
                ?? throw new ScopeGuardException(Messages.UndeclaredAgent(label, name, manifest));

            // The environment and git config are set where the agent works, so an agent could set them
            // itself: they may not name another agent than the one whose branch this is.
            var owners = source == IdentitySource.Option || inputs.Branch is null ? [] : manifest.AgentsForBranch(inputs.Branch);
            if (owners.Count == 1 && owners[0].Agent != agent)
            {
                throw new ScopeGuardException(Messages.AgentContradictsBranch(label, name, inputs.Branch!, owners[0].Agent.Name, owners[0].Rule.Source));
            }

            return new AgentIdentity(agent, source, $"{label} is \"{name}\"");
        }

        if (inputs.Branch is null)
        {
            return new AgentIdentity(null, IdentitySource.None, "HEAD is detached (no branch) and no --agent, SCOPEGUARD_AGENT or scopeguard.agent config names an agent");
        }

        var matches = manifest.AgentsForBranch(inputs.Branch);
        if (matches.Count > 1)
        {
            throw new ScopeGuardException(
                $"branch \"{inputs.Branch}\" matches more than one agent ({Describe(matches)}) in {manifest.Path}: one branch must identify one agent");
        }

        if (matches.Count == 1)
        {
            var (agent, rule) = matches[0];
            return new AgentIdentity(agent, IdentitySource.Branch, $"branch \"{inputs.Branch}\"{Origin(inputs)} matches \"{rule.Source}\" in agents.{agent.Name}.branches");
        }

        return new AgentIdentity(null, IdentitySource.None, $"branch \"{inputs.Branch}\"{Origin(inputs)} matches no agent's branches and no --agent, SCOPEGUARD_AGENT or scopeguard.agent config names an agent");
    }

    private static string Origin(IdentityInputs inputs) => inputs.BranchOrigin is null ? string.Empty : $" (from {inputs.BranchOrigin})";

    private static string Describe(IReadOnlyList<(AgentScope Agent, ManifestEntry<Patterns.BranchPattern> Rule)> matches) =>
        string.Join(", ", matches.Select(m => $"\"{m.Agent.Name}\" by \"{m.Rule.Source}\""));
}
