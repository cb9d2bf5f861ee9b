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

/// <summary>A declaration of a file and the symbol rule of an agent that decides for it (and for what it contains).</summary>
/// <param name="Id">The outermost declaration the rule decides for.</param>
/// <param name="Rule">The deciding rule.</param>
internal sealed record SymbolGrant(DeclarationId Id, SymbolRule Rule)
{
    /// <summary>Gets the rule as <c>which</c> names it: its origin and its pattern as written.</summary>
    public string RuleText => $"{Rule.Entry.Origin}: {Rule.Entry.Source}";

    /// <summary>Gets the grant as text: <c>T:X at body (agents.tests.symbols.body: T:X)</c>.</summary>
    public override string ToString() => $"{Id} at {Rule.AccessName} ({RuleText})";
}

/// <summary>
/// <c>which --symbol ID</c>: the symbol rule that decides for each agent; and, for <c>which PATH</c> on a
/// C# file, the declarations of the file that an agent's symbol rules decide for.
/// </summary>
internal static class SymbolAnswers
{
    /// <summary>
    /// Lists the declarations of a file that a symbol rule of the agent decides for, outermost first:
    /// a declaration inside one already listed with the same deciding rule is not listed again.
    /// </summary>
    /// <param name="agent">The agent.</param>
    /// <param name="declarations">The file's declarations, in source order (containers before members).</param>
    /// <returns>The declarations and their deciding rules.</returns>
    public static IReadOnlyList<SymbolGrant> InFile(AgentScope agent, IReadOnlyList<Declaration> declarations)
    {
        var grants = new List<SymbolGrant>();
        if (agent.Symbols.IsEmpty)
        {
            return grants;
        }

        foreach (var declaration in declarations)
        {
            if (SymbolRules.Decide(agent, declaration.Id) is not { } rule
                || grants.Any(g => Contains(g.Id, declaration.Id) && SameRule(g.Rule, rule)))
            {
                continue;
            }

            grants.Add(new SymbolGrant(declaration.Id, rule));
        }

        return grants;
    }

    private static bool Contains(DeclarationId outer, DeclarationId inner) =>
        outer.Kind is SymbolKind.Namespace or SymbolKind.Type
        && inner.Parts.Count > outer.Parts.Count
        && outer.Parts.Select((part, i) => part == inner.Parts[i]).All(same => same);

    private static bool SameRule(SymbolRule a, SymbolRule b) => a.Access == b.Access && ReferenceEquals(a.Entry, b.Entry);

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
