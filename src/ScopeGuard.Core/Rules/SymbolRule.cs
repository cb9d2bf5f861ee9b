using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Rules;

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
