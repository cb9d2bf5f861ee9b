using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Patterns;

namespace ScopeGuard.Core.Manifest;

/// <summary>A validated scope manifest.</summary>
public sealed class ScopeManifest
{
    private readonly Dictionary<string, AgentScope> byName;

    internal ScopeManifest(string path, ManifestSettings settings, IReadOnlyList<AgentScope> agents)
    {
        Path = path;
        Settings = settings;
        Agents = agents;
        byName = agents.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>Gets the manifest's path, as messages should name it.</summary>
    public string Path { get; }

    /// <summary>Gets the settings.</summary>
    public ManifestSettings Settings { get; }

    /// <summary>Gets the agents in the order they are written.</summary>
    public IReadOnlyList<AgentScope> Agents { get; }

    /// <summary>Finds an agent by its exact name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The agent, or <see langword="null"/>.</returns>
    public AgentScope? FindAgent(string name) => byName.TryGetValue(name, out var agent) ? agent : null;

    /// <summary>Finds the agents whose branch patterns match a branch.</summary>
    /// <param name="branch">The short branch name.</param>
    /// <returns>The matching agents with the pattern that matched.</returns>
    public IReadOnlyList<(AgentScope Agent, ManifestEntry<BranchPattern> Rule)> AgentsForBranch(string branch)
    {
        var result = new List<(AgentScope, ManifestEntry<BranchPattern>)>();
        foreach (var agent in Agents)
        {
            var rule = agent.Branches.FirstOrDefault(b => b.Pattern.Matches(branch));
            if (rule is not null)
            {
                result.Add((agent, rule));
            }
        }

        return result;
    }
}
