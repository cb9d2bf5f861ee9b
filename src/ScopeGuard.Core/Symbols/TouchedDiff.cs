using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// The declaration diff of a modified file, with the fingerprints built only for the declarations the
/// change touches: the same diff as <see cref="DeclarationDiff.Compare(string, string, TypeIndex)"/>, for
/// a cost that follows the size of the change rather than the size of the file.
/// </summary>
/// <remarks>
/// Both sides are parsed in full and every declaration's ID is computed on both sides (a changed
/// namespace, type parameter or struct changes the IDs of members it did not touch). A declaration's
/// signature, body and text are built only when it is touched: when some text it is made of lies on a
/// changed line, when its ID is not found exactly once on each side, or when its old and new versions are
/// not the same stretch of unchanged text. Where a changed line can change what later lines mean, every
/// declaration is built (a full walk): a line that holds a preprocessor directive or a conflict marker, a
/// token or trivia that runs across the edge of a changed stretch (a comment, verbatim or raw string
/// opened or closed there), or a changed line inside an interpolated string.
/// </remarks>
public static class TouchedDiff
{
    // Beyond this many changed lines, the line diff costs more than a full walk saves.
    private const int MaxChangedLines = 4000;

    /// <summary>Compares the old and new text of a file; either may be <see langword="null"/> (added or deleted file).</summary>
    /// <param name="oldText">The old text.</param>
    /// <param name="newText">The new text.</param>
    /// <param name="types">What the repository declares, or <see langword="null"/> not to resolve names.</param>
    /// <returns>The same diff as <see cref="DeclarationDiff.Compare(string, string, TypeIndex)"/>.</returns>
    public static FileDeclarationDiff Compare(string? oldText, string? newText, TypeIndex? types) =>
        Compare(oldText, newText, types, out _);

    /// <summary>The same, saying whether a guard made it build every declaration.</summary>
    internal static FileDeclarationDiff Compare(string? oldText, string? newText, TypeIndex? types, out bool fullWalk)
    {
        fullWalk = true;
        if (oldText is null || newText is null)
        {
            // An added or deleted file: every declaration is new or gone.
            return DeclarationDiff.Compare(oldText, newText, types);
        }

        var before = DeclarationExtractor.Extract(oldText, types, record: true);
        var after = DeclarationExtractor.Extract(newText, types, record: true);
        var hunks = LineDiff.Compare(before.Parsed, after.Parsed, MaxChangedLines);
        if (hunks is null)
        {
            return DeclarationDiff.Compare(MaterializeAll(before), MaterializeAll(after));
        }

        var oldRanges = new List<TextSpan>(hunks.Count);
        var newRanges = new List<TextSpan>(hunks.Count);
        foreach (var hunk in hunks)
        {
            oldRanges.Add(TextSpan.FromBounds(hunk.OldStart, hunk.OldEnd));
            newRanges.Add(TextSpan.FromBounds(hunk.NewStart, hunk.NewEnd));
        }

        if (MayChangeLaterCode(before, oldRanges) || MayChangeLaterCode(after, newRanges))
        {
            return DeclarationDiff.Compare(MaterializeAll(before), MaterializeAll(after));
        }

        fullWalk = false;
        int Map(int offset)
        {
            var shift = 0;
            foreach (var hunk in hunks)
            {
                if (hunk.OldEnd > offset)
                {
                    break;
                }

                shift = hunk.NewEnd - hunk.OldEnd;
            }

            return offset + shift;
        }

        var oldDeclarations = Copy(before.Set.Declarations);
        var newDeclarations = Copy(after.Set.Declarations);
        var byId = new Dictionary<string, (List<int> Old, List<int> New)>(StringComparer.Ordinal);
        for (var i = 0; i < oldDeclarations.Count; i++)
        {
            Group(oldDeclarations[i].Id.ToString()).Old.Add(i);
        }

        for (var i = 0; i < newDeclarations.Count; i++)
        {
            Group(newDeclarations[i].Id.ToString()).New.Add(i);
        }

        foreach (var (olds, news) in byId.Values)
        {
            if (olds.Count == 1 && news.Count == 1
                && !Touches(before.Versions![olds[0]], oldRanges)
                && !Touches(after.Versions![news[0]], newRanges)
                && Same(before.Versions![olds[0]], after.Versions![news[0]], Map))
            {
                // The same unchanged text on both sides: the strings would be equal, so they stay empty.
                continue;
            }

            foreach (var i in olds)
            {
                oldDeclarations[i] = DeclarationExtractor.Materialize(oldDeclarations[i], before.Versions![i]);
            }

            foreach (var i in news)
            {
                newDeclarations[i] = DeclarationExtractor.Materialize(newDeclarations[i], after.Versions![i]);
            }
        }

        return DeclarationDiff.Compare(before.Set.WithDeclarations(oldDeclarations), after.Set.WithDeclarations(newDeclarations));

        (List<int> Old, List<int> New) Group(string id)
        {
            if (!byId.TryGetValue(id, out var group))
            {
                byId[id] = group = ([], []);
            }

            return group;
        }
    }

    /// <summary>Every declaration of an extraction built, as <see cref="DeclarationExtractor.Extract(string, TypeIndex)"/> makes them.</summary>
    internal static DeclarationSet MaterializeAll(DeclarationExtractor.Extraction extraction)
    {
        var declarations = Copy(extraction.Set.Declarations);
        for (var i = 0; i < declarations.Count; i++)
        {
            declarations[i] = DeclarationExtractor.Materialize(declarations[i], extraction.Versions![i]);
        }

        return extraction.Set.WithDeclarations(declarations);
    }

    private static List<Declaration> Copy(IReadOnlyList<Declaration> declarations) => new(declarations);

    private static bool Touches(IReadOnlyList<DeclarationTokens> versions, List<TextSpan> ranges)
    {
        foreach (var version in versions)
        {
            if (version.Touches(ranges))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Same(IReadOnlyList<DeclarationTokens> old, IReadOnlyList<DeclarationTokens> @new, Func<int, int> map)
    {
        if (old.Count != @new.Count)
        {
            return false;
        }

        for (var i = 0; i < old.Count; i++)
        {
            if (!old[i].SameAs(@new[i], map))
            {
                return false;
            }
        }

        return true;
    }

    // Whether what changed on this side can change the meaning of lines after (or before) it, in any parse.
    private static bool MayChangeLaterCode(DeclarationExtractor.Extraction side, List<TextSpan> ranges)
    {
        var text = side.Parsed;
        foreach (var range in ranges)
        {
            if (HoldsDirectiveOrMarker(text, range))
            {
                return true;
            }

            foreach (var root in side.Roots)
            {
                if (Crosses(root, range.Start) || Crosses(root, range.End) || InsideStringOrDirective(root, range))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // A changed line that starts with '#' (a directive, or one once the line is read as code), or a
    // conflict marker.
    private static bool HoldsDirectiveOrMarker(string text, TextSpan range)
    {
        var lineStart = true;
        for (var i = range.Start; i < range.End; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085')
            {
                lineStart = true;
                continue;
            }

            if (!lineStart || c is ' ' or '\t' or '\v' or '\f')
            {
                continue;
            }

            if (c == '#' || (c is '<' or '=' or '>' or '|' && Repeats(text, i, c, 7)))
            {
                return true;
            }

            lineStart = false;
        }

        return false;
    }

    private static bool Repeats(string text, int at, char c, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (at + i >= text.Length || text[at + i] != c)
            {
                return false;
            }
        }

        return true;
    }

    // Whether a token or trivia runs across the position (the start of a line): the lexer's state there
    // depends on the text before it.
    private static bool Crosses(CompilationUnitSyntax root, int position)
    {
        if (position <= 0 || position >= root.FullSpan.End)
        {
            return false;
        }

        var token = root.FindToken(position);
        if (token.Span.Start < position && position < token.Span.End)
        {
            return true;
        }

        return Crosses(token.LeadingTrivia, position) || Crosses(token.TrailingTrivia, position);
    }

    // Disabled code (an inactive #if branch) may run across: the lexer skips it line by line, looking
    // only for directives, which no changed line holds (HoldsDirectiveOrMarker), and the parse that makes
    // the branch active sees it as code.
    private static bool Crosses(SyntaxTriviaList trivia, int position)
    {
        foreach (var item in trivia)
        {
            if (item.FullSpan.Start < position && position < item.FullSpan.End && !item.IsKind(SyntaxKind.DisabledTextTrivia))
            {
                return true;
            }
        }

        return false;
    }

    // A changed line in an interpolated or raw string (whose holes and quotes the lexer reads ahead), or
    // one that holds a directive or a conflict marker.
    private static bool InsideStringOrDirective(CompilationUnitSyntax root, TextSpan range)
    {
        if (range.Length == 0)
        {
            return false;
        }

        foreach (var token in root.DescendantTokens(range))
        {
            if (token.FullSpan.End <= range.Start || token.FullSpan.Start >= range.End)
            {
                continue;
            }

            if (token.Span.End > range.Start && token.Span.Start < range.End
                && (IsStringToken(token) || token.Parent?.FirstAncestorOrSelf<InterpolatedStringExpressionSyntax>() is not null))
            {
                return true;
            }

            if ((token.ContainsDirectives || token.HasLeadingTrivia || token.HasTrailingTrivia) && (HidesCode(token.LeadingTrivia, range) || HidesCode(token.TrailingTrivia, range)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsStringToken(SyntaxToken token) =>
        token.Kind() switch
        {
            SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
                or SyntaxKind.Utf8SingleLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken
                or SyntaxKind.InterpolatedStringToken or SyntaxKind.InterpolatedStringStartToken
                or SyntaxKind.InterpolatedVerbatimStringStartToken or SyntaxKind.InterpolatedSingleLineRawStringStartToken
                or SyntaxKind.InterpolatedMultiLineRawStringStartToken or SyntaxKind.InterpolatedStringTextToken
                or SyntaxKind.InterpolatedStringEndToken or SyntaxKind.InterpolatedRawStringEndToken => true,
            SyntaxKind.StringLiteralToken or SyntaxKind.Utf8StringLiteralToken => token.Text.StartsWith("@", StringComparison.Ordinal),
            _ => false,
        };

    private static bool HidesCode(SyntaxTriviaList trivia, TextSpan range)
    {
        foreach (var item in trivia)
        {
            if (item.FullSpan.End > range.Start && item.FullSpan.Start < range.End
                && (item.IsDirective || item.IsKind(SyntaxKind.ConflictMarkerTrivia)))
            {
                return true;
            }
        }

        return false;
    }
}
