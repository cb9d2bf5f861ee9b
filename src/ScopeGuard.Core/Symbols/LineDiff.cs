using System;
using System.Collections.Generic;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// The lines two texts differ in, as hunks of character ranges: a line is a run of characters up to and
/// including a <c>'\n'</c>. Every text between two hunks is the same on both sides, shifted by a constant.
/// Myers' algorithm on the lines between the common head and tail; any valid alignment is correct for
/// <see cref="TouchedDiff"/>, a short one makes it cheap.
/// </summary>
internal static class LineDiff
{
    /// <summary>Finds the changed ranges, or <see langword="null"/> when the texts differ in more than <paramref name="maxEdits"/> lines.</summary>
    /// <param name="old">The old text.</param>
    /// <param name="new">The new text.</param>
    /// <param name="maxEdits">How many inserted and deleted lines to search at most.</param>
    /// <returns>The hunks in text order, or <see langword="null"/>.</returns>
    public static List<Hunk>? Compare(string old, string @new, int maxEdits)
    {
        var a = Lines(old);
        var b = Lines(@new);

        // Common head and tail first: most of a file is outside every hunk.
        var head = 0;
        while (head < a.Count - 1 && head < b.Count - 1 && SameLine(old, a, head, @new, b, head))
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Count - 1 - head && tail < b.Count - 1 - head && SameLine(old, a, a.Count - 2 - tail, @new, b, b.Count - 2 - tail))
        {
            tail++;
        }

        var n = a.Count - 1 - head - tail;
        var m = b.Count - 1 - head - tail;
        var hashA = Hashes(old, a, head, n);
        var hashB = Hashes(@new, b, head, m);
        bool Equal(int x, int y) => hashA[x] == hashB[y] && SameLine(old, a, head + x, @new, b, head + y);

        // Myers: for each number of edits d, the furthest point reached on each diagonal k = x - y.
        var max = Math.Min(n + m, maxEdits);
        var offset = max + 1;
        var v = new int[(2 * max) + 3];
        var trace = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= max && found < 0; d++)
        {
            // Only the diagonals the backtrack reads for this d: -d-1 to d+1.
            var window = new int[(2 * d) + 3];
            Array.Copy(v, offset - d - 1, window, 0, window.Length);
            trace.Add(window);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && Equal(x, y))
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = d;
                    break;
                }
            }
        }

        if (found < 0)
        {
            return null;
        }

        // Walk back: each step of d is one deletion (old line px) or insertion (new line py), taken at
        // (px, py), before a run of equal lines.
        var edits = new List<(int X, int Y, bool Deleted)>();
        int cx = n, cy = m;
        for (var d = found; d > 0; d--)
        {
            var pv = trace[d];
            var at = d + 1; // pv[at + k] is diagonal k
            var k = cx - cy;
            var prevK = k == -d || (k != d && pv[at + k - 1] < pv[at + k + 1]) ? k + 1 : k - 1;
            var px = pv[at + prevK];
            var py = px - prevK;
            edits.Add((px, py, prevK == k - 1));
            cx = px;
            cy = py;
        }

        edits.Reverse();

        // Group adjacent edits into hunks of line indexes, then into character ranges.
        var hunks = new List<Hunk>();
        int? oldStart = null, oldEnd = null, newStart = null, newEnd = null;
        foreach (var (x, y, deleted) in edits)
        {
            // A deletion removes old line x (new position y); an insertion adds new line y (old position x).
            var (os, oe, ns, ne) = deleted ? (x, x + 1, y, y) : (x, x, y, y + 1);
            if (oldStart is not null && os <= oldEnd && ns <= newEnd)
            {
                oldEnd = Math.Max(oldEnd!.Value, oe);
                newEnd = Math.Max(newEnd!.Value, ne);
                continue;
            }

            if (oldStart is not null)
            {
                hunks.Add(ToHunk(a, b, head, oldStart.Value, oldEnd!.Value, newStart!.Value, newEnd!.Value));
            }

            (oldStart, oldEnd, newStart, newEnd) = (os, oe, ns, ne);
        }

        if (oldStart is not null)
        {
            hunks.Add(ToHunk(a, b, head, oldStart.Value, oldEnd!.Value, newStart!.Value, newEnd!.Value));
        }

        return hunks;
    }

    private static Hunk ToHunk(List<int> a, List<int> b, int head, int oldStart, int oldEnd, int newStart, int newEnd) =>
        new(a[head + oldStart], a[head + oldEnd], b[head + newStart], b[head + newEnd]);

    // The start of every line, and the text's length last.
    private static List<int> Lines(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            if (i + 1 < text.Length)
            {
                starts.Add(i + 1);
            }
        }

        if (text.Length == 0)
        {
            return starts;
        }

        starts.Add(text.Length);
        return starts;
    }

    private static bool SameLine(string old, List<int> a, int i, string @new, List<int> b, int j)
    {
        var length = a[i + 1] - a[i];
        return length == b[j + 1] - b[j] && string.CompareOrdinal(old, a[i], @new, b[j], length) == 0;
    }

    private static int[] Hashes(string text, List<int> lines, int first, int count)
    {
        var hashes = new int[count];
        for (var i = 0; i < count; i++)
        {
            var hash = unchecked((int)2166136261);
            for (var c = lines[first + i]; c < lines[first + i + 1]; c++)
            {
                hash = unchecked((hash ^ text[c]) * 16777619);
            }

            hashes[i] = hash;
        }

        return hashes;
    }

    /// <summary>One changed stretch: the old text's characters [OldStart, OldEnd) became the new text's [NewStart, NewEnd).</summary>
    internal readonly record struct Hunk(int OldStart, int OldEnd, int NewStart, int NewEnd);
}
