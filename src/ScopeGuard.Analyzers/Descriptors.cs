using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using ScopeGuard.Core;

namespace ScopeGuard.Analyzers;

/// <summary>
/// The analyzer's diagnostics. IDs, titles, descriptions and help pages come from Core's
/// <see cref="DiagnosticIds"/> and messages from Core's <c>Messages</c>, so the analyzer and the CLI say the
/// same words. A descriptor is fixed when the analyzer is built and ScopeGuard has no published site, so
/// the help link is the page's path relative to a documentation root (<c>docs/diagnostics/SG0001.md</c>:
/// in ScopeGuard's repository, and beside <c>scopeguard.dll</c> in the tool's package); see docs/analyzer.md. The default severity is Error (block mode); a <c>warn</c> manifest reports warnings, and
/// <c>.editorconfig</c> (<c>dotnet_diagnostic.SG0002.severity</c>) overrides both.
/// </summary>
/// <remarks>
/// The four descriptors are written out rather than made in a loop over <see cref="DiagnosticIds.All"/>:
/// Roslyn's analyzer rules want each descriptor's ID to be a constant at the <c>new</c> (RS1017), and
/// release tracking (RS2000–RS2008, AnalyzerReleases.*.md) can only see descriptors made that way. What
/// a loop would guarantee is tested instead (DescriptorTests: the analyzer's IDs are exactly those of
/// <see cref="DiagnosticIds.All"/> it reports, with their title, description and help page).
/// </remarks>
internal static class Descriptors
{
    public static readonly DiagnosticDescriptor PathOutOfScope = new(
        DiagnosticIds.PathOutOfScope,
        DiagnosticIds.Title(DiagnosticIds.PathOutOfScope),
        "{0}",
        DiagnosticIds.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: DiagnosticIds.Description(DiagnosticIds.PathOutOfScope),
        helpLinkUri: DiagnosticIds.HelpPage(DiagnosticIds.PathOutOfScope));

    public static readonly DiagnosticDescriptor SymbolOutOfScope = new(
        DiagnosticIds.SymbolOutOfScope,
        DiagnosticIds.Title(DiagnosticIds.SymbolOutOfScope),
        "{0}",
        DiagnosticIds.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: DiagnosticIds.Description(DiagnosticIds.SymbolOutOfScope),
        helpLinkUri: DiagnosticIds.HelpPage(DiagnosticIds.SymbolOutOfScope));

    public static readonly DiagnosticDescriptor SignatureChanged = new(
        DiagnosticIds.SignatureChanged,
        DiagnosticIds.Title(DiagnosticIds.SignatureChanged),
        "{0}",
        DiagnosticIds.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: DiagnosticIds.Description(DiagnosticIds.SignatureChanged),
        helpLinkUri: DiagnosticIds.HelpPage(DiagnosticIds.SignatureChanged));

    public static readonly DiagnosticDescriptor ManifestInvalid = new(
        DiagnosticIds.ManifestInvalid,
        DiagnosticIds.Title(DiagnosticIds.ManifestInvalid),
        "{0}",
        DiagnosticIds.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: DiagnosticIds.Description(DiagnosticIds.ManifestInvalid),
        helpLinkUri: DiagnosticIds.HelpPage(DiagnosticIds.ManifestInvalid));

    public static ImmutableArray<DiagnosticDescriptor> All { get; } = [PathOutOfScope, SymbolOutOfScope, SignatureChanged, ManifestInvalid];

    /// <summary>Gets the descriptor of a finding's ID, or <see langword="null"/> for findings the analyzer leaves to the CLI (SG0004).</summary>
    public static DiagnosticDescriptor? For(string id) => id switch
    {
        DiagnosticIds.PathOutOfScope => PathOutOfScope,
        DiagnosticIds.SymbolOutOfScope => SymbolOutOfScope,
        DiagnosticIds.SignatureChanged => SignatureChanged,
        DiagnosticIds.ManifestInvalid => ManifestInvalid,
        _ => null,
    };
}
