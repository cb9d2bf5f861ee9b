using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// Collects a declaration's tokens into signature and body fingerprints, and its text with trivia. A
/// recording instance (see <see cref="TouchedDiff"/>) only notes what it was given, to be replayed by
/// <see cref="Materialize"/> when the declaration's strings are needed.
/// </summary>
internal sealed partial class DeclarationTokens(TokenSource source, bool record = false)
{
    // The #if branch of the last token written to each fingerprint (-1: none).
    private int signatureBranch = -1;
    private int bodyBranch = -1;

    public StringBuilder Signature { get; } = new();

    public StringBuilder Body { get; } = new();

    public StringBuilder Text { get; } = new();

    // Whole nodes are the hot path (every member of every file): their tokens are visited without
    // LINQ, and their text with trivia is one copy of their full span, which is exactly the
    // concatenation of their tokens' full texts.
    public void Add(SyntaxNode node, bool body)
    {
        if (record)
        {
            Record(new Op(OpKind.Node, node, default, body, null, null));
            return;
        }

        AddTokens(node, body ? Body : Signature);
        source.AppendFull(Text, node);
    }

    // The tokens within one of the body spans go to the body, the others to the signature.
    public void Add(SyntaxNode node, IReadOnlyList<TextSpan> bodySpans)
    {
        if (record)
        {
            Record(new Op(OpKind.Split, node, default, false, bodySpans, null));
            return;
        }

        Split(node, bodySpans);
        source.AppendFull(Text, node);
    }

    public void Add(SyntaxToken token, bool body)
    {
        if (record)
        {
            Record(new Op(OpKind.Token, null, token, body, null, null));
            return;
        }

        AddToken(token, body ? Body : Signature);
        source.AppendFull(Text, token);
    }

    // A token that carries no meaning of its own (a separator, a namespace brace): only its text
    // counts, as trivia does, but conditional code in its trivia is still part of the signature.
    public void AddText(SyntaxToken token)
    {
        if (record)
        {
            Record(new Op(OpKind.TokenText, null, token, false, null, null));
            return;
        }

        source.AppendDirectives(Signature, token);
        source.AppendFull(Text, token);
    }

    private void Split(SyntaxNode node, IReadOnlyList<TextSpan> bodySpans)
    {
        foreach (var child in node.ChildNodesAndTokens())
        {
            if (child.AsNode() is { } childNode)
            {
                if (Within(bodySpans, childNode.FullSpan))
                {
                    AddTokens(childNode, Body);
                }
                else
                {
                    Split(childNode, bodySpans);
                }
            }
            else
            {
                var token = child.AsToken();
                AddToken(token, Within(bodySpans, token.Span) ? Body : Signature);
            }
        }
    }

    private void AddTokens(SyntaxNode node, StringBuilder target)
    {
        foreach (var child in node.ChildNodesAndTokens())
        {
            if (child.AsNode() is { } childNode)
            {
                AddTokens(childNode, target);
            }
            else
            {
                AddToken(child.AsToken(), target);
            }
        }
    }

    // A token's text (for the signature or body), without its full text.
    private void AddToken(SyntaxToken token, StringBuilder target)
    {
        source.AppendBranch(target, token, ref target == Body ? ref bodyBranch : ref signatureBranch);
        source.AppendText(target, token).Append(' ');
        source.AppendDirectives(target, token);
    }

    public void AddExcept(SyntaxNode node, params SyntaxNode?[] excluded) =>
        AddExcept(node, excluded.Where(e => e is not null).Select(e => e!.FullSpan).ToArray());

    public void AddExcept(SyntaxNode node, TextSpan[] excluded)
    {
        if (record)
        {
            Record(new Op(OpKind.Except, node, default, false, excluded, null));
            return;
        }

        foreach (var token in node.DescendantTokens())
        {
            if (!Within(excluded, token.Span))
            {
                Add(token, body: false);
            }
        }
    }

    public void Append(DeclarationTokens other)
    {
        if (record)
        {
            Record(new Op(OpKind.Append, null, default, false, null, other));
            return;
        }

        Signature.Append(other.Signature);
        Body.Append(other.Body);
        Text.Append(other.Text);
    }

    // Whether one of the spans contains the span.
    public static bool Within(IReadOnlyList<TextSpan> spans, TextSpan span)
    {
        for (var i = 0; i < spans.Count; i++)
        {
            if (spans[i].Contains(span))
            {
                return true;
            }
        }

        return false;
    }
}
