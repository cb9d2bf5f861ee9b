using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// Lists every declaration of a C# file with its documentation comment ID, computed from syntax
/// alone (error tolerant, no compilation).
/// </summary>
public static class DeclarationExtractor
{
    /// <summary>The ID given to top-level statements: the compiler's synthesized entry point, as <c>GetDocumentationCommentId</c> writes it.</summary>
    public const string TopLevelId = "M:Program." + TopLevelName + "(System.String[])";

    /// <summary>The name of the entry point of top-level statements in an ID (its metadata name is <c>&lt;Main&gt;$</c>; an ID writes angle brackets as braces).</summary>
    public const string TopLevelName = "{Main}$";

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, DocumentationMode.None);

    /// <summary>Gets the options every parse starts from (part of the declaration cache's key).</summary>
    internal static CSharpParseOptions ParseOptions => Options;

    /// <summary>Parses a file and lists its declarations.</summary>
    /// <param name="text">The file's text (a leading byte order mark is treated as file-level trivia).</param>
    /// <returns>The declarations.</returns>
    public static DeclarationSet Extract(string text) => Extract(text, null);

    /// <summary>
    /// Parses a file and lists its declarations; with an index, each member's parameter types are also
    /// resolved as the compiler writes them (<see cref="DeclarationId.ResolvedParameters"/>).
    /// </summary>
    /// <param name="text">The file's text (a leading byte order mark is treated as file-level trivia).</param>
    /// <param name="types">
    /// What the rest of the repository declares (<see cref="TypeIndex.Empty"/>: the file and the SDK
    /// only), or <see langword="null"/> not to resolve names.
    /// </param>
    /// <returns>The declarations.</returns>
    public static DeclarationSet Extract(string text, TypeIndex? types)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return Extract(text, types, record: false).Set;
    }

    /// <summary>
    /// Parses a file and lists its declarations; when <paramref name="record"/>, their strings are left
    /// empty and what they are made of is recorded, one recording per parse that found the declaration
    /// (see <see cref="TouchedDiff"/>).
    /// </summary>
    internal static Extraction Extract(string text, TypeIndex? types, bool record)
    {

        var bom = TextFacts.StartsWithByteOrderMark(text);
        var parsed = bom ? text.Substring(1) : text;
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(parsed), Options);
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var regions = ConditionalRegions.Find(root);
        if (regions is null)
        {
            // Most files: no #if, one parse.
            var (single, recorded) = Walk(tree, root, parsed, bom, text, regions: null, types, record);
            return new Extraction(ResolvedForms.Distinct(single), record ? recorded.Select(r => (IReadOnlyList<DeclarationTokens>)[r]).ToList() : null, [root], parsed);
        }

        // Code in an inactive #if branch is code: parse again with the symbols that make each branch
        // active, so that every reachable branch is active in some parse, and merge the declarations
        // of every parse.
        var sets = new List<DeclarationSet>();
        var recordings = new List<List<DeclarationTokens>>();
        var trees = new List<(SyntaxTree Tree, CompilationUnitSyntax Root)> { (tree, root) };
        regions.MarkTaken(root);

        // Each further parse activates the first branch still inactive and, greedily, every other
        // one whose conditions agree with the symbols chosen so far.
        var unreachable = new HashSet<int>();
        for (var attempt = 0; attempt < 2 * MaxParses && trees.Count < MaxParses; attempt++)
        {
            Dictionary<string, bool>? chosen = null;
            var first = -1;
            foreach (var branch in regions.Uncovered())
            {
                if (unreachable.Contains(branch))
                {
                    continue;
                }

                var extended = regions.Satisfy(branch, chosen ?? new Dictionary<string, bool>(StringComparer.Ordinal));
                if (extended is not null)
                {
                    first = first < 0 ? branch : first;
                    chosen = extended;
                }
                else if (chosen is null)
                {
                    unreachable.Add(branch);
                }
            }

            if (chosen is null)
            {
                break;
            }

            // A #define or #undef in the file can defeat the symbols: the branch stays inactive.
            if (!Reparse(chosen.Where(c => c.Value).Select(c => c.Key).OrderBy(n => n, StringComparer.Ordinal).ToList()))
            {
                unreachable.Add(first);
            }
        }

        // Branches whose conditions name too many symbols to search: all of them defined.
        if (!regions.AllCovered && trees.Count < MaxParses)
        {
            _ = Reparse(regions.Symbols);
        }

        foreach (var (t, r) in trees)
        {
            var (set, recorded) = Walk(t, r, parsed, bom, text, regions, types, record);
            sets.Add(set);
            recordings.Add(recorded);
        }

        var (merged, versions) = Merge(sets, recordings, text, Inactive(root, regions));
        return new Extraction(ResolvedForms.Distinct(merged), record ? versions : null, trees.Select(t => t.Root).ToList(), parsed);

        // Whether the parse made some branch active that no parse before it did (only then is it kept).
        bool Reparse(IReadOnlyList<string> symbols)
        {
            var other = CSharpSyntaxTree.ParseText(SourceText.From(parsed), Options.WithPreprocessorSymbols(symbols));
            var otherRoot = (CompilationUnitSyntax)other.GetRoot();
            if (!regions.MarkTaken(otherRoot))
            {
                return false;
            }

            trees.Add((other, otherRoot));
            return true;
        }
    }

    // At most this many parses of one file (a file whose branches need more keeps the rest as
    // inactive code that no declaration owns; see DeclarationSet.InactiveCode).
    private const int MaxParses = 8;

    private static (DeclarationSet Set, List<DeclarationTokens> Recorded) Walk(SyntaxTree tree, CompilationUnitSyntax root, string parsed, bool bom, string text, ConditionalRegions? regions, TypeIndex? types, bool record)
    {
        var walker = new DeclarationWalker(tree, new TokenSource(parsed, root, regions)) { Types = types, Record = record };
        walker.VisitCompilationUnit(root, bom);
        return (new DeclarationSet(
            walker.Declarations,
            walker.FileLevel.ToString(),
            walker.FileLevelText.ToString(),
            walker.FileLevelPosition ?? new TextPosition(1, 1),
            root.ContainsDiagnostics && root.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error),
            walker.FileLevelItems,
            text)
        {
            GlobalUsings = TypeResolver.GlobalUsingsOf(root),
        }, walker.Recorded);
    }

    // The code of the branches no parse made active (#if false, a condition a #define contradicts,
    // too many symbols): no declaration owns it, so it is kept apart for the rules to refuse.
    private static (string Text, TextPosition? Position) Inactive(CompilationUnitSyntax root, ConditionalRegions regions)
    {
        if (regions.AllCovered)
        {
            return (string.Empty, null);
        }

        var text = new StringBuilder();
        TextPosition? position = null;
        foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
        {
            if (trivia.IsKind(SyntaxKind.DisabledTextTrivia) && !AfterConflictMarker(trivia) && !regions.IsCovered(regions.Innermost(trivia.SpanStart)))
            {
                var start = trivia.GetLocation().GetLineSpan().StartLinePosition;
                position ??= new TextPosition(start.Line + 1, start.Character + 1);
                text.Append(regions.ChainOf(regions.Innermost(trivia.SpanStart))).Append(": ");
                text.Append(string.Join(" ", trivia.ToFullString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Append(' ');
            }
        }

        return (text.ToString(), position);
    }

    // Git's conflict markers make the other side disabled text: it follows the ======= marker.
    private static bool AfterConflictMarker(SyntaxTrivia trivia)
    {
        var list = trivia.Token.LeadingTrivia.Contains(trivia) ? trivia.Token.LeadingTrivia : trivia.Token.TrailingTrivia;
        var index = list.IndexOf(trivia);
        return index > 0 && list[index - 1].IsKind(SyntaxKind.ConflictMarkerTrivia);
    }

    // One declaration set from several parses of one text: a declaration found in any parse is a
    // declaration; where parses see it differently, each part's fingerprint is every distinct version
    // (sorted, so the order and number of parses do not matter, and one version stays as it is).
    private static (DeclarationSet Set, List<IReadOnlyList<DeclarationTokens>> Versions) Merge(List<DeclarationSet> sets, List<List<DeclarationTokens>> recordings, string text, (string Text, TextPosition? Position) inactive)
    {
        var merged = new Dictionary<string, (Declaration First, SortedSet<string> Signatures, SortedSet<string> Bodies, SortedSet<string> Texts, List<DeclarationTokens> Versions)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var s = 0; s < sets.Count; s++)
        {
            var set = sets[s];
            var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var d = 0; d < set.Declarations.Count; d++)
            {
                var declaration = set.Declarations[d];
                var id = declaration.Id.ToString();
                occurrences.TryGetValue(id, out var n);
                occurrences[id] = n + 1;
                var key = id + "\u0000" + n;
                if (!merged.TryGetValue(key, out var entry))
                {
                    entry = (declaration, new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal), []);
                    merged[key] = entry;
                    order.Add(key);
                }

                entry.Signatures.Add(declaration.Signature);
                entry.Bodies.Add(declaration.Body);
                entry.Texts.Add(declaration.Text);
                if (recordings[s].Count > 0)
                {
                    entry.Versions.Add(recordings[s][d]);
                }
            }
        }

        // (OrderBy is stable: declarations at one position keep the order they were found in.)
        var entries = order
            .Select(key => merged[key])
            .OrderBy(e => e.First.Position.Line)
            .ThenBy(e => e.First.Position.Column)
            .ToList();
        var declarations = entries
            .Select(e => e.First with { Signature = Combine(e.Signatures), Body = Combine(e.Bodies), Text = Combine(e.Texts) })
            .ToList();
        var versions = entries.Select(e => (IReadOnlyList<DeclarationTokens>)e.Versions).ToList();
        var fileLevel = Combine(sets.Select(s => s.FileLevel));
        if (inactive.Text.Length > 0)
        {
            fileLevel += " \u27E6inactive\u27E7 " + inactive.Text;
        }

        var items = sets.SelectMany(s => s.FileLevelItems).Distinct().OrderBy(i => i.Position.Line).ThenBy(i => i.Position.Column).ToList();
        return (new DeclarationSet(declarations, fileLevel, Combine(sets.Select(s => s.FileLevelText)), sets[0].FileLevelPosition, sets.Any(s => s.HasErrors), items, text)
        {
            GlobalUsings = sets.SelectMany(s => s.GlobalUsings).Distinct().ToList(),
            InactiveCode = inactive.Text,
            InactiveCodePosition = inactive.Position,
        }, versions);
    }

    /// <summary>Builds a recorded declaration's strings as <see cref="Extract(string, TypeIndex?)"/> would have (each parse's version, combined).</summary>
    internal static Declaration Materialize(Declaration declaration, IReadOnlyList<DeclarationTokens> versions)
    {
        if (versions.Count == 1)
        {
            var (signature, body, text) = versions[0].Materialize();
            return declaration with { Signature = signature, Body = body, Text = text };
        }

        var built = versions.Select(v => v.Materialize()).ToList();
        return declaration with
        {
            Signature = Combine(built.Select(b => b.Signature)),
            Body = Combine(built.Select(b => b.Body)),
            Text = Combine(built.Select(b => b.Text)),
        };
    }

    /// <summary>One extraction: the set, what each declaration was made of (when recorded), every parse's root and the text parsed.</summary>
    internal sealed record Extraction(DeclarationSet Set, List<IReadOnlyList<DeclarationTokens>>? Versions, IReadOnlyList<CompilationUnitSyntax> Roots, string Parsed);

    private static string Combine(IEnumerable<string> versions)
    {
        var distinct = versions as SortedSet<string> ?? new SortedSet<string>(versions, StringComparer.Ordinal);
        return distinct.Count == 1 ? distinct.Min! : string.Join("\u2016", distinct);
    }
}
