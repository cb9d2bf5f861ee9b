using System;
using System.Linq;
using ScopeGuard.Core.Json;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Manifest;

/// <summary>Reads and validates <c>scopes.json</c>: syntax, shape and meaning.</summary>
public static class ManifestLoader
{
    /// <summary>The file name looked for at the repository root.</summary>
    public const string FileName = "scopes.json";

    /// <summary>The placeholder replaced by the agent's name in path patterns.</summary>
    public const string AgentPlaceholder = "{agent}";

    /// <summary>The largest manifest accepted.</summary>
    public const int MaxLength = 4 * 1024 * 1024;

    /// <summary>
    /// The most rules a manifest may hold: branch, path, deny and symbol patterns over all agents,
    /// with <c>settings.defaults</c> counted once for each agent it is copied into.
    /// </summary>
    public const int MaxRules = 1_000_000;

    /// <summary>
    /// The most pattern tests the check that one branch identifies one agent may make: each literal
    /// branch is tested against the other agents' wildcard patterns that begin with a prefix of it.
    /// </summary>
    public const int MaxBranchComparisons = 1_000_000;

    // The keys each object accepts; schemas/scopes.schema.json must list the same (a test checks).
    internal static readonly string[] RootKeys = ["$schema", "version", "settings", "agents"];
    internal static readonly string[] SettingsKeys = ["mode", "baseBranch", "unknownAgent", "protectedPaths", "protectedBranches", "defaults", "overlaps", "conflicts", "scopeCard"];
    internal static readonly string[] DefaultsKeys = ["paths", "deny", "symbols"];
    internal static readonly string[] AgentKeys = ["description", "branches", "paths", "deny", "symbols", "mode", "sharedWith"];
    internal static readonly string[] SymbolKeys = ["edit", "body", "extend", "readonly"];

    /// <summary>Loads a manifest from its text.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="path">The path messages should name.</param>
    /// <returns>The manifest, or its errors.</returns>
    public static ManifestLoadResult Load(string text, string path)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var context = new ManifestReadContext(path);
        if (text.Length > MaxLength)
        {
            context.Error(new TextPosition(1, 1), $"the manifest is larger than {MaxLength / (1024 * 1024)} MiB");
            return context.Result(null);
        }

        JsonNode root;
        try
        {
            root = JsonReader.Parse(text);
        }
        catch (JsonSyntaxException ex)
        {
            context.Error(ex.Position, ex.Message);
            return context.Result(null);
        }

        var manifest = ReadRoot(root, context);
        return context.Result(context.ErrorCount == 0 ? manifest : null);
    }

    private static ScopeManifest? ReadRoot(JsonNode root, ManifestReadContext context)
    {
        if (root.Kind != JsonKind.Object)
        {
            context.Error(root.Position, $"the manifest must be a JSON object, not {root.KindName}");
            return null;
        }

        var members = context.Members(root, "the manifest", RootKeys);
        if (members.TryGetValue("$schema", out var schema))
        {
            context.String(schema.Value, "$schema");
        }

        if (!members.TryGetValue("version", out var version))
        {
            context.Error(root.Position, "missing \"version\": add \"version\": 1");
        }
        else if (version.Value.Kind != JsonKind.Number || version.Value.Text != "1")
        {
            context.Error(version.Value.Range, version.Value.Kind == JsonKind.Number
                ? $"unsupported version {version.Value.Text}: this ScopeGuard reads version 1"
                : $"\"version\" must be the number 1, not {version.Value.KindName}");
        }

        var settings = members.TryGetValue("settings", out var settingsMember)
            ? ManifestParser.ReadSettings(settingsMember.Value, context)
            : new RawSettings();

        if (!members.TryGetValue("agents", out var agentsMember))
        {
            context.Error(root.Position, "missing \"agents\": declare at least one agent");
            return null;
        }

        if (!AgentExpansion.CheckRuleCount(agentsMember.Value, settings, context))
        {
            return null;
        }

        var agents = ManifestParser.ReadAgents(agentsMember.Value, settings, context);
        BranchClaims.Check(agents, context);
        ManifestParser.CheckSharedWith(agents, context);

        var protectedPaths = settings.ProtectedPaths
            ?? ManifestSettings.DefaultProtectedPaths
                .Select(p => new ManifestEntry<PathPattern>(p, PathPattern.Parse(p), root.Position, "default settings.protectedPaths"))
                .ToList();
        var protectedBranches = settings.ProtectedBranches
            ?? [new ManifestEntry<BranchPattern>(settings.BaseBranch, BranchPattern.TryParse(settings.BaseBranch, out _)!, root.Position, "default settings.protectedBranches (the base branch)")];

        var manifestSettings = new ManifestSettings(settings.Mode, settings.BaseBranch, settings.UnknownAgent, protectedPaths, protectedBranches);
        manifestSettings.Overlaps = settings.Overlaps;
        manifestSettings.Conflicts = settings.Conflicts;
        manifestSettings.ScopeCard = settings.ScopeCard;
        return new ScopeManifest(context.Path, manifestSettings, agents);
    }
}
