using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// One declaration found in a C# file, with fingerprints of its signature and body taken from its
/// tokens (trivia ignored, except conditional-compilation directives and disabled code).
/// </summary>
/// <param name="Id">The documentation comment ID.</param>
/// <param name="Position">Where its identifier is (1-based).</param>
/// <param name="Signature">The signature tokens: attributes, modifiers, name, type parameters, parameters, constraints, base list, accessor shapes.</param>
/// <param name="Body">The body tokens: method and accessor bodies, expression bodies, initializers, constructor initializers.</param>
/// <param name="Text">The declaration's own text with trivia (nested declarations excluded).</param>
public sealed record Declaration(DeclarationId Id, TextPosition Position, string Signature, string Body, string Text)
{
    /// <summary>
    /// Gets whether this is a <c>partial</c> declaration (a type part, or a part of a partial method,
    /// property or event), when known apart from <see cref="Signature"/> (kept when the texts are replaced
    /// by fingerprints); <see langword="null"/>: read the signature.
    /// </summary>
    public bool? PartialPart { get; init; }
}
