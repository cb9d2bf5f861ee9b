namespace ScopeGuard.Core.Symbols;

/// <summary>How a pattern covers a declaration.</summary>
/// <param name="Specificity">How specifically.</param>
/// <param name="IsTarget">Whether the declaration is the pattern's target itself rather than something inside it.</param>
public readonly record struct SymbolMatch(Specificity Specificity, bool IsTarget);
