using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Workspace;

/// <summary>
/// Finds what a change breaks: for every declaration whose shape changed or that was removed (the
/// declaration diff of Core says which), the symbol at the base and its references, overrides and
/// implementations in the base solution; for an abstract or interface member added, every type that
/// must now implement it.
/// </summary>
public static class ImpactAnalyzer
{
    private static readonly SymbolDisplayFormat ShapeFormat = SymbolDisplayFormat.CSharpErrorMessageFormat
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeDefaultValue)
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeRef | SymbolDisplayMemberOptions.IncludeContainingType);

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.CSharpErrorMessageFormat;

    /// <summary>Analyzes every changed C# file of <paramref name="versions"/>.</summary>
    /// <param name="versions">The base and head solutions.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The changed declarations and the places that depend on them.</returns>
    public static async Task<ImpactResult> AnalyzeAsync(SolutionVersions versions, CancellationToken cancellationToken)
    {
        var changed = new List<ChangedSymbol>();
        var sites = new List<ImpactSite>();
        var seen = new HashSet<(string Symbol, string Path, int Line, int Column, BreakKind Kind)>();
        foreach (var file in versions.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var diff = DeclarationDiff.Compare(file.BaseText, file.HeadText);
            var baseDocs = versions.Documents(versions.Base, file.OldPath);
            var baseDoc = baseDocs.Count > 0 ? baseDocs[0] : null;
            var headDocs = versions.Documents(versions.Head, file.Path);
            var headDoc = headDocs.Count > 0 ? headDocs[0] : null;
            var removedNames = diff.Changes.Where(c => c.Kind == DeclarationChangeKind.Removed).Select(c => ContainerAndName(c.Id)).ToHashSet();
            foreach (var change in diff.Changes)
            {
                var found = change.Kind switch
                {
                    DeclarationChangeKind.SignatureChanged when baseDoc is not null && headDoc is not null => await SignatureChangedAsync(versions, file, baseDoc, headDoc, change, cancellationToken).ConfigureAwait(false),
                    DeclarationChangeKind.Removed when baseDoc is not null && change.Removal is { } removal => await RemovedAsync(versions, file, baseDoc, headDoc, removal.OldPosition, cancellationToken).ConfigureAwait(false),
                    DeclarationChangeKind.Added when headDoc is not null && !removedNames.Contains(ContainerAndName(change.Id)) => await AddedAsync(versions, file, headDoc, change, cancellationToken).ConfigureAwait(false),
                    _ => null,
                };
                if (found is null)
                {
                    continue;
                }

                changed.Add(found.Value.Changed);
                foreach (var site in found.Value.Sites)
                {
                    if (seen.Add((site.Changed.Symbol, site.Path, site.Line, site.Column, site.Kind)))
                    {
                        sites.Add(site);
                    }
                }
            }
        }

        return new ImpactResult(changed, sites.OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Line).ThenBy(s => s.Column).ToList());
    }

    /// <summary>Resolves a documentation ID in the solution's compilations.</summary>
    /// <param name="solution">The solution.</param>
    /// <param name="id">The compiler's documentation ID.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The symbol declared in source, or <see langword="null"/>.</returns>
    public static async Task<ISymbol?> ResolveAsync(Solution solution, string id, CancellationToken cancellationToken)
    {
        foreach (var project in solution.Projects.Where(p => p.Language == LanguageNames.CSharp))
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation is null)
            {
                continue;
            }

            var symbol = DocumentationCommentId.GetSymbolsForDeclarationId(id, compilation).FirstOrDefault(s => s.Locations.Any(l => l.IsInSource));
            if (symbol is not null)
            {
                return symbol;
            }
        }

        return null;
    }

    private static (string Container, string Name) ContainerAndName(DeclarationId id) =>
        (string.Join(".", id.Parts.Take(id.Parts.Count - 1)), id.Parts[^1]);

    private static async Task<(ChangedSymbol Changed, List<ImpactSite> Sites)?> SignatureChangedAsync(SolutionVersions versions, ChangedFile file, Document baseDoc, Document headDoc, DeclarationChange change, CancellationToken cancellationToken)
    {
        var head = await DeclaredAtAsync(headDoc, change.Position, cancellationToken).ConfigureAwait(false);
        if (head is null || !IsVisibleElsewhere(head))
        {
            return null;
        }

        var id = SymbolIds.Of(head);
        var @base = id is null ? null : await ResolveInAsync(baseDoc.Project, id, cancellationToken).ConfigureAwait(false);
        if (@base is null || !IsVisibleElsewhere(@base))
        {
            return null;
        }

        var (description, compatible, why) = Compare(@base, head);
        if (description is null)
        {
            return null; // attributes or other parts no reference sees
        }

        var changed = new ChangedSymbol(SymbolIds.Of(@base) ?? id!, file.Path, change.Position.Line, change.Position.Column, description, compatible, why);
        return (changed, await DependentsAsync(versions, @base, changed, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<(ChangedSymbol Changed, List<ImpactSite> Sites)?> RemovedAsync(SolutionVersions versions, ChangedFile file, Document baseDoc, Document? headDoc, TextPosition oldPosition, CancellationToken cancellationToken)
    {
        var @base = await DeclaredAtAsync(baseDoc, oldPosition, cancellationToken).ConfigureAwait(false);
        if (@base is null || !IsVisibleElsewhere(@base))
        {
            return null;
        }

        // A member whose parameters changed is a removal and an addition to the diff: pair it with the
        // head's member of the same name, if one is there.
        var description = "removed";
        var compatible = false;
        string? why = null;
        if (@base is IMethodSymbol or IPropertySymbol && @base.ContainingType is { } type && headDoc is not null)
        {
            var headType = await ResolveInAsync(headDoc.Project, SymbolIds.Of(type)!, cancellationToken).ConfigureAwait(false) as INamedTypeSymbol;
            var candidates = headType?.GetMembers(@base.Name).Where(m => m.Kind == @base.Kind).ToList() ?? [];
            var replacement = candidates.Select(c => (Candidate: c, Result: Compare(@base, c))).OrderByDescending(c => c.Result.Compatible).FirstOrDefault();
            if (replacement.Candidate is not null)
            {
                (description, compatible, why) = (replacement.Result.Description ?? "changed", replacement.Result.Compatible, replacement.Result.Why);
            }
        }

        var position = PositionOf(@base) ?? oldPosition;
        var changed = new ChangedSymbol(SymbolIds.Of(@base)!, file.OldPath, position.Line, position.Column, description, compatible, why);
        return (changed, await DependentsAsync(versions, @base, changed, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<(ChangedSymbol Changed, List<ImpactSite> Sites)?> AddedAsync(SolutionVersions versions, ChangedFile file, Document headDoc, DeclarationChange change, CancellationToken cancellationToken)
    {
        var head = await DeclaredAtAsync(headDoc, change.Position, cancellationToken).ConfigureAwait(false);
        if (head is null || head is INamedTypeSymbol || head.ContainingType is not { } headType)
        {
            return null;
        }

        var typeId = SymbolIds.Of(headType);
        if (typeId is null || await ResolveAsync(versions.Base, typeId, cancellationToken).ConfigureAwait(false) is not INamedTypeSymbol baseType)
        {
            return null; // a member of a new type obliges no one
        }

        var id = SymbolIds.Of(head)!;
        var sites = new List<ImpactSite>();
        if (head.IsAbstract && headType.TypeKind == TypeKind.Interface)
        {
            var changed = new ChangedSymbol(id, file.Path, change.Position.Line, change.Position.Column, $"added to interface {baseType.ToDisplayString(TypeFormat)} without a default implementation", false, null);
            foreach (var implementer in await SymbolFinder.FindImplementationsAsync(baseType, versions.Base, transitive: true, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                sites.AddRange(DeclarationSites(versions, implementer, changed, BreakKind.Implementation));
            }

            return (changed, sites);
        }

        if (head.IsAbstract && headType.TypeKind == TypeKind.Class)
        {
            var changed = new ChangedSymbol(id, file.Path, change.Position.Line, change.Position.Column, $"abstract member added to {baseType.ToDisplayString(TypeFormat)}", false, null);
            foreach (var derived in await SymbolFinder.FindDerivedClassesAsync(baseType, versions.Base, transitive: true, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (!derived.IsAbstract)
                {
                    sites.AddRange(DeclarationSites(versions, derived, changed, BreakKind.Inheritance));
                }
            }

            return (changed, sites);
        }

        if (head is IMethodSymbol && IsVisibleElsewhere(head) && baseType.GetMembers(head.Name).OfType<IMethodSymbol>().ToList() is { Count: > 0 } overloads)
        {
            // A new overload: existing calls still compile, but overload resolution may now pick it.
            var changed = new ChangedSymbol(id, file.Path, change.Position.Line, change.Position.Column, "a new overload", true, "a new overload keeps source compatibility, but calls to the existing overloads may now bind to it");
            foreach (var overload in overloads)
            {
                sites.AddRange(await ReferenceSitesAsync(versions, overload, changed, cancellationToken).ConfigureAwait(false));
            }

            return (changed, sites);
        }

        return null;
    }

    private static async Task<List<ImpactSite>> DependentsAsync(SolutionVersions versions, ISymbol symbol, ChangedSymbol changed, CancellationToken cancellationToken)
    {
        var sites = await ReferenceSitesAsync(versions, symbol, changed, cancellationToken).ConfigureAwait(false);
        var solution = versions.Base;

        // A type's dependents are its references: base lists among them (inheritance, implementation).
        if (symbol is INamedTypeSymbol)
        {
            return sites;
        }

        if (symbol.ContainingType is { TypeKind: TypeKind.Interface })
        {
            foreach (var implementation in await SymbolFinder.FindImplementationsAsync(symbol, solution, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                sites.AddRange(DeclarationSites(versions, implementation, changed, BreakKind.Implementation));
            }
        }
        else if (symbol.IsVirtual || symbol.IsAbstract || symbol.IsOverride)
        {
            foreach (var @override in await SymbolFinder.FindOverridesAsync(symbol, solution, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                sites.AddRange(DeclarationSites(versions, @override, changed, BreakKind.Override));
            }
        }

        return sites;
    }

    private static async Task<List<ImpactSite>> ReferenceSitesAsync(SolutionVersions versions, ISymbol symbol, ChangedSymbol changed, CancellationToken cancellationToken)
    {
        var sites = new List<ImpactSite>();
        foreach (var referenced in await SymbolFinder.FindReferencesAsync(symbol, versions.Base, cancellationToken).ConfigureAwait(false))
        {
            // Only the symbol itself: cascaded definitions (an override's own callers) depend on it through the override.
            if (!SymbolEqualityComparer.Default.Equals(referenced.Definition.OriginalDefinition, symbol.OriginalDefinition))
            {
                continue;
            }

            foreach (var location in referenced.Locations)
            {
                if (versions.Relative(location.Document.FilePath) is not { } path || !location.Location.IsInSource)
                {
                    continue;
                }

                var root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || model is null)
                {
                    continue;
                }

                var node = root.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
                var span = location.Location.GetLineSpan().StartLinePosition;
                sites.Add(new ImpactSite(changed, Classify(node, symbol), path, span.Line + 1, span.Character + 1, Containing(model, node, cancellationToken)));
            }
        }

        return sites;
    }

    private static IEnumerable<ImpactSite> DeclarationSites(SolutionVersions versions, ISymbol dependent, ChangedSymbol changed, BreakKind kind)
    {
        foreach (var location in dependent.Locations.Where(l => l.IsInSource))
        {
            if (versions.Relative(location.SourceTree?.FilePath) is { } path)
            {
                var span = location.GetLineSpan().StartLinePosition;
                yield return new ImpactSite(changed, kind, path, span.Line + 1, span.Character + 1, SymbolIds.Of(dependent));
            }
        }
    }

    private static BreakKind Classify(SyntaxNode node, ISymbol symbol)
    {
        var name = node;
        while (name.Parent is QualifiedNameSyntax or AliasQualifiedNameSyntax or GenericNameSyntax || (name.Parent is MemberAccessExpressionSyntax access && access.Name == name))
        {
            name = name.Parent;
        }

        return name.Parent switch
        {
            InvocationExpressionSyntax invocation when invocation.Expression == name => BreakKind.CallSite,
            ObjectCreationExpressionSyntax creation when creation.Type == name => BreakKind.CallSite,
            SimpleBaseTypeSyntax or PrimaryConstructorBaseTypeSyntax when symbol is INamedTypeSymbol { TypeKind: TypeKind.Interface } => BreakKind.Implementation,
            SimpleBaseTypeSyntax or PrimaryConstructorBaseTypeSyntax => BreakKind.Inheritance,
            _ when node is ImplicitObjectCreationExpressionSyntax or ConstructorInitializerSyntax || node.Parent is ImplicitObjectCreationExpressionSyntax => BreakKind.CallSite,
            _ => BreakKind.Reference,
        };
    }

    // The member or type that holds a place: the declaration Core's diff and the manifest's symbol rules see.
    private static string? Containing(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            var declared = ancestor switch
            {
                BaseFieldDeclarationSyntax field => field.Declaration.Variables.Select(v => model.GetDeclaredSymbol(v, cancellationToken)).FirstOrDefault(),
                MemberDeclarationSyntax and not BaseNamespaceDeclarationSyntax => model.GetDeclaredSymbol(ancestor, cancellationToken),
                _ => null,
            };
            if (declared is not null)
            {
                return SymbolIds.Of(declared);
            }
        }

        return null;
    }

    private static async Task<ISymbol?> ResolveInAsync(Project project, string id, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        return compilation is null ? null : DocumentationCommentId.GetSymbolsForDeclarationId(id, compilation).FirstOrDefault();
    }

    private static async Task<ISymbol?> DeclaredAtAsync(Document document, TextPosition position, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || position.Line < 1 || position.Line > text.Lines.Count)
        {
            return null;
        }

        var line = text.Lines[position.Line - 1];
        var offset = Math.Min(line.Start + Math.Max(0, position.Column - 1), line.End);
        var token = root.FindToken(offset);
        foreach (var ancestor in token.Parent?.AncestorsAndSelf() ?? [])
        {
            var declared = ancestor switch
            {
                VariableDeclaratorSyntax or MemberDeclarationSyntax or EnumMemberDeclarationSyntax or TypeParameterSyntax => model.GetDeclaredSymbol(ancestor, cancellationToken),
                _ => null,
            };
            if (declared is INamespaceSymbol)
            {
                return null;
            }

            if (declared is not null and not ITypeParameterSymbol)
            {
                return declared;
            }
        }

        return null;
    }

    private static TextPosition? PositionOf(ISymbol symbol)
    {
        var location = symbol.Locations.FirstOrDefault(l => l.IsInSource);
        if (location is null)
        {
            return null;
        }

        var start = location.GetLineSpan().StartLinePosition;
        return new TextPosition(start.Line + 1, start.Character + 1);
    }

    // Only what code in another file can name: anything but a private member of a type declared in one file.
    private static bool IsVisibleElsewhere(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility == Accessibility.Private && current.ContainingType is { } container && container.DeclaringSyntaxReferences.Length <= 1)
            {
                return false;
            }
        }

        return true;
    }

    // What a reference written against the base sees differently at the head, and whether it still compiles.
    private static (string? Description, bool Compatible, string? Why) Compare(ISymbol before, ISymbol after)
    {
        var differences = new List<string>();
        var breaking = false;
        string? why = null;
        if (Rank(after.DeclaredAccessibility) < Rank(before.DeclaredAccessibility))
        {
            differences.Add($"made {AccessText(after)} (was {AccessText(before)})");
            breaking = true;
        }
        else if (after.DeclaredAccessibility != before.DeclaredAccessibility)
        {
            differences.Add($"made {AccessText(after)} (was {AccessText(before)})");
        }

        if (before.IsStatic != after.IsStatic)
        {
            differences.Add(after.IsStatic ? "made static" : "no longer static");
            breaking = true;
        }

        if (!before.IsAbstract && after.IsAbstract && before is not INamedTypeSymbol { TypeKind: TypeKind.Interface })
        {
            differences.Add("made abstract");
            breaking = true;
        }

        if (!before.IsSealed && after.IsSealed)
        {
            differences.Add("made sealed");
            breaking = true;
        }

        if ((before.IsVirtual || before.IsAbstract || before.IsOverride) && !(after.IsVirtual || after.IsAbstract || after.IsOverride) && before.ContainingType?.TypeKind != TypeKind.Interface)
        {
            differences.Add("no longer virtual");
            breaking = true;
        }

        var beforeType = ReturnType(before);
        var afterType = ReturnType(after);
        if (beforeType is not null && afterType is not null && !SymbolEqualityComparer.Default.Equals(beforeType, afterType))
        {
            differences.Add($"type {beforeType.ToDisplayString(TypeFormat)} → {afterType.ToDisplayString(TypeFormat)}");
            breaking = true;
        }

        var beforeParameters = Parameters(before);
        var afterParameters = Parameters(after);
        if (!beforeParameters.SequenceEqual(afterParameters, ParameterShape.Instance))
        {
            differences.Add($"parameters ({Describe(beforeParameters)}) → ({Describe(afterParameters)})");
            var prefix = beforeParameters.Length <= afterParameters.Length
                && beforeParameters.Zip(afterParameters).All(p => SymbolEqualityComparer.Default.Equals(p.First.Type, p.Second.Type) && p.First.RefKind == p.Second.RefKind && p.First.Name == p.Second.Name);
            var extraOptional = afterParameters.Skip(beforeParameters.Length).All(p => p.IsOptional || p.IsParams);
            if (prefix && extraOptional)
            {
                why = afterParameters.Length > beforeParameters.Length
                    ? "a new optional parameter at the end keeps source compatibility (callers must be recompiled)"
                    : "only default values changed; existing calls still compile";
            }
            else
            {
                breaking = true;
            }
        }

        if (before is INamedTypeSymbol beforeNamed && after is INamedTypeSymbol afterNamed && beforeNamed.TypeKind != afterNamed.TypeKind)
        {
            differences.Add($"{beforeNamed.TypeKind.ToString().ToLowerInvariant()} → {afterNamed.TypeKind.ToString().ToLowerInvariant()}");
            breaking = true;
        }

        if (differences.Count == 0)
        {
            return (null, true, null);
        }

        return (string.Join(", ", differences), !breaking, breaking ? null : why ?? "existing references still compile");
    }

    private static ITypeSymbol? ReturnType(ISymbol symbol) => symbol switch
    {
        IMethodSymbol method => method.ReturnType,
        IPropertySymbol property => property.Type,
        IFieldSymbol field => field.Type,
        IEventSymbol @event => @event.Type,
        _ => null,
    };

    private static ImmutableArray<IParameterSymbol> Parameters(ISymbol symbol) => symbol switch
    {
        IMethodSymbol method => method.Parameters,
        IPropertySymbol property => property.Parameters,
        _ => [],
    };

    private static string Describe(ImmutableArray<IParameterSymbol> parameters) =>
        string.Join(", ", parameters.Select(p => p.ToDisplayString(ShapeFormat)));

    private static string AccessText(ISymbol symbol) => SyntaxFacts.GetText(symbol.DeclaredAccessibility);

    private static int Rank(Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => 4,
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => 3,
        Microsoft.CodeAnalysis.Accessibility.Internal or Microsoft.CodeAnalysis.Accessibility.Protected => 2,
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => 1,
        _ => 0,
    };

    private sealed class ParameterShape : IEqualityComparer<IParameterSymbol>
    {
        public static readonly ParameterShape Instance = new();

        public bool Equals(IParameterSymbol? x, IParameterSymbol? y) =>
            x is not null && y is not null
            && SymbolEqualityComparer.Default.Equals(x.Type, y.Type)
            && x.RefKind == y.RefKind
            && x.Name == y.Name
            && x.IsOptional == y.IsOptional
            && x.IsParams == y.IsParams
            && Equals(x.HasExplicitDefaultValue ? x.ExplicitDefaultValue : null, y.HasExplicitDefaultValue ? y.ExplicitDefaultValue : null);

        public int GetHashCode(IParameterSymbol obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
