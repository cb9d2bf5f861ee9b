using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Manifest;

/// <summary>Whether violations block (errors, exit 1) or only warn.</summary>
public enum ScopeMode
{
    /// <summary>Violations are errors.</summary>
    Block,

    /// <summary>Violations are warnings.</summary>
    Warn,
}

/// <summary>What happens when no agent can be identified.</summary>
public enum UnknownAgentPolicy
{
    /// <summary>A person working normally: nothing is checked.</summary>
    Allow,

    /// <summary>Refuse (SG0006).</summary>
    Block,
}

/// <summary>A pattern as written in the manifest, with where it was written.</summary>
/// <typeparam name="T">The parsed pattern.</typeparam>
/// <param name="Source">The text as written, before placeholder expansion.</param>
/// <param name="Pattern">The parsed pattern.</param>
/// <param name="Position">Where the string starts in the manifest.</param>
/// <param name="Origin">The manifest property it came from, e.g. <c>agents.billing.paths</c>.</param>
public sealed record ManifestEntry<T>(string Source, T Pattern, TextPosition Position, string Origin)
{
    /// <summary>Gets how a message names this rule: the pattern and where it is.</summary>
    public string Describe(string manifestPath) => $"'{Source}' ({Origin}, {manifestPath}:{Position})";
}

/// <summary>The four symbol permission lists of an agent.</summary>
public sealed class SymbolGrants
{
    /// <summary>Gets an empty set of grants.</summary>
    public static SymbolGrants Empty { get; } = new([], [], [], []);

    /// <summary>Initializes a new instance of the <see cref="SymbolGrants"/> class.</summary>
    /// <param name="edit">Anything may change.</param>
    /// <param name="body">Only implementations may change.</param>
    /// <param name="extend">Members may be added.</param>
    /// <param name="readOnly">Nothing may change.</param>
    public SymbolGrants(
        IReadOnlyList<ManifestEntry<SymbolPattern>> edit,
        IReadOnlyList<ManifestEntry<SymbolPattern>> body,
        IReadOnlyList<ManifestEntry<SymbolPattern>> extend,
        IReadOnlyList<ManifestEntry<SymbolPattern>> readOnly)
    {
        Edit = edit;
        Body = body;
        Extend = extend;
        ReadOnly = readOnly;
    }

    /// <summary>Gets the <c>edit</c> grants.</summary>
    public IReadOnlyList<ManifestEntry<SymbolPattern>> Edit { get; }

    /// <summary>Gets the <c>body</c> grants.</summary>
    public IReadOnlyList<ManifestEntry<SymbolPattern>> Body { get; }

    /// <summary>Gets the <c>extend</c> grants.</summary>
    public IReadOnlyList<ManifestEntry<SymbolPattern>> Extend { get; }

    /// <summary>Gets the <c>readonly</c> rules.</summary>
    public IReadOnlyList<ManifestEntry<SymbolPattern>> ReadOnly { get; }

    /// <summary>Gets a value indicating whether no symbol rule is given.</summary>
    public bool IsEmpty => Edit.Count + Body.Count + Extend.Count + ReadOnly.Count == 0;
}

/// <summary>One agent's scope.</summary>
public sealed class AgentScope
{
    internal AgentScope(
        string name,
        TextPosition position,
        string? description,
        IReadOnlyList<ManifestEntry<BranchPattern>> branches,
        IReadOnlyList<ManifestEntry<PathPattern>> paths,
        IReadOnlyList<ManifestEntry<PathPattern>> deny,
        SymbolGrants symbols,
        ScopeMode mode)
    {
        Name = name;
        Position = position;
        Description = description;
        Branches = branches;
        Paths = paths;
        Deny = deny;
        Symbols = symbols;
        Mode = mode;
    }

    /// <summary>Gets the agent's name.</summary>
    public string Name { get; }

    /// <summary>Gets where the agent is declared.</summary>
    public TextPosition Position { get; }

    /// <summary>Gets the free-text description.</summary>
    public string? Description { get; }

    /// <summary>Gets the branches that identify this agent.</summary>
    public IReadOnlyList<ManifestEntry<BranchPattern>> Branches { get; }

    /// <summary>Gets the granted paths (the agent's own and <c>settings.defaults</c>, placeholders expanded).</summary>
    public IReadOnlyList<ManifestEntry<PathPattern>> Paths { get; }

    /// <summary>Gets the denied paths; deny wins over <see cref="Paths"/>.</summary>
    public IReadOnlyList<ManifestEntry<PathPattern>> Deny { get; }

    /// <summary>Gets the symbol grants.</summary>
    public SymbolGrants Symbols { get; }

    /// <summary>Gets the effective mode (the agent's own, else <c>settings.mode</c>).</summary>
    public ScopeMode Mode { get; }
}

/// <summary>Manifest-wide settings.</summary>
public sealed class ManifestSettings
{
    /// <summary>The protected paths used when the manifest names none.</summary>
    public static readonly IReadOnlyList<string> DefaultProtectedPaths = ["/scopes.json", "/hooks/", "/Directory.Build.targets", "/Directory.Build.props", "/.github/", "/.githooks/"];

    internal ManifestSettings(
        ScopeMode mode,
        string baseBranch,
        UnknownAgentPolicy unknownAgent,
        IReadOnlyList<ManifestEntry<PathPattern>> protectedPaths,
        IReadOnlyList<ManifestEntry<BranchPattern>> protectedBranches)
    {
        Mode = mode;
        BaseBranch = baseBranch;
        UnknownAgent = unknownAgent;
        ProtectedPaths = protectedPaths;
        ProtectedBranches = protectedBranches;
    }

    /// <summary>Gets the default mode.</summary>
    public ScopeMode Mode { get; }

    /// <summary>Gets the integration branch.</summary>
    public string BaseBranch { get; }

    /// <summary>Gets what happens when no agent is identified.</summary>
    public UnknownAgentPolicy UnknownAgent { get; }

    /// <summary>Gets paths no agent may change.</summary>
    public IReadOnlyList<ManifestEntry<PathPattern>> ProtectedPaths { get; }

    /// <summary>Gets branches no agent may commit to.</summary>
    public IReadOnlyList<ManifestEntry<BranchPattern>> ProtectedBranches { get; }
}

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
