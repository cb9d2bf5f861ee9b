using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// Resolves a type name written in one file to its full name, without a compilation, from what the
/// file says and what the index and the SDK declare. Follows C#'s lookup order: the containing types'
/// nested types, then for each enclosing namespace from the innermost out: its types (or a child
/// namespace, for a qualified name), then the aliases and the <c>using</c> namespaces of that
/// namespace declaration (at the top: the file's and the global ones). A name two <c>using</c>s both
/// provide, or nothing provides, is left as written (<see langword="null"/>).
/// </summary>
internal sealed class TypeResolver
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
        this.index = index;
        this.root = root;
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
                result.Add(new GlobalUsing(directive.Alias?.Name.Identifier.ValueText, Written(target)));
            }
        }

        return result;
    }

    /// <summary>Resolves a name; <paramref name="format"/> writes its type arguments.</summary>
    /// <returns>The name as the compiler writes it in an ID, or <see langword="null"/> to keep it as written.</returns>
    public string? Resolve(NameSyntax name, Func<TypeSyntax, string> format)
    {
        var segments = new List<SimpleNameSyntax>();
        if (!Flatten(name, segments))
        {
            return null; // global:: (already full) or an extern alias
        }

        var written = segments.Select(s => s is GenericNameSyntax g ? s.Identifier.ValueText + "{" + string.Join(",", g.TypeArgumentList.Arguments.Select(format)) + "}" : s.Identifier.ValueText).ToList();
        var rest = string.Join(".", written);
        var first = segments[0];
        var firstMeta = Meta(first);
        var qualified = segments.Count > 1;

        // Nested types of the containing types, innermost first. A type nested in a generic type stays as
        // written: the compiler writes it with its container's type arguments (Box{`0}.Item).
        foreach (var ancestor in name.Ancestors())
        {
            if (ancestor is TypeDeclarationSyntax && fullNames.TryGetValue(ancestor, out var container) && Known(container + "." + firstMeta))
            {
                return container.IndexOf('`') >= 0 ? null : container + "." + rest;
            }
        }

        foreach (var (ns, scope) in Levels(name))
        {
            var prefix = ns.Length == 0 ? string.Empty : ns + ".";
            if (Known(prefix + firstMeta) || (qualified && KnownNamespace(prefix + first.Identifier.ValueText)))
            {
                return prefix + rest;
            }

            if (scope is null)
            {
                continue;
            }

            if (first is IdentifierNameSyntax && scope.TryGetAlias(first.Identifier.ValueText, out var target))
            {
                return qualified ? target + "." + string.Join(".", written.Skip(1)) : target;
            }

            string? found = null;
            foreach (var candidate in scope.Namespaces)
            {
                if (Known(candidate + "." + firstMeta) && found != candidate)
                {
                    if (found is not null)
                    {
                        return null; // two usings provide it: the compiler would refuse it as ambiguous
                    }

                    found = candidate;
                }
            }

            if (found is not null)
            {
                return found + "." + rest;
            }
        }

        return null;
    }

    // The enclosing namespaces from the innermost out, each with the imports of the namespace
    // declaration it is (null for the outer parts of a dotted declaration, which import nothing).
    private IEnumerable<(string Namespace, Imports? Scope)> Levels(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            if (ancestor is not BaseNamespaceDeclarationSyntax ns || !fullNames.TryGetValue(ns, out var full))
            {
                continue;
            }

            yield return (full, imports[ns]);
            var parent = ns.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault();
            var stop = parent is not null && fullNames.TryGetValue(parent, out var p) ? p : string.Empty;
            for (var name = Parent(full); name.Length > stop.Length; name = Parent(name))
            {
                yield return (name, null);
            }
        }

        // The file's and the global usings (which ask a deferred index for its global usings).
        yield return (string.Empty, top ??= ImportsOf(root.Usings, includeGlobal: true));
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

    private static bool Flatten(NameSyntax name, List<SimpleNameSyntax> segments)
    {
        switch (name)
        {
            case QualifiedNameSyntax qualified:
                if (!Flatten(qualified.Left, segments))
                {
                    return false;
                }

                segments.Add(qualified.Right);
                return true;
            case SimpleNameSyntax simple:
                segments.Add(simple);
                return true;
            default:
                return false;
        }
    }

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
                case BaseTypeDeclarationSyntax type:
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
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var directive in usings)
        {
            if (directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) || directive.NamespaceOrType is not { } target)
            {
                continue;
            }

            if (directive.Alias is { } alias)
            {
                aliases[alias.Name.Identifier.ValueText] = Written(target);
            }
            else
            {
                namespaces.Add(Written(target));
            }
        }

        if (includeGlobal)
        {
            namespaces.AddRange(index.GlobalUsings);
            foreach (var alias in index.GlobalAliases)
            {
                if (!aliases.ContainsKey(alias.Key))
                {
                    aliases[alias.Key] = alias.Value;
                }
            }
        }

        return new Imports(namespaces.Distinct(StringComparer.Ordinal).ToList(), aliases);
    }

    // An alias target or a using's namespace is written in full (the compiler does not apply the
    // file's other usings to it): the ID form of the name as written.
    private static string Written(TypeSyntax type) => new TypeNames([], []).Name(type);

    private sealed class Imports(IReadOnlyList<string> namespaces, Dictionary<string, string> aliases)
    {
        public IReadOnlyList<string> Namespaces { get; } = namespaces;

        public bool TryGetAlias(string name, out string target) => aliases.TryGetValue(name, out target!);
    }
}
