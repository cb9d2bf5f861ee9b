using Microsoft.CodeAnalysis.Testing;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Analyzers.Tests;

/// <summary>A scopes.json with its expected diagnostic spans marked (<see cref="TextMarkup"/>).</summary>
internal sealed class ManifestMarkup(string marked)
{
    private readonly TextMarkup markup = new(marked);

    public string Text => markup.Text;

    /// <summary>Adds span <paramref name="id"/> of scopes.json to an expected diagnostic: the first call the primary location, the next ones additional locations.</summary>
    public DiagnosticResult At(DiagnosticResult result, int id)
    {
        var span = markup.Span(id);
        return result.WithSpan(Scenario.ManifestPath, span.Line, span.Column, span.EndLine, span.EndColumn);
    }
}
