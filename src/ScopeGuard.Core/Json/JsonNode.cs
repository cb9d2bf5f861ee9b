using System.Collections.Generic;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Json;

/// <summary>A JSON value that remembers where it was written.</summary>
public sealed class JsonNode
{
    internal JsonNode(JsonKind kind, TextPosition position)
    {
        Kind = kind;
        Position = position;
    }

    /// <summary>Gets the kind of value.</summary>
    public JsonKind Kind { get; }

    /// <summary>Gets where the value starts.</summary>
    public TextPosition Position { get; }

    /// <summary>Gets the position just after the value's last character.</summary>
    public TextPosition End { get; internal set; }

    /// <summary>Gets where the value starts and ends.</summary>
    public TextRange Range => new(Position, End);

    /// <summary>Gets the text of a string, the literal text of a number, or "true"/"false"/"null".</summary>
    public string Text { get; internal set; } = string.Empty;

    /// <summary>Gets the members of an object, in order, duplicates kept.</summary>
    public IReadOnlyList<JsonMember> Members { get; internal set; } = [];

    /// <summary>Gets the items of an array.</summary>
    public IReadOnlyList<JsonNode> Items { get; internal set; } = [];

    /// <summary>Gets the JSON name of this value's kind, for messages.</summary>
    public string KindName => Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.Boolean => "a boolean",
        _ => "null",
    };
}
