using System.Collections.Generic;

namespace ScopeGuard.Workspace;

/// <summary>How a place in other code depends on a changed declaration.</summary>
public enum BreakKind
{
    /// <summary>It calls the member (an invocation or an object creation).</summary>
    CallSite,

    /// <summary>It names the symbol otherwise (a type in a declaration, a property read, a method group).</summary>
    Reference,

    /// <summary>It overrides the member.</summary>
    Override,

    /// <summary>It implements the interface or interface member.</summary>
    Implementation,

    /// <summary>It derives from the type.</summary>
    Inheritance,
}

/// <summary>A declaration the change altered in a way other code can see.</summary>
/// <param name="Symbol">The compiler's documentation ID of the symbol at the base (at the head for an addition).</param>
/// <param name="Path">The repository-relative file that declares it, at the head (the base for a removal).</param>
/// <param name="Line">The 1-based line of its identifier there.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="Change">What changed, in words (<c>parameters changed</c>, <c>removed</c>, ...).</param>
/// <param name="SourceCompatible">Whether code written against the base still compiles against the head.</param>
/// <param name="Compatibility">Why it is compatible, when it is (<c>a new optional parameter at the end</c>, <c>a new overload</c>).</param>
public sealed record ChangedSymbol(string Symbol, string Path, int Line, int Column, string Change, bool SourceCompatible, string? Compatibility);

/// <summary>A place in the solution that depends on a changed declaration.</summary>
/// <param name="Changed">The changed declaration.</param>
/// <param name="Kind">How the place depends on it.</param>
/// <param name="Path">The repository-relative file of the place (in the base solution).</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="ContainingSymbol">The compiler's documentation ID of the member or type the place is in, when there is one.</param>
public sealed record ImpactSite(ChangedSymbol Changed, BreakKind Kind, string Path, int Line, int Column, string? ContainingSymbol);

/// <summary>What a change alters and who depends on it.</summary>
/// <param name="Changed">Every declaration whose shape changed, was removed, or was added in a way that obliges others (abstract and interface members, overloads).</param>
/// <param name="Sites">The places that depend on them, in the base solution.</param>
public sealed record ImpactResult(IReadOnlyList<ChangedSymbol> Changed, IReadOnlyList<ImpactSite> Sites);
