using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Rules;

/// <summary>What a symbol rule lets an agent do.</summary>
public enum SymbolAccess
{
    /// <summary>Anything: add, remove, change signatures and bodies.</summary>
    Edit,

    /// <summary>Implementations only.</summary>
    Body,

    /// <summary>Add members and nested types inside; change or remove nothing that exists.</summary>
    Extend,

    /// <summary>Nothing.</summary>
    ReadOnly,
}

/// <summary>A symbol rule of an agent that covers a declaration.</summary>
/// <param name="Access">What it allows.</param>
/// <param name="Entry">The pattern and where it is written.</param>
/// <param name="Match">How it covers the declaration.</param>
public sealed record SymbolRule(SymbolAccess Access, ManifestEntry<SymbolPattern> Entry, SymbolMatch Match)
{
    /// <summary>Gets the permission's manifest key.</summary>
    public string AccessName => Access switch
    {
        SymbolAccess.Edit => "edit",
        SymbolAccess.Body => "body",
        SymbolAccess.Extend => "extend",
        _ => "readonly",
    };

    /// <summary>Gets the rule as messages write it, e.g. <c>body T:Contoso.Shared.SystemClock</c>.</summary>
    public string Text => $"{AccessName} {Entry.Source}";

    /// <summary>Whether this rule allows a change of the given kind to the declaration it covers.</summary>
    /// <param name="kind">The change.</param>
    /// <returns>Whether it is allowed.</returns>
    public bool Allows(DeclarationChangeKind kind) => Access switch
    {
        SymbolAccess.Edit => true,
        SymbolAccess.Body => kind is DeclarationChangeKind.BodyChanged or DeclarationChangeKind.TriviaOnly,
        // A namespace declaration is added with every new file that declares types in it: that adds to
        // the namespace, it does not create it, so extend N:X allows it (the new types are judged too).
        SymbolAccess.Extend => kind == DeclarationChangeKind.TriviaOnly
            || (kind == DeclarationChangeKind.Added && (!Match.IsTarget || Entry.Pattern.Kind == SymbolKind.Namespace)),
        _ => false,
    };

    /// <summary>
    /// Whether this rule allows a declaration's change. As <see cref="Allows(DeclarationChangeKind)"/>, and a
    /// new <c>partial</c> part of a type that an <c>extend</c> rule targets adds to that type, as a new
    /// file's namespace declaration adds to its namespace.
    /// </summary>
    /// <param name="change">The change.</param>
    /// <returns>Whether it is allowed.</returns>
    public bool Allows(DeclarationChange change) =>
        change is not null
        && (Allows(change.Kind) || (Access == SymbolAccess.Extend && change.Kind == DeclarationChangeKind.Added && change.AddsPartialPart));
}

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
