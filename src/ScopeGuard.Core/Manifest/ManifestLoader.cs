using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScopeGuard.Core.Json;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Manifest;

/// <summary>The outcome of loading a manifest: the manifest, or every error found.</summary>
public sealed class ManifestLoadResult
{
    internal ManifestLoadResult(ScopeManifest? manifest, IReadOnlyList<ManifestError> errors)
    {
        Manifest = manifest;
        Errors = errors;
    }

    /// <summary>Makes a failed result from one error found before the JSON could be read (for example, invalid UTF-8).</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    public static ManifestLoadResult Failed(ManifestError error) => new(null, [error]);

    /// <summary>Gets the manifest when it is valid.</summary>
    public ScopeManifest? Manifest { get; }

    /// <summary>Gets the errors, in file order; empty when valid.</summary>
    public IReadOnlyList<ManifestError> Errors { get; }
}

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
    internal static readonly string[] SettingsKeys = ["mode", "baseBranch", "unknownAgent", "protectedPaths", "protectedBranches", "defaults"];
    internal static readonly string[] DefaultsKeys = ["paths", "deny", "symbols"];
    internal static readonly string[] AgentKeys = ["description", "branches", "paths", "deny", "symbols", "mode"];
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

        var context = new Context(path);
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

    private static ScopeManifest? ReadRoot(JsonNode root, Context context)
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
            context.Error(version.Value.Position, version.Value.Kind == JsonKind.Number
                ? $"unsupported version {version.Value.Text}: this ScopeGuard reads version 1"
                : $"\"version\" must be the number 1, not {version.Value.KindName}");
        }

        var settings = members.TryGetValue("settings", out var settingsMember)
            ? ReadSettings(settingsMember.Value, context)
            : new RawSettings();

        if (!members.TryGetValue("agents", out var agentsMember))
        {
            context.Error(root.Position, "missing \"agents\": declare at least one agent");
            return null;
        }

        if (!CheckRuleCount(agentsMember.Value, settings, context))
        {
            return null;
        }

        var agents = ReadAgents(agentsMember.Value, settings, context);
        CheckBranchClaims(agents, context);

        var protectedPaths = settings.ProtectedPaths
            ?? ManifestSettings.DefaultProtectedPaths
                .Select(p => new ManifestEntry<PathPattern>(p, PathPattern.Parse(p), root.Position, "default settings.protectedPaths"))
                .ToList();
        var protectedBranches = settings.ProtectedBranches
            ?? [new ManifestEntry<BranchPattern>(settings.BaseBranch, BranchPattern.TryParse(settings.BaseBranch, out _)!, root.Position, "default settings.protectedBranches (the base branch)")];

        var manifestSettings = new ManifestSettings(settings.Mode, settings.BaseBranch, settings.UnknownAgent, protectedPaths, protectedBranches);
        return new ScopeManifest(context.Path, manifestSettings, agents);
    }

    private static RawSettings ReadSettings(JsonNode node, Context context)
    {
        var settings = new RawSettings();
        if (!context.Expect(node, JsonKind.Object, "settings"))
        {
            return settings;
        }

        var members = context.Members(node, "settings", SettingsKeys);
        if (members.TryGetValue("mode", out var mode))
        {
            settings.Mode = ReadMode(mode.Value, "settings.mode", context) ?? ScopeMode.Block;
        }

        if (members.TryGetValue("baseBranch", out var baseBranch) && context.String(baseBranch.Value, "settings.baseBranch") is { } branch)
        {
            var pattern = BranchPattern.TryParse(branch, out var error);
            if (pattern is null || !pattern.IsLiteral)
            {
                context.Error(baseBranch.Value.Position, $"settings.baseBranch must be one branch name: {error ?? "wildcards are not allowed here"}");
            }
            else
            {
                settings.BaseBranch = branch;
            }
        }

        if (members.TryGetValue("unknownAgent", out var unknown) && context.String(unknown.Value, "settings.unknownAgent") is { } policy)
        {
            switch (policy)
            {
                case "allow": settings.UnknownAgent = UnknownAgentPolicy.Allow; break;
                case "block": settings.UnknownAgent = UnknownAgentPolicy.Block; break;
                default: context.Error(unknown.Value.Position, $"settings.unknownAgent must be \"allow\" or \"block\", not \"{policy}\""); break;
            }
        }

        if (members.TryGetValue("protectedPaths", out var protectedPaths))
        {
            settings.ProtectedPaths = ReadPaths(protectedPaths.Value, "settings.protectedPaths", agent: null, context);
        }

        if (members.TryGetValue("protectedBranches", out var protectedBranches))
        {
            settings.ProtectedBranches = ReadBranches(protectedBranches.Value, "settings.protectedBranches", context);
        }

        if (members.TryGetValue("defaults", out var defaults) && context.Expect(defaults.Value, JsonKind.Object, "settings.defaults"))
        {
            var defaultMembers = context.Members(defaults.Value, "settings.defaults", DefaultsKeys);
            settings.DefaultPaths = defaultMembers.TryGetValue("paths", out var paths) ? paths.Value : null;
            settings.DefaultDeny = defaultMembers.TryGetValue("deny", out var deny) ? deny.Value : null;
            settings.DefaultSymbols = defaultMembers.TryGetValue("symbols", out var symbols) ? symbols.Value : null;

            // Placeholders are expanded per agent; validate the shape once here.
            ValidatePatternArray(settings.DefaultPaths, "settings.defaults.paths", context);
            ValidatePatternArray(settings.DefaultDeny, "settings.defaults.deny", context);
            if (settings.DefaultSymbols is not null)
            {
                ReadSymbols(settings.DefaultSymbols, "settings.defaults.symbols", context);
            }
        }

        return settings;
    }

    private static List<AgentScope> ReadAgents(JsonNode node, RawSettings settings, Context context)
    {
        var agents = new List<AgentScope>();
        if (!context.Expect(node, JsonKind.Object, "agents"))
        {
            return agents;
        }

        if (node.Members.Count == 0)
        {
            context.Error(node.Position, "\"agents\" is empty: declare at least one agent");
        }

        var seen = new Dictionary<string, TextPosition>(StringComparer.Ordinal);
        var seenFolded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in node.Members)
        {
            var name = member.Name;
            if (seen.TryGetValue(name, out var first))
            {
                context.Error(member.NamePosition, $"duplicate agent \"{name}\" (first declared at {first}): merge the two declarations");
                continue;
            }

            seen[name] = member.NamePosition;
            if (!IsAgentName(name))
            {
                context.Error(member.NamePosition, $"invalid agent name \"{name}\": use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
                continue;
            }

            if (seenFolded.TryGetValue(name, out var other))
            {
                context.Error(member.NamePosition, $"agent \"{name}\" differs from agent \"{other}\" only in case: names must differ in more than case");
                continue;
            }

            seenFolded[name] = name;
            var agent = ReadAgent(name, member, settings, context);
            if (agent is not null)
            {
                agents.Add(agent);
            }
        }

        return agents;
    }

    private static AgentScope? ReadAgent(string name, JsonMember member, RawSettings settings, Context context)
    {
        var where = $"agents.{name}";
        if (!context.Expect(member.Value, JsonKind.Object, where))
        {
            return null;
        }

        var members = context.Members(member.Value, $"agent \"{name}\"", AgentKeys);
        var description = members.TryGetValue("description", out var d) ? context.String(d.Value, $"{where}.description") : null;
        var branches = members.TryGetValue("branches", out var b) ? ReadBranches(b.Value, $"{where}.branches", context) : [];
        var paths = new List<ManifestEntry<PathPattern>>();
        var deny = new List<ManifestEntry<PathPattern>>();
        if (members.TryGetValue("paths", out var p))
        {
            paths.AddRange(ReadPaths(p.Value, $"{where}.paths", name, context));
        }

        if (settings.DefaultPaths is not null)
        {
            paths.AddRange(ReadPaths(settings.DefaultPaths, "settings.defaults.paths", name, context, reportErrors: false));
        }

        if (members.TryGetValue("deny", out var n))
        {
            deny.AddRange(ReadPaths(n.Value, $"{where}.deny", name, context));
        }

        if (settings.DefaultDeny is not null)
        {
            deny.AddRange(ReadPaths(settings.DefaultDeny, "settings.defaults.deny", name, context, reportErrors: false));
        }

        var symbols = members.TryGetValue("symbols", out var s) ? ReadSymbols(s.Value, $"{where}.symbols", context) : SymbolGrants.Empty;
        if (settings.DefaultSymbols is not null)
        {
            symbols = Merge(symbols, ReadSymbols(settings.DefaultSymbols, "settings.defaults.symbols", new Context(context.Path)));
        }

        var mode = members.TryGetValue("mode", out var m) ? ReadMode(m.Value, $"{where}.mode", context) ?? settings.Mode : settings.Mode;
        return new AgentScope(name, member.NamePosition, description, branches, paths, deny, symbols, mode);
    }

    // Hand-written rather than Regex: building a Regex costs milliseconds of the hook's cold start.
    private static bool IsAgentName(string name)
    {
        if (name.Length is 0 or > 64 || !IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    // Every "{...}" not escaped by a backslash.
    private static IEnumerable<string> Placeholders(string text)
    {
        var i = 0;
        while ((i = text.IndexOf('{', i)) >= 0)
        {
            if (i > 0 && text[i - 1] == '\\')
            {
                i++;
                continue;
            }

            var close = text.IndexOf('}', i + 1);
            if (close < 0)
            {
                yield break;
            }

            yield return text.Substring(i, close - i + 1);
            i = close + 1;
        }
    }

    private static SymbolGrants Merge(SymbolGrants own, SymbolGrants defaults) => new(
        [.. own.Edit, .. defaults.Edit],
        [.. own.Body, .. defaults.Body],
        [.. own.Extend, .. defaults.Extend],
        [.. own.ReadOnly, .. defaults.ReadOnly]);

    private static SymbolGrants ReadSymbols(JsonNode node, string where, Context context)
    {
        if (!context.Expect(node, JsonKind.Object, where))
        {
            return SymbolGrants.Empty;
        }

        var members = context.Members(node, where, SymbolKeys);
        List<ManifestEntry<SymbolPattern>> Read(string key)
        {
            var list = new List<ManifestEntry<SymbolPattern>>();
            if (!members.TryGetValue(key, out var member))
            {
                return list;
            }

            foreach (var (text, position) in context.StringArray(member.Value, $"{where}.{key}"))
            {
                var pattern = SymbolPattern.TryParse(text, out var error);
                if (pattern is null)
                {
                    context.Error(position, $"invalid symbol pattern \"{text}\" in {where}.{key}: {error}; write a documentation comment ID such as \"N:Contoso.Billing\", \"T:Contoso.Billing.Invoice\" or \"M:Contoso.Billing.Invoice.Add(*)\"");
                    continue;
                }

                list.Add(new ManifestEntry<SymbolPattern>(text, pattern, position, $"{where}.{key}"));
            }

            return list;
        }

        return new SymbolGrants(Read("edit"), Read("body"), Read("extend"), Read("readonly"));
    }

    private static ScopeMode? ReadMode(JsonNode node, string where, Context context)
    {
        var text = context.String(node, where);
        switch (text)
        {
            case null: return null;
            case "block": return ScopeMode.Block;
            case "warn": return ScopeMode.Warn;
            default:
                context.Error(node.Position, $"{where} must be \"block\" or \"warn\", not \"{text}\"");
                return null;
        }
    }

    private static void ValidatePatternArray(JsonNode? node, string where, Context context)
    {
        if (node is not null)
        {
            ReadPaths(node, where, "example-agent", context);
        }
    }

    private static List<ManifestEntry<PathPattern>> ReadPaths(JsonNode node, string where, string? agent, Context context, bool reportErrors = true)
    {
        var target = reportErrors ? context : new Context(context.Path);
        var result = new List<ManifestEntry<PathPattern>>();
        foreach (var (text, position) in target.StringArray(node, where))
        {
            var expanded = text;
            foreach (var placeholder in Placeholders(text))
            {
                if (placeholder != AgentPlaceholder)
                {
                    target.Error(position, $"unknown placeholder {placeholder} in \"{text}\": only {AgentPlaceholder} is replaced (write \\{{ for a literal brace)");
                    expanded = null;
                    break;
                }

                if (agent is null)
                {
                    target.Error(position, $"{AgentPlaceholder} has no meaning in {where}: it stands for an agent's name in agent and default rules");
                    expanded = null;
                    break;
                }
            }

            if (expanded is null)
            {
                continue;
            }

            if (agent is not null)
            {
                expanded = expanded.Replace(AgentPlaceholder, agent);
            }

            var pattern = PathPattern.TryParse(expanded, out var error);
            if (pattern is null)
            {
                target.Error(position, $"invalid path pattern \"{text}\" in {where}: {error}");
                continue;
            }

            result.Add(new ManifestEntry<PathPattern>(text, pattern, position, where));
        }

        return result;
    }

    private static List<ManifestEntry<BranchPattern>> ReadBranches(JsonNode node, string where, Context context)
    {
        var result = new List<ManifestEntry<BranchPattern>>();
        foreach (var (text, position) in context.StringArray(node, where))
        {
            var pattern = BranchPattern.TryParse(text, out var error);
            if (pattern is null)
            {
                context.Error(position, $"invalid branch pattern \"{text}\" in {where}: {error}");
                continue;
            }

            result.Add(new ManifestEntry<BranchPattern>(text, pattern, position, where));
        }

        return result;
    }

    // One branch must identify at most one agent: the same pattern twice, or one agent's
    // literal branch matched by another agent's pattern, is an error in the manifest itself.
    // Linear in the number of branches: a literal can only match a wildcard pattern whose text
    // before its first wildcard is a prefix of the literal, so each literal is tested only against
    // the wildcard patterns found along its path in a prefix tree, not against every agent's branches.
    private static void CheckBranchClaims(List<AgentScope> agents, Context context)
    {
        var claims = new Dictionary<string, (AgentScope Agent, ManifestEntry<BranchPattern> Entry)>(StringComparer.Ordinal);
        var wildcards = new PrefixTree();
        for (var a = 0; a < agents.Count; a++)
        {
            var agent = agents[a];
            for (var b = 0; b < agent.Branches.Count; b++)
            {
                var entry = agent.Branches[b];
                if (claims.TryGetValue(entry.Source, out var claim) && claim.Agent != agent)
                {
                    context.Error(entry.Position, $"branch pattern \"{entry.Source}\" is claimed by agent \"{claim.Agent.Name}\" ({claim.Entry.Position}) and agent \"{agent.Name}\": one branch must identify one agent");
                    continue;
                }

                claims[entry.Source] = (agent, entry);
                if (!entry.Pattern.IsLiteral)
                {
                    wildcards.Add(entry.Pattern.LiteralPrefix, new BranchRef(a, b, entry));
                }
            }
        }

        var comparisons = 0;
        var candidates = new List<BranchRef>();
        for (var a = 0; a < agents.Count; a++)
        {
            var agent = agents[a];
            foreach (var literal in agent.Branches)
            {
                if (!literal.Pattern.IsLiteral)
                {
                    continue;
                }

                candidates.Clear();
                wildcards.CollectPrefixesOf(literal.Source, candidates);
                comparisons += candidates.Count;
                if (comparisons > MaxBranchComparisons)
                {
                    context.Error(literal.Position, $"too many wildcard branch patterns start with the same text as branch \"{literal.Source}\": checking that each branch identifies one agent would take more than {MaxBranchComparisons.ToString("N0", CultureInfo.InvariantCulture)} comparisons; begin each agent's wildcard patterns with a text of its own, such as \"agent/{agent.Name}/*\"");
                    return;
                }

                if (candidates.Count == 0)
                {
                    continue;
                }

                // Report as a scan of the other agents in manifest order would: per agent, its first
                // pattern (in the order written) that matches the literal.
                candidates.Sort((x, y) => x.Agent != y.Agent ? x.Agent.CompareTo(y.Agent) : x.Index.CompareTo(y.Index));
                var bytes = System.Text.Encoding.UTF8.GetBytes(literal.Source);
                var reported = -1;
                foreach (var candidate in candidates)
                {
                    if (candidate.Agent == a || candidate.Agent == reported || !candidate.Entry.Pattern.Matches(bytes))
                    {
                        continue;
                    }

                    reported = candidate.Agent;
                    var other = agents[candidate.Agent];
                    var overlap = candidate.Entry;
                    context.Error(literal.Position, $"branch \"{literal.Source}\" of agent \"{agent.Name}\" also matches \"{overlap.Source}\" of agent \"{other.Name}\" ({overlap.Position}): one branch must identify one agent");
                }
            }
        }
    }

    // Counts the rules every agent will hold once settings.defaults is expanded into it, before
    // anything is parsed: defaults are copied into each agent, so a large defaults list times many
    // agents could otherwise take the loader (and memory) far beyond the manifest's own size.
    private static bool CheckRuleCount(JsonNode agentsNode, RawSettings settings, Context context)
    {
        if (agentsNode.Kind != JsonKind.Object)
        {
            return true;
        }

        long perAgentDefaults = ItemCount(settings.DefaultPaths) + ItemCount(settings.DefaultDeny) + SymbolItemCount(settings.DefaultSymbols);
        long total = 0;
        foreach (var member in agentsNode.Members)
        {
            total += perAgentDefaults;
            if (member.Value.Kind == JsonKind.Object)
            {
                foreach (var key in member.Value.Members)
                {
                    total += key.Name == "symbols" ? SymbolItemCount(key.Value) : ItemCount(key.Value);
                }
            }

            if (total > MaxRules)
            {
                context.Error(member.NamePosition, $"the manifest holds more than {MaxRules.ToString("N0", CultureInfo.InvariantCulture)} rules (branches, paths, deny and symbol patterns, with settings.defaults counted once for each agent) by agent \"{member.Name}\": split the manifest's agents or shorten settings.defaults");
                return false;
            }
        }

        return true;

        static long ItemCount(JsonNode? node) => node is { Kind: JsonKind.Array } ? node.Items.Count : 0;

        static long SymbolItemCount(JsonNode? node)
        {
            long count = 0;
            if (node is { Kind: JsonKind.Object })
            {
                foreach (var member in node.Members)
                {
                    count += ItemCount(member.Value);
                }
            }

            return count;
        }
    }

    // One agent's branch pattern: the agent's index in the manifest, the pattern's index in its list.
    private readonly record struct BranchRef(int Agent, int Index, ManifestEntry<BranchPattern> Entry);

    // Wildcard branch patterns keyed by the literal text before their first wildcard.
    private sealed class PrefixTree
    {
        private readonly Node root = new();

        public void Add(string prefix, BranchRef value)
        {
            var node = root;
            foreach (var c in prefix)
            {
                node.Children ??= new Dictionary<char, Node>();
                if (!node.Children.TryGetValue(c, out var child))
                {
                    child = new Node();
                    node.Children[c] = child;
                }

                node = child;
            }

            (node.Values ??= []).Add(value);
        }

        // Adds every value whose key is a prefix of text (the empty key included).
        public void CollectPrefixesOf(string text, List<BranchRef> into)
        {
            var node = root;
            var i = 0;
            while (true)
            {
                if (node.Values is not null)
                {
                    into.AddRange(node.Values);
                }

                if (i == text.Length || node.Children is null || !node.Children.TryGetValue(text[i], out var child))
                {
                    return;
                }

                node = child;
                i++;
            }
        }

        private sealed class Node
        {
            public Dictionary<char, Node>? Children { get; set; }

            public List<BranchRef>? Values { get; set; }
        }
    }

    private sealed class RawSettings
    {
        public ScopeMode Mode { get; set; } = ScopeMode.Block;

        public string BaseBranch { get; set; } = ManifestDefaults.BaseBranch;

        public UnknownAgentPolicy UnknownAgent { get; set; } = UnknownAgentPolicy.Allow;

        public List<ManifestEntry<PathPattern>>? ProtectedPaths { get; set; }

        public List<ManifestEntry<BranchPattern>>? ProtectedBranches { get; set; }

        public JsonNode? DefaultPaths { get; set; }

        public JsonNode? DefaultDeny { get; set; }

        public JsonNode? DefaultSymbols { get; set; }
    }

    private sealed class Context
    {
        private readonly List<ManifestError> errors = [];

        public Context(string path)
        {
            Path = path;
        }

        public string Path { get; }

        public int ErrorCount => errors.Count;

        public void Error(TextPosition position, string message) => errors.Add(new ManifestError(Path, position, message));

        public ManifestLoadResult Result(ScopeManifest? manifest) =>
            new(manifest, errors.OrderBy(e => e.Position.Line).ThenBy(e => e.Position.Column).ToList());

        public bool Expect(JsonNode node, JsonKind kind, string where)
        {
            if (node.Kind == kind)
            {
                return true;
            }

            var wanted = kind == JsonKind.Object ? "an object" : kind == JsonKind.Array ? "an array" : "a string";
            Error(node.Position, $"{where} must be {wanted}, not {node.KindName}");
            return false;
        }

        public string? String(JsonNode node, string where) => Expect(node, JsonKind.String, where) ? node.Text : null;

        public IEnumerable<(string Text, TextPosition Position)> StringArray(JsonNode node, string where)
        {
            if (!Expect(node, JsonKind.Array, where))
            {
                yield break;
            }

            // Most lists are short: look for a duplicate among the items before (no dictionary per list,
            // which for thousands of agents is much of the loader's garbage); long lists use one.
            var seen = node.Items.Count > 16 ? new Dictionary<string, TextPosition>(StringComparer.Ordinal) : null;
            for (var i = 0; i < node.Items.Count; i++)
            {
                var item = node.Items[i];
                if (item.Kind != JsonKind.String)
                {
                    Error(item.Position, $"{where}[{i.ToString(CultureInfo.InvariantCulture)}] must be a string, not {item.KindName}");
                    continue;
                }

                if (FirstOccurrence(node.Items, i, seen) is { } first)
                {
                    Error(item.Position, $"\"{item.Text}\" is listed twice in {where} (first at {first})");
                    continue;
                }

                yield return (item.Text, item.Position);
            }
        }

        // Where an earlier string item equal to items[i] is, or null (recording items[i] in seen when given).
        private static TextPosition? FirstOccurrence(IReadOnlyList<JsonNode> items, int i, Dictionary<string, TextPosition>? seen)
        {
            var text = items[i].Text;
            if (seen is not null)
            {
                if (seen.TryGetValue(text, out var first))
                {
                    return first;
                }

                seen[text] = items[i].Position;
                return null;
            }

            for (var j = 0; j < i; j++)
            {
                if (items[j].Kind == JsonKind.String && string.Equals(items[j].Text, text, StringComparison.Ordinal))
                {
                    return items[j].Position;
                }
            }

            return null;
        }

        // Returns the members by name, reporting unknown and duplicate keys.
        public Dictionary<string, JsonMember> Members(JsonNode node, string where, params string[] known)
        {
            var result = new Dictionary<string, JsonMember>(StringComparer.Ordinal);
            foreach (var member in node.Members)
            {
                if (Array.IndexOf(known, member.Name) < 0)
                {
                    var hint = known.FirstOrDefault(k => string.Equals(k, member.Name, StringComparison.OrdinalIgnoreCase));
                    Error(member.NamePosition, hint is not null
                        ? $"unknown key \"{member.Name}\" in {where}: did you mean \"{hint}\"?"
                        : $"unknown key \"{member.Name}\" in {where}; expected one of: {string.Join(", ", known)}");
                    continue;
                }

                if (result.TryGetValue(member.Name, out var first))
                {
                    Error(member.NamePosition, $"duplicate key \"{member.Name}\" in {where} (first at {first.NamePosition})");
                    continue;
                }

                result[member.Name] = member;
            }

            return result;
        }
    }
}
