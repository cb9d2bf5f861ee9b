namespace ScopeGuard.Core.Text;

/// <summary>Where a piece of text starts and where it ends (the position just after its last character), 1-based.</summary>
/// <param name="Start">The first character.</param>
/// <param name="End">The position after the last character; equal to <paramref name="Start"/> for an empty range.</param>
public readonly record struct TextRange(TextPosition Start, TextPosition End)
{
    /// <summary>Gets an empty range at one position.</summary>
    /// <param name="position">The position.</param>
    /// <returns>The range.</returns>
    public static TextRange At(TextPosition position) => new(position, position);

    /// <inheritdoc />
    public override string ToString() => $"{Start}-{End}";
}
