using System;

namespace ScopeGuard.Workspace.Tests.Support;

internal static class Text
{
    /// <summary>Gets the 1-based line and column where <paramref name="needle"/> first occurs in <paramref name="text"/>.</summary>
    public static (int Line, int Column) At(string text, string needle)
    {
        var index = text.IndexOf(needle, StringComparison.Ordinal);
        if (index < 0)
        {
            throw new ArgumentException($"'{needle}' is not in the text", nameof(needle));
        }

        var before = text[..index];
        var line = before.Split('\n').Length;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }

    public static string Replace(string text, string old, string @new)
    {
        if (!text.Contains(old, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{old}' is not in the text", nameof(old));
        }

        return text.Replace(old, @new, StringComparison.Ordinal);
    }
}
