using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Rules;

/// <summary>Finds the symbol rule that decides for a declaration: the most specific; at equal specificity the most restrictive.</summary>
public static class SymbolRules
{
    /// <summary>Lists every rule of the agent that covers the declaration, deciding rule first.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="id">The declaration.</param>
    /// <returns>The rules, most specific (then most restrictive) first.</returns>
    public static IReadOnlyList<SymbolRule> Covering(AgentScope agent, DeclarationId id)
    {
        if (agent is null)
        {
            throw new ArgumentNullException(nameof(agent));
        }

        var rules = new List<SymbolRule>();
        Collect(agent.Symbols.Edit, SymbolAccess.Edit);
        Collect(agent.Symbols.Body, SymbolAccess.Body);
        Collect(agent.Symbols.Extend, SymbolAccess.Extend);
        Collect(agent.Symbols.ReadOnly, SymbolAccess.ReadOnly);
        return rules
            .OrderByDescending(r => r.Match.Specificity)
            .ThenByDescending(r => Restrictiveness(r.Access))
            .ToList();

        void Collect(IReadOnlyList<ManifestEntry<SymbolPattern>> entries, SymbolAccess access)
        {
            foreach (var entry in entries)
            {
                if (entry.Pattern.Match(id) is { } match)
                {
                    rules.Add(new SymbolRule(access, entry, match));
                }
            }
        }
    }

    /// <summary>Gets the deciding rule, or <see langword="null"/> when no symbol rule names the declaration.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="id">The declaration.</param>
    /// <returns>The rule.</returns>
    public static SymbolRule? Decide(AgentScope agent, DeclarationId id)
    {
        var rules = Covering(agent, id);
        return rules.Count == 0 ? null : rules[0];
    }

    // readonly is the most restrictive; extend lets nothing existing change; body lets nothing be added.
    private static int Restrictiveness(SymbolAccess access) => access switch
    {
        SymbolAccess.ReadOnly => 3,
        SymbolAccess.Extend => 2,
        SymbolAccess.Body => 1,
        _ => 0,
    };
}
