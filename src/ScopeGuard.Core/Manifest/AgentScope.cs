using System.Collections.Generic;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Manifest;

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

    /// <summary>Gets the agents this one shares paths and symbols with on purpose (<c>sharedWith</c>): lint reports no overlap between them.</summary>
    public IReadOnlyList<ManifestEntry<string>> SharedWith { get; internal set; } = [];
}
