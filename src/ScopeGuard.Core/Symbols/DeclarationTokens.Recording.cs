using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ScopeGuard.Core.Symbols;

// Recording: what a declaration's fingerprints are made of, kept as a list of steps so that the
// strings are built only for the declarations a change touches (see TouchedDiff).
internal sealed partial class DeclarationTokens
{
    private List<Op>? ops;

    private enum OpKind
    {
        Node,
        Split,
        Token,
        TokenText,
        Except,
        Append,
    }

    /// <summary>Replays what was recorded into a fresh instance that builds the strings.</summary>
    /// <returns>The signature, body and text, as a walk without recording makes them.</returns>
    public (string Signature, string Body, string Text) Materialize()
    {
        var built = Replay();
        return (built.Signature.ToString(), built.Body.ToString(), built.Text.ToString());
    }

    /// <summary>Whether any text this declaration is made of lies in one of the (sorted) ranges, or touches an empty one from inside.</summary>
    /// <param name="ranges">The changed ranges of this side, sorted by start, not overlapping.</param>
    /// <returns>Whether the declaration is touched.</returns>
    public bool Touches(IReadOnlyList<TextSpan> ranges)
    {
        foreach (var op in ops ?? [])
        {
            if (op.Kind == OpKind.Append ? op.Other!.Touches(ranges) : Intersects(ranges, op.FullSpan))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether this recording (of the old text) is made of the same texts, shifted by <paramref name="map"/>,
    /// with the same shape as <paramref name="other"/> (of the new text): then both build the same strings.
    /// </summary>
    /// <param name="other">The new text's recording.</param>
    /// <param name="map">Maps an old offset outside every changed range to its new offset.</param>
    /// <returns>Whether they are the same.</returns>
    public bool SameAs(DeclarationTokens other, Func<int, int> map)
    {
        var mine = ops ?? [];
        var theirs = other.ops ?? [];
        if (mine.Count != theirs.Count)
        {
            return false;
        }

        for (var i = 0; i < mine.Count; i++)
        {
            var a = mine[i];
            var b = theirs[i];
            if (a.Kind != b.Kind || a.Body != b.Body)
            {
                return false;
            }

            if (a.Kind == OpKind.Append)
            {
                if (!a.Other!.SameAs(b.Other!, map))
                {
                    return false;
                }

                continue;
            }

            if (!Same(a.FullSpan, b.FullSpan, map) || (a.Node?.RawKind ?? a.Token.RawKind) != (b.Node?.RawKind ?? b.Token.RawKind))
            {
                return false;
            }

            var sa = a.Spans ?? [];
            var sb = b.Spans ?? [];
            if (sa.Count != sb.Count)
            {
                return false;
            }

            for (var j = 0; j < sa.Count; j++)
            {
                if (!Same(sa[j], sb[j], map))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Same(TextSpan old, TextSpan @new, Func<int, int> map) =>
        old.Length == @new.Length && map(old.Start) == @new.Start;

    // An empty range (lines inserted on the other side) touches what contains it strictly.
    private static bool Intersects(IReadOnlyList<TextSpan> ranges, TextSpan span)
    {
        foreach (var range in ranges)
        {
            if (range.Start >= span.End)
            {
                return false;
            }

            if (range.Length == 0 ? range.Start > span.Start : range.End > span.Start)
            {
                return true;
            }
        }

        return false;
    }

    private void Record(Op op) => (ops ??= []).Add(op);

    private DeclarationTokens Replay()
    {
        var built = new DeclarationTokens(source);
        foreach (var op in ops ?? [])
        {
            switch (op.Kind)
            {
                case OpKind.Node:
                    built.Add(op.Node!, op.Body);
                    break;
                case OpKind.Split:
                    built.Add(op.Node!, op.Spans!);
                    break;
                case OpKind.Token:
                    built.Add(op.Token, op.Body);
                    break;
                case OpKind.TokenText:
                    built.AddText(op.Token);
                    break;
                case OpKind.Except:
                    built.AddExcept(op.Node!, (TextSpan[])op.Spans!);
                    break;
                case OpKind.Append:
                    built.Append(op.Other!.Replay());
                    break;
            }
        }

        return built;
    }

    private readonly record struct Op(OpKind Kind, SyntaxNode? Node, SyntaxToken Token, bool Body, IReadOnlyList<TextSpan>? Spans, DeclarationTokens? Other)
    {
        public TextSpan FullSpan => Node?.FullSpan ?? Token.FullSpan;
    }
}
