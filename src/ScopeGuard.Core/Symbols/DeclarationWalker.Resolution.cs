using System;
using System.Collections.Generic;
using System.Linq;

namespace ScopeGuard.Core.Symbols;

// A declaration's resolved (compiler) form: its ID written a second time by the same TypeNames code,
// with an ITypeNameBinder (the TypeResolver) hooked into it. The primary ID never depends on binding,
// so the diff matches declarations the same whatever the rest of the repository declares.
internal sealed partial class DeclarationWalker
{
    /// <summary>
    /// Gets the binding that writes each member's resolved form (<see cref="DeclarationId.ResolvedName"/>,
    /// <see cref="DeclarationId.ResolvedParameters"/>, also of its alternates); <see langword="null"/>:
    /// names are not resolved.
    /// </summary>
    public ITypeNameBinder? Binder { get; init; }

    // TypeNames with binding, for the type parameters in scope, or null without binding.
    private TypeNames? Bound(IReadOnlyList<string> methodTypeParameters, IReadOnlyCollection<string> valueParameters) =>
        Binder is null ? null : new TypeNames(typeParameters.ToList(), methodTypeParameters, valueParameters, valueTypes, Binder);

    // A member's ID from syntax, with its alternates and, with binding, the resolved form of each.
    // The order of the calls matters: a TypeNames counts the X? it could not classify in the last
    // parameter list it wrote, which the alternates are made from.
    private DeclarationId Identify(
        SymbolKind kind,
        Func<TypeNames, string> name,
        Func<TypeNames, string>? parameters,
        Func<TypeNames, string>? alternateParameters,
        TypeNames names,
        TypeNames? bound)
    {
        var id = Member(kind, name(names), NullIfEmpty(parameters?.Invoke(names)));
        string? resolvedName = null;
        string? resolvedParameters = null;
        if (bound is not null)
        {
            resolvedName = name(bound);
            resolvedParameters = NullIfEmpty(parameters?.Invoke(bound));
        }

        var alternates = alternateParameters is null ? [] : Alternates(id, names, alternateParameters, bound, resolvedName);
        var result = bound is null ? id : WithResolved(id, resolvedName, resolvedParameters);
        return alternates.Count == 0 ? result : With(result, alternates);
    }

    // The ID with a resolved form, kept only where it differs from the ID itself.
    private static DeclarationId WithResolved(DeclarationId id, string? resolvedName, string? resolvedParameters)
    {
        var name = resolvedName == id.Parts[id.Parts.Count - 1] ? null : resolvedName;
        var parameters = resolvedParameters == id.Parameters ? null : resolvedParameters;
        return name is null && parameters is null && !id.IsResolved
            ? id
            : new DeclarationId(id.Kind, id.Parts, id.Parameters, id.NamespaceDepth) { Alternates = id.Alternates, ResolvedName = name, ResolvedParameters = parameters };
    }

    // The same ID (and resolved form) with other alternates.
    private static DeclarationId With(DeclarationId id, IReadOnlyList<DeclarationId> alternates) =>
        new(id.Kind, id.Parts, id.Parameters, id.NamespaceDepth) { Alternates = alternates, ResolvedName = id.ResolvedName, ResolvedParameters = id.ResolvedParameters };
}
