namespace ScopeGuard.Core.Text;

/// <summary>Characters with one meaning everywhere in Core: the byte order mark and git's wildcard characters.</summary>
internal static class TextFacts
{
    /// <summary>
    /// U+FEFF, the byte order mark as decoded text. The compiler strips it, git keeps it: Core treats it
    /// as trivia of the file, never as part of a name.
    /// </summary>
    public const char ByteOrderMark = '\uFEFF';

    /// <summary>
    /// The characters that make a git pattern (wildmatch) more than a literal: <c>*</c>, <c>?</c>,
    /// <c>[</c> and the escaping backslash. <see cref="IsWildcardCharacter"/> tests the same set.
    /// </summary>
    public static readonly char[] WildcardCharacters = ['*', '?', '[', '\\'];

    /// <summary>Tells whether a text starts with a byte order mark.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Whether its first character is U+FEFF.</returns>
    public static bool StartsWithByteOrderMark(string text) => text.Length > 0 && text[0] == ByteOrderMark;

    /// <summary>Tells whether a character is one of <see cref="WildcardCharacters"/> (a pattern matcher's hot path: no array lookup).</summary>
    /// <param name="c">The character (a pattern byte widens to it).</param>
    /// <returns>Whether it is special in a git pattern.</returns>
    public static bool IsWildcardCharacter(char c) => c is '*' or '?' or '[' or '\\';
}
