using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Manifest;

/// <summary>A pattern as written in the manifest, with where it was written.</summary>
/// <typeparam name="T">The parsed pattern.</typeparam>
/// <param name="Source">The text as written, before placeholder expansion.</param>
/// <param name="Pattern">The parsed pattern.</param>
/// <param name="Position">Where the string starts in the manifest.</param>
/// <param name="Origin">The manifest property it came from, e.g. <c>agents.billing.paths</c>.</param>
public sealed record ManifestEntry<T>(string Source, T Pattern, TextPosition Position, string Origin)
{
    /// <summary>Gets the position just after the pattern's closing quote.</summary>
    public TextPosition End { get; init; } = Position;

    /// <summary>Gets where the pattern (with its quotes) starts and ends.</summary>
    public TextRange Range => new(Position, End);

    /// <summary>Gets how a message names this rule: the pattern and where it is.</summary>
    public string Describe(string manifestPath) => $"'{Source}' ({Origin}, {manifestPath}:{Position})";
}
