using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace ScopeGuard.Workspace;

/// <summary>
/// Questions about references between changes, for comparing two agents' work: which source members a
/// change newly uses (<see cref="NewlyReferencedAsync"/>), and, with <see cref="ImpactAnalyzer"/>,
/// which symbols a change alters. One agent's altered symbols that another agent's change newly uses
/// are a semantic overlap.
/// </summary>
public static class ReferenceQueries
{
    /// <summary>
    /// Lists the members and types declared in the solution's source that the head's versions of the
    /// changed files reference and the base's versions do not.
    /// </summary>
    /// <param name="versions">The two solutions of one change.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The compiler's documentation IDs, sorted.</returns>
    public static async Task<IReadOnlyList<string>> NewlyReferencedAsync(SolutionVersions versions, CancellationToken cancellationToken)
    {
        var before = new HashSet<string>(StringComparer.Ordinal);
        var after = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in versions.Files)
        {
            foreach (var document in versions.Documents(versions.Base, file.OldPath))
            {
                before.UnionWith(await ReferencedAsync(document, cancellationToken).ConfigureAwait(false));
            }

            foreach (var document in versions.Documents(versions.Head, file.Path))
            {
                after.UnionWith(await ReferencedAsync(document, cancellationToken).ConfigureAwait(false));
            }
        }

        after.ExceptWith(before);
        return after.OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    /// <summary>Lists the source-declared members and types one document references (not those it declares).</summary>
    /// <param name="document">The document.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The compiler's documentation IDs.</returns>
    public static async Task<IReadOnlySet<string>> ReferencedAsync(Document document, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return ids;
        }

        foreach (var node in root.DescendantNodes())
        {
            if (node is not Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax)
            {
                continue;
            }

            var symbol = model.GetSymbolInfo(node, cancellationToken).Symbol;
            if (symbol is null or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or INamespaceSymbol or ITypeParameterSymbol
                || !symbol.OriginalDefinition.Locations.Any(l => l.IsInSource)
                || (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction }))
            {
                continue;
            }

            if (SymbolIds.Of(symbol.OriginalDefinition) is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }
}
