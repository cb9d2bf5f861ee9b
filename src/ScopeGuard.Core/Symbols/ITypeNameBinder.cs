using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// What binding knows about a type name that syntax alone does not: which namespace a name written
/// without one lives in (through usings or other files), what a <c>using</c> alias stands for, and
/// whether a named type is a value type. <see cref="TypeNames"/> asks it, when one is given, before
/// falling back to writing the name as written; without one, IDs are computed from syntax alone.
/// The walker always writes a declaration's primary ID without one, and writes it again with one
/// (<see cref="TypeResolver"/>, over a <see cref="TypeIndex"/>) for its resolved form
/// (<see cref="DeclarationId.CompilerForm"/>): one way of writing a type name for both.
/// </summary>
internal interface ITypeNameBinder
{
    /// <summary>
    /// The qualifier (namespaces and containing types, dot separated, as a documentation comment ID
    /// writes them) to put before the leftmost simple name of a type name as written, e.g. <c>System</c>
    /// for <c>IDisposable</c>; <see langword="null"/> to keep the name as written.
    /// </summary>
    /// <param name="name">The leftmost simple name (not a type parameter).</param>
    /// <returns>The qualifier, or <see langword="null"/>.</returns>
    string? Qualifier(SimpleNameSyntax name);

    /// <summary>The type a <c>using</c> alias stands for, or <see langword="null"/> when the name is not an alias.</summary>
    /// <param name="name">A type name written as one identifier.</param>
    /// <returns>The aliased type as written in the using directive, or <see langword="null"/>.</returns>
    TypeSyntax? AliasTarget(IdentifierNameSyntax name);

    /// <summary>Whether a named type is a value type (so that <c>X?</c> is <c>System.Nullable{X}</c>), or <see langword="null"/> when unknown.</summary>
    /// <param name="name">The type's name as written.</param>
    /// <returns>The answer, or <see langword="null"/>.</returns>
    bool? IsValueType(NameSyntax name);
}
