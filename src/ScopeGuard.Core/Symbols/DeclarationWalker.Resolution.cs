using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScopeGuard.Core.Symbols;

// A declaration's resolved (compiler) form: its ID written a second time by the same TypeNames code,
// with an ITypeNameBinder (the TypeResolver) hooked into it. The primary ID never depends on binding,
// so the diff matches declarations the same whatever the rest of the repository declares.
internal sealed partial class DeclarationWalker
{
    private TypeResolver? resolver;
    private DeferredBinder? binder;

    /// <summary>
    /// Gets what names are resolved against, for each member's resolved form
    /// (<see cref="DeclarationId.ResolvedName"/>, <see cref="DeclarationId.ResolvedParameters"/>, also of
    /// its alternates), only for the members the index asks for (<see cref="TypeIndex.ForMembers"/>);
    /// <see langword="null"/>: names are not resolved.
    /// </summary>
    public TypeIndex? Types { get; init; }

    // Made for the first member that needs it: a file with none costs nothing.
    private TypeResolver Resolver => resolver ??= new TypeResolver((CompilationUnitSyntax)tree.GetRoot(), Types!);

    // TypeNames with binding, for the type parameters in scope, or null without an index. The binder
    // makes the resolver only when it is first asked (see Identify: only for members the index resolves).
    private TypeNames? Bound(IReadOnlyList<string> methodTypeParameters, IReadOnlyCollection<string> valueParameters) =>
        Types is null ? null : new TypeNames(typeParameters.ToList(), methodTypeParameters, valueParameters, valueTypes, binder ??= new DeferredBinder(this));

    // The binding for a member of this name (the last part of its ID), or null when it is not resolved.
    private TypeNames? ForMember(TypeNames? bound, string memberName) =>
        bound is not null && Types!.Resolves(memberName) ? bound : null;

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
        bound = ForMember(bound, id.Parts[id.Parts.Count - 1]);
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

    // The walker's resolver, made on the first question.
    private sealed class DeferredBinder(DeclarationWalker walker) : ITypeNameBinder
    {
        public string? Qualifier(SimpleNameSyntax name) => walker.Resolver.Qualifier(name);

        public TypeSyntax? AliasTarget(IdentifierNameSyntax name) => walker.Resolver.AliasTarget(name);

        public bool? IsValueType(NameSyntax name) => walker.Resolver.IsValueType(name);
    }
}
