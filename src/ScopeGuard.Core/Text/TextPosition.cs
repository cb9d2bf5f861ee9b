namespace ScopeGuard.Core.Text;

/// <summary>A 1-based line and column in a text file (columns count UTF-16 code units).</summary>
/// <param name="Line">The line, from 1.</param>
/// <param name="Column">The column, from 1.</param>
public readonly record struct TextPosition(int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Line}:{Column}";
}
