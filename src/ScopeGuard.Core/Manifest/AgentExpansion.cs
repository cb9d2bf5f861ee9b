using System.Collections.Generic;
using System.Globalization;
using ScopeGuard.Core.Json;
using ScopeGuard.Core.Patterns;

namespace ScopeGuard.Core.Manifest;

/// <summary>
/// What <c>settings.defaults</c> and the <c>{agent}</c> placeholder become in each agent: defaults are
/// copied into every agent, and path patterns name the agent they belong to.
/// </summary>
internal static class AgentExpansion
{
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

    internal static SymbolGrants Merge(SymbolGrants own, SymbolGrants defaults) => new(
        [.. own.Edit, .. defaults.Edit],
        [.. own.Body, .. defaults.Body],
        [.. own.Extend, .. defaults.Extend],
        [.. own.ReadOnly, .. defaults.ReadOnly]);

    internal static void ValidatePatternArray(JsonNode? node, string where, ManifestReadContext context)
    {
        if (node is not null)
        {
            ReadPaths(node, where, "example-agent", context);
        }
    }

    internal static List<ManifestEntry<PathPattern>> ReadPaths(JsonNode node, string where, string? agent, ManifestReadContext context, bool reportErrors = true)
    {
        var target = reportErrors ? context : new ManifestReadContext(context.Path);
        var result = new List<ManifestEntry<PathPattern>>();
        foreach (var (text, range) in target.StringArray(node, where))
        {
            var expanded = text;
            foreach (var placeholder in Placeholders(text))
            {
                if (placeholder != ManifestLoader.AgentPlaceholder)
                {
                    target.Error(range, $"unknown placeholder {placeholder} in \"{text}\": only {ManifestLoader.AgentPlaceholder} is replaced (write \\{{ for a literal brace)");
                    expanded = null;
                    break;
                }

                if (agent is null)
                {
                    target.Error(range, $"{ManifestLoader.AgentPlaceholder} has no meaning in {where}: it stands for an agent's name in agent and default rules");
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
                expanded = expanded.Replace(ManifestLoader.AgentPlaceholder, agent);
            }

            var pattern = PathPattern.TryParse(expanded, out var error);
            if (pattern is null)
            {
                target.Error(range, $"invalid path pattern \"{text}\" in {where}: {error}");
                continue;
            }

            result.Add(new ManifestEntry<PathPattern>(text, pattern, range.Start, where) { End = range.End });
        }

        return result;
    }

    // Counts the rules every agent will hold once settings.defaults is expanded into it, before
    // anything is parsed: defaults are copied into each agent, so a large defaults list times many
    // agents could otherwise take the loader (and memory) far beyond the manifest's own size.
    internal static bool CheckRuleCount(JsonNode agentsNode, RawSettings settings, ManifestReadContext context)
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

            if (total > ManifestLoader.MaxRules)
            {
                context.Error(member.NameRange, $"the manifest holds more than {ManifestLoader.MaxRules.ToString("N0", CultureInfo.InvariantCulture)} rules (branches, paths, deny and symbol patterns, with settings.defaults counted once for each agent) by agent \"{member.Name}\": split the manifest's agents or shorten settings.defaults");
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
}
