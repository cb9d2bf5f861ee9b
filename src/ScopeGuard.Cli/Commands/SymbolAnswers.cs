using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Cli.Commands;

/// <summary><c>which --symbol ID</c>: the symbol rule that decides for each agent.</summary>
internal static class SymbolAnswers
{
    public static void Write(TextWriter output, ScopeManifest manifest, IReadOnlyList<string> symbols, string? agentName, bool json)
    {
        var agents = agentName is null
            ? manifest.Agents
            : [manifest.FindAgent(agentName) ?? throw new ScopeGuardException(Messages.UndeclaredAgent("--agent", agentName, manifest))];
        var answers = symbols.Select(text =>
        {
            var id = DeclarationId.TryParse(text)
                ?? throw new ScopeGuardException($"--symbol '{text}' is not a documentation comment ID (no wildcards): see 'scopeguard symbols FILE' for the IDs of a file");
            return (Id: id, Rules: agents.Select(a => (Agent: a, Rule: SymbolRules.Decide(a, id))).ToList());
        }).ToList();

        if (!json)
        {
            foreach (var (id, rules) in answers)
            {
                output.WriteLine($"{id}: {string.Join("; ", rules.Select(r => $"{r.Agent.Name} {Describe(r.Rule)}"))}");
            }

            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var (id, rules) in answers)
            {
                writer.WriteStartObject();
                writer.WriteString("symbol", id.ToString());
                writer.WriteStartArray("agents");
                foreach (var (agent, rule) in rules)
                {
                    writer.WriteStartObject();
                    writer.WriteString("agent", agent.Name);
                    if (rule is null)
                    {
                        writer.WriteNull("access");
                        writer.WriteNull("rule");
                    }
                    else
                    {
                        writer.WriteString("access", rule.AccessName);
                        writer.WriteString("rule", $"{rule.Entry.Origin}: {rule.Entry.Source}");
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string Describe(SymbolRule? rule) => rule is null
        ? "(no symbol rule: the file's path decides)"
        : rule.Access switch
        {
            SymbolAccess.Edit => $"may edit ({rule.Entry.Origin}: {rule.Entry.Source})",
            SymbolAccess.Body => $"may change bodies only ({rule.Entry.Origin}: {rule.Entry.Source})",
            SymbolAccess.Extend => $"may add members only ({rule.Entry.Origin}: {rule.Entry.Source})",
            _ => $"may change nothing ({rule.Entry.Origin}: {rule.Entry.Source})",
        };
}
