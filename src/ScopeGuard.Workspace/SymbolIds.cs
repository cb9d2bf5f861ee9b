using Microsoft.CodeAnalysis;

namespace ScopeGuard.Workspace;

/// <summary>Documentation comment IDs as manifests and reports write them.</summary>
public static class SymbolIds
{
    /// <summary>
    /// Gets a symbol's documentation comment ID, without the <c>~ReturnType</c> suffix that Roslyn adds to
    /// ordinary methods (only conversion operators need it: they differ by return type alone).
    /// </summary>
    /// <param name="symbol">The symbol.</param>
    /// <returns>The ID, or <see langword="null"/> for a symbol that has none.</returns>
    public static string? Of(ISymbol symbol)
    {
        var id = DocumentationCommentId.CreateDeclarationId(symbol);
        if (id is null || symbol is not IMethodSymbol { MethodKind: not MethodKind.Conversion })
        {
            return id;
        }

        var tilde = id.LastIndexOf('~');
        return tilde > id.LastIndexOf(')') && tilde > 0 ? id[..tilde] : id;
    }
}
