using System.Collections.Generic;
using ScopeGuard.Core.Patterns;

namespace ScopeGuard.Core.Manifest;

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

    /// <summary>Gets how lint reports agents that may write the same path or symbol (<c>settings.overlaps</c>).</summary>
    public OverlapPolicy Overlaps { get; internal set; }

    /// <summary>Gets what <c>conflicts --staged</c> and <c>--pre-push</c> make of an overlap with another agent's branch (<c>settings.conflicts</c>).</summary>
    public ConflictPolicy Conflicts { get; internal set; } = ConflictPolicy.Warn;

    /// <summary>
    /// Gets where <c>agent new</c> writes each agent's scope card, relative to the worktree's root, with
    /// <c>/</c> separators (<c>settings.scopeCard</c>; default <c>.scopeguard/SCOPE.md</c>).
    /// </summary>
    public string ScopeCard { get; internal set; } = ManifestDefaults.ScopeCard;
}
