using System;
using System.Collections.Generic;
using System.Text;

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
/// off they are written as they are). Paths reach ScopeGuard as .NET strings; a name that was not valid
/// UTF-8 arrives with U+FFFD in place of each invalid sequence (LibGit2Sharp decodes that way), and is
/// shown as that character: its original bytes are no longer known.
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

        return false;
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

        var bytes = Utf8.GetBytes(path);
        var output = new List<byte>(bytes.Length + 8) { (byte)'"' };
        foreach (var b in bytes)
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
                output.Add((byte)'\\');
                output.Add((byte)('0' + ((b >> 6) & 7)));
                output.Add((byte)('0' + ((b >> 3) & 7)));
                output.Add((byte)('0' + (b & 7)));
            }
            else
            {
                output.Add(b);
            }
        }

        output.Add((byte)'"');
        return Utf8.GetString(output.ToArray());
    }

    /// <summary>
    /// Shows a path inside a sentence: in single quotes when git would not quote it (with
    /// <c>core.quotePath</c> off, so other scripts stay readable), else git's double-quoted form.
    /// </summary>
    /// <param name="path">A repository-relative path.</param>
    /// <returns>The path as a message shows it.</returns>
    public static string InMessage(string path) =>
        NeedsQuoting(path, quotePath: false) ? Quote(path, quotePath: false) : "'" + path + "'";
}
