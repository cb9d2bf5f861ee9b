using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ScopeGuard.Core.Patterns;

/// <summary>What <see cref="PathIntersection.Find"/> found.</summary>
public enum IntersectionStatus
{
    /// <summary>No path satisfies the question: proved by exhausting every state.</summary>
    Empty,

    /// <summary>A path satisfies it; <see cref="PathIntersectionResult.Witness"/> is the shortest such path.</summary>
    Found,

    /// <summary>The search stopped at its state limit before it could answer.</summary>
    Undecided,
}

/// <summary>The answer of <see cref="PathIntersection.Find"/>.</summary>
/// <param name="Status">Whether a path exists.</param>
/// <param name="Witness">The shortest such path (fewest bytes, then first in the byte order the search prefers), when one exists.</param>
public sealed record PathIntersectionResult(IntersectionStatus Status, string? Witness);

/// <summary>
/// Decides questions about the paths patterns cover without any file: is there a path that patterns
/// A and B both cover and that no deny pattern covers? Each pattern is compiled to an automaton over
/// bytes (<see cref="PathAutomaton"/>: git's wildmatch in pathname mode, with the rule that a matched
/// directory covers everything below it), and the product of the automata, with the deny patterns'
/// automaton determinized on the fly, is searched breadth first. Only paths git can hold count: no empty
/// segment, no <c>.</c>, <c>..</c> or <c>.git</c> segment (in any case), no NUL, valid UTF-8 (the paths a
/// manifest, a JSON text, can name; a bracket such as <c>[é]</c> matches one byte, so no such path). The answer is exact;
/// the search stops with <see cref="IntersectionStatus.Undecided"/> only past a state limit that
/// patterns written by people do not reach.
/// </summary>
public static class PathIntersection
{
    /// <summary>The default limit on states explored.</summary>
    public const int DefaultMaxStates = 20_000;

    // Validity of a path as git stores it, one state per position: 0 start of a segment, 1 ".", 2 "..",
    // 3 ".g", 4 ".gi", 5 ".git", 6 any other non-empty segment so far, 7 dead.
    private const int Dead = 7;

    /// <summary>
    /// Finds a path that every group in <paramref name="all"/> covers (a group covers a path when one of
    /// its patterns does) and that no pattern in <paramref name="none"/> covers.
    /// </summary>
    /// <param name="all">The groups; each must cover the path.</param>
    /// <param name="none">The patterns none of which may cover it (deny and protected paths).</param>
    /// <param name="noneIgnoreCase">Whether <paramref name="none"/> matches ASCII letters in either case (<c>core.ignoreCase</c>).</param>
    /// <param name="maxStates">The most product states to explore.</param>
    /// <returns>The answer, with the shortest witness when there is one.</returns>
    public static PathIntersectionResult Find(IReadOnlyList<IReadOnlyList<PathPattern>> all, IReadOnlyList<PathPattern> none, bool noneIgnoreCase = false, int maxStates = DefaultMaxStates)
    {
        if (all is null)
        {
            throw new ArgumentNullException(nameof(all));
        }

        if (none is null)
        {
            throw new ArgumentNullException(nameof(none));
        }

        if (all.Any(g => g.Count == 0))
        {
            return new PathIntersectionResult(IntersectionStatus.Empty, null);
        }

        var groups = all.Select(g => g.Count == 1 ? PathAutomaton.Compile(g[0], caseFold: false) : PathAutomaton.Union(g.Select(p => PathAutomaton.Compile(p, caseFold: false)).ToList())).ToList();
        return FindCompiled(groups, none.Select(p => PathAutomaton.Compile(p, noneIgnoreCase)).ToList(), maxStates);
    }

    /// <summary>As <see cref="Find(IReadOnlyList{IReadOnlyList{PathPattern}}, IReadOnlyList{PathPattern}, bool, int)"/>, over compiled patterns.</summary>
    /// <param name="all">The automata that must each accept the path.</param>
    /// <param name="none">The automata none of which may accept it.</param>
    /// <param name="maxStates">The most product states to explore.</param>
    /// <returns>The answer.</returns>
    internal static PathIntersectionResult FindCompiled(IReadOnlyList<PathAutomaton> all, IReadOnlyList<PathAutomaton> none, int maxStates)
    {
        var automata = new List<PathAutomaton>(all);
        var must = automata.Count;
        if (none.Count > 0)
        {
            automata.Add(none.Count == 1 ? none[0] : PathAutomaton.Union(none));
        }

        var result = Search(automata, must, maxStates, hiddenNames: true);
        if (result.Witness is { } witness && (witness[0] == '.' || witness.Contains("/.")))
        {
            // The shortest path names a hidden file or folder ("docs/.md"); a path without one reads better.
            var plain = Search(automata, must, maxStates, hiddenNames: false);
            if (plain.Status == IntersectionStatus.Found)
            {
                return plain;
            }
        }

        return result;
    }

    private static PathIntersectionResult Search(List<PathAutomaton> automata, int must, int maxStates, bool hiddenNames)
    {
        var offsets = new int[automata.Count + 1];
        for (var i = 0; i < automata.Count; i++)
        {
            offsets[i + 1] = offsets[i] + ((automata[i].StateCount + 63) >> 6);
        }

        var width = offsets[automata.Count] + 1;
        var representatives = Alphabet(automata);

        var start = new ulong[width];
        for (var i = 0; i < automata.Count; i++)
        {
            var set = new ulong[offsets[i + 1] - offsets[i]];
            automata[i].Close(automata[i].Start, set);
            Array.Copy(set, 0, start, offsets[i], set.Length);
        }

        var seen = new Dictionary<ulong[], int>(new VectorComparer());
        var states = new List<ulong[]>();
        var parents = new List<(int Parent, byte Byte)>();
        seen[start] = 0;
        states.Add(start);
        parents.Add((-1, 0));
        for (var head = 0; head < states.Count; head++)
        {
            var state = states[head];
            if (Accepts(automata, must, offsets, state))
            {
                return new PathIntersectionResult(IntersectionStatus.Found, Witness(parents, head));
            }

            foreach (var b in representatives)
            {
                var next = hiddenNames || b != (byte)'.' || (state[state.Length - 1] & 7) != 0 ? Step(automata, must, offsets, state, b) : null;
                if (next is null || seen.ContainsKey(next))
                {
                    continue;
                }

                if (states.Count >= maxStates)
                {
                    return new PathIntersectionResult(IntersectionStatus.Undecided, null);
                }

                seen[next] = states.Count;
                states.Add(next);
                parents.Add((head, b));
            }
        }

        return new PathIntersectionResult(IntersectionStatus.Empty, null);
    }

    private static bool Accepts(List<PathAutomaton> automata, int must, int[] offsets, ulong[] state)
    {
        // A segment that is not empty, ".", ".." or ".git", and no UTF-8 sequence left open.
        if (state[state.Length - 1] is not (3 or 4 or 6))
        {
            return false;
        }

        for (var i = 0; i < automata.Count; i++)
        {
            var any = false;
            for (var word = offsets[i]; word < offsets[i + 1] && !any; word++)
            {
                var bits = state[word];
                while (bits != 0)
                {
                    var low = bits & (ulong)-(long)bits;
                    var q = ((word - offsets[i]) << 6) + TrailingZeros(low);
                    if (automata[i].IsAccepting(q))
                    {
                        any = true;
                        break;
                    }

                    bits &= bits - 1;
                }
            }

            if (any != (i < must))
            {
                return false;
            }
        }

        return true;
    }

    // The next product state on byte b, or null when a required automaton or the path's validity dies.
    private static ulong[]? Step(List<PathAutomaton> automata, int must, int[] offsets, ulong[] state, byte b)
    {
        var validity = Valid((int)state[state.Length - 1], b);
        if (validity == Dead)
        {
            return null;
        }

        var next = new ulong[state.Length];
        next[next.Length - 1] = (ulong)validity;
        for (var i = 0; i < automata.Count; i++)
        {
            var set = new ulong[offsets[i + 1] - offsets[i]];
            var empty = true;
            for (var word = offsets[i]; word < offsets[i + 1]; word++)
            {
                var bits = state[word];
                while (bits != 0)
                {
                    var low = bits & (ulong)-(long)bits;
                    var q = ((word - offsets[i]) << 6) + TrailingZeros(low);
                    foreach (var (label, target) in automata[i].Edges(q))
                    {
                        if (label.Contains(b))
                        {
                            automata[i].Close(target, set);
                            empty = false;
                        }
                    }

                    bits &= bits - 1;
                }
            }

            if (empty && i < must)
            {
                return null;
            }

            Array.Copy(set, 0, next, offsets[i], set.Length);
        }

        return next;
    }

    // The validity state packs the segment state (low 3 bits) and the UTF-8 state (above): 0 expects a
    // first byte; 1, 2, 3 expect that many continuation bytes (80-BF); 4 after E0 expects A0-BF; 5 after
    // ED expects 80-9F (no surrogates); 6 after F0 expects 90-BF; 7 after F4 expects 80-8F.
    private static int Valid(int state, byte b)
    {
        var segment = state & 7;
        var utf8 = state >> 3;
        int nextUtf8;
        if (utf8 == 0)
        {
            nextUtf8 = b switch
            {
                < 0x80 => 0,
                >= 0xC2 and <= 0xDF => 1,
                0xE0 => 4,
                0xED => 5,
                >= 0xE1 and <= 0xEF => 2,
                0xF0 => 6,
                >= 0xF1 and <= 0xF3 => 3,
                0xF4 => 7,
                _ => -1,
            };
        }
        else
        {
            var (low, high, next) = utf8 switch
            {
                1 => (0x80, 0xBF, 0),
                2 => (0x80, 0xBF, 1),
                3 => (0x80, 0xBF, 2),
                4 => (0xA0, 0xBF, 1),
                5 => (0x80, 0x9F, 1),
                6 => (0x90, 0xBF, 2),
                _ => (0x80, 0x8F, 2),
            };
            nextUtf8 = b >= low && b <= high ? next : -1;
        }

        var nextSegment = Segment(segment, b);
        return nextUtf8 < 0 || nextSegment == Dead ? Dead : nextSegment | (nextUtf8 << 3);
    }

    private static int Segment(int state, byte b)
    {
        if (b == 0)
        {
            return Dead;
        }

        if (b == (byte)'/')
        {
            return state is 3 or 4 or 6 ? 0 : Dead;
        }

        return state switch
        {
            0 => b == (byte)'.' ? 1 : 6,
            1 => b == (byte)'.' ? 2 : b is (byte)'g' or (byte)'G' ? 3 : 6,
            3 => b is (byte)'i' or (byte)'I' ? 4 : 6,
            4 => b is (byte)'t' or (byte)'T' ? 5 : 6,
            _ => 6,
        };
    }

    // One byte for each class of bytes that every transition label (and the validity rules) treats alike,
    // the most readable of its class: a lower-case letter, a digit, an upper-case letter, other ASCII.
    private static List<byte> Alphabet(List<PathAutomaton> automata)
    {
        var labels = new HashSet<ByteSet>(Fixed);
        foreach (var automaton in automata)
        {
            labels.UnionWith(automaton.Labels());
        }

        var ordered = labels.ToList();
        var result = new List<byte>();
        if (ordered.Count <= 64)
        {
            var signatures = new HashSet<ulong>();
            foreach (var b in Preferred)
            {
                var signature = 0UL;
                for (var i = 0; i < ordered.Count; i++)
                {
                    if (ordered[i].Contains(b))
                    {
                        signature |= 1UL << i;
                    }
                }

                if (signatures.Add(signature))
                {
                    result.Add(b);
                }
            }

            return result;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var key = new StringBuilder();
        foreach (var b in Preferred)
        {
            key.Clear();
            foreach (var label in ordered)
            {
                key.Append(label.Contains(b) ? '1' : '0');
            }

            if (seen.Add(key.ToString()))
            {
                result.Add(b);
            }
        }

        return result;
    }

    // The byte sets the validity rules tell apart: '/', '.', the letters of ".git", NUL, and UTF-8's ranges.
    private static readonly ByteSet[] Fixed = MakeFixed();

    private static readonly byte[] Preferred = Preference().ToArray();

    private static ByteSet[] MakeFixed()
    {
        var sets = new List<ByteSet>();
        foreach (var special in new[] { "/", ".", "gG", "iI", "tT", "\0" })
        {
            var set = ByteSet.Empty;
            foreach (var c in special)
            {
                set = set.With((byte)c);
            }

            sets.Add(set);
        }

        foreach (var (low, high) in new[] { (0x80, 0x8F), (0x90, 0x9F), (0xA0, 0xBF), (0xC2, 0xDF), (0xE0, 0xE0), (0xE1, 0xEC), (0xED, 0xED), (0xEE, 0xEF), (0xF0, 0xF0), (0xF1, 0xF3), (0xF4, 0xF4) })
        {
            var set = ByteSet.Empty;
            for (var b = low; b <= high; b++)
            {
                set = set.With((byte)b);
            }

            sets.Add(set);
        }

        return [.. sets];
    }

    private static IEnumerable<byte> Preference()
    {
        for (var c = 'a'; c <= 'z'; c++)
        {
            yield return (byte)c;
        }

        for (var c = '0'; c <= '9'; c++)
        {
            yield return (byte)c;
        }

        for (var c = 'A'; c <= 'Z'; c++)
        {
            yield return (byte)c;
        }

        foreach (var c in "._-/")
        {
            yield return (byte)c;
        }

        for (var b = 0x21; b < 0x7f; b++)
        {
            if (!char.IsLetterOrDigit((char)b) && "._-/".IndexOf((char)b) < 0)
            {
                yield return (byte)b;
            }
        }

        yield return (byte)' ';
        for (var b = 0x80; b < 0x100; b++)
        {
            yield return (byte)b;
        }

        for (var b = 0; b < 0x20; b++)
        {
            yield return (byte)b;
        }

        yield return 0x7f;
    }

    private static string Witness(List<(int Parent, byte Byte)> parents, int state)
    {
        var bytes = new List<byte>();
        for (var s = state; parents[s].Parent >= 0; s = parents[s].Parent)
        {
            bytes.Add(parents[s].Byte);
        }

        bytes.Reverse();
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static int TrailingZeros(ulong bit)
    {
        var n = 0;
        while ((bit & 1) == 0)
        {
            bit >>= 1;
            n++;
        }

        return n;
    }

    private sealed class VectorComparer : IEqualityComparer<ulong[]>
    {
        public bool Equals(ulong[]? x, ulong[]? y)
        {
            for (var i = 0; i < x!.Length; i++)
            {
                if (x[i] != y![i])
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(ulong[] obj)
        {
            var hash = 17UL;
            foreach (var word in obj)
            {
                hash = (hash * 31) + word;
            }

            return (int)(hash ^ (hash >> 32));
        }
    }
}
