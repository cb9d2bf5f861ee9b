using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Baseline;

/// <summary>How a file differs from its base: the change as a change set would list it, and its declaration diff.</summary>
/// <param name="Change">The change (added or modified; the analyzer cannot see renames or deletions).</param>
/// <param name="Diff">The declaration diff.</param>
/// <param name="Current">The current declarations (for locating findings).</param>
public sealed record BaselineComparison(FileChange Change, FileDeclarationDiff Diff, DeclarationSet Current);
