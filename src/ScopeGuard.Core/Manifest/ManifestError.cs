using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Manifest;

/// <summary>One problem in a manifest, located in the file.</summary>
/// <param name="Path">The manifest's path as messages name it.</param>
/// <param name="Position">Where the problem is.</param>
/// <param name="Message">What is wrong and, where it helps, how to fix it.</param>
public sealed record ManifestError(string Path, TextPosition Position, string Message)
{
    /// <summary>Gets the position just after the value the error is about (the same as <see cref="Position"/> when it is about a place, not a value).</summary>
    public TextPosition End { get; init; } = Position;

    /// <summary>Gets the earlier declaration a duplicate or conflicting one is compared with, in the same file, when there is one.</summary>
    public TextRange? Related { get; init; }

    /// <summary>Gets where the error is, start and end.</summary>
    public TextRange Range => new(Position, End);

    /// <inheritdoc/>
    public override string ToString() => $"{Path}({Position.Line},{Position.Column}): error {DiagnosticIds.ManifestInvalid}: {Message}";
}
