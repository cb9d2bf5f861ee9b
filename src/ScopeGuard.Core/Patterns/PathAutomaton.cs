using System;
using System.Collections.Generic;

namespace ScopeGuard.Core.Patterns;

/// <summary>
/// A nondeterministic automaton over UTF-8 bytes that accepts exactly the file paths a
/// <see cref="PathPattern"/> covers: the paths it matches as files and every path below a directory it
/// matches (<see cref="PathPattern.Matches(string, bool)"/> with <c>isDirectory</c> false). Compiled from
/// the pattern as <see cref="Wildmatch"/> reads it in pathname mode: <c>*</c>, <c>?</c> and brackets stop at
/// <c>/</c>; <c>**</c> between slashes (or after an anchored pattern's literal prefix, as git reads it)
/// crosses directories and <c>**/</c> may be empty; a pattern without <c>/</c> matches any path segment.
/// </summary>
internal sealed class PathAutomaton
{
    private readonly List<List<(ByteSet Set, int Target)>> edges = [];
    private readonly List<List<int>> epsilon = [];
    private readonly List<bool> accepting = [];

    private PathAutomaton()
    {
    }

    /// <summary>Gets the number of states.</summary>
    internal int StateCount => edges.Count;

    /// <summary>Gets the start state.</summary>
    internal int Start { get; private set; }

    /// <summary>Compiles a pattern.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="caseFold">Whether ASCII letters match either case (deny and protected paths under <c>core.ignoreCase</c>).</param>
    /// <returns>The automaton.</returns>
    internal static PathAutomaton Compile(PathPattern pattern, bool caseFold)
    {
        var a = new PathAutomaton();
        a.Start = a.NewState();
        int matched;
        if (pattern.BasenameOnly)
        {
            // Any number of leading directories, then one segment matched by the body.
            var segment = a.NewState();
            var skip = a.NewState();
            a.epsilon[a.Start].Add(segment);
            a.edges[a.Start].Add((ByteSet.All, skip));
            a.edges[skip].Add((ByteSet.All, skip));
            a.edges[skip].Add((ByteSet.Of((byte)'/'), a.Start));
            matched = a.Glob(pattern.Body, segment, pathName: false, caseFold);
        }
        else
        {
            var current = a.Start;
            foreach (var b in pattern.LiteralPrefix)
            {
                var next = a.NewState();
                a.edges[current].Add((Literal(b, caseFold), next));
                current = next;
            }

            matched = a.Glob(pattern.AfterPrefix, current, pathName: true, caseFold);
        }

        if (!pattern.DirectoryOnly)
        {
            a.accepting[matched] = true;
        }

        // A matched directory covers everything below it: '/' and at least one more byte.
        var below = a.NewState();
        var tail = a.NewState();
        a.edges[matched].Add((ByteSet.Of((byte)'/'), below));
        a.edges[below].Add((ByteSet.All, tail));
        a.edges[tail].Add((ByteSet.All, tail));
        a.accepting[tail] = true;
        return a;
    }

    /// <summary>Makes an automaton that accepts what any of several accepts.</summary>
    /// <param name="parts">The automata.</param>
    /// <returns>Their union.</returns>
    internal static PathAutomaton Union(IReadOnlyList<PathAutomaton> parts)
    {
        var a = new PathAutomaton();
        a.Start = a.NewState();
        foreach (var part in parts)
        {
            var offset = a.StateCount;
            for (var q = 0; q < part.StateCount; q++)
            {
                a.NewState();
            }

            for (var q = 0; q < part.StateCount; q++)
            {
                foreach (var (set, target) in part.edges[q])
                {
                    a.edges[offset + q].Add((set, offset + target));
                }

                foreach (var target in part.epsilon[q])
                {
                    a.epsilon[offset + q].Add(offset + target);
                }

                a.accepting[offset + q] = part.accepting[q];
            }

            a.epsilon[a.Start].Add(offset + part.Start);
        }

        return a;
    }

    /// <summary>Gets a value indicating whether a state accepts.</summary>
    /// <param name="state">The state.</param>
    /// <returns>Whether it does.</returns>
    internal bool IsAccepting(int state) => accepting[state];

    /// <summary>Gets the byte-labelled transitions of a state.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The transitions.</returns>
    internal IReadOnlyList<(ByteSet Set, int Target)> Edges(int state) => edges[state];

    /// <summary>Adds a state and the states its empty transitions reach to a set.</summary>
    /// <param name="state">The state.</param>
    /// <param name="set">The set, one bit per state.</param>
    internal void Close(int state, ulong[] set)
    {
        var word = state >> 6;
        var bit = 1UL << (state & 63);
        if ((set[word] & bit) != 0)
        {
            return;
        }

        set[word] |= bit;
        foreach (var next in epsilon[state])
        {
            Close(next, set); // epsilon chains are as long as a pattern's runs of stars, never deep
        }
    }

    /// <summary>Gets every byte set a transition is labelled with (for the alphabet's partition).</summary>
    /// <returns>The sets.</returns>
    internal IEnumerable<ByteSet> Labels()
    {
        foreach (var list in edges)
        {
            foreach (var (set, _) in list)
            {
                yield return set;
            }
        }
    }

    private static ByteSet Literal(byte b, bool caseFold)
    {
        var set = ByteSet.Of(b);
        if (caseFold && b is >= (byte)'A' and <= (byte)'Z')
        {
            set = set.With((byte)(b + 32));
        }
        else if (caseFold && b is >= (byte)'a' and <= (byte)'z')
        {
            set = set.With((byte)(b - 32));
        }

        return set;
    }

    // Finds the ']' that closes the bracket expression at p[open], reading it as Wildmatch's Bracket does;
    // -1 when it is not closed.
    private static int BracketEnd(byte[] p, int open)
    {
        var pi = open + 1;
        if (pi >= p.Length)
        {
            return -1;
        }

        if (p[pi] is (byte)'!' or (byte)'^')
        {
            pi++;
            if (pi >= p.Length)
            {
                return -1;
            }
        }

        byte previous = 0;
        while (true)
        {
            var pc = p[pi];
            if (pc == (byte)'\\')
            {
                pi++;
                if (pi >= p.Length)
                {
                    return -1;
                }

                pc = p[pi];
            }
            else if (pc == (byte)'-' && previous != 0 && pi + 1 < p.Length && p[pi + 1] != (byte)']')
            {
                pi++;
                if (p[pi] == (byte)'\\')
                {
                    pi++;
                    if (pi >= p.Length)
                    {
                        return -1;
                    }
                }

                pc = 0;
            }
            else if (pc == (byte)'[' && pi + 1 < p.Length && p[pi + 1] == (byte)':')
            {
                var close = pi + 2;
                while (close < p.Length && p[close] != (byte)']')
                {
                    close++;
                }

                if (close >= p.Length)
                {
                    return -1;
                }

                if (close - (pi + 2) - 1 >= 0 && p[close - 1] == (byte)':')
                {
                    pi = close;
                    pc = 0;
                }
            }

            previous = pc;
            pi++;
            if (pi >= p.Length)
            {
                return -1;
            }

            if (p[pi] == (byte)']')
            {
                return pi;
            }
        }
    }

    private int NewState()
    {
        edges.Add([]);
        epsilon.Add([]);
        accepting.Add(false);
        return edges.Count - 1;
    }

    private int Chain(int from, ByteSet set)
    {
        var next = NewState();
        edges[from].Add((set, next));
        return next;
    }

    private int Loop(int from, ByteSet set)
    {
        var loop = NewState();
        epsilon[from].Add(loop);
        edges[loop].Add((set, loop));
        return loop;
    }

    // Compiles a glob from state 'current'; returns the state reached at its end. In pathname mode '*',
    // '?' and brackets stop at '/', and a run of stars that is a whole segment crosses directories (the
    // start of the text counts as following a slash, as it does after an anchored pattern's literal
    // prefix). Outside pathname mode the text is one segment, which holds no '/'.
    private int Glob(byte[] p, int current, bool pathName, bool caseFold)
    {
        var noSlash = ByteSet.All.Without((byte)'/');
        var i = 0;
        while (i < p.Length)
        {
            var c = p[i];
            switch (c)
            {
                case (byte)'\\':
                    // Validation refuses a trailing backslash; such a pattern matches nothing in any case.
                    if (i + 1 >= p.Length)
                    {
                        return NewState();
                    }

                    current = Chain(current, Literal(p[i + 1], caseFold));
                    i += 2;
                    break;

                case (byte)'?':
                    current = Chain(current, noSlash);
                    i++;
                    break;

                case (byte)'[':
                    {
                        var end = BracketEnd(p, i);
                        if (end < 0)
                        {
                            return NewState();
                        }

                        var expression = new byte[end - i + 1];
                        Buffer.BlockCopy(p, i, expression, 0, expression.Length);
                        var set = ByteSet.Empty;
                        var one = new byte[1];
                        for (var b = 0; b < 256; b++)
                        {
                            one[0] = (byte)b;
                            if (b != '/' && Wildmatch.IsMatch(expression, one, pathName: true, caseFold))
                            {
                                set = set.With((byte)b);
                            }
                        }

                        current = Chain(current, set);
                        i = end + 1;
                        break;
                    }

                case (byte)'*':
                    {
                        var start = i;
                        while (i < p.Length && p[i] == (byte)'*')
                        {
                            i++;
                        }

                        var slashBefore = start == 0 || p[start - 1] == (byte)'/';
                        var slashAfter = i == p.Length || p[i] == (byte)'/' || (p[i] == (byte)'\\' && i + 1 < p.Length && p[i + 1] == (byte)'/');
                        if (pathName && i - start >= 2 && slashBefore && slashAfter)
                        {
                            var any = Loop(current, ByteSet.All);
                            if (i < p.Length && p[i] == (byte)'/')
                            {
                                // "**/" is any text ending in '/', or nothing.
                                var after = Chain(any, ByteSet.Of((byte)'/'));
                                epsilon[current].Add(after);
                                current = after;
                                i++;
                            }
                            else
                            {
                                current = any;
                            }
                        }
                        else
                        {
                            current = Loop(current, noSlash);
                        }

                        break;
                    }

                default:
                    current = Chain(current, Literal(c, caseFold));
                    i++;
                    break;
            }
        }

        return current;
    }
}
