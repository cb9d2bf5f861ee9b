using System;
using System.Text;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Patterns;

/// <summary>
/// Git's wildmatch: the glob matcher behind <c>.gitignore</c>, pathspecs and ref patterns.
/// Works on UTF-8 bytes, as git does, so <c>?</c> and bracket expressions see bytes, not characters.
/// </summary>
/// <remarks>
/// <para>
/// A port of <c>dowild()</c> in git's <c>wildmatch.c</c> as shipped in git 2.39.5 (the git the
/// pattern tests are checked against): the same <c>WM_PATHNAME</c> and <c>WM_CASEFOLD</c> rules,
/// the same <c>**/</c> handling (also written <c>**\/</c>), the same bracket expressions and POSIX classes, and the
/// same abort results. One difference, which changes no result: an abort while trying <c>**/</c> as
/// no directory stops the match instead of retrying after every slash.
/// </para>
/// <para>
/// Matching is case-sensitive (git's default where <c>core.ignoreCase</c> is false) unless
/// asked to fold ASCII case, as <c>deny</c> and protected paths do under <c>core.ignoreCase</c>.
/// The early-abort results keep the worst case polynomial: a star whose literal
/// cannot be found further on stops every enclosing star from retrying.
/// </para>
/// </remarks>
public static class Wildmatch
{
    private enum Outcome
    {
        Match,
        NoMatch,
        AbortAll,
        AbortToDoubleStar,
    }

    /// <summary>Matches <paramref name="text"/> against <paramref name="pattern"/>.</summary>
    /// <param name="pattern">The glob.</param>
    /// <param name="text">The text, usually a slash-separated path.</param>
    /// <param name="pathName">
    /// Git's <c>WM_PATHNAME</c>: <c>*</c>, <c>?</c> and brackets never match <c>/</c>, and only
    /// <c>**</c> between slashes crosses directories.
    /// </param>
    /// <returns><see langword="true"/> when the whole text matches.</returns>
    public static bool IsMatch(string pattern, string text, bool pathName)
    {
        if (pattern is null)
        {
            throw new ArgumentNullException(nameof(pattern));
        }

        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return IsMatch(Encoding.UTF8.GetBytes(pattern), Encoding.UTF8.GetBytes(text), pathName);
    }

    /// <summary>Matches UTF-8 <paramref name="text"/> against the UTF-8 <paramref name="pattern"/>.</summary>
    /// <param name="pattern">The glob, as UTF-8 bytes.</param>
    /// <param name="text">The text, as UTF-8 bytes.</param>
    /// <param name="pathName">Git's <c>WM_PATHNAME</c> flag.</param>
    /// <returns><see langword="true"/> when the whole text matches.</returns>
    public static bool IsMatch(byte[] pattern, byte[] text, bool pathName)
    {
        if (pattern is null)
        {
            throw new ArgumentNullException(nameof(pattern));
        }

        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return Run(pattern, 0, text, 0, pathName, caseFold: false) == Outcome.Match;
    }

    /// <summary>
    /// Matches UTF-8 <paramref name="text"/> against the UTF-8 <paramref name="pattern"/>, optionally
    /// ignoring the case of ASCII letters.
    /// </summary>
    /// <remarks>
    /// With <paramref name="caseFold"/>, git's <c>WM_CASEFOLD</c> rules apply to literals, ranges and
    /// <c>[:upper:]</c>/<c>[:lower:]</c>, and, unlike git, also to escaped letters (<c>\A</c>) and to
    /// single letters in a bracket expression (<c>[A]</c>), which git's wildmatch never matches then.
    /// Folding non-ASCII letters is the caller's job.
    /// </remarks>
    /// <param name="pattern">The glob, as UTF-8 bytes.</param>
    /// <param name="text">The text, as UTF-8 bytes.</param>
    /// <param name="pathName">Git's <c>WM_PATHNAME</c> flag.</param>
    /// <param name="caseFold">Whether <c>A</c>-<c>Z</c> and <c>a</c>-<c>z</c> match each other.</param>
    /// <returns><see langword="true"/> when the whole text matches.</returns>
    public static bool IsMatch(byte[] pattern, byte[] text, bool pathName, bool caseFold)
    {
        if (pattern is null)
        {
            throw new ArgumentNullException(nameof(pattern));
        }

        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return Run(pattern, 0, text, 0, pathName, caseFold) == Outcome.Match;
    }

    internal static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;

    private static byte Fold(byte b, bool caseFold) => caseFold ? Lower(b) : b;

    private static bool IsSpecial(byte b) => TextFacts.IsWildcardCharacter((char)b);

    private static int IndexOfSlash(byte[] text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == (byte)'/')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Gets how many times this thread has started matching a pattern tail against a text tail: each
    /// match starts once, and each star retries once per place it tries. A backtracking blow-up shows
    /// here as a count that grows exponentially with the pattern (the tests' measure of work, not time).
    /// </summary>
    internal static long Attempts => attempts;

    /// <summary>
    /// Gets or sets, for this thread, the count of <see cref="Attempts"/> past which matching throws
    /// (0: no limit). Set by tests, so that a blow-up stops at a known amount of work instead of running on.
    /// </summary>
    internal static long AttemptLimit
    {
        get => attemptLimit;
        set => attemptLimit = value;
    }

    [ThreadStatic]
    private static long attempts;

    [ThreadStatic]
    private static long attemptLimit;

    private static Outcome Run(byte[] p, int pi, byte[] t, int ti, bool pathName, bool caseFold)
    {
        if (++attempts > attemptLimit && attemptLimit > 0)
        {
            throw new InvalidOperationException($"wildmatch: more than {attemptLimit} attempts");
        }

        for (; pi < p.Length; pi++, ti++)
        {
            var pc = p[pi];
            if (ti >= t.Length && pc != (byte)'*')
            {
                return Outcome.AbortAll;
            }

            switch (pc)
            {
                case (byte)'\\':
                    // An escaped byte matches itself; a lone trailing backslash matches nothing.
                    pi++;
                    if (pi >= p.Length || Fold(t[ti], caseFold) != Fold(p[pi], caseFold))
                    {
                        return Outcome.NoMatch;
                    }

                    continue;

                case (byte)'?':
                    if (pathName && t[ti] == (byte)'/')
                    {
                        return Outcome.NoMatch;
                    }

                    continue;

                case (byte)'*':
                    {
                        var star = Star(p, ref pi, t, ref ti, pathName, caseFold, out var done);
                        if (done)
                        {
                            return star;
                        }

                        // Star consumed up to a slash: the for loop steps over the slash on both sides.
                        continue;
                    }

                case (byte)'[':
                    {
                        var bracket = Bracket(p, ref pi, Fold(t[ti], caseFold), pathName, caseFold);
                        if (bracket != Outcome.Match)
                        {
                            return bracket;
                        }

                        continue;
                    }

                default:
                    if (Fold(t[ti], caseFold) != Fold(pc, caseFold))
                    {
                        return Outcome.NoMatch;
                    }

                    continue;
            }
        }

        return ti < t.Length ? Outcome.NoMatch : Outcome.Match;
    }

    // Handles a run of stars starting at p[pi]. When 'done' is false the caller continues its
    // loop with pi and ti both pointing at a slash (a single star that stops at the next directory).
    private static Outcome Star(byte[] p, ref int pi, byte[] t, ref int ti, bool pathName, bool caseFold, out bool done)
    {
        done = true;
        bool crossesSlash;
        var start = pi;
        pi++;
        if (pi < p.Length && p[pi] == (byte)'*')
        {
            while (pi < p.Length && p[pi] == (byte)'*')
            {
                pi++;
            }

            if (!pathName)
            {
                crossesSlash = true;
            }
            else
            {
                var slashBefore = start == 0 || p[start - 1] == (byte)'/';
                var slashAfter = pi == p.Length
                    || p[pi] == (byte)'/'
                    || (p[pi] == (byte)'\\' && pi + 1 < p.Length && p[pi + 1] == (byte)'/');
                if (slashBefore && slashAfter)
                {
                    // "a/**/b" also matches "a/b": try the rest with no directory in between.
                    if (pi < p.Length && p[pi] == (byte)'/')
                    {
                        // Git ignores an abort here and goes on to retry the rest after every slash, which
                        // doubles the work for each "**/" in a pattern. An abort means the rest cannot
                        // match from here or from anywhere further on, so stop as the star loop below does.
                        var none = Run(p, pi + 1, t, ti, pathName, caseFold);
                        if (none is Outcome.Match or Outcome.AbortAll)
                        {
                            return none;
                        }
                    }

                    crossesSlash = true;
                }
                else
                {
                    // "**" that is not a whole path segment is an ordinary star.
                    crossesSlash = false;
                }
            }
        }
        else
        {
            crossesSlash = !pathName;
        }

        if (pi == p.Length)
        {
            // A trailing "**" takes everything; a trailing "*" only the rest of this segment.
            if (!crossesSlash && IndexOfSlash(t, ti) >= 0)
            {
                return Outcome.AbortToDoubleStar;
            }

            return Outcome.Match;
        }

        if (!crossesSlash && p[pi] == (byte)'/')
        {
            var slash = IndexOfSlash(t, ti);
            if (slash < 0)
            {
                return Outcome.NoMatch;
            }

            ti = slash;
            done = false;
            return Outcome.Match;
        }

        while (ti < t.Length)
        {
            if (!IsSpecial(p[pi]))
            {
                // Skip ahead to the next place the literal after the star can match.
                var literal = Fold(p[pi], caseFold);
                while (ti < t.Length && (crossesSlash || t[ti] != (byte)'/') && Fold(t[ti], caseFold) != literal)
                {
                    ti++;
                }

                if (ti >= t.Length || Fold(t[ti], caseFold) != literal)
                {
                    return crossesSlash ? Outcome.AbortAll : Outcome.AbortToDoubleStar;
                }
            }

            var rest = Run(p, pi, t, ti, pathName, caseFold);
            if (rest != Outcome.NoMatch)
            {
                if (!crossesSlash || rest != Outcome.AbortToDoubleStar)
                {
                    return rest;
                }
            }
            else if (!crossesSlash && t[ti] == (byte)'/')
            {
                return Outcome.AbortToDoubleStar;
            }

            ti++;
        }

        return Outcome.AbortAll;
    }

    // Matches one text byte against the bracket expression at p[pi] ('['); leaves pi on its ']'.
    // With caseFold, tc is already lower case.
    private static Outcome Bracket(byte[] p, ref int pi, byte tc, bool pathName, bool caseFold)
    {
        pi++;
        if (pi >= p.Length)
        {
            return Outcome.AbortAll;
        }

        var pc = p[pi];
        var negated = pc is (byte)'!' or (byte)'^';
        if (negated)
        {
            pi++;
            if (pi >= p.Length)
            {
                return Outcome.AbortAll;
            }

            pc = p[pi];
        }

        byte previous = 0;
        var matched = false;

        // The first byte after '[' (or '[!') is a member even when it is ']'.
        while (true)
        {
            if (pc == (byte)'\\')
            {
                pi++;
                if (pi >= p.Length)
                {
                    return Outcome.AbortAll;
                }

                pc = p[pi];
                if (tc == Fold(pc, caseFold))
                {
                    matched = true;
                }
            }
            else if (pc == (byte)'-' && previous != 0 && pi + 1 < p.Length && p[pi + 1] != (byte)']')
            {
                pi++;
                pc = p[pi];
                if (pc == (byte)'\\')
                {
                    pi++;
                    if (pi >= p.Length)
                    {
                        return Outcome.AbortAll;
                    }

                    pc = p[pi];
                }

                if (tc >= previous && tc <= pc)
                {
                    matched = true;
                }
                else if (caseFold && tc is >= (byte)'a' and <= (byte)'z' && tc - 32 >= previous && tc - 32 <= pc)
                {
                    // As git: a lower-case letter also matches a range of upper-case ones.
                    matched = true;
                }

                // A range's end cannot start another range.
                pc = 0;
            }
            else if (pc == (byte)'[' && pi + 1 < p.Length && p[pi + 1] == (byte)':')
            {
                var nameStart = pi + 2;
                var close = nameStart;
                while (close < p.Length && p[close] != (byte)']')
                {
                    close++;
                }

                if (close >= p.Length)
                {
                    return Outcome.AbortAll;
                }

                var nameLength = close - nameStart - 1;
                if (nameLength < 0 || p[close - 1] != (byte)':')
                {
                    // Not "[:name:]": the '[' is an ordinary member.
                    if (tc == (byte)'[')
                    {
                        matched = true;
                    }

                    pc = (byte)'[';
                }
                else
                {
                    var name = Encoding.ASCII.GetString(p, nameStart, nameLength);
                    if (!TryClass(name, tc, caseFold, out var inClass))
                    {
                        return Outcome.AbortAll;
                    }

                    if (inClass)
                    {
                        matched = true;
                    }

                    pi = close;
                    pc = 0;
                }
            }
            else if (tc == Fold(pc, caseFold))
            {
                matched = true;
            }

            previous = pc;
            pi++;
            if (pi >= p.Length)
            {
                return Outcome.AbortAll;
            }

            pc = p[pi];
            if (pc == (byte)']')
            {
                break;
            }
        }

        if (matched == negated || (pathName && tc == (byte)'/'))
        {
            return Outcome.NoMatch;
        }

        return Outcome.Match;
    }

    // POSIX classes over ASCII only, as git's own ctype does; bytes above 0x7f are in none.
    private static bool TryClass(string name, byte c, bool caseFold, out bool member)
    {
        var ascii = c < 0x80;
        var upper = c >= (byte)'A' && c <= (byte)'Z';
        var lower = c >= (byte)'a' && c <= (byte)'z';
        var digit = c >= (byte)'0' && c <= (byte)'9';
        var graph = c >= 0x21 && c <= 0x7e;
        switch (name)
        {
            case "alnum": member = upper || lower || digit; return true;
            case "alpha": member = upper || lower; return true;
            case "blank": member = c is (byte)' ' or (byte)'\t'; return true;
            case "cntrl": member = ascii && (c < 0x20 || c == 0x7f); return true;
            case "digit": member = digit; return true;
            case "graph": member = graph; return true;
            case "lower": member = lower; return true;
            case "print": member = c >= 0x20 && c <= 0x7e; return true;
            case "punct": member = graph && !upper && !lower && !digit; return true;
            case "space": member = c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'; return true;
            case "upper": member = upper || (caseFold && lower); return true;
            case "xdigit": member = digit || (c >= (byte)'a' && c <= (byte)'f') || (c >= (byte)'A' && c <= (byte)'F'); return true;
            default: member = false; return false;
        }
    }
}
