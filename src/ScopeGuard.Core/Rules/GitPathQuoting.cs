using System;
using System.Collections.Generic;
using System.Text;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Rules;

/// <summary>
/// Shows a path the way git shows it in <c>git status</c> and <c>git diff --name-only</c> (git's
/// <c>quote_c_style</c>): unchanged when nothing in it needs quoting, otherwise in double quotes with
/// C escapes, so a name with a line break or a tab stays on one line and a reader can tell where it ends.
/// </summary>
/// <remarks>
/// A path needs quoting when it holds a control character (U+0000–U+001F, U+007F), <c>"</c> or
/// <c>\</c>, or, with <c>core.quotePath</c> on (git's default), any byte of 0x80 or above in its UTF-8
/// form. Escapes are <c>\a \b \t \n \v \f \r \" \\</c>, and three octal digits for any other byte
/// that needs one (other control characters always; bytes from 0x80 only with quotePath on: with it
/// off they are written as they are). A name that is not valid UTF-8 holds its invalid bytes as
/// <see cref="GitPathEncoding"/> escapes them; each is written as three octal digits whatever
/// <c>core.quotePath</c> says (a report is UTF-8 text, so the raw byte cannot be written), which is how
/// git shows it by default.
/// </remarks>
public static class GitPathQuoting
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Gets a value indicating whether git would quote <paramref name="path"/>.</summary>
    /// <param name="path">A repository-relative path.</param>
    /// <param name="quotePath">Git's <c>core.quotePath</c>: whether non-ASCII characters are escaped too.</param>
    /// <returns><see langword="true"/> when <see cref="Quote"/> changes the path.</returns>
    public static bool NeedsQuoting(string path, bool quotePath)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        foreach (var c in path)
        {
            if (c < 0x20 || c == 0x7F || c == '"' || c == '\\' || (quotePath && c >= 0x80))
            {
                return true;
            }
        }

        return GitPathEncoding.HasInvalidBytes(path);
    }

    /// <summary>Quotes a path as git does; returns it unchanged when it needs no quoting.</summary>
    /// <param name="path">A repository-relative path.</param>
    /// <param name="quotePath">Git's <c>core.quotePath</c> (true by default in git).</param>
    /// <returns>The path, or <c>"…"</c> with C escapes.</returns>
    public static string Quote(string path, bool quotePath)
    {
        if (!NeedsQuoting(path, quotePath))
        {
            return path;
        }

        var output = new List<byte>(path.Length + 8) { (byte)'"' };
        for (var i = 0; i < path.Length; i++)
        {
            if (GitPathEncoding.IsEscapedByte(path, i))
            {
                AddOctal(output, (byte)(path[i] - 0xDC00));
                continue;
            }

            var width = char.IsHighSurrogate(path[i]) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1]) ? 2 : 1;
            foreach (var b in GitPathEncoding.Encode(path.Substring(i, width)))
            {
                AddByte(output, b, quotePath);
            }

            i += width - 1;
        }

        output.Add((byte)'"');
        return Utf8.GetString(output.ToArray());
    }

    private static void AddByte(List<byte> output, byte b, bool quotePath)
    {
        var escape = b switch
        {
            0x07 => 'a',
            0x08 => 'b',
            (byte)'\t' => 't',
            (byte)'\n' => 'n',
            0x0B => 'v',
            0x0C => 'f',
            (byte)'\r' => 'r',
            (byte)'"' => '"',
            (byte)'\\' => '\\',
            _ => '\0',
        };
        if (escape != '\0')
        {
            output.Add((byte)'\\');
            output.Add((byte)escape);
        }
        else if (b < 0x20 || b == 0x7F || (quotePath && b >= 0x80))
        {
            AddOctal(output, b);
        }
        else
        {
            output.Add(b);
        }
    }

    private static void AddOctal(List<byte> output, byte b)
    {
        output.Add((byte)'\\');
        output.Add((byte)('0' + ((b >> 6) & 7)));
        output.Add((byte)('0' + ((b >> 3) & 7)));
        output.Add((byte)('0' + (b & 7)));
    }

    /// <summary>
    /// Gets a path for a machine-read report (JSON, GitHub annotations): the path itself, which a JSON
    /// string carries whatever characters it holds, except a name that is not valid UTF-8, which Unicode
    /// text cannot carry: that one in git's quoted form (<c>"src/a\377.cs"</c>), as git prints it.
    /// </summary>
    /// <param name="path">A repository-relative path.</param>
    /// <returns>The path, or git's quoted form of it.</returns>
    public static string ForMachine(string path) =>
        GitPathEncoding.HasInvalidBytes(path) ? Quote(path, quotePath: false) : path;

    /// <summary>
    /// Shows a path inside a sentence: in single quotes when git would not quote it (with
    /// <c>core.quotePath</c> off, so other scripts stay readable), else git's double-quoted form.
    /// </summary>
    /// <param name="path">A repository-relative path.</param>
    /// <returns>The path as a message shows it.</returns>
    public static string InMessage(string path) =>
        NeedsQuoting(path, quotePath: false) ? Quote(path, quotePath: false) : "'" + path + "'";
}
