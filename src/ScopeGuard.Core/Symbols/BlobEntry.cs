using System.Collections.Generic;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// What the evaluator knows about one blob (one side of a changed C# file) without reading it again:
/// whether it can be parsed, what a scan of its text found, and, once it was parsed, its full declaration
/// table as fingerprints (<see cref="DeclarationSet.ToFingerprints"/>). Nothing in it depends on an agent
/// except <see cref="Names"/>, which records the scan for each set of names separately.
/// </summary>
/// <param name="Unparseable">Why the bytes are not C# text (binary, too large), or <see langword="null"/> for text.</param>
/// <param name="MayHideNames">For text: whether an identifier in it may have a name not written as such (<see cref="SymbolPattern.MayHideNames"/>).</param>
/// <param name="ContainsPartial">For text: whether the word <c>partial</c> occurs in it.</param>
/// <param name="Table">The declaration table as fingerprints, or <see langword="null"/> when the text was not parsed.</param>
/// <param name="Names">
/// For each set of restrictive patterns the text was scanned for (<see cref="DeclarationTables.NamesKeyOf"/>):
/// whether one pattern's required names all occur in it. False is the "no restricted name occurs" marker.
/// </param>
internal sealed record BlobEntry(string? Unparseable, bool MayHideNames, bool ContainsPartial, DeclarationSet? Table, IReadOnlyList<(ulong Key, bool Present)> Names)
{
    /// <summary>At most this many name sets are remembered per blob (the newest).</summary>
    public const int MaxNameSets = 16;

    /// <summary>Gets what a scan of a text records, before any parse or name search: the entry every text side starts as.</summary>
    /// <param name="text">The decoded text.</param>
    /// <returns>A text entry with no table and no name-set results.</returns>
    public static BlobEntry Scanned(string text) => new(null, SymbolPattern.MayHideNames(text), MentionsPartial(text), Table: null, Names: []);

    /// <summary>Gets whether the word <c>partial</c> occurs in a text (the lexical test before any search for partial parts).</summary>
    /// <param name="text">The text, or <see langword="null"/> for none.</param>
    /// <returns><see langword="true"/> when it occurs.</returns>
    public static bool MentionsPartial(string? text) => text is not null && text.IndexOf("partial", System.StringComparison.Ordinal) >= 0;

    /// <summary>Gets whether the names of a set occur, or <see langword="null"/> when the text was not scanned for it.</summary>
    public bool? NamesPresent(ulong key)
    {
        foreach (var (k, present) in Names)
        {
            if (k == key)
            {
                return present;
            }
        }

        return null;
    }

    /// <summary>Gets the entry with one more scan result (the oldest forgotten beyond <see cref="MaxNameSets"/>).</summary>
    public BlobEntry WithNames(ulong key, bool present)
    {
        var names = new List<(ulong Key, bool Present)>(Names.Count + 1);
        foreach (var n in Names)
        {
            if (n.Key != key)
            {
                names.Add(n);
            }
        }

        names.Add((key, present));
        if (names.Count > MaxNameSets)
        {
            names.RemoveRange(0, names.Count - MaxNameSets);
        }

        return this with { Names = names };
    }
}
