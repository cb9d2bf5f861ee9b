namespace ScopeGuard.Core.Rules;

/// <summary>
/// One thing out of scope, the same for every front end. Its help page is
/// <see cref="DiagnosticIds.HelpPage"/> of <see cref="Id"/>; each front end resolves it where its docs are.
/// </summary>
/// <param name="Id">The diagnostic ID (see <see cref="DiagnosticIds"/>).</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Agent">The agent judged, or <see langword="null"/> when none was identified.</param>
/// <param name="Path">The repository-relative path, or <see langword="null"/> for findings about the commit as a whole.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="Symbol">The C# symbol's documentation ID, when the finding is about one.</param>
/// <param name="Rule">The manifest rule that decided, as a message would name it.</param>
/// <param name="Message">The full message.</param>
public sealed record Finding(
    string Id,
    FindingSeverity Severity,
    string? Agent,
    string? Path,
    int Line,
    int Column,
    string? Symbol,
    string Rule,
    string Message)
{
    /// <summary>Gets the commit that introduced the finding, when a range check was asked to say (<c>--per-commit</c>).</summary>
    public string? Commit { get; init; }

    /// <summary>
    /// Gets, for a removed declaration, where it stood in the old text and what the finding's
    /// <see cref="Line"/> and <see cref="Column"/> point at instead (its surviving container, or the
    /// start of the file); <see langword="null"/> for every other finding.
    /// </summary>
    public Symbols.Removal? Removal { get; init; }

    /// <summary>Gets where the text the finding is about ends (the position after it), when it is known: a manifest value.</summary>
    public Text.TextPosition? End { get; init; }

    /// <summary>Gets an earlier place in the same file the finding refers to (the first of two duplicates), when there is one.</summary>
    public Text.TextRange? Related { get; init; }
}
