using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// Tells from a file's text alone, without parsing it, whether the file may declare something a
/// symbol pattern covers: the evaluator skips parsing a side whose text lacks one of the names a
/// restrictive pattern needs (see <see cref="SymbolPattern.RequiredNames"/>).
/// </summary>
internal static class SymbolTextScan
{
    /// <summary>
    /// The names a file must contain, each as written, to declare anything a pattern with these name
    /// parts covers: the parts that are plain identifiers, without wildcards and not made up by the
    /// compiler (see <see cref="SymbolPattern.RequiredNames"/>).
    /// </summary>
    /// <param name="parts">The pattern's name parts.</param>
    /// <returns>The names, each once.</returns>
    public static IReadOnlyList<string> RequiredNames(IEnumerable<string> parts) =>
        parts.SelectMany(LiteralNames).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Tells whether every name occurs in a text.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="names">The names.</param>
    /// <returns>Whether they all occur (true when there are none).</returns>
    public static bool ContainsAll(string text, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (text.IndexOf(name, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Tells whether an identifier in a C# text may have a name that is not written as such (see
    /// <see cref="SymbolPattern.MayHideNames"/>).
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <returns>Whether names must not be searched for in this text.</returns>
    public static bool MayHideNames(string text)
    {
        for (var i = TextFacts.StartsWithByteOrderMark(text) ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && (text[i + 1] == 'u' || text[i + 1] == 'U'))
            {
                return true;
            }

            // By code point, so a formatting character outside the BMP (a surrogate pair) counts too.
            if (c > 0x7F && CharUnicodeInfo.GetUnicodeCategory(text, i) == UnicodeCategory.Format)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> LiteralNames(string part)
    {
        // Generic arity (List`1, Convert``2) is not written in the source.
        var tick = part.IndexOf('`');
        var name = tick >= 0 ? part.Substring(0, tick) : part;

        // An accessor's ID (get_Total) names its property, which the file writes without the prefix.
        foreach (var prefix in AccessorPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                name = name.Substring(prefix.Length);
                break;
            }
        }

        if (name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c == '_') && !IsMadeUp(name))
        {
            yield return name;
        }
    }

    private static readonly string[] AccessorPrefixes = ["get_", "set_", "add_", "remove_"];

    // Names the compiler gives declarations that need not be written in the file.
    private static bool IsMadeUp(string name) =>
        name is "Program" or "Item" or "Finalize" || name.StartsWith("op_", StringComparison.Ordinal);
}
