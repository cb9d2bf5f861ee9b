using System.Text;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Changes;

/// <summary>Turns file bytes into text for the parser, or says the file is not text.</summary>
public static class SourceDecoding
{
    /// <summary>Files above this size are judged by their path alone.</summary>
    public const int MaxParsedBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Decodes UTF-8 (keeping a byte order mark as U+FEFF, so a BOM-only change is visible as trivia)
    /// or UTF-16 with a byte order mark. Returns <see langword="null"/> for binary (a NUL byte in the
    /// first 8000 bytes, as git decides) or oversized content.
    /// </summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public static string? TryDecode(byte[] bytes)
    {
        if (bytes is null || bytes.Length > MaxParsedBytes)
        {
            return null;
        }

        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            var encoding = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return TextFacts.ByteOrderMark + encoding.GetString(bytes, 2, bytes.Length - 2);
        }

        var scan = bytes.Length < 8000 ? bytes.Length : 8000;
        for (var i = 0; i < scan; i++)
        {
            if (bytes[i] == 0)
            {
                return null;
            }
        }

        // Invalid UTF-8 becomes U+FFFD: the parser still attributes everything around it.
        return Encoding.UTF8.GetString(bytes);
    }
}
