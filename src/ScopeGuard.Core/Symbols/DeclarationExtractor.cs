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

        var bom = TextFacts.StartsWithByteOrderMark(text);
        var parsed = bom ? text.Substring(1) : text;
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(parsed), Options);
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var regions = ConditionalRegions.Find(root);
        if (regions is null)
        {
            // Most files: no #if, one parse.
            return ResolvedForms.Distinct(Walk(tree, root, parsed, bom, text, regions: null, types));
        }

        // Code in an inactive #if branch is code: parse again with the symbols that make each branch
        // active, so that every reachable branch is active in some parse, and merge the declarations
        // of every parse.
        var sets = new List<DeclarationSet>();
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
            sets.Add(Walk(t, r, parsed, bom, text, regions, types));
        }

        return ResolvedForms.Distinct(Merge(sets, text, Inactive(root, regions)));

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

    private static DeclarationSet Walk(SyntaxTree tree, CompilationUnitSyntax root, string parsed, bool bom, string text, ConditionalRegions? regions, TypeIndex? types)
    {
        var walker = new DeclarationWalker(tree, new TokenSource(parsed, root, regions)) { Types = types };
        walker.VisitCompilationUnit(root, bom);
        return new DeclarationSet(
            walker.Declarations,
            walker.FileLevel.ToString(),
            walker.FileLevelText.ToString(),
            walker.FileLevelPosition ?? new TextPosition(1, 1),
            root.ContainsDiagnostics && root.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error),
            walker.FileLevelItems,
            text)
        {
            GlobalUsings = TypeResolver.GlobalUsingsOf(root),
        };
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
    private static DeclarationSet Merge(List<DeclarationSet> sets, string text, (string Text, TextPosition? Position) inactive)
    {
        var merged = new Dictionary<string, (Declaration First, SortedSet<string> Signatures, SortedSet<string> Bodies, SortedSet<string> Texts)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var set in sets)
        {
            var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var declaration in set.Declarations)
            {
                var id = declaration.Id.ToString();
                occurrences.TryGetValue(id, out var n);
                occurrences[id] = n + 1;
                var key = id + "\u0000" + n;
                if (!merged.TryGetValue(key, out var entry))
                {
                    entry = (declaration, new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
                    merged[key] = entry;
                    order.Add(key);
                }

                entry.Signatures.Add(declaration.Signature);
                entry.Bodies.Add(declaration.Body);
                entry.Texts.Add(declaration.Text);
            }
        }

        var declarations = order
            .Select(key => merged[key])
            .Select(e => e.First with { Signature = Combine(e.Signatures), Body = Combine(e.Bodies), Text = Combine(e.Texts) })
            .OrderBy(d => d.Position.Line)
            .ThenBy(d => d.Position.Column)
            .ToList();
        var fileLevel = Combine(sets.Select(s => s.FileLevel));
        if (inactive.Text.Length > 0)
        {
            fileLevel += " \u27E6inactive\u27E7 " + inactive.Text;
        }

        var items = sets.SelectMany(s => s.FileLevelItems).Distinct().OrderBy(i => i.Position.Line).ThenBy(i => i.Position.Column).ToList();
        return new DeclarationSet(declarations, fileLevel, Combine(sets.Select(s => s.FileLevelText)), sets[0].FileLevelPosition, sets.Any(s => s.HasErrors), items, text)
        {
            GlobalUsings = sets.SelectMany(s => s.GlobalUsings).Distinct().ToList(),
            InactiveCode = inactive.Text,
            InactiveCodePosition = inactive.Position,
        };
    }

    private static string Combine(IEnumerable<string> versions)
    {
        var distinct = versions as SortedSet<string> ?? new SortedSet<string>(versions, StringComparer.Ordinal);
        return distinct.Count == 1 ? distinct.Min! : string.Join("\u2016", distinct);
    }
}
