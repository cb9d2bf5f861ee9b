using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScopeGuard.Core.Json;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Manifest;

/// <summary>The errors found while reading a manifest, and the checks of JSON shape that report them.</summary>
internal sealed class ManifestReadContext
{
    private readonly List<ManifestError> errors = [];

    public ManifestReadContext(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public int ErrorCount => errors.Count;

    public void Error(TextPosition position, string message) => errors.Add(new ManifestError(Path, position, message));

    public void Error(TextRange range, string message, TextRange? related = null) =>
        errors.Add(new ManifestError(Path, range.Start, message) { End = range.End, Related = related });

    public ManifestLoadResult Result(ScopeManifest? manifest) =>
        new(manifest, errors.OrderBy(e => e.Position.Line).ThenBy(e => e.Position.Column).ToList());

    public bool Expect(JsonNode node, JsonKind kind, string where)
    {
        if (node.Kind == kind)
        {
            return true;
        }

        var wanted = kind == JsonKind.Object ? "an object" : kind == JsonKind.Array ? "an array" : "a string";
        Error(node.Range, $"{where} must be {wanted}, not {node.KindName}");
        return false;
    }

    public string? String(JsonNode node, string where) => Expect(node, JsonKind.String, where) ? node.Text : null;

    public IEnumerable<(string Text, TextRange Range)> StringArray(JsonNode node, string where)
    {
        if (!Expect(node, JsonKind.Array, where))
        {
            yield break;
        }

        // Most lists are short: look for a duplicate among the items before (no dictionary per list,
        // which for thousands of agents is much of the loader's garbage); long lists use one.
        var seen = node.Items.Count > 16 ? new Dictionary<string, TextRange>(StringComparer.Ordinal) : null;
        for (var i = 0; i < node.Items.Count; i++)
        {
            var item = node.Items[i];
            if (item.Kind != JsonKind.String)
            {
                Error(item.Range, $"{where}[{i.ToString(CultureInfo.InvariantCulture)}] must be a string, not {item.KindName}");
                continue;
            }

            if (FirstOccurrence(node.Items, i, seen) is { } first)
            {
                Error(item.Range, $"\"{item.Text}\" is listed twice in {where} (first at {first.Start})", first);
                continue;
            }

            yield return (item.Text, item.Range);
        }
    }

    // Where an earlier string item equal to items[i] is, or null (recording items[i] in seen when given).
    private static TextRange? FirstOccurrence(IReadOnlyList<JsonNode> items, int i, Dictionary<string, TextRange>? seen)
    {
        var text = items[i].Text;
        if (seen is not null)
        {
            if (seen.TryGetValue(text, out var first))
            {
                return first;
            }

            seen[text] = items[i].Range;
            return null;
        }

        for (var j = 0; j < i; j++)
        {
            if (items[j].Kind == JsonKind.String && string.Equals(items[j].Text, text, StringComparison.Ordinal))
            {
                return items[j].Range;
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
                Error(member.NameRange, hint is not null
                    ? $"unknown key \"{member.Name}\" in {where}: did you mean \"{hint}\"?"
                    : $"unknown key \"{member.Name}\" in {where}; expected one of: {string.Join(", ", known)}");
                continue;
            }

            if (result.TryGetValue(member.Name, out var first))
            {
                Error(member.NameRange, $"duplicate key \"{member.Name}\" in {where} (first at {first.NamePosition})", first.NameRange);
                continue;
            }

            result[member.Name] = member;
        }

        return result;
    }
}
