using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Json;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Manifest;

/// <summary>Reads the JSON of a manifest into settings and agents, reporting every error of shape or value.</summary>
internal static class ManifestParser
{
    internal static RawSettings ReadSettings(JsonNode node, ManifestReadContext context)
    {
        var settings = new RawSettings();
        if (!context.Expect(node, JsonKind.Object, "settings"))
        {
            return settings;
        }

        var members = context.Members(node, "settings", ManifestLoader.SettingsKeys);
        if (members.TryGetValue("mode", out var mode))
        {
            settings.Mode = ReadMode(mode.Value, "settings.mode", context) ?? ScopeMode.Block;
        }

        if (members.TryGetValue("baseBranch", out var baseBranch) && context.String(baseBranch.Value, "settings.baseBranch") is { } branch)
        {
            var pattern = BranchPattern.TryParse(branch, out var error);
            if (pattern is null || !pattern.IsLiteral)
            {
                context.Error(baseBranch.Value.Range, $"settings.baseBranch must be one branch name: {error ?? "wildcards are not allowed here"}");
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
                default: context.Error(unknown.Value.Range, $"settings.unknownAgent must be \"allow\" or \"block\", not \"{policy}\""); break;
            }
        }

        if (members.TryGetValue("overlaps", out var overlaps))
        {
            settings.Overlaps = ReadOverlaps(overlaps.Value, context);
        }

        ReadConflicts(members, settings, context);

        if (members.TryGetValue("scopeCard", out var scopeCard) && context.String(scopeCard.Value, "settings.scopeCard") is { } card)
        {
            if (ScopeCardPathError(card) is { } problem)
            {
                context.Error(scopeCard.Value.Range, $"settings.scopeCard \"{card}\" {problem}");
            }
            else
            {
                settings.ScopeCard = card;
            }
        }

        if (members.TryGetValue("protectedPaths", out var protectedPaths))
        {
            settings.ProtectedPaths = AgentExpansion.ReadPaths(protectedPaths.Value, "settings.protectedPaths", agent: null, context);
        }

        if (members.TryGetValue("protectedBranches", out var protectedBranches))
        {
            settings.ProtectedBranches = ReadBranches(protectedBranches.Value, "settings.protectedBranches", context);
        }

        if (members.TryGetValue("defaults", out var defaults) && context.Expect(defaults.Value, JsonKind.Object, "settings.defaults"))
        {
            var defaultMembers = context.Members(defaults.Value, "settings.defaults", ManifestLoader.DefaultsKeys);
            settings.DefaultPaths = defaultMembers.TryGetValue("paths", out var paths) ? paths.Value : null;
            settings.DefaultDeny = defaultMembers.TryGetValue("deny", out var deny) ? deny.Value : null;
            settings.DefaultSymbols = defaultMembers.TryGetValue("symbols", out var symbols) ? symbols.Value : null;

            // Placeholders are expanded per agent; validate the shape once here.
            AgentExpansion.ValidatePatternArray(settings.DefaultPaths, "settings.defaults.paths", context);
            AgentExpansion.ValidatePatternArray(settings.DefaultDeny, "settings.defaults.deny", context);
            if (settings.DefaultSymbols is not null)
            {
                ReadSymbols(settings.DefaultSymbols, "settings.defaults.symbols", context);
            }
        }

        return settings;
    }

    // settings.conflicts: what conflicts --staged / --pre-push make of an overlap with another agent's branch.
    private static void ReadConflicts(Dictionary<string, JsonMember> members, RawSettings settings, ManifestReadContext context)
    {
        if (members.TryGetValue("conflicts", out var conflicts) && context.String(conflicts.Value, "settings.conflicts") is { } policy)
        {
            switch (policy)
            {
                case "warn": settings.Conflicts = ConflictPolicy.Warn; break;
                case "block": settings.Conflicts = ConflictPolicy.Block; break;
                default: context.Error(conflicts.Value.Range, $"settings.conflicts must be \"warn\" or \"block\", not \"{policy}\""); break;
            }
        }
    }

    // settings.scopeCard: one file inside every agent worktree, named the way git names it (so it can be
    // listed in info/exclude and looked up at the base as it is written).
    internal static string? ScopeCardPathError(string path)
    {
        if (path.Length == 0)
        {
            return "is empty: name a file relative to the repository's root, such as .scopeguard/SCOPE.md";
        }

        if (path.Any(c => char.IsControl(c)))
        {
            return "holds a control character: name a file relative to the repository's root";
        }

        if (path.Contains("\\"))
        {
            return "holds a backslash: separate folders with '/', as git does";
        }

        if (path.StartsWith("/", StringComparison.Ordinal) || (path.Length >= 2 && path[1] == ':'))
        {
            return "is absolute: name a file relative to the repository's root (the card is written inside each agent's worktree)";
        }

        if (path.EndsWith("/", StringComparison.Ordinal))
        {
            return "ends with '/': name a file, not a folder";
        }

        // info/exclude reads patterns: the card's line there must mean this one file and nothing else.
        if (path.IndexOfAny(['*', '?', '[']) is var wild and >= 0)
        {
            return $"holds '{path[wild]}': name one file literally, not a pattern (the path is listed in info/exclude, which reads patterns)";
        }

        if (path.EndsWith(" ", StringComparison.Ordinal))
        {
            return "ends with a space, which git drops from info/exclude lines: name the file without it";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                return "has an empty or '.' folder: write the path the way git shows it, such as docs/agent/SCOPE.md";
            }

            if (segment == "..")
            {
                return "climbs out with '..': the card must stay inside the agent's worktree";
            }

            if (string.Equals(segment, ".git", StringComparison.OrdinalIgnoreCase))
            {
                return "goes through a .git folder, which git keeps for itself: name a file in the worktree";
            }
        }

        return null;
    }

    internal static List<AgentScope> ReadAgents(JsonNode node, RawSettings settings, ManifestReadContext context)
    {
        var agents = new List<AgentScope>();
        if (!context.Expect(node, JsonKind.Object, "agents"))
        {
            return agents;
        }

        if (node.Members.Count == 0)
        {
            context.Error(node.Range, "\"agents\" is empty: declare at least one agent");
        }

        var seen = new Dictionary<string, TextRange>(StringComparer.Ordinal);
        var seenFolded = new Dictionary<string, (string Name, TextRange Range)>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in node.Members)
        {
            var name = member.Name;
            if (seen.TryGetValue(name, out var first))
            {
                context.Error(member.NameRange, $"duplicate agent \"{name}\" (first declared at {first.Start}): merge the two declarations", first);
                continue;
            }

            seen[name] = member.NameRange;
            if (!IsAgentName(name))
            {
                context.Error(member.NameRange, $"invalid agent name \"{name}\": use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
                continue;
            }

            if (seenFolded.TryGetValue(name, out var other))
            {
                context.Error(member.NameRange, $"agent \"{name}\" differs from agent \"{other.Name}\" only in case: names must differ in more than case", other.Range);
                continue;
            }

            seenFolded[name] = (name, member.NameRange);
            var agent = ReadAgent(name, member, settings, context);
            if (agent is not null)
            {
                agents.Add(agent);
            }
        }

        return agents;
    }

    private static AgentScope? ReadAgent(string name, JsonMember member, RawSettings settings, ManifestReadContext context)
    {
        var where = $"agents.{name}";
        if (!context.Expect(member.Value, JsonKind.Object, where))
        {
            return null;
        }

        var members = context.Members(member.Value, $"agent \"{name}\"", ManifestLoader.AgentKeys);
        var description = members.TryGetValue("description", out var d) ? context.String(d.Value, $"{where}.description") : null;
        var branches = members.TryGetValue("branches", out var b) ? ReadBranches(b.Value, $"{where}.branches", context) : [];
        var paths = new List<ManifestEntry<PathPattern>>();
        var deny = new List<ManifestEntry<PathPattern>>();
        if (members.TryGetValue("paths", out var p))
        {
            paths.AddRange(AgentExpansion.ReadPaths(p.Value, $"{where}.paths", name, context));
        }

        if (settings.DefaultPaths is not null)
        {
            paths.AddRange(AgentExpansion.ReadPaths(settings.DefaultPaths, "settings.defaults.paths", name, context, reportErrors: false));
        }

        if (members.TryGetValue("deny", out var n))
        {
            deny.AddRange(AgentExpansion.ReadPaths(n.Value, $"{where}.deny", name, context));
        }

        if (settings.DefaultDeny is not null)
        {
            deny.AddRange(AgentExpansion.ReadPaths(settings.DefaultDeny, "settings.defaults.deny", name, context, reportErrors: false));
        }

        var symbols = members.TryGetValue("symbols", out var s) ? ReadSymbols(s.Value, $"{where}.symbols", context) : SymbolGrants.Empty;
        if (settings.DefaultSymbols is not null)
        {
            symbols = AgentExpansion.Merge(symbols, ReadSymbols(settings.DefaultSymbols, "settings.defaults.symbols", new ManifestReadContext(context.Path)));
        }

        var mode = members.TryGetValue("mode", out var m) ? ReadMode(m.Value, $"{where}.mode", context) ?? settings.Mode : settings.Mode;
        return new AgentScope(name, member.NamePosition, description, branches, paths, deny, symbols, mode)
        {
            SharedWith = members.TryGetValue("sharedWith", out var shared) ? ReadSharedWith(shared.Value, $"{where}.sharedWith", context) : [],
        };
    }

    // settings.overlaps: how lint reports SG0100.
    private static OverlapPolicy ReadOverlaps(JsonNode node, ManifestReadContext context)
    {
        switch (context.String(node, "settings.overlaps"))
        {
            case null: return OverlapPolicy.Warn;
            case "warn": return OverlapPolicy.Warn;
            case "error": return OverlapPolicy.Error;
            case "allow": return OverlapPolicy.Allow;
            case var other:
                context.Error(node.Range, $"settings.overlaps must be \"error\", \"warn\" or \"allow\", not \"{other}\"");
                return OverlapPolicy.Warn;
        }
    }

    // An agent's sharedWith: names of other agents, checked once every agent is known (CheckSharedWith).
    private static List<ManifestEntry<string>> ReadSharedWith(JsonNode node, string where, ManifestReadContext context) =>
        [.. context.StringArray(node, where).Select(s => new ManifestEntry<string>(s.Text, s.Text, s.Range.Start, where) { End = s.Range.End })];

    internal static void CheckSharedWith(IReadOnlyList<AgentScope> agents, ManifestReadContext context)
    {
        var names = new HashSet<string>(agents.Select(a => a.Name), StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            var seen = new Dictionary<string, TextRange>(StringComparer.Ordinal);
            foreach (var entry in agent.SharedWith)
            {
                if (entry.Source == agent.Name)
                {
                    context.Error(entry.Range, $"agent \"{agent.Name}\" lists itself in {entry.Origin}: name the other agents it shares paths or symbols with");
                }
                else if (!names.Contains(entry.Source))
                {
                    context.Error(entry.Range, $"unknown agent \"{entry.Source}\" in {entry.Origin}: the agents are {string.Join(", ", agents.Select(a => a.Name))}");
                }
                else if (seen.TryGetValue(entry.Source, out var first))
                {
                    context.Error(entry.Range, $"agent \"{entry.Source}\" is listed twice in {entry.Origin} (first at {first.Start})", first);
                }
                else
                {
                    seen[entry.Source] = entry.Range;
                }
            }
        }
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

    internal static SymbolGrants ReadSymbols(JsonNode node, string where, ManifestReadContext context)
    {
        if (!context.Expect(node, JsonKind.Object, where))
        {
            return SymbolGrants.Empty;
        }

        var members = context.Members(node, where, ManifestLoader.SymbolKeys);
        List<ManifestEntry<SymbolPattern>> Read(string key)
        {
            var list = new List<ManifestEntry<SymbolPattern>>();
            if (!members.TryGetValue(key, out var member))
            {
                return list;
            }

            foreach (var (text, range) in context.StringArray(member.Value, $"{where}.{key}"))
            {
                var pattern = SymbolPattern.TryParse(text, out var error);
                if (pattern is null)
                {
                    context.Error(range, $"invalid symbol pattern \"{text}\" in {where}.{key}: {error}; write a documentation comment ID such as \"N:Contoso.Billing\", \"T:Contoso.Billing.Invoice\" or \"M:Contoso.Billing.Invoice.Add(*)\"");
                    continue;
                }

                list.Add(new ManifestEntry<SymbolPattern>(text, pattern, range.Start, $"{where}.{key}") { End = range.End });
            }

            return list;
        }

        return new SymbolGrants(Read("edit"), Read("body"), Read("extend"), Read("readonly"));
    }

    internal static ScopeMode? ReadMode(JsonNode node, string where, ManifestReadContext context)
    {
        var text = context.String(node, where);
        switch (text)
        {
            case null: return null;
            case "block": return ScopeMode.Block;
            case "warn": return ScopeMode.Warn;
            default:
                context.Error(node.Range, $"{where} must be \"block\" or \"warn\", not \"{text}\"");
                return null;
        }
    }

    internal static List<ManifestEntry<BranchPattern>> ReadBranches(JsonNode node, string where, ManifestReadContext context)
    {
        var result = new List<ManifestEntry<BranchPattern>>();
        foreach (var (text, range) in context.StringArray(node, where))
        {
            var pattern = BranchPattern.TryParse(text, out var error);
            if (pattern is null)
            {
                context.Error(range, $"invalid branch pattern \"{text}\" in {where}: {error}");
                continue;
            }

            result.Add(new ManifestEntry<BranchPattern>(text, pattern, range.Start, where) { End = range.End });
        }

        return result;
    }
}
