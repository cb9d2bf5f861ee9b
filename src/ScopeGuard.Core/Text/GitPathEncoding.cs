using System;
using System.Collections.Generic;

namespace ScopeGuard.Core.Text;

/// <summary>
/// Git paths are bytes, usually but not always UTF-8. ScopeGuard holds a path as a .NET string without
/// losing a byte: valid UTF-8 is decoded as usual, and each byte of an invalid sequence becomes the lone
/// low surrogate U+DC80–U+DCFF whose low byte it is (the "surrogate escape" scheme). Two names that differ
/// only in invalid bytes stay two names, and <see cref="Encode"/> gives git's bytes back for quoting
/// (<c>"\377"</c>, as <c>git diff --name-only</c> shows them) and for URIs (<c>%FF</c>).
/// </summary>
public static class GitPathEncoding
{
    private const char EscapeBase = '\uDC00';

    /// <summary>Decodes git's bytes; invalid UTF-8 bytes become lone surrogates U+DC80–U+DCFF.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="start">Where the path starts.</param>
    /// <param name="count">How many bytes it has.</param>
    /// <returns>The path.</returns>
    public static string Decode(byte[] bytes, int start, int count)
    {
        if (bytes is null)
        {
            throw new ArgumentNullException(nameof(bytes));
        }

        var chars = new char[count * 2];
        var length = 0;
        var end = start + count;
        for (var i = start; i < end;)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                chars[length++] = (char)b;
                i++;
                continue;
            }

            var sequence = SequenceLength(bytes, i, end, out var codePoint);
            if (sequence == 0)
            {
                chars[length++] = (char)(EscapeBase + b);
                i++;
                continue;
            }

            if (codePoint >= 0x10000)
            {
                codePoint -= 0x10000;
                chars[length++] = (char)(0xD800 + (codePoint >> 10));
                chars[length++] = (char)(0xDC00 + (codePoint & 0x3FF));
            }
            else
            {
                chars[length++] = (char)codePoint;
            }

            i += sequence;
        }

        return new string(chars, 0, length);
    }

    /// <summary>Gets git's bytes of a path <see cref="Decode"/> made (UTF-8, with escaped bytes restored).</summary>
    /// <param name="path">The path.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Encode(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        var bytes = new List<byte>(path.Length + 8);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else if (c < 0x800)
            {
                bytes.Add((byte)(0xC0 | (c >> 6)));
                bytes.Add((byte)(0x80 | (c & 0x3F)));
            }
            else if (char.IsHighSurrogate(c) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, path[i + 1]);
                i++;
                bytes.Add((byte)(0xF0 | (codePoint >> 18)));
                bytes.Add((byte)(0x80 | ((codePoint >> 12) & 0x3F)));
                bytes.Add((byte)(0x80 | ((codePoint >> 6) & 0x3F)));
                bytes.Add((byte)(0x80 | (codePoint & 0x3F)));
            }
            else if (IsEscapedByte(path, i))
            {
                bytes.Add((byte)(c - EscapeBase));
            }
            else
            {
                // Any other lone surrogate cannot come from git's bytes: write U+FFFD, as UTF-8 encoders do.
                var scalar = char.IsSurrogate(c) ? '\uFFFD' : c;
                bytes.Add((byte)(0xE0 | (scalar >> 12)));
                bytes.Add((byte)(0x80 | ((scalar >> 6) & 0x3F)));
                bytes.Add((byte)(0x80 | (scalar & 0x3F)));
            }
        }

        return bytes.ToArray();
    }

    /// <summary>Gets a value indicating whether a path holds bytes that are not valid UTF-8.</summary>
    /// <param name="path">The path.</param>
    /// <returns><see langword="true"/> when <see cref="Decode"/> escaped at least one byte.</returns>
    public static bool HasInvalidBytes(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        for (var i = 0; i < path.Length; i++)
        {
            if (IsEscapedByte(path, i))
            {
                return true;
            }

            if (char.IsHighSurrogate(path[i]) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1]))
            {
                i++;
            }
        }

        return false;
    }

    /// <summary>Gets a value indicating whether the character at <paramref name="index"/> stands for one invalid byte.</summary>
    /// <param name="path">The path.</param>
    /// <param name="index">The position.</param>
    /// <returns><see langword="true"/> for a lone surrogate U+DC80–U+DCFF.</returns>
    public static bool IsEscapedByte(string path, int index)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        var c = path[index];
        return c >= '\uDC80' && c <= '\uDCFF' && (index == 0 || !char.IsHighSurrogate(path[index - 1]));
    }

    // The length of the valid UTF-8 sequence at i (2-4 bytes), or 0 when it is not one: a stray
    // continuation byte, a truncated sequence, an overlong form, a surrogate or a value above U+10FFFF.
    private static int SequenceLength(byte[] bytes, int i, int end, out int codePoint)
    {
        var lead = bytes[i];
        int length;
        int min;
        if (lead >= 0xC2 && lead <= 0xDF)
        {
            (length, min, codePoint) = (2, 0x80, lead & 0x1F);
        }
        else if (lead >= 0xE0 && lead <= 0xEF)
        {
            (length, min, codePoint) = (3, 0x800, lead & 0x0F);
        }
        else if (lead >= 0xF0 && lead <= 0xF4)
        {
            (length, min, codePoint) = (4, 0x10000, lead & 0x07);
        }
        else
        {
            codePoint = 0;
            return 0;
        }

        if (i + length > end)
        {
            return 0;
        }

        for (var k = 1; k < length; k++)
        {
            var next = bytes[i + k];
            if ((next & 0xC0) != 0x80)
            {
                return 0;
            }

            codePoint = (codePoint << 6) | (next & 0x3F);
        }

        return codePoint < min || (codePoint >= 0xD800 && codePoint <= 0xDFFF) || codePoint > 0x10FFFF ? 0 : length;
    }
}
