using System.Collections.Generic;
using ScopeGuard.Core.Json;
using ScopeGuard.Core.Patterns;

namespace ScopeGuard.Core.Manifest;

/// <summary>The settings as read, before defaults are filled in and agents are expanded.</summary>
internal sealed class RawSettings
{
    public ScopeMode Mode { get; set; } = ScopeMode.Block;

    public string BaseBranch { get; set; } = ManifestDefaults.BaseBranch;

    public UnknownAgentPolicy UnknownAgent { get; set; } = UnknownAgentPolicy.Allow;

    public List<ManifestEntry<PathPattern>>? ProtectedPaths { get; set; }

    public List<ManifestEntry<BranchPattern>>? ProtectedBranches { get; set; }

    public OverlapPolicy Overlaps { get; set; }

    public ConflictPolicy Conflicts { get; set; } = ConflictPolicy.Warn;

    public string ScopeCard { get; set; } = ManifestDefaults.ScopeCard;

    public JsonNode? DefaultPaths { get; set; }

    public JsonNode? DefaultDeny { get; set; }

    public JsonNode? DefaultSymbols { get; set; }
}
