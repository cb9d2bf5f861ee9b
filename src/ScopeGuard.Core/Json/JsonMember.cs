using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Json;

/// <summary>One <c>"name": value</c> member of a JSON object.</summary>
/// <param name="Name">The member name.</param>
/// <param name="NamePosition">Where the name's opening quote is.</param>
/// <param name="Value">The value.</param>
public sealed record JsonMember(string Name, TextPosition NamePosition, JsonNode Value)
{
    /// <summary>Gets the position just after the name's closing quote.</summary>
    public TextPosition NameEnd { get; init; }

    /// <summary>Gets where the name (with its quotes) starts and ends.</summary>
    public TextRange NameRange => new(NamePosition, NameEnd);
}
