using System;

namespace ScopeGuard.Cli.Tests.Support;

/// <summary>
/// Text with one <c>‸</c> marking where a diagnostic must point; the marker is removed and its
/// 1-based line and column (UTF-16 code units, as editors count them) are returned.
/// </summary>
internal static class MarkedText
{
    public const char Marker = '‸';

    public static (string Text, int Line, int Column) Parse(string marked)
    {
        var at = marked.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0 || marked.IndexOf(Marker, at + 1) >= 0)
        {
            throw new ArgumentException("mark exactly one position with ‸", nameof(marked));
        }

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < at; i++)
        {
            if (marked[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (marked.Remove(at, 1), line, at - lineStart + 1);
    }
}
