using System;
using System.Linq;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// Whether a file declares a part of a type or member: the one test behind every lookup of a partial
/// declaration's other parts (the base tree for the hook and the gate, the compilation for the analyzer).
/// Texts that cannot declare it (no <c>partial</c>, or not the name) are not parsed.
/// </summary>
public static class PartialPartSearch
{
    /// <summary>Tells whether <paramref name="text"/> declares <paramref name="id"/>.</summary>
    /// <param name="text">A C# file's text.</param>
    /// <param name="id">The declaration's documentation comment ID.</param>
    /// <returns><see langword="true"/> when a declaration in the text has that ID.</returns>
    public static bool Declares(string text, DeclarationId id)
    {
        if (text is null || id is null)
        {
            return false;
        }

        // The simple name without its generic arity (Box`1 is declared as Box<T>).
        var name = id.Parts[id.Parts.Count - 1];
        var tick = name.IndexOf('`');
        name = tick < 0 ? name : name.Substring(0, tick);
        return text.IndexOf("partial", StringComparison.Ordinal) >= 0
            && text.IndexOf(name, StringComparison.Ordinal) >= 0
            && DeclarationExtractor.Extract(text).Declarations.Any(d => d.Id.Equals(id));
    }
}
