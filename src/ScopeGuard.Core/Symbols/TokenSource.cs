using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// The parsed text, from which token text is copied rather than materialized as strings one token
/// at a time: the extractor visits every token of every file.
/// </summary>
internal sealed class TokenSource(string text, CompilationUnitSyntax root, ConditionalRegions? regions)
{
    // Directives, disabled code and conflict markers are what AppendDirectives looks for in trivia;
    // a file without directives or parse errors (conflict markers are errors) has none of them.
    private readonly bool mayHideCode = root.ContainsDirectives || root.ContainsDiagnostics;

    public StringBuilder AppendText(StringBuilder target, SyntaxToken token) =>
        target.Append(text, token.SpanStart, token.Span.Length);

    public void AppendFull(StringBuilder target, SyntaxToken token)
    {
        if (regions is not null && token.ContainsDirectives)
        {
            AppendWithoutBranches(target, token.FullSpan, token.LeadingTrivia.Concat(token.TrailingTrivia));
            return;
        }

        target.Append(text, token.FullSpan.Start, token.FullSpan.Length);
    }

    // A node's full text is exactly the concatenation of its tokens' full texts.
    public void AppendFull(StringBuilder target, SyntaxNode node)
    {
        if (regions is not null && node.ContainsDirectives)
        {
            AppendWithoutBranches(target, node.FullSpan, node.DescendantTrivia());
            return;
        }

        target.Append(text, node.FullSpan.Start, node.FullSpan.Length);
    }

    // With #if in the file, #if/#elif/#else/#endif lines and the inactive code between them are
    // left out of the text with trivia, as they are of the fingerprints (see AppendDirectiveTrivia):
    // every parse sees the same code, active in one and disabled in another, and only the parse
    // where it is active attributes it.
    private void AppendWithoutBranches(StringBuilder target, TextSpan span, IEnumerable<SyntaxTrivia> trivia)
    {
        var start = span.Start;
        var previous = SyntaxKind.None;
        foreach (var item in trivia)
        {
            var kind = item.Kind();
            if (kind is SyntaxKind.IfDirectiveTrivia or SyntaxKind.ElifDirectiveTrivia or SyntaxKind.ElseDirectiveTrivia or SyntaxKind.EndIfDirectiveTrivia
                || (kind == SyntaxKind.DisabledTextTrivia && previous != SyntaxKind.ConflictMarkerTrivia))
            {
                target.Append(text, start, item.FullSpan.Start - start);
                start = item.FullSpan.End;
            }

            previous = kind;
        }

        target.Append(text, start, span.End - start);
    }

    // Code hidden in inactive #if branches is still code: an edit there must not pass as a comment.
    // Merge conflict markers are not comments either.
    public void AppendDirectives(StringBuilder target, SyntaxToken token)
    {
        if (!mayHideCode || (!token.HasLeadingTrivia && !token.HasTrailingTrivia))
        {
            return;
        }

        // With #if in the file, only #define, #undef and conflict markers are still appended (see
        // AppendDirectiveTrivia): a token without directives in a file without errors has none.
        if (regions is not null && !token.ContainsDirectives && !root.ContainsDiagnostics)
        {
            return;
        }

        AppendDirectiveTrivia(target, token.LeadingTrivia, regions);
        AppendDirectiveTrivia(target, token.TrailingTrivia, regions);
    }

    // In a file with #if, which branch a token is in is part of what it means: a token's branch
    // (with the conditions of the branches around it) is written before it when it differs from
    // the branch of the token before it in the same fingerprint.
    public void AppendBranch(StringBuilder target, SyntaxToken token, ref int last)
    {
        if (regions is null)
        {
            return;
        }

        var branch = regions.Innermost(token.SpanStart);
        if (branch != last)
        {
            target.Append('\u27E6').Append(regions.ChainOf(branch)).Append("\u27E7 ");
            last = branch;
        }
    }

    private static void AppendDirectiveTrivia(StringBuilder target, SyntaxTriviaList list, ConditionalRegions? regions)
    {
        for (var i = 0; i < list.Count; i++)
        {
            var trivia = list[i];
            if (regions is not null)
            {
                // With #if in the file, the branches are parsed active and each token carries its
                // branch (AppendBranch): the directives and the disabled text of a branch some parse
                // made active are no one's fingerprint (else adding a member in an #if would change
                // its neighbour's). Inactive code no parse reached is the file's (Extract); the
                // other side of a conflict marker is kept where it is, as in a file without #if.
                switch (trivia.Kind())
                {
                    case SyntaxKind.IfDirectiveTrivia:
                    case SyntaxKind.ElifDirectiveTrivia:
                    case SyntaxKind.ElseDirectiveTrivia:
                    case SyntaxKind.EndIfDirectiveTrivia:
                        continue;
                    case SyntaxKind.DisabledTextTrivia when i == 0 || !list[i - 1].IsKind(SyntaxKind.ConflictMarkerTrivia):
                        continue;
                }
            }

            switch (trivia.Kind())
            {
                case SyntaxKind.DisabledTextTrivia:
                case SyntaxKind.IfDirectiveTrivia:
                case SyntaxKind.ElifDirectiveTrivia:
                case SyntaxKind.ElseDirectiveTrivia:
                case SyntaxKind.EndIfDirectiveTrivia:
                case SyntaxKind.DefineDirectiveTrivia:
                case SyntaxKind.UndefDirectiveTrivia:
                case SyntaxKind.ConflictMarkerTrivia:
                    target.Append(string.Join(" ", trivia.ToFullString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Append(' ');
                    break;
            }
        }
    }
}
