using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ScopeGuard.Core.Tests.Differential;

/// <summary>
/// A deterministic pool of <c>.gitignore</c>-style patterns and repository paths for differential
/// tests against git. Patterns are derived from the paths (so that many pairs match) and mixed
/// from a token soup (so that every syntax corner is reached). Depends on the BCL only.
/// </summary>
internal sealed class PatternCorpus
{
    /// <summary>The seed every generation uses; change it only together with a fresh run against git.</summary>
    public const int DefaultSeed = 0x5C09E;

    // Path segments: names that wildcards, classes, escapes and odd characters hit and miss.
    // None is "." or "..", none is ".git", and no path starts with ':' (git reads that as pathspec magic).
    private static readonly string[] CommonSegments =
    [
        "a", "b", "c", "ab", "abc", "ba", "bab", "aab", "aXb", "A", "B", "x", "xy", "a1", "1", "42", "9z",
        "docs", "src", "lib", "test", "tests", "foo", "bar", "foobar", "barfoo", "foo.bar",
        "README.md", "a.md", "b.txt", "x.cs", "x.c", ".hidden", ".a.b",
    ];

    private static readonly string[] OddSegments =
    [
        "..a", "a..", "a b", " a", "a ", "a  ", "it's", "\"q\"", "#h", "a#", "!x", "x!", "{a,b}", "a{b}", "}",
        "a[b]", "[", "]", "[a]", "-", "^", "a-b", "a^b", "a*b", "*", "?", "a?", "a\\b", "\\", "**",
        "é", "café", "日本", "日本語.txt", "e\u0301", "ß", "ÄÖ", "t\tb", "a:b", "~", "$x", "%", "+", "=", "@", ",", ";",
        "&", "(x)", "_", "z", "Z", "0", "a0", "\u007f",
    ];

    // Pieces the token-soup generator glues together.
    private static readonly string[] Tokens =
    [
        "a", "b", "c", "ab", "x", "docs", "src", ".md", "foo", "bar", ".", "..", "-", "^", "~", ",", "_", "0", "1", "A",
        "/", "/", "/", "*", "*", "**", "***", "?", "?",
        "[ab]", "[a-c]", "[!a]", "[^b]", "[]a]", "[!]]", "[^]]", "[]-a]", "[\\]]", "[a\\-c]", "[-a]", "[a-]", "[[]",
        "[[:]", "[a-c-e]", "[z-a]", "[*]", "[?]", "[\\\\]", "[/]", "[!/]", "[.]", "[ ]", "[é]", "[日]", "[\\é]",
        "[[:digit:]]", "[[:alpha:]]", "[[:space:]]", "[[:punct:]]", "[[:upper:]]", "[[:lower:]]", "[[:alnum:]]",
        "[[:xdigit:]]", "[[:blank:]]", "[[:cntrl:]]", "[[:graph:]]", "[[:print:]]", "[![:alpha:]]",
        "[[:alpha:][:digit:]]", "[[:digit:]a-c]", "[a[:digit:]]", "[[:digit:]-z]", "[[:foo:]]", "[[:DIGIT:]]",
        "[[:digit:]", "[[=a=]]", "[[.a.]]",
        "\\*", "\\?", "\\[", "\\]", "\\\\", "\\a", "\\ ", "\\!", "\\#", "\\/", "\\-",
        " ", "é", "日本", "#", "!", "{", "}", "{a,b}", "'", "\"", "\t",
        "[", "\\",
    ];

    // Whole patterns worth having verbatim: every position of '*', '**' and '/' that git treats specially.
    private static readonly string[] FixedPatterns =
    [
        "*", "**", "***", "?", "/*", "/**", "*/", "**/", "/**/", "*/*", "**/*", "*/**", "**/**", "**/**/a", "/*/", "*/a",
        "a", "/a", "a/", "/a/", "a/b", "/a/b", "a/b/", "a/*", "a/**", "a/**/", "**/a", "**/a/", "**/a/**", "a/**/b",
        "a/**/b/", "/a/**/b", "a**b", "a**", "**a", "/a**", "/**a", "a**/b", "/a**/b", "a/b**", "a/**b", "a/**/**/b",
        "a*/b", "*a/b", "a/*b", "a/b*", "*/b", "a/*/b", "a/*/*/b", "***/a", "a/***", "a/***/b", "**b/c", "a/**c",
        "\\**/a", "*\\*", "\\*\\*", "a/\\**/b", "**\\/a", "a\\/b", "a\\/", "*.md", "*.txt", "**/*.md", "docs/*",
        "docs/**/*.md", "/docs/*.md", "[a-c]", "[!a-c]", "[^a-c]", "[]]", "[!]]", "[]a]", "[[]", "[\\]]", "[a-]",
        "[-]", "[!-]", "a[/]b", "a[!/]b", "a?b", "a/?", "?/?", "??", "???", "a\\ ", "a\\  ", "a  ", "a \\ ", " a",
        "a b", "\\!x", "\\#h", "x!", "a#", "{a,b}", "a{b}", "it's", "\"q\"", "é", "café", "日本", "*日本*", "[é]",
        "e\u0301", "[[:alpha:]]", "[[:digit:]][[:alpha:]]", "[[:space:]]", "t[[:blank:]]b", "t[[:space:]]b",
        "t[[:cntrl:]]b", "t?b", "[[:punct:]]", "[[:upper:]]", "*[[:upper:]]*", "[[:xdigit:]][[:xdigit:]]",
        "[[:graph:]]", "[[:print:]]", "[[:cntrl:]]", "[[:alnum:]]", "[[:lower:]]", "ä*", "?ß", "a:b", "*:*",
        "a/b/c/d/e", "*/*/*/*/*", "**/*/*/*/*/*", "a*a*a*b", "*a*", "*b*b*",
        // Refused by ScopeGuard; git treats them as negation, comment, or as patterns that match nothing.
        "!a", "!*", "!**", "#a", "#", "", " ", "   ", "/", "/ ", "//", "a//b", "//a", "a//", "./a", "a/./b",
        "a/.", ".", "..", "../a", "a/..", "./", "../", "[abc", "a[", "[!", "[]", "[!]", "[^", "a\\", "\\",
        "[[:foo:]]", "[[:digit:]", "[a-\\]", "*[", "**/[", "[\\", "a/b\\",
    ];

    private static readonly string[] Classes =
    [
        "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit",
    ];

    private readonly Random random;
    private readonly int targetPaths;
    private readonly int targetPatterns;

    private PatternCorpus(int seed, int pathCount, int patternCount)
    {
        random = new Random(seed);
        targetPaths = pathCount;
        targetPatterns = patternCount;
        Paths = GeneratePaths();
        Patterns = GeneratePatterns();
    }

    /// <summary>Gets the repository paths (files; their parents are directories), each distinct.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Gets the patterns, each distinct, as they would appear on one <c>.gitignore</c> line.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>Builds the corpus for a seed; the same seed always gives the same corpus.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="pathCount">Roughly how many paths to make.</param>
    /// <param name="patternCount">Roughly how many patterns to make.</param>
    /// <returns>The corpus.</returns>
    public static PatternCorpus Create(int seed = DefaultSeed, int pathCount = 700, int patternCount = 4000)
    {
        return new PatternCorpus(seed, pathCount, patternCount);
    }

    private List<string> GeneratePaths()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        void Add(string path)
        {
            if (path.Length > 0 && path[0] != ':' && seen.Add(path))
            {
                result.Add(path);
            }
        }

        foreach (var segment in CommonSegments.Concat(OddSegments))
        {
            Add(segment);
        }

        // Every segment once below a directory, so that basename patterns meet them at depth too.
        foreach (var segment in CommonSegments.Concat(OddSegments))
        {
            Add("d/" + segment);
        }

        while (result.Count < targetPaths)
        {
            var depth = 1 + random.Next(5);
            var segments = new string[depth];
            for (var i = 0; i < depth; i++)
            {
                segments[i] = random.Next(4) == 0 ? Pick(OddSegments) : Pick(CommonSegments);
            }

            Add(string.Join("/", segments));
        }

        return result;
    }

    private List<string> GeneratePatterns()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        void Add(string pattern)
        {
            if (pattern.IndexOf('\n') < 0 && pattern.IndexOf('\r') < 0 && pattern.IndexOf('\0') < 0 && seen.Add(pattern))
            {
                result.Add(pattern);
            }
        }

        foreach (var pattern in FixedPatterns)
        {
            Add(pattern);
        }

        var soupTarget = targetPatterns * 2 / 5;
        var guard = 0;
        while (result.Count < soupTarget && guard++ < targetPatterns * 20)
        {
            Add(Soup());
        }

        guard = 0;
        while (result.Count < targetPatterns && guard++ < targetPatterns * 20)
        {
            Add(Derive(Pick(Paths)));
        }

        return result;
    }

    private string Pick(IReadOnlyList<string> items) => items[random.Next(items.Count)];

    private bool Chance(int percent) => random.Next(100) < percent;

    private string Soup()
    {
        var builder = new StringBuilder();
        var count = 1 + random.Next(7);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Pick(Tokens));
        }

        if (Chance(10))
        {
            builder.Append(Chance(50) ? "  " : "\\ ");
        }

        return builder.ToString();
    }

    // Turns a path into a pattern that should often match it (or one of its parents), with a mutation now and then.
    private string Derive(string path)
    {
        var segments = path.Split('/');
        var from = Chance(60) ? 0 : random.Next(segments.Length);
        var to = from + 1 + random.Next(segments.Length - from);
        var parts = new List<string>();
        for (var i = from; i < to; i++)
        {
            if (i > from && Chance(8))
            {
                parts.Add("**");
            }

            parts.Add(TransformSegment(segments[i]));
        }

        if (from > 0 && Chance(60))
        {
            parts.Insert(0, "**");
        }

        if (Chance(8))
        {
            parts.Add(Chance(50) ? "**" : "*");
        }

        var pattern = string.Join("/", parts);
        if (Chance(25))
        {
            pattern = "/" + pattern;
        }

        if (Chance(12))
        {
            pattern += "/";
        }

        if (Chance(6))
        {
            pattern += Chance(50) ? " " : "   ";
        }

        return pattern;
    }

    private string TransformSegment(string segment)
    {
        var roll = random.Next(100);
        if (roll < 35 || segment.Length == 0)
        {
            return Literal(segment);
        }

        if (roll < 42)
        {
            return "*";
        }

        if (roll < 46)
        {
            return "**";
        }

        var cut = random.Next(segment.Length + 1);
        if (roll < 52)
        {
            return Literal(segment.Substring(0, cut)) + "*";
        }

        if (roll < 58)
        {
            return "*" + Literal(segment.Substring(cut));
        }

        if (roll < 62)
        {
            // "a**b", "**b", "a**": a double star that is not a whole segment.
            return Literal(segment.Substring(0, cut)) + (Chance(80) ? "**" : "***") + Literal(segment.Substring(cut));
        }

        var index = random.Next(segment.Length);
        var before = Literal(segment.Substring(0, index));
        var after = Literal(segment.Substring(index + 1));
        var c = segment[index];
        if (roll < 70)
        {
            return before + "?" + after;
        }

        if (roll < 92)
        {
            return before + Bracket(c) + after;
        }

        // A near miss: one character changed.
        var other = c == 'a' ? 'b' : 'a';
        return before + Literal(other.ToString()) + after;
    }

    private string Bracket(char c)
    {
        var member = Literal(c.ToString(), inBracket: true);
        switch (random.Next(12))
        {
            case 0: return "[" + member + "]";
            case 1: return "[xy" + member + "]";
            case 2: return "[!" + member + "]";
            case 3: return "[^" + member + "]";
            case 4: return "[!q]";
            case 5: return "[a-z]";
            case 6: return "[!a-z]";
            case 7: return char.IsAsciiLetterOrDigit(c) ? "[" + (char)(c - 1) + "-" + (char)(c + 1) + "]" : "[+-~]";
            case 8: return "[[:" + Pick(Classes) + ":]]";
            case 9: return "[![:" + Pick(Classes) + ":]]";
            case 10: return "[]" + member + "]";
            default: return "[\\" + c + "]";
        }
    }

    // Escapes a text so that wildmatch reads it literally; a leading '!' or '#' and trailing spaces are escaped too.
    private static string Literal(string text, bool inBracket = false)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or '\\' || (inBracket && c is ']' or '-' or '!' or '^'))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        if (!inBracket && builder.Length > 0 && builder[builder.Length - 1] == ' ')
        {
            builder.Insert(builder.Length - 1, '\\');
        }

        if (!inBracket && builder.Length > 0 && builder[0] is '!' or '#')
        {
            builder.Insert(0, '\\');
        }

        return builder.ToString();
    }
}
