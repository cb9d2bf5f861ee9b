using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ScopeGuard.Cli.Agents;

/// <summary>One agent of a first manifest.</summary>
internal sealed record StarterAgent(string Name, string Description, IReadOnlyList<string> Paths, IReadOnlyList<string> Deny)
{
    /// <summary>Gets the branches that identify the agent: <c>agent/NAME</c>, and <c>agent/NAME-*</c> unless that names another agent's branch.</summary>
    public IReadOnlyList<string> Branches { get; init; } = [$"agent/{Name}", $"agent/{Name}-*"];

    /// <summary>Gets the agents this one shares paths with on purpose (a CODEOWNERS line with several owners): <c>sharedWith</c>.</summary>
    public IReadOnlyList<string> SharedWith { get; init; } = [];
}

/// <summary>Something <c>init</c> could not translate exactly, located in its source (<c>FILE:LINE</c>).</summary>
internal sealed record InitNote(string Where, string Message)
{
    /// <summary>Gets the line the note is about (0 for the file as a whole), for ordering.</summary>
    public int Line => int.TryParse(Where[(Where.LastIndexOf(':') + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var line) ? line : 0;

    public override string ToString() => $"{Where}: {Message}";
}

/// <summary>The manifest <c>init</c> writes: settings and agents, as indented JSON.</summary>
internal sealed class StarterManifest
{
    public StarterManifest(string baseBranch, IReadOnlyList<string> protectedPaths, IReadOnlyList<StarterAgent> agents)
    {
        BaseBranch = baseBranch;
        ProtectedPaths = protectedPaths;
        Agents = WithBranchesOfTheirOwn(agents);
    }

    public string BaseBranch { get; }

    public IReadOnlyList<string> ProtectedPaths { get; }

    public IReadOnlyList<StarterAgent> Agents { get; }

    /// <summary>Gets the agents whose <c>agent/NAME-*</c> pattern was left out because it would also name another agent's branch.</summary>
    public IEnumerable<StarterAgent> WithoutSiblingBranches => Agents.Where(a => a.Branches.Count == 1);

    /// <summary>Gets the manifest's text: strict JSON, two-space indent, a newline at the end.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartObject("settings");
            json.WriteString("mode", "block");
            json.WriteString("baseBranch", BaseBranch);
            json.WriteString("unknownAgent", "allow");
            Strings(json, "protectedPaths", ProtectedPaths);
            Strings(json, "protectedBranches", [BaseBranch]);
            json.WriteEndObject();
            json.WriteStartObject("agents");
            foreach (var agent in Agents)
            {
                json.WriteStartObject(agent.Name);
                json.WriteString("description", agent.Description);
                Strings(json, "branches", agent.Branches);
                Strings(json, "paths", agent.Paths);
                if (agent.Deny.Count > 0)
                {
                    Strings(json, "deny", agent.Deny);
                }

                if (agent.SharedWith.Count > 0)
                {
                    Strings(json, "sharedWith", agent.SharedWith);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>
    /// A path pattern as the manifest must spell it: <c>{</c> starts a placeholder there
    /// (<c>{agent}</c>), so a literal brace is escaped.
    /// </summary>
    public static string Escape(string pattern) => pattern.Replace("{", "\\{", StringComparison.Ordinal);

    // One branch must identify one agent: "agent/web-*" would also name agent web-api's branch.
    private static List<StarterAgent> WithBranchesOfTheirOwn(IReadOnlyList<StarterAgent> agents) =>
        agents.Select(a => agents.Any(o => o != a && o.Name.StartsWith(a.Name + "-", StringComparison.OrdinalIgnoreCase))
            ? a with { Branches = [$"agent/{a.Name}"] }
            : a).ToList();

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
