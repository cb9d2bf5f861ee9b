using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// Binds the type names written in one file, without a compilation, from what the file says and what
/// the index and the SDK declare: the <see cref="ITypeNameBinder"/> that <see cref="TypeNames"/> asks, so
/// that a resolved ID is written by the same code as a syntax-only one. Follows C#'s lookup order: the
/// containing types' nested types, then for each enclosing namespace from the innermost out: its types
/// (or a child namespace, for a qualified name), then the aliases and the <c>using</c> namespaces of that
/// namespace declaration (at the top: the file's and the global ones). A name two <c>using</c>s both
/// provide, or nothing provides, is left as written (<see langword="null"/>). Whether a named type is a
/// value type is not known (the index records names, not kinds): <see cref="IsValueType"/> says nothing.
/// </summary>
internal sealed class TypeResolver : ITypeNameBinder
{
    private readonly TypeIndex index;
    private readonly HashSet<string> fileTypes = new(StringComparer.Ordinal);
    private readonly HashSet<string> fileNamespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<SyntaxNode, string> fullNames = [];
    private readonly Dictionary<SyntaxNode, Imports> imports = [];
    private readonly CompilationUnitSyntax root;
    private Imports? top;

    public TypeResolver(CompilationUnitSyntax root, TypeIndex index)
    {
        this.root = root;
        this.index = index;
        Collect(root.Members, string.Empty);
    }

    /// <summary>Gets the index names are resolved against.</summary>
    public TypeIndex Index => index;

    /// <summary>Gets the <c>global using</c> directives of a file, for a <see cref="TypeIndex"/>.</summary>
    public static IReadOnlyList<GlobalUsing> GlobalUsingsOf(CompilationUnitSyntax root)
    {
        var result = new List<GlobalUsing>();
        foreach (var directive in root.Usings)
        {
            if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.NamespaceOrType is { } target)
            {
                result.Add(new GlobalUsing(directive.Alias?.Name.Identifier.ValueText, Written(target))
                {
                    TargetSource = directive.Alias is null ? null : target.ToString(),
                });
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public string? Qualifier(SimpleNameSyntax name)
    {
        var found = Lookup(name);
        return found.Alias is null && found.Qualifier is { Length: > 0 } qualifier ? qualifier : null;
    }

    /// <inheritdoc/>
    public TypeSyntax? AliasTarget(IdentifierNameSyntax name) => Lookup(name).Alias;

    /// <inheritdoc/>
    public bool? IsValueType(NameSyntax name) => null;

    // What the leftmost simple name of a type name binds to: a qualifier (possibly empty: global, or a
    // full namespace written out), an alias's target, or neither (left as written).
    private (string? Qualifier, TypeSyntax? Alias) Lookup(SimpleNameSyntax first)
    {
        if (first.Parent is AliasQualifiedNameSyntax)
        {
            return (null, null); // global:: (already full) or an extern alias
        }

        var firstMeta = Meta(first);
        var qualified = first.Parent is QualifiedNameSyntax q && q.Left == first;

        // Nested types of the containing types, innermost first. A type nested in a generic type stays as
        // written: the compiler writes it with its container's type arguments (Box{`0}.Item).
        foreach (var ancestor in first.Ancestors())
        {
            if (ancestor is TypeDeclarationSyntax && fullNames.TryGetValue(ancestor, out var container) && Known(container + "." + firstMeta))
            {
                return (container.IndexOf('`') >= 0 ? null : container, null);
            }
        }

        foreach (var (ns, scope) in Levels(first))
        {
            var prefix = ns.Length == 0 ? string.Empty : ns + ".";
            if (Known(prefix + firstMeta) || (qualified && KnownNamespace(prefix + first.Identifier.ValueText)))
            {
                return (ns, null);
            }

            if (scope is null)
            {
                continue;
            }

            if (first is IdentifierNameSyntax && scope.TryGetAlias(first.Identifier.ValueText, out var target))
            {
                return (null, target);
            }

            string? found = null;
            foreach (var candidate in scope.Namespaces)
            {
                if (Known(candidate + "." + firstMeta) && found != candidate)
                {
                    if (found is not null)
                    {
                        return (null, null); // two usings provide it: the compiler would refuse it as ambiguous
                    }

                    found = candidate;
                }
            }

            if (found is not null)
            {
                return (found, null);
            }
        }

        return (null, null);
    }

    // The enclosing namespaces from the innermost out, each with the imports of the namespace
    // declaration it is (null for the outer parts of a dotted declaration, which import nothing). The
    // target of a using directive is bound without the directives beside it (C# applies none of them to
    // it), and one parsed on its own (a global alias of another file) without the file's.
    private IEnumerable<(string Namespace, Imports? Scope)> Levels(SyntaxNode node)
    {
        var directive = node.FirstAncestorOrSelf<UsingDirectiveSyntax>();
        foreach (var ancestor in node.Ancestors())
        {
            if (ancestor is not BaseNamespaceDeclarationSyntax ns || !fullNames.TryGetValue(ns, out var full))
            {
                continue;
            }

            yield return (full, directive?.Parent == ns ? null : imports[ns]);
            var parent = ns.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault();
            var stop = parent is not null && fullNames.TryGetValue(parent, out var p) ? p : string.Empty;
            for (var name = Parent(full); name.Length > stop.Length; name = Parent(name))
            {
                yield return (name, null);
            }
        }

        // The file's and the global usings (made on first use: they ask a deferred index for its global
        // usings), except for a using directive's target at the top or a target parsed on its own.
        var inThisFile = node.SyntaxTree == root.SyntaxTree;
        yield return (string.Empty, !inThisFile || directive?.Parent == root ? null : (top ??= ImportsOf(root.Usings, includeGlobal: true)));
    }

    private static string Parent(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? string.Empty : name.Substring(0, dot);
    }

    private bool Known(string fullName) => fileTypes.Contains(fullName) || BclTypes.ContainsType(fullName) || index.DeclaresType(fullName);

    private bool KnownNamespace(string name) => fileNamespaces.Contains(name) || BclTypes.ContainsNamespace(name) || index.DeclaresNamespace(name);

    private static string Meta(SimpleNameSyntax name) => name is GenericNameSyntax g
        ? name.Identifier.ValueText + "`" + g.TypeArgumentList.Arguments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : name.Identifier.ValueText;

    // The namespaces and types the file declares, with the full name of each declaration node.
    private void Collect(SyntaxList<MemberDeclarationSyntax> members, string prefix)
    {
        foreach (var member in members)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    var name = prefix + Written(ns.Name);
                    fullNames[ns] = name;
                    imports[ns] = ImportsOf(ns.Usings, includeGlobal: false);
                    TypeIndex.AddNamespaceAndPrefixes(fileNamespaces, name);
                    Collect(ns.Members, name + ".");
                    break;
                case BaseTypeDeclarationSyntax type when type is not ExtensionBlockDeclarationSyntax:
                    var arity = (type as TypeDeclarationSyntax)?.TypeParameterList?.Parameters.Count ?? 0;
                    var full = prefix + type.Identifier.ValueText + (arity == 0 ? string.Empty : "`" + arity.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    fileTypes.Add(full);
                    fullNames[type] = full;
                    if (type is TypeDeclarationSyntax withMembers)
                    {
                        Collect(withMembers.Members, full + ".");
                    }

                    break;
                case DelegateDeclarationSyntax @delegate:
                    var delegateArity = @delegate.TypeParameterList?.Parameters.Count ?? 0;
                    fileTypes.Add(prefix + @delegate.Identifier.ValueText + (delegateArity == 0 ? string.Empty : "`" + delegateArity.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
            }
        }
    }

    private Imports ImportsOf(SyntaxList<UsingDirectiveSyntax> usings, bool includeGlobal)
    {
        var namespaces = new List<string>();
        var aliases = new Dictionary<string, TypeSyntax>(StringComparer.Ordinal);
        foreach (var directive in usings)
        {
            if (directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) || directive.NamespaceOrType is not { } target)
            {
                continue;
            }

            if (directive.Alias is { } alias)
            {
                aliases[alias.Name.Identifier.ValueText] = target;
            }
            else
            {
                namespaces.Add(Written(target));
            }
        }

        if (includeGlobal)
        {
            namespaces.AddRange(index.GlobalUsings);
            foreach (var alias in index.GlobalAliasTargets)
            {
                if (!aliases.ContainsKey(alias.Key))
                {
                    aliases[alias.Key] = alias.Value;
                }
            }
        }

        return new Imports(namespaces.Distinct(StringComparer.Ordinal).ToList(), aliases);
    }

    // A using's namespace (or a global alias's target, for the index) in the ID form of the name as
    // written: the compiler applies no other using directive to it.
    private static string Written(TypeSyntax type) => new TypeNames([], []).Name(type);

    private sealed class Imports(IReadOnlyList<string> namespaces, Dictionary<string, TypeSyntax> aliases)
    {
        public IReadOnlyList<string> Namespaces { get; } = namespaces;

        public bool TryGetAlias(string name, out TypeSyntax target) => aliases.TryGetValue(name, out target!);
    }
}
