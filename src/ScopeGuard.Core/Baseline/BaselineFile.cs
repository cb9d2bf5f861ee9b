using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Baseline;

/// <summary>One C# file as it was at the base commit: its text fingerprint and its fingerprinted declarations.</summary>
/// <param name="Path">The repository-relative path.</param>
/// <param name="TextFingerprint">The fingerprint of its normalized text (<see cref="DeclarationBaseline.Normalize"/>).</param>
/// <param name="Declarations">Its declarations with fingerprints instead of texts (<see cref="DeclarationSet.ToFingerprints"/>).</param>
public sealed record BaselineFile(string Path, string TextFingerprint, DeclarationSet Declarations);
