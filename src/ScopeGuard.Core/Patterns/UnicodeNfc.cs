using System;
using System.Collections.Generic;
using System.Text;

namespace ScopeGuard.Core.Patterns;

/// <summary>
/// Unicode Normalization Form C (UAX #15) without the platform: <see cref="string.Normalize()"/> returns
/// its input unchanged in a process that runs with <c>InvariantGlobalization</c>, as the CLI does.
/// The data comes from <c>NfcTables.g.cs</c>; Hangul syllables are computed.
/// </summary>
internal static partial class UnicodeNfc
{
    private const int HangulSBase = 0xAC00, HangulLBase = 0x1100, HangulVBase = 0x1161, HangulTBase = 0x11A7;
    private const int HangulLCount = 19, HangulVCount = 21, HangulTCount = 28;
    private const int HangulNCount = HangulVCount * HangulTCount, HangulSCount = HangulLCount * HangulNCount;

    private static readonly Lazy<Tables> Data = new(Build);

    /// <summary>Returns the NFC form of <paramref name="text"/>; unpaired surrogates are kept as they are.</summary>
    public static string Normalize(string text)
    {
        // Nothing below U+0300 decomposes to something else in NFC or composes with what precedes it.
        var i = 0;
        while (i < text.Length && text[i] < 0x300)
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var tables = Data.Value;
        var decomposed = new List<int>(text.Length + 8);
        for (var k = 0; k < text.Length; k++)
        {
            int cp = text[k];
            if (char.IsHighSurrogate(text[k]) && k + 1 < text.Length && char.IsLowSurrogate(text[k + 1]))
            {
                cp = char.ConvertToUtf32(text[k], text[k + 1]);
                k++;
            }

            Decompose(cp, tables, decomposed);
        }

        // Canonical ordering: a stable sort of each run of non-starters by combining class.
        for (var k = 1; k < decomposed.Count; k++)
        {
            var cc = CombiningClass(decomposed[k]);
            if (cc == 0)
            {
                continue;
            }

            var j = k;
            while (j > 0 && CombiningClass(decomposed[j - 1]) > cc)
            {
                (decomposed[j - 1], decomposed[j]) = (decomposed[j], decomposed[j - 1]);
                j--;
            }
        }

        Compose(decomposed, tables);
        var result = new StringBuilder(text.Length);
        foreach (var cp in decomposed)
        {
            if (cp is >= 0xD800 and <= 0xDFFF)
            {
                result.Append((char)cp);
            }
            else
            {
                result.Append(char.ConvertFromUtf32(cp));
            }
        }

        return result.ToString();
    }

    private static void Decompose(int cp, Tables tables, List<int> into)
    {
        var s = cp - HangulSBase;
        if (s is >= 0 and < HangulSCount)
        {
            into.Add(HangulLBase + (s / HangulNCount));
            into.Add(HangulVBase + (s % HangulNCount / HangulTCount));
            if (s % HangulTCount != 0)
            {
                into.Add(HangulTBase + (s % HangulTCount));
            }

            return;
        }

        if (tables.Decompositions.TryGetValue(cp, out var parts))
        {
            Decompose(parts.First, tables, into);
            if (parts.Second != 0)
            {
                Decompose(parts.Second, tables, into);
            }

            return;
        }

        into.Add(cp);
    }

    // UAX #15's canonical composition: each character combines with the last starter unless a
    // character of the same or a higher combining class stands between them.
    private static void Compose(List<int> text, Tables tables)
    {
        if (text.Count == 0)
        {
            return;
        }

        var starterPosition = 0;
        var starter = text[0];
        var lastClass = CombiningClass(starter);
        if (lastClass != 0)
        {
            lastClass = 256;
        }

        var written = 1;
        for (var read = 1; read < text.Count; read++)
        {
            var ch = text[read];
            var chClass = CombiningClass(ch);
            var composite = ComposePair(starter, ch, tables);
            if (composite >= 0 && (lastClass < chClass || lastClass == 0))
            {
                text[starterPosition] = composite;
                starter = composite;
                continue;
            }

            if (chClass == 0)
            {
                starterPosition = written;
                starter = ch;
            }

            lastClass = chClass;
            text[written++] = ch;
        }

        text.RemoveRange(written, text.Count - written);
    }

    private static int ComposePair(int first, int second, Tables tables)
    {
        var l = first - HangulLBase;
        if (l is >= 0 and < HangulLCount)
        {
            var v = second - HangulVBase;
            return v is >= 0 and < HangulVCount ? HangulSBase + (((l * HangulVCount) + v) * HangulTCount) : -1;
        }

        var s = first - HangulSBase;
        if (s is >= 0 and < HangulSCount && s % HangulTCount == 0)
        {
            var t = second - HangulTBase;
            return t is > 0 and < HangulTCount ? first + t : -1;
        }

        return tables.Compositions.TryGetValue(((long)first << 21) | (uint)second, out var composite) ? composite : -1;
    }

    // Binary search over the (first, last, class) ranges.
    private static int CombiningClass(int cp)
    {
        if (cp < 0x300)
        {
            return 0;
        }

        int low = 0, high = (CombiningClassRanges.Length / 3) - 1;
        while (low <= high)
        {
            var mid = (low + high) >> 1;
            if (cp < CombiningClassRanges[mid * 3])
            {
                high = mid - 1;
            }
            else if (cp > CombiningClassRanges[(mid * 3) + 1])
            {
                low = mid + 1;
            }
            else
            {
                return CombiningClassRanges[(mid * 3) + 2];
            }
        }

        return 0;
    }

    private static Tables Build()
    {
        var decompositions = new Dictionary<int, (int First, int Second)>(DecompositionTable.Length / 4);
        var compositions = new Dictionary<long, int>();
        for (var i = 0; i < DecompositionTable.Length; i += 4)
        {
            decompositions[DecompositionTable[i]] = (DecompositionTable[i + 1], DecompositionTable[i + 2]);
            if (DecompositionTable[i + 3] == 1)
            {
                compositions[((long)DecompositionTable[i + 1] << 21) | (uint)DecompositionTable[i + 2]] = DecompositionTable[i];
            }
        }

        return new Tables(decompositions, compositions);
    }

    private sealed class Tables
    {
        public Tables(Dictionary<int, (int First, int Second)> decompositions, Dictionary<long, int> compositions)
        {
            Decompositions = decompositions;
            Compositions = compositions;
        }

        public Dictionary<int, (int First, int Second)> Decompositions { get; }

        public Dictionary<long, int> Compositions { get; }
    }
}
