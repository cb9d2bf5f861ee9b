using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// The <c>#if</c>/<c>#elif</c>/<c>#else</c> branches of one file, which of them some parse has made
/// active, and the preprocessor symbols that make the others active. Code in an inactive branch is
/// still code: the extractor parses the file once per symbol set it needs so that every branch it can
/// reach is active in some parse, and attributes each branch's declarations from that parse.
/// </summary>
internal sealed class ConditionalRegions
{
    // Above this many distinct symbols in one branch's conditions, no assignment is searched.
    private const int MaxSearchedSymbols = 12;

    private readonly List<Branch> branches;
    private readonly Dictionary<int, int> byStart;
    private readonly bool[] covered;

    private ConditionalRegions(List<Branch> branches)
    {
        this.branches = branches;
        byStart = new Dictionary<int, int>(branches.Count);
        for (var i = 0; i < branches.Count; i++)
        {
            byStart[branches[i].Start] = i;
        }

        covered = new bool[branches.Count];
        Symbols = branches.SelectMany(b => b.Names).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    /// <summary>Gets every symbol the conditions name.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Gets a value indicating whether every branch is active in some parse seen so far.</summary>
    public bool AllCovered => Array.TrueForAll(covered, c => c);

    /// <summary>Finds the branches of a parsed file, or returns <see langword="null"/> when it has no <c>#if</c>.</summary>
    /// <param name="root">The file's root (any parse: directives are in every parse, active or not).</param>
    /// <returns>The branches, or <see langword="null"/>.</returns>
    public static ConditionalRegions? Find(CompilationUnitSyntax root)
    {
        if (!root.ContainsDirectives)
        {
            return null;
        }

        var branches = new List<Branch>();
        var open = new List<List<int>>();
        foreach (var directive in Directives(root))
        {
            switch (directive)
            {
                case IfDirectiveTriviaSyntax @if:
                {
                    var parent = InnermostOpen(open);
                    branches.Add(new Branch(@if.SpanStart, parent, Chain(branches, parent, [], @if), Constraints(branches, parent, [], new Condition(@if.Condition))));
                    open.Add([branches.Count - 1]);
                    break;
                }

                case ElifDirectiveTriviaSyntax or ElseDirectiveTriviaSyntax when open.Count > 0:
                {
                    var group = open[open.Count - 1];
                    Close(branches, group, directive.SpanStart);
                    var parent = branches[group[0]].Parent;
                    var condition = directive is ElifDirectiveTriviaSyntax elif ? new Condition(elif.Condition) : null;
                    branches.Add(new Branch(directive.SpanStart, parent, Chain(branches, parent, group, directive), Constraints(branches, parent, group, condition)));
                    group.Add(branches.Count - 1);
                    break;
                }

                case EndIfDirectiveTriviaSyntax when open.Count > 0:
                    Close(branches, open[open.Count - 1], directive.SpanStart);
                    open.RemoveAt(open.Count - 1);
                    break;
            }
        }

        return branches.Count == 0 ? null : new ConditionalRegions(branches);
    }

    /// <summary>Marks the branches a parse took.</summary>
    /// <param name="root">The parse's root.</param>
    /// <returns>Whether the parse made a branch active that no earlier parse did.</returns>
    public bool MarkTaken(CompilationUnitSyntax root)
    {
        var added = false;
        foreach (var directive in Directives(root))
        {
            if (directive is BranchingDirectiveTriviaSyntax { BranchTaken: true } && byStart.TryGetValue(directive.SpanStart, out var i) && !covered[i])
            {
                covered[i] = true;
                added = true;
            }
        }

        return added;
    }

    /// <summary>Lists the branches no parse has made active yet.</summary>
    /// <returns>Their indexes.</returns>
    public IEnumerable<int> Uncovered()
    {
        for (var i = 0; i < covered.Length; i++)
        {
            if (!covered[i])
            {
                yield return i;
            }
        }
    }

    /// <summary>Tells whether a branch is active in some parse.</summary>
    /// <param name="branch">The branch, from <see cref="Innermost"/>.</param>
    /// <returns>Whether it is.</returns>
    public bool IsCovered(int branch) => branch >= 0 && covered[branch];

    /// <summary>
    /// Finds preprocessor symbols that make a branch active, as the file's conditions say (a
    /// <c>#define</c> or <c>#undef</c> in the file can still defeat them: the parse is the judge),
    /// keeping the symbols already chosen for other branches.
    /// </summary>
    /// <param name="branch">The branch.</param>
    /// <param name="chosen">Symbols already decided (defined or not), kept as they are.</param>
    /// <returns>The decisions extended by this branch's symbols, or <see langword="null"/> when none are found.</returns>
    public Dictionary<string, bool>? Satisfy(int branch, Dictionary<string, bool> chosen)
    {
        var constraints = branches[branch].Constraints;
        var names = branches[branch].Names.Where(n => !chosen.ContainsKey(n)).ToList();
        if (names.Count > MaxSearchedSymbols)
        {
            return null;
        }

        var defined = new HashSet<string>(chosen.Where(c => c.Value).Select(c => c.Key), StringComparer.Ordinal);
        for (var mask = 0; mask < 1 << names.Count; mask++)
        {
            for (var bit = 0; bit < names.Count; bit++)
            {
                if ((mask & (1 << bit)) != 0)
                {
                    defined.Add(names[bit]);
                }
                else
                {
                    defined.Remove(names[bit]);
                }
            }

            if (Holds(constraints, defined))
            {
                var result = new Dictionary<string, bool>(chosen, StringComparer.Ordinal);
                foreach (var name in names)
                {
                    result[name] = defined.Contains(name);
                }

                return result;
            }
        }

        return null;
    }

    /// <summary>Finds the innermost branch a position is in.</summary>
    /// <param name="position">The position.</param>
    /// <returns>The branch, or -1 when the position is in none.</returns>
    public int Innermost(int position)
    {
        // Branches are sorted by start and nest: the last one starting at or before the position
        // contains it, or one of its enclosing branches does, or none does.
        int low = 0, high = branches.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (branches[middle].Start <= position)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        while (found >= 0 && position >= branches[found].End)
        {
            found = branches[found].Parent;
        }

        return found;
    }

    /// <summary>Gets the conditions under which a branch's code compiles, as written (e.g. <c>#if A #elif B</c>).</summary>
    /// <param name="branch">The branch.</param>
    /// <returns>The text.</returns>
    public string ChainOf(int branch) => branch < 0 ? string.Empty : branches[branch].Chain;

    // Every directive in file order, active or not, visiting only the nodes that hold some.
    private static IEnumerable<DirectiveTriviaSyntax> Directives(CompilationUnitSyntax root)
    {
        foreach (var trivia in root.DescendantTrivia(node => node.ContainsDirectives))
        {
            if (trivia.IsDirective && trivia.GetStructure() is DirectiveTriviaSyntax directive)
            {
                yield return directive;
            }
        }
    }

    private static int InnermostOpen(List<List<int>> open) => open.Count == 0 ? -1 : open[open.Count - 1][open[open.Count - 1].Count - 1];

    private static void Close(List<Branch> branches, List<int> group, int end)
    {
        var last = group[group.Count - 1];
        branches[last] = branches[last] with { End = end };
    }

    private static string Chain(List<Branch> branches, int parent, List<int> earlier, DirectiveTriviaSyntax directive)
    {
        var parts = new List<string>();
        if (parent >= 0)
        {
            parts.Add(branches[parent].Chain);
        }

        // The earlier branches of the group are part of the condition: #elif B means "not A, and B".
        foreach (var i in earlier)
        {
            parts.Add(branches[i].Own);
        }

        parts.Add(Own(directive));
        return string.Join(" ", parts);
    }

    private static string Own(DirectiveTriviaSyntax directive) => directive switch
    {
        IfDirectiveTriviaSyntax @if => "#if " + Normalize(@if.Condition.ToString()),
        ElifDirectiveTriviaSyntax elif => "#elif " + Normalize(elif.Condition.ToString()),
        _ => "#else",
    };

    private static string Normalize(string text) => string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static bool Holds(List<(Condition? Condition, bool Wanted)> constraints, HashSet<string> defined)
    {
        foreach (var (condition, wanted) in constraints)
        {
            if (condition is not null && condition.Evaluate(defined) != wanted)
            {
                return false;
            }
        }

        return true;
    }

    private static List<(Condition? Condition, bool Wanted)> Constraints(List<Branch> branches, int parent, List<int> earlier, Condition? condition)
    {
        var constraints = new List<(Condition? Condition, bool Wanted)>();
        if (parent >= 0)
        {
            constraints.AddRange(branches[parent].Constraints);
        }

        foreach (var i in earlier)
        {
            constraints.Add((branches[i].Condition, false));
        }

        constraints.Add((condition, true));
        return constraints;
    }

    // A directive's condition, compiled once: it is evaluated for many sets of symbols.
    private sealed class Condition
    {
        public Condition(ExpressionSyntax expression)
        {
            Names = expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Select(n => n.Identifier.ValueText).Distinct(StringComparer.Ordinal).ToArray();
            Evaluate = Compile(expression);
        }

        public string[] Names { get; }

        public Func<HashSet<string>, bool> Evaluate { get; }

        private static Func<HashSet<string>, bool> Compile(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case IdentifierNameSyntax name:
                    var text = name.Identifier.ValueText;
                    return defined => defined.Contains(text);
                case LiteralExpressionSyntax literal:
                    var value = literal.IsKind(SyntaxKind.TrueLiteralExpression);
                    return _ => value;
                case ParenthesizedExpressionSyntax parenthesized:
                    return Compile(parenthesized.Expression);
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                    var operand = Compile(not.Operand);
                    return defined => !operand(defined);
                case BinaryExpressionSyntax binary:
                    var left = Compile(binary.Left);
                    var right = Compile(binary.Right);
                    return binary.Kind() switch
                    {
                        SyntaxKind.LogicalAndExpression => defined => left(defined) && right(defined),
                        SyntaxKind.LogicalOrExpression => defined => left(defined) || right(defined),
                        SyntaxKind.EqualsExpression => defined => left(defined) == right(defined),
                        SyntaxKind.NotEqualsExpression => defined => left(defined) != right(defined),
                        _ => _ => false,
                    };
                default:
                    // Not a valid condition (the parser reported it): no symbols make it true.
                    return _ => false;
            }
        }
    }

    // One branch: from its directive to the next directive of its group (int.MaxValue while unclosed).
    private sealed record Branch(int Start, int Parent, string Chain, List<(Condition? Condition, bool Wanted)> Constraints)
    {
        public int End { get; init; } = int.MaxValue;

        public Condition? Condition => Constraints[Constraints.Count - 1].Condition;

        // Every symbol the branch's conditions (and those around it) name.
        public string[] Names { get; } = Constraints.Where(c => c.Condition is not null).SelectMany(c => c.Condition!.Names).Distinct(StringComparer.Ordinal).ToArray();

        public string Own => Chain.Substring(Chain.LastIndexOf('#'));
    }
}
