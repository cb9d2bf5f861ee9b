using System;
using System.Text;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Patterns;

/// <summary>
/// One path pattern with the meaning of one <c>.gitignore</c> line: wildmatch in pathname mode,
/// a pattern without an inner <c>/</c> matches a name at any depth, a leading or inner <c>/</c>
/// anchors it to the repository root, a trailing <c>/</c> matches directories only, and a pattern
/// that matches a directory covers everything below it.
/// </summary>
public sealed class PathPattern
{
    private readonly byte[] body;

    // For a pattern matched against the whole path: the literal bytes before its first wildcard, and
    // the rest. Git's match_pathname() compares that prefix by itself and hands only the rest to
    // wildmatch, so a "**" right after the prefix counts as leading: "a**/b" matches "ab" and "a/x/b".
    private readonly byte[] literalPrefix;
    private readonly byte[] afterPrefix;

    // The pattern respelled for MatchesAnySpelling (see Respell), made on first use.
    private PathPattern? respelled;
    private PathPattern? respelledFolded;

    // The parts PathAutomaton compiles, read as MatchesOne reads them.
    internal byte[] Body => body;

    internal byte[] LiteralPrefix => literalPrefix;

    internal byte[] AfterPrefix => afterPrefix;

    private PathPattern(string text, byte[] body, bool basenameOnly, bool directoryOnly)
    {
        Text = text;
        this.body = body;
        BasenameOnly = basenameOnly;
        DirectoryOnly = directoryOnly;
        var prefixLength = 0;
        while (prefixLength < body.Length && !TextFacts.IsWildcardCharacter((char)body[prefixLength]))
        {
            prefixLength++;
        }

        literalPrefix = Slice(body, 0, prefixLength);
        afterPrefix = Slice(body, prefixLength, body.Length - prefixLength);
    }

    /// <summary>Gets the pattern as written (after placeholder expansion).</summary>
    public string Text { get; }

    /// <summary>Gets a value indicating whether the pattern has no inner or leading slash and so matches a name at any depth.</summary>
    public bool BasenameOnly { get; }

    /// <summary>Gets a value indicating whether the pattern ended with <c>/</c> and so matches directories only.</summary>
    public bool DirectoryOnly { get; }

    /// <summary>
    /// Parses one pattern. Returns <see langword="null"/> and an error message when the pattern
    /// is one that git would treat as empty, negated, or unable to match any path.
    /// </summary>
    /// <param name="text">The pattern as written in the manifest.</param>
    /// <param name="error">Why the pattern was refused.</param>
    /// <returns>The pattern, or <see langword="null"/>.</returns>
    public static PathPattern? TryParse(string text, out string? error)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        error = Validate(text);
        if (error is not null)
        {
            return null;
        }

        var trimmed = TrimTrailingSpaces(text);
        var directoryOnly = trimmed.EndsWith("/", StringComparison.Ordinal);
        if (directoryOnly)
        {
            trimmed = trimmed.Substring(0, trimmed.Length - 1);
        }

        var basenameOnly = trimmed.IndexOf('/') < 0;
        if (trimmed.StartsWith("/", StringComparison.Ordinal))
        {
            trimmed = trimmed.Substring(1);
        }

        return new PathPattern(text, Encoding.UTF8.GetBytes(trimmed), basenameOnly, directoryOnly);
    }

    /// <summary>Parses a pattern already known to be valid.</summary>
    /// <param name="text">The pattern.</param>
    /// <returns>The pattern.</returns>
    /// <exception cref="FormatException">The pattern is not valid.</exception>
    public static PathPattern Parse(string text)
    {
        return TryParse(text, out var error) ?? throw new FormatException(error);
    }

    /// <summary>
    /// Tests a repository-relative path, as git tests a file: the path itself, then every
    /// directory above it (a pattern that matches a directory matches all below it).
    /// </summary>
    /// <param name="path">A path relative to the repository root, with <c>/</c> separators.</param>
    /// <param name="isDirectory">Whether the path itself is a directory (or a submodule).</param>
    /// <returns><see langword="true"/> when the pattern covers the path.</returns>
    public bool Matches(string path, bool isDirectory = false)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        return Matches(Encoding.UTF8.GetBytes(path), isDirectory);
    }

    /// <summary>Tests a UTF-8 repository-relative path; see <see cref="Matches(string, bool)"/>.</summary>
    /// <param name="path">The path as UTF-8 bytes.</param>
    /// <param name="isDirectory">Whether the path itself is a directory (or a submodule).</param>
    /// <returns><see langword="true"/> when the pattern covers the path.</returns>
    public bool Matches(byte[] path, bool isDirectory = false)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        return MatchesPath(path, isDirectory, caseFold: false);
    }

    /// <summary>
    /// Tests a path as <c>deny</c> rules and <c>settings.protectedPaths</c> do: every spelling of the
    /// same name matches. The pattern and the path are both compared in Unicode Normalization Form C,
    /// so a name written decomposed (NFD, as macOS writes it) matches a pattern written composed, and
    /// with <paramref name="ignoreCase"/> (git's <c>core.ignoreCase</c>) letters match whatever their case.
    /// Grants (<c>paths</c>) use the exact <see cref="Matches(string, bool)"/>.
    /// </summary>
    /// <param name="path">A path relative to the repository root, with <c>/</c> separators.</param>
    /// <param name="isDirectory">Whether the path itself is a directory (or a submodule).</param>
    /// <param name="ignoreCase">Whether letters match regardless of case (ASCII and other scripts).</param>
    /// <returns><see langword="true"/> when the pattern covers some spelling of the path.</returns>
    public bool MatchesAnySpelling(string path, bool isDirectory, bool ignoreCase)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        return MatchesRespelled(Encoding.UTF8.GetBytes(Respell(path, ignoreCase)), isDirectory, ignoreCase);
    }

    /// <summary>
    /// Spells a name the way <see cref="MatchesAnySpelling"/> compares it: in Unicode Normalization Form C
    /// and, with <paramref name="ignoreCase"/>, with letters beyond ASCII in lower case (ASCII letters are
    /// folded while matching, so a pattern's <c>[A-Z]</c> keeps its meaning).
    /// </summary>
    /// <param name="text">A path or a pattern.</param>
    /// <param name="ignoreCase">Whether to lower the case of non-ASCII letters.</param>
    /// <returns>The respelled text.</returns>
    public static string Respell(string text, bool ignoreCase)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var normalized = UnicodeNfc.Normalize(text);
        if (!ignoreCase)
        {
            return normalized;
        }

        char[]? lowered = null;
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (c < 0x80 || char.IsSurrogate(c))
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower != c)
            {
                lowered ??= normalized.ToCharArray();
                lowered[i] = lower;
            }
        }

        return lowered is null ? normalized : new string(lowered);
    }

    // Matches a path already respelled (Respell, then UTF-8) against this pattern respelled the same way.
    internal bool MatchesRespelled(byte[] respelledPath, bool isDirectory, bool ignoreCase)
    {
        var pattern = ignoreCase
            ? respelledFolded ??= RespellPattern(ignoreCase: true)
            : respelled ??= RespellPattern(ignoreCase: false);
        return pattern.MatchesPath(respelledPath, isDirectory, ignoreCase);
    }

    private PathPattern RespellPattern(bool ignoreCase)
    {
        var text = Respell(Text, ignoreCase);
        return text == Text ? this : TryParse(text, out _) ?? this;
    }

    private bool MatchesPath(byte[] path, bool isDirectory, bool caseFold)
    {
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == (byte)'/' && MatchesOne(path, i, true, caseFold))
            {
                return true;
            }
        }

        return MatchesOne(path, path.Length, isDirectory, caseFold);
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private bool MatchesOne(byte[] path, int length, bool isDirectory, bool caseFold)
    {
        if (DirectoryOnly && !isDirectory)
        {
            return false;
        }

        if (BasenameOnly)
        {
            var start = length;
            while (start > 0 && path[start - 1] != (byte)'/')
            {
                start--;
            }

            return Wildmatch.IsMatch(body, Slice(path, start, length - start), pathName: false, caseFold);
        }

        if (length < literalPrefix.Length)
        {
            return false;
        }

        for (var i = 0; i < literalPrefix.Length; i++)
        {
            if (path[i] != literalPrefix[i] && !(caseFold && Wildmatch.Lower(path[i]) == Wildmatch.Lower(literalPrefix[i])))
            {
                return false;
            }
        }

        var rest = literalPrefix.Length == 0 && length == path.Length ? path : Slice(path, literalPrefix.Length, length - literalPrefix.Length);
        return Wildmatch.IsMatch(afterPrefix, rest, pathName: true, caseFold);
    }

    private static byte[] Slice(byte[] source, int start, int length)
    {
        var result = new byte[length];
        Buffer.BlockCopy(source, start, result, 0, length);
        return result;
    }

    // Git drops trailing spaces unless a backslash escapes them.
    internal static string TrimTrailingSpaces(string text)
    {
        var cut = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                i++;
                cut = -1;
            }
            else if (c == ' ')
            {
                if (cut < 0)
                {
                    cut = i;
                }
            }
            else
            {
                cut = -1;
            }
        }

        return cut < 0 ? text : text.Substring(0, cut);
    }

    private static string? Validate(string text)
    {
        var trimmed = TrimTrailingSpaces(text);
        if (trimmed.Length == 0)
        {
            return "a path pattern may not be empty";
        }

        if (trimmed[0] == '!')
        {
            return "'!' (negation) is not used in ScopeGuard patterns: list the path under \"deny\" instead (write \\! for a literal '!')";
        }

        if (trimmed[0] == '#')
        {
            return "a pattern starting with '#' is a comment in .gitignore and matches nothing (write \\# for a literal '#')";
        }

        if (trimmed == "/")
        {
            return "'/' alone matches nothing: use \"**\" for the whole repository";
        }

        if (trimmed.IndexOf("//", StringComparison.Ordinal) >= 0)
        {
            return "a path pattern may not contain an empty segment ('//')";
        }

        if (trimmed.IndexOf('\0') >= 0 || trimmed.IndexOf('\n') >= 0 || trimmed.IndexOf('\r') >= 0)
        {
            return "a path pattern may not contain NUL or line breaks";
        }

        // Without splitting: a manifest of thousands of agents parses tens of thousands of patterns.
        var segmentStart = 0;
        for (var i = 0; i <= trimmed.Length; i++)
        {
            if (i < trimmed.Length && trimmed[i] != '/')
            {
                continue;
            }

            var length = i - segmentStart;
            if ((length == 1 && trimmed[segmentStart] == '.') || (length == 2 && trimmed[segmentStart] == '.' && trimmed[segmentStart + 1] == '.'))
            {
                return "'.' and '..' segments never match a repository path: write the path from the repository root";
            }

            segmentStart = i + 1;
        }

        // Git drops one trailing '/' before it reads escapes and brackets, even after a backslash.
        var body = trimmed.EndsWith("/", StringComparison.Ordinal) ? trimmed.Substring(0, trimmed.Length - 1) : trimmed;
        var escaped = false;
        var bracketOpen = -1;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (escaped)
            {
                escaped = false;
                continue;
            }

            if (c == '\\')
            {
                escaped = true;
            }
            else if (c == '[' && bracketOpen < 0)
            {
                bracketOpen = i;
                var close = FindBracketEnd(body, i, out var unknownClass);
                if (unknownClass is not null)
                {
                    return $"unknown character class '[:{unknownClass}:]' at position {i + 1}: git never matches such a pattern (known: {string.Join(", ", KnownClasses)})";
                }

                if (close < 0)
                {
                    return $"unclosed '[' at position {i + 1}: git never matches such a pattern (write \\[ for a literal '[')";
                }

                i = close;
                bracketOpen = -1;
            }
        }

        if (escaped)
        {
            return body.Length < trimmed.Length
                ? "a backslash before the final '/' escapes nothing (git drops that '/' first) and git never matches such a pattern"
                : "a trailing backslash escapes nothing and git never matches such a pattern";
        }

        return null;
    }

    // Finds the ']' that closes the bracket expression opened at 'open', following wildmatch's reading.
    private static int FindBracketEnd(string text, int open, out string? unknownClass)
    {
        unknownClass = null;
        var i = open + 1;
        if (i < text.Length && (text[i] == '!' || text[i] == '^'))
        {
            i++;
        }

        var first = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ']' && !first)
            {
                return i;
            }

            if (c == '\\')
            {
                i += 2;
            }
            else if (c == '[' && i + 1 < text.Length && text[i + 1] == ':')
            {
                var close = text.IndexOf(']', i + 2);
                if (close < 0)
                {
                    return -1;
                }

                if (close - 1 >= i + 2 && text[close - 1] == ':')
                {
                    var name = text.Substring(i + 2, close - i - 3);
                    if (Array.IndexOf(KnownClasses, name) < 0)
                    {
                        unknownClass = name;
                        return -1;
                    }

                    i = close + 1;
                }
                else
                {
                    i++;
                }
            }
            else
            {
                i++;
            }

            first = false;
        }

        return -1;
    }

    private static readonly string[] KnownClasses =
    [
        "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit",
    ];
}
