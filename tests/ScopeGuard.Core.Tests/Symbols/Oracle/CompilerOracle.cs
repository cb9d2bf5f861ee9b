using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Tests.Symbols.Oracle;

/// <summary>
/// Compiles a corpus with Roslyn's semantic model (reference assemblies from the SDK's ref pack next
/// to the running dotnet) and compares, declaration by declaration (matched by source location), the
/// compiler's <c>GetDocumentationCommentId()</c> with the ID ScopeGuard computes from syntax and, where
/// that differs, with its resolved form (names bound against an index of the corpus and the SDK, as
/// <c>check</c> binds them against the repository); then uses every compiler ID as a <c>readonly</c>
/// pattern and checks, with the real rule matching, that it covers its declaration.
/// </summary>
internal static class CompilerOracle
{
    private static readonly Lazy<List<MetadataReference>> FrameworkReferences = new(LoadFrameworkReferences);
    private static readonly string[] Branches = ["agent/oracle"];
    private static readonly string[] Paths = ["src/"];

    public static OracleReport Run(string corpus, IReadOnlyList<(string Path, string Text)> files, IEnumerable<MetadataReference>? extraReferences = null, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, options, f.Path)).ToList();
        var compilation = CSharpCompilation.Create(
            "oracle_" + corpus,
            trees,
            FrameworkReferences.Value.Concat(extraReferences ?? []),
            new CSharpCompilationOptions(kind, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

        var report = new OracleReport(corpus);
        report.CompilerErrors.AddRange(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));

        // Names resolved as check resolves them: against what the corpus declares and the SDK's types. The
        // types the resolver knows decide which qualification differences are still allowed.
        var index = TypeIndex.Create(files.Select(f => DeclarationExtractor.Extract(f.Text)));
        bool Known(string fullName) => index.DeclaresType(fullName) || BclTypes.ContainsType(fullName);
        var declarations = files.ToDictionary(f => f.Path, f => DeclarationExtractor.Extract(f.Text, index).Declarations, StringComparer.Ordinal);
        var symbols = new List<ISymbol>();
        Collect(compilation.Assembly.GlobalNamespace, symbols);

        // The full names of the types each file declares, as IDs write them in parameter lists.
        var fileTypes = symbols.OfType<INamedTypeSymbol>()
            .SelectMany(t => t.Locations.Where(l => l.IsInSource).Select(l => (Path: l.SourceTree!.FilePath, Name: Regex.Replace(t.GetDocumentationCommentId()!.Substring(2), "`[0-9]+", string.Empty))))
            .GroupBy(p => p.Path)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Name).Where(n => !n.Contains('<', StringComparison.Ordinal)).Distinct().ToList(), StringComparer.Ordinal);

        // Per file: the compiler IDs to use as readonly patterns, and the declaration each must cover.
        var expectations = new Dictionary<string, List<(string CompilerId, Declaration Target)>>(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            var compilerId = symbol.GetDocumentationCommentId();
            if (compilerId is null)
            {
                continue;
            }

            foreach (var location in symbol.Locations.Where(l => l.IsInSource && l.SourceTree is not null && declarations.ContainsKey(l.SourceTree.FilePath)))
            {
                var path = location.SourceTree!.FilePath;
                if (!Included(symbol, location))
                {
                    continue;
                }

                if (HasErrorType(symbol))
                {
                    report.NoAnswer.Add($"{path}: {compilerId} (a type the compilation cannot bind)");
                    continue;
                }

                // An accessor (and an extension property's accessor implementation) is judged as part of its
                // property or event: its declaration is the owner's, at the owner's name.
                var ownerAnchor = symbol is INamespaceSymbol ? NamespaceAnchor(location) : AccessorOwnerAnchor(location);
                var here = At(declarations[path], ownerAnchor ?? EntryPointAnchor(symbol, location) ?? location.GetLineSpan().StartLinePosition);
                if (symbol is INamespaceSymbol)
                {
                    // `namespace A.B` is one declaration, N:A.B; the compiler also declares N:A at A, which covers it.
                    if (here.Any(d => d.Id.ToString() == compilerId))
                    {
                        report.Agreeing++;
                    }
                    else
                    {
                        report.Differences.Add(new OracleDifference(
                            here.Any(d => d.Id.ToString().StartsWith(compilerId + ".", StringComparison.Ordinal)) ? OracleDifferenceClass.OuterPartOfDottedNamespace : OracleDifferenceClass.Mismatch,
                            path,
                            compilerId,
                            string.Join(" ", here.Select(d => d.Id))));
                    }
                }
                else if (ownerAnchor is null)
                {
                    Classify(report, path, compilerId, here, fileTypes.GetValueOrDefault(path) ?? [], Known);
                }
                else if (symbol.IsImplicitlyDeclared)
                {
                    // The XML documentation file's name of an extension accessor: ScopeGuard gives it as an alternate ID.
                    if (here.Any(d => d.Id.Alternates.Any(a => a.ToString() == compilerId)))
                    {
                        report.Agreeing++;
                    }
                    else
                    {
                        report.Differences.Add(new OracleDifference(OracleDifferenceClass.Mismatch, path, compilerId, string.Join(" ", here.Select(d => d.Id))));
                    }
                }

                var target = here.FirstOrDefault(d => d.Id.ToString() == compilerId)
                    ?? here.FirstOrDefault(d => Kind(d.Id.Kind) == compilerId[0])
                    ?? here.FirstOrDefault();
                var pattern = SymbolPattern.TryParse(compilerId, out var error);
                if (pattern is null)
                {
                    // Refused with the IDs to write instead: the compiler's names of extension blocks.
                    if (error is not null && error.Contains("extension block", StringComparison.Ordinal) && compilerId.Contains("<G>$", StringComparison.Ordinal))
                    {
                        report.PatternsRefusedWithGuidance++;
                    }
                    else
                    {
                        report.PatternFailures.Add($"{path}: {compilerId} refused: {error}");
                    }

                    continue;
                }

                if (target is null)
                {
                    report.PatternFailures.Add($"{path}({location.GetLineSpan().StartLinePosition.Line + 1},{location.GetLineSpan().StartLinePosition.Character + 1}): {compilerId} has no ScopeGuard declaration to cover");
                    continue;
                }

                if (!expectations.TryGetValue(path, out var list))
                {
                    expectations[path] = list = [];
                }

                list.Add((compilerId, target));
            }
        }

        foreach (var (path, list) in expectations)
        {
            CheckPatterns(report, path, list, fileTypes.GetValueOrDefault(path) ?? [], Known);
        }

        return report;
    }

    // Every compiler ID of the file as a readonly pattern of one agent; each must be among the rules
    // that the real rule matching finds covering its declaration.
    private static void CheckPatterns(OracleReport report, string path, List<(string CompilerId, Declaration Target)> list, List<string> fileTypes, Func<string, bool> known)
    {
        var patterns = list.Select(e => e.CompilerId).Distinct(StringComparer.Ordinal).ToList();
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["version"] = 1,
            ["agents"] = new Dictionary<string, object>
            {
                ["oracle"] = new Dictionary<string, object>
                {
                    ["branches"] = Branches,
                    ["paths"] = Paths,
                    ["symbols"] = new Dictionary<string, object> { ["readonly"] = patterns },
                },
            },
        });
        var load = ManifestLoader.Load(json, "scopes.json");
        if (load.Manifest is null)
        {
            report.PatternFailures.Add($"{path}: the manifest of its compiler IDs does not load: {string.Join("; ", load.Errors.Select(e => e.Message))}");
            return;
        }

        var agent = load.Manifest.FindAgent("oracle")!;
        foreach (var (compilerId, target) in list)
        {
            var covering = SymbolRules.Covering(agent, target.Id);
            if (covering.Any(r => r.Access == SymbolAccess.ReadOnly && r.Entry.Pattern.Text == compilerId))
            {
                report.PatternsMatching++;
            }
            else if (OnlyQualificationFromElsewhere(compilerId, new[] { target.Id }.Concat(target.Id.Alternates).SelectMany(i => new[] { i.ToString(), i.CompilerForm }), fileTypes)
                && !ResolverKnowsAQualifiedType(compilerId, new[] { target.Id }.Concat(target.Id.Alternates).Select(i => i.CompilerForm), known))
            {
                // Binding's part that the resolver cannot do: a type neither the corpus nor the SDK declares
                // (a package's), written without its namespace.
                report.PatternsNeedingBinding++;
            }
            else
            {
                report.PatternFailures.Add($"{path}({target.Position.Line},{target.Position.Column}): readonly {compilerId} does not cover {target.Id}");
            }
        }
    }

    private static void Classify(OracleReport report, string path, string compilerId, List<Declaration> here, List<string> fileTypes, Func<string, bool> known)
    {
        var where = path;
        if (here.Any(d => d.Id.ToString() == compilerId))
        {
            report.Agreeing++;
            return;
        }

        var candidates = here.Where(d => Kind(d.Id.Kind) == compilerId[0]).ToList();
        var ours = candidates.Count > 0 ? candidates[0].Id.ToString() : here.Count > 0 ? here[0].Id.ToString() : "(none)";
        var primaries = candidates.Select(d => d.Id.ToString()).ToList();
        var resolved = candidates.Select(d => d.Id.CompilerForm).ToList();
        var alternates = candidates.SelectMany(d => d.Id.Alternates).SelectMany(i => new[] { i.ToString(), i.CompilerForm }).Distinct(StringComparer.Ordinal).ToList();
        var resolvedAlternates = candidates.SelectMany(d => d.Id.Alternates).Select(i => i.CompilerForm).ToList();

        // Allowed, and counted apart: the primary ID, from syntax alone, differs only in the namespaces of
        // type names from other files or the SDK, and the resolved form (binding, the other half of issue
        // 17) is the compiler's ID, so a pattern in the compiler's form matches.
        if (resolved.Contains(compilerId))
        {
            report.Differences.Add(new OracleDifference(OracleDifferenceClass.ResolvedByBinding, where, compilerId, ours));
            return;
        }

        // Allowed: X? for a struct the file does not declare, which syntax takes for a class; the
        // compiler's Nullable form is one of the declaration's alternate IDs (or an alternate's resolved
        // form), so a pattern in it matches.
        if (alternates.Contains(compilerId))
        {
            report.Differences.Add(new OracleDifference(OracleDifferenceClass.ValueTypeFromElsewhere, where, compilerId, ours));
            return;
        }

        // Allowed, counted apart: the ID still differs only in the namespaces of type names (not ones the
        // file declares), and none of them is a type the resolver knows: a package's types, which neither
        // the corpus nor the SDK declares. Where the resolver knows the type, it must have written it.
        if (OnlyQualificationFromElsewhere(compilerId, primaries.Concat(resolved).Concat(alternates), fileTypes))
        {
            var unresolved = !ResolverKnowsAQualifiedType(compilerId, resolved.Concat(resolvedAlternates), known);
            report.Differences.Add(new OracleDifference(unresolved ? OracleDifferenceClass.NamespaceQualification : OracleDifferenceClass.Mismatch, where, compilerId, ours));
            return;
        }

        // Allowed: what syntax cannot write at all, each documented in docs/symbols.md.
        if (compilerId.Contains("<G>$", StringComparison.Ordinal))
        {
            report.Differences.Add(new OracleDifference(OracleDifferenceClass.ExtensionGroupingName, where, compilerId, ours));
            return;
        }

        if (compilerId == "T:Program" && here.Any(d => d.Id.ToString() == DeclarationExtractor.TopLevelId))
        {
            report.Differences.Add(new OracleDifference(OracleDifferenceClass.TopLevelProgramType, where, compilerId, ours));
            return;
        }

        report.Differences.Add(new OracleDifference(OracleDifferenceClass.Mismatch, where, compilerId, ours));
    }

    // Whether the IDs differ only in the namespaces of type names, none of them a type the file declares
    // (those, syntax qualifies itself).
    private static bool OnlyQualificationFromElsewhere(string compilerId, IEnumerable<string> forms, List<string> fileTypes)
    {
        var unqualified = Unqualified(compilerId);
        var parameters = compilerId.IndexOf('(', StringComparison.Ordinal) is var open and >= 0 ? compilerId.Substring(open) : string.Empty;
        var lastPart = compilerId.Substring(0, compilerId.Length - parameters.Length);
        lastPart = lastPart.Substring(lastPart.LastIndexOf('.') + 1);
        return forms.Any(f => Unqualified(f) == unqualified
            && !fileTypes.Any(t => (parameters.Contains(t, StringComparison.Ordinal) && !f.Contains(t, StringComparison.Ordinal))
                || (lastPart.Contains(t.Replace('.', '#'), StringComparison.Ordinal) && !f.Contains(t.Replace('.', '#'), StringComparison.Ordinal))));
    }

    // Whether, in the closest of our forms, a name the compiler writes qualified is left short although the
    // resolver knows the type it names (the corpus or the SDK declares it): such a difference binding was
    // meant to close. The qualifier the compiler adds, with the first part of our short name, is the type
    // (N.Outer for Outer.Inner; System.IDisposable for IDisposable#Dispose); its arity is not written, so
    // any arity counts.
    internal static bool ResolverKnowsAQualifiedType(string compilerId, IEnumerable<string> forms, Func<string, bool> known)
    {
        var theirs = Names(compilerId);
        foreach (var form in forms)
        {
            var ours = Names(form);
            if (ours.Count != theirs.Count)
            {
                continue;
            }

            for (var i = 0; i < ours.Count; i++)
            {
                if (theirs[i] != ours[i] && theirs[i].EndsWith("." + ours[i], StringComparison.Ordinal))
                {
                    var qualifier = theirs[i].Substring(0, theirs[i].Length - ours[i].Length - 1);
                    var first = ours[i].Split('.')[0];
                    if (Enumerable.Range(0, 9).Any(arity => known(qualifier + "." + first + (arity == 0 ? string.Empty : "`" + arity.ToString(System.Globalization.CultureInfo.InvariantCulture)))))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    // The dotted names of an ID's explicit interface name and parameter list, in order ('#' read as '.').
    private static List<string> Names(string id)
    {
        var open = id.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? id : id.Substring(0, open);
        var last = name.Substring(name.LastIndexOf('.') + 1);
        var hash = last.LastIndexOf('#');
        var interfaceName = hash < 0 ? string.Empty : last.Substring(0, hash).Replace('#', '.');
        var parameters = open < 0 ? string.Empty : id.Substring(open);
        return Regex.Matches(interfaceName + " " + parameters, @"[A-Za-z_][A-Za-z0-9_`]*(?:\.[A-Za-z_][A-Za-z0-9_`]*)*").Select(m => m.Value).ToList();
    }

    // The ID with every type name's namespaces and containing types removed (System.Collections.Generic.List{…}
    // is List{…}, System#IDisposable is IDisposable); the member's own name parts are kept.
    internal static string Unqualified(string id)
    {
        var open = id.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? id : id.Substring(0, open);
        var parameters = open < 0 ? string.Empty : id.Substring(open);
        var lastDot = name.LastIndexOf('.');
        var last = name.Substring(lastDot + 1);
        var hash = last.LastIndexOf('#');
        if (hash >= 0)
        {
            last = string.Concat(Regex.Replace(last.Substring(0, hash), @"(?:[A-Za-z_][A-Za-z0-9_`]*#)+(?=[A-Za-z_])", string.Empty), last.AsSpan(hash));
        }

        parameters = Regex.Replace(parameters, @"(?:[A-Za-z_][A-Za-z0-9_`]*\.)+(?=[A-Za-z_])", string.Empty);
        return string.Concat(name.AsSpan(0, lastDot + 1), last, parameters);
    }

    private static char Kind(ScopeGuard.Core.Symbols.SymbolKind kind) => DeclarationId.Prefix(kind);

    private static List<Declaration> At(IReadOnlyList<Declaration> declarations, Microsoft.CodeAnalysis.Text.LinePosition start) =>
        declarations.Where(d => d.Position.Line == start.Line + 1 && d.Position.Column == start.Character + 1).ToList();

    // Where ScopeGuard places top-level statements (their first statement) when the compiler places their
    // entry point elsewhere (at the first using directive of a file that has some); null for other symbols.
    private static Microsoft.CodeAnalysis.Text.LinePosition? EntryPointAnchor(ISymbol symbol, Location location) =>
        symbol is IMethodSymbol { Name: "<Main>$" }
            ? location.SourceTree!.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax).OfType<GlobalStatementSyntax>().FirstOrDefault()?.GetLocation().GetLineSpan().StartLinePosition
            : null;

    // Where the namespace declaration whose name includes this location is declared (its name's start).
    private static Microsoft.CodeAnalysis.Text.LinePosition? NamespaceAnchor(Location location)
    {
        var token = location.SourceTree!.GetRoot().FindToken(location.SourceSpan.Start);
        var ns = token.Parent?.FirstAncestorOrSelf<BaseNamespaceDeclarationSyntax>();
        return ns?.Name.GetLocation().GetLineSpan().StartLinePosition;
    }

    // Where the property, indexer or event that owns an accessor at this location is named; null when
    // the location is not in an accessor (or an expression-bodied property's arrow).
    private static Microsoft.CodeAnalysis.Text.LinePosition? AccessorOwnerAnchor(Location location)
    {
        var token = location.SourceTree!.GetRoot().FindToken(location.SourceSpan.Start);
        foreach (var node in token.Parent!.AncestorsAndSelf())
        {
            if (node is AccessorDeclarationSyntax || (node is ArrowExpressionClauseSyntax && node.Parent is BasePropertyDeclarationSyntax))
            {
                var owner = node.FirstAncestorOrSelf<BasePropertyDeclarationSyntax>()!;
                var anchor = owner switch
                {
                    PropertyDeclarationSyntax property => property.Identifier,
                    IndexerDeclarationSyntax indexer => indexer.ThisKeyword,
                    EventDeclarationSyntax @event => @event.Identifier,
                    _ => owner.GetFirstToken(),
                };
                return anchor.GetLocation().GetLineSpan().StartLinePosition;
            }

            if (node is MemberDeclarationSyntax)
            {
                return null;
            }
        }

        return null;
    }

    // Declared in source by the programmer: not the compiler's synthesized members (backing fields,
    // record members, default constructors), except the implementation methods of extension members,
    // which the XML documentation file names.
    private static bool Included(ISymbol symbol, Location location)
    {
        if (!symbol.IsImplicitlyDeclared)
        {
            return true;
        }

        if (symbol is not IMethodSymbol || location.SourceTree is null)
        {
            return false;
        }

        var node = location.SourceTree.GetRoot().FindToken(location.SourceSpan.Start).Parent;
        return node?.AncestorsAndSelf().Any(n => n is ExtensionBlockDeclarationSyntax) == true;
    }

    private static bool HasErrorType(ISymbol symbol) => symbol switch
    {
        IMethodSymbol method => method.Parameters.Any(p => IsError(p.Type)) || IsError(method.ReturnType) || method.ExplicitInterfaceImplementations.Any(i => IsError(i.ContainingType)),
        IPropertySymbol property => property.Parameters.Any(p => IsError(p.Type)) || IsError(property.Type) || property.ExplicitInterfaceImplementations.Any(i => IsError(i.ContainingType)),
        IEventSymbol @event => @event.ExplicitInterfaceImplementations.Any(i => IsError(i.ContainingType)),
        _ => false,
    };

    private static bool IsError(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol => true,
        IArrayTypeSymbol array => IsError(array.ElementType),
        IPointerTypeSymbol pointer => IsError(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeArguments.Any(IsError) || (named.ContainingType is not null && IsError(named.ContainingType)),
        _ => false,
    };

    private static void Collect(INamespaceOrTypeSymbol container, List<ISymbol> symbols)
    {
        foreach (var member in container.GetMembers())
        {
            symbols.Add(member);
            if (member is INamespaceOrTypeSymbol nested)
            {
                Collect(nested, symbols);
            }
        }
    }

    // <dotnet root>/packs/Microsoft.NETCore.App.Ref/<version>/ref/net<major>.<minor>/*.dll, the dotnet
    // root found from the running runtime (<root>/shared/Microsoft.NETCore.App/<version>/).
    private static List<MetadataReference> LoadFrameworkReferences()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        var framework = "net" + Environment.Version.Major + "." + Environment.Version.Minor;
        var directory = Directory.Exists(packs)
            ? Directory.GetDirectories(packs)
                .Select(d => Path.Combine(d, "ref", framework))
                .Where(Directory.Exists)
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(d))!).Split('-')[0], out var v) ? v : new Version(0, 0))
                .FirstOrDefault()
            : null;
        if (directory is null)
        {
            throw new InvalidOperationException($"no reference pack for {framework} under {packs}: the oracle needs the SDK's Microsoft.NETCore.App.Ref");
        }

        return Directory.GetFiles(directory, "*.dll").Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
    }
}

internal enum OracleDifferenceClass
{
    /// <summary>Not allowed: ScopeGuard's ID differs from the compiler's in a way syntax could know.</summary>
    Mismatch,

    /// <summary>
    /// Allowed (binding the resolver cannot do): the IDs differ only in the namespaces of type names that
    /// neither the corpus nor the SDK declares (a package's types), so the resolver does not know them.
    /// </summary>
    NamespaceQualification,

    /// <summary>Allowed: the primary ID (syntax alone) differs only in namespaces, and the resolved form is the compiler's ID.</summary>
    ResolvedByBinding,

    /// <summary>Allowed (binding): <c>X?</c> for a struct declared elsewhere, written as a reference type; the compiler's form is an alternate ID.</summary>
    ValueTypeFromElsewhere,

    /// <summary>Allowed (documented): the compiler's ID of an extension block member inside its generated grouping type.</summary>
    ExtensionGroupingName,

    /// <summary>Allowed (documented): the outer namespace N:A of a declaration `namespace A.B`, which ScopeGuard declares as N:A.B only.</summary>
    OuterPartOfDottedNamespace,

    /// <summary>Allowed (documented): the synthesized Program type of top-level statements, covered through M:Program.{Main}$.</summary>
    TopLevelProgramType,
}

internal sealed record OracleDifference(OracleDifferenceClass Class, string Path, string CompilerId, string ScopeGuardId);

internal sealed class OracleReport(string corpus)
{
    public string Corpus { get; } = corpus;

    public int Agreeing { get; set; }

    public List<OracleDifference> Differences { get; } = [];

    public List<string> NoAnswer { get; } = [];

    public int PatternsMatching { get; set; }

    public int PatternsRefusedWithGuidance { get; set; }

    public int PatternsNeedingBinding { get; set; }

    public List<string> PatternFailures { get; } = [];

    public List<string> CompilerErrors { get; } = [];

    public IEnumerable<OracleDifference> Mismatches => Differences.Where(d => d.Class == OracleDifferenceClass.Mismatch);

    public string Summary()
    {
        var classes = string.Join(", ", Differences.GroupBy(d => d.Class).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
        return $"{Corpus}: IDs agreeing {Agreeing}, differing {Differences.Count} ({(classes.Length == 0 ? "none" : classes)}), no compiler answer {NoAnswer.Count}; "
            + $"compiler IDs as readonly patterns: covering {PatternsMatching}, refused with guidance {PatternsRefusedWithGuidance}, needing binding {PatternsNeedingBinding}, failing {PatternFailures.Count}; compiler errors {CompilerErrors.Count}";
    }

    public string Details(int max = 60) =>
        string.Join("\n", Mismatches.Take(max).Select(d => $"  MISMATCH {d.Path}: compiler {d.CompilerId} | ScopeGuard {d.ScopeGuardId}")
            .Concat(PatternFailures.Take(max).Select(f => "  PATTERN " + f)));
}
