using System;
using System.Globalization;

namespace ScopeGuard.Git;

/// <summary>Settings from git config that change how the check compares paths.</summary>
public sealed partial class GitWorkspace
{
    /// <summary>
    /// Gets a value indicating whether git treats file names in this repository case-insensitively
    /// (<c>core.ignoreCase</c>, worktree config first, then the repository's, global and system config).
    /// <c>git init</c> and <c>git clone</c> set it to true on a case-insensitive file system (Windows, macOS).
    /// Unset is false, as in git. A value git would refuse as a boolean counts as true: the check then
    /// matches <c>deny</c> and protected paths in every case, the stricter reading.
    /// Pass it to the evaluator: <c>new ScopeEvaluator(manifest, new PathMatchOptions(workspace.IgnoreCase))</c>.
    /// </summary>
    public bool IgnoreCase => ParseBoolean(ReadConfig("core.ignorecase")) ?? true;

    /// <summary>
    /// Gets a value indicating whether git shows non-ASCII bytes of a path as octal escapes
    /// (<c>core.quotePath</c>, true unless set to false). Reporters pass it to
    /// <c>GitPathQuoting.Quote</c>; names with control characters are quoted either way.
    /// </summary>
    public bool QuotePath
    {
        get
        {
            var value = ReadConfig("core.quotepath");
            return value is null || (ParseBoolean(value) ?? true);
        }
    }

    // Git's reading of a boolean (git-config(1), "boolean"): null for a value it would refuse.
    internal static bool? ParseBoolean(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var text = value.Trim();
        if (text.Length == 0 || Is(text, "false") || Is(text, "no") || Is(text, "off"))
        {
            return false;
        }

        if (Is(text, "true") || Is(text, "yes") || Is(text, "on"))
        {
            return true;
        }

        var multiplier = 1L;
        var last = char.ToLowerInvariant(text[text.Length - 1]);
        if (last is 'k' or 'm' or 'g')
        {
            multiplier = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            text = text.Substring(0, text.Length - 1);
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number * multiplier != 0 : null;

        static bool Is(string text, string word) => string.Equals(text, word, StringComparison.OrdinalIgnoreCase);
    }
}
