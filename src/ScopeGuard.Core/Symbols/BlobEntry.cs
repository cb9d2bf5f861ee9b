namespace ScopeGuard.Core.Symbols;

/// <summary>
/// What the evaluator knows about one blob (one side of a changed C# file) without reading it again:
/// whether it can be parsed, whether the restrictive rules' names occur in it, and, once it was parsed,
/// its full declaration table as fingerprints (<see cref="DeclarationSet.ToFingerprints"/>).
/// </summary>
/// <param name="Unparseable">Why the bytes are not C# text (binary, too large), or <see langword="null"/> for text.</param>
/// <param name="MayDeclare">
/// For text: whether it may declare something a restrictive rule covers (the names of the rules occur in
/// it, or it may hide names: see <see cref="SymbolPattern.MayHideNames"/>). False is the "no restricted
/// name occurs" marker, valid only for the names the entry's context names.
/// </param>
/// <param name="ContainsPartial">For text: whether the word <c>partial</c> occurs in it.</param>
/// <param name="Table">The declaration table as fingerprints, or <see langword="null"/> when the text was not parsed.</param>
internal sealed record BlobEntry(string? Unparseable, bool MayDeclare, bool ContainsPartial, DeclarationSet? Table);
