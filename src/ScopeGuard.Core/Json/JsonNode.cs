using System.Collections.Generic;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Json;

/// <summary>The kind of a JSON value.</summary>
public enum JsonKind
{
    /// <summary>An object.</summary>
    Object,

    /// <summary>An array.</summary>
    Array,

    /// <summary>A string.</summary>
    String,

    /// <summary>A number.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary><c>null</c>.</summary>
    Null,
}

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

/// <summary>One <c>"name": value</c> member of a JSON object.</summary>
/// <param name="Name">The member name.</param>
/// <param name="NamePosition">Where the name's opening quote is.</param>
/// <param name="Value">The value.</param>
public sealed record JsonMember(string Name, TextPosition NamePosition, JsonNode Value);
