using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// What a repository (or a compilation) declares that a file's type names may refer to: the full
/// names of its types and namespaces, and its <c>global using</c> directives and aliases. Built from
/// declaration sets (the same parse as the declaration diff) and handed to
/// <see cref="DeclarationExtractor.Extract(string, TypeIndex?)"/>, which then gives each member a
/// resolved parameter list (<see cref="DeclarationId.ResolvedParameters"/>): names written as the
/// compiler writes them in documentation comment IDs. Core reads no files: callers build the index.
/// </summary>
public sealed class TypeIndex
{
    private readonly HashSet<string> types;
    private readonly HashSet<string> namespaces;
    private readonly IReadOnlyList<string> globalUsings;
    private readonly Dictionary<string, TypeSyntax> aliases;
    private readonly Lazy<TypeIndex>? deferred;
    private readonly HashSet<string>? members;

    private TypeIndex(HashSet<string> types, HashSet<string> namespaces, IReadOnlyList<string> globalUsings, Dictionary<string, TypeSyntax> aliases, Lazy<TypeIndex>? deferred = null, HashSet<string>? members = null)
    {
        this.types = types;
        this.namespaces = namespaces;
        this.globalUsings = globalUsings;
        this.aliases = aliases;
        this.deferred = deferred;
        this.members = members;
    }

    /// <summary>
    /// Gets an index that declares nothing: names resolve against the file itself (its usings, aliases,
    /// namespaces and types) and the SDK's public types only.
    /// </summary>
    public static TypeIndex Empty { get; } = new([], [], [], []);

    /// <summary>
    /// Gets the namespaces the .NET SDK (Microsoft.NET.Sdk) imports when a project sets
    /// <c>ImplicitUsings</c> to <c>enable</c>: generated into <c>obj/</c>, so not in the repository.
    /// </summary>
    public static IReadOnlyList<string> SdkImplicitUsings { get; } =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    /// <summary>Gets the namespaces imported by <c>global using</c> directives (and added by the caller).</summary>
    public IReadOnlyList<string> GlobalUsings => deferred?.Value.GlobalUsings ?? globalUsings;

    /// <summary>Gets how many types the index declares.</summary>
    public int TypeCount => deferred?.Value.TypeCount ?? types.Count;

    /// <summary>
    /// Gets an index that is built only when a name is first looked up in it (once, thread-safe): a
    /// file whose members need no resolution never builds it.
    /// </summary>
    /// <param name="build">Builds the index.</param>
    /// <returns>The deferred index.</returns>
    public static TypeIndex Deferred(Func<TypeIndex> build)
    {
        if (build is null)
        {
            throw new ArgumentNullException(nameof(build));
        }

        return new TypeIndex([], [], [], [], new Lazy<TypeIndex>(build));
    }

    /// <summary>
    /// Gets the same index, with parameters resolved only for members of these names (the last part of
    /// an ID: <c>Add</c>, <c>#ctor</c>, <c>Item</c>): the members that patterns with parameter lists
    /// name (see <see cref="TypeResolution.MembersToResolve(System.Collections.Generic.IEnumerable{SymbolPattern})"/>).
    /// </summary>
    /// <param name="names">The names, or <see langword="null"/> for every member.</param>
    /// <returns>The index.</returns>
    public TypeIndex ForMembers(IEnumerable<string>? names) =>
        new(types, namespaces, globalUsings, aliases, deferred, names is null ? null : new HashSet<string>(names, StringComparer.Ordinal));

    // Whether a member of this name has its parameters resolved.
    internal bool Resolves(string memberName) => members is null || members.Contains(memberName);

    /// <summary>Builds an index from the declaration sets of a repository's or a compilation's C# files.</summary>
    /// <param name="files">The files' declarations (<see cref="DeclarationExtractor.Extract(string)"/>).</param>
    /// <param name="globalUsings">Namespaces imported everywhere besides the files' own <c>global using</c> directives (e.g. <see cref="SdkImplicitUsings"/>).</param>
    /// <returns>The index.</returns>
    public static TypeIndex Create(IEnumerable<DeclarationSet> files, IEnumerable<string>? globalUsings = null)
    {
        if (files is null)
        {
            throw new ArgumentNullException(nameof(files));
        }

        var types = new HashSet<string>(StringComparer.Ordinal);
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        var usings = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, TypeSyntax>(StringComparer.Ordinal);
        foreach (var ns in globalUsings ?? [])
        {
            if (seen.Add(ns))
            {
                usings.Add(ns);
            }
        }

        foreach (var file in files)
        {
            foreach (var declaration in file.Declarations)
            {
                var id = declaration.Id;
                if (id.Kind == SymbolKind.Type)
                {
                    types.Add(string.Join(".", id.Parts));
                }
                else if (id.Kind == SymbolKind.Namespace)
                {
                    AddNamespaceAndPrefixes(namespaces, string.Join(".", id.Parts));
                }
            }

            foreach (var directive in file.GlobalUsings)
            {
                if (directive.Alias is null)
                {
                    if (seen.Add(directive.Target))
                    {
                        usings.Add(directive.Target);
                    }
                }
                else if (!aliases.ContainsKey(directive.Alias) && directive.TargetSource is { } source)
                {
                    // Parsed once here, bound in each file that uses the alias (see TypeResolver).
                    aliases[directive.Alias] = SyntaxFactory.ParseTypeName(source);
                }
            }
        }

        return new TypeIndex(types, namespaces, usings, aliases);
    }

    internal static void AddNamespaceAndPrefixes(HashSet<string> set, string name)
    {
        while (name.Length > 0 && set.Add(name))
        {
            var dot = name.LastIndexOf('.');
            name = dot < 0 ? string.Empty : name.Substring(0, dot);
        }
    }

    internal bool DeclaresType(string fullName) => deferred?.Value.DeclaresType(fullName) ?? types.Contains(fullName);

    internal bool DeclaresNamespace(string name) => deferred?.Value.DeclaresNamespace(name) ?? namespaces.Contains(name);

    internal IEnumerable<KeyValuePair<string, TypeSyntax>> GlobalAliasTargets => deferred?.Value.GlobalAliasTargets ?? aliases.OrderBy(a => a.Key, StringComparer.Ordinal);
}

/// <summary>A <c>global using</c> directive of a file.</summary>
/// <param name="Alias">The alias (<c>global using View = …;</c>), or <see langword="null"/> for a namespace.</param>
/// <param name="Target">The namespace, or the alias's target as a documentation comment ID writes a type.</param>
public sealed record GlobalUsing(string? Alias, string Target)
{
    /// <summary>Gets an alias's target as the directive writes it in C# (<see langword="null"/> for a namespace), so that it is bound as the file that uses the alias would bind it.</summary>
    public string? TargetSource { get; init; }
}
