using System;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Json;

/// <summary>A JSON syntax error with its position.</summary>
public sealed class JsonSyntaxException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="JsonSyntaxException"/> class.</summary>
    /// <param name="position">Where the error is.</param>
    /// <param name="message">What is wrong.</param>
    public JsonSyntaxException(TextPosition position, string message)
        : base(message)
    {
        Position = position;
    }

    /// <summary>Gets where the error is.</summary>
    public TextPosition Position { get; }
}
