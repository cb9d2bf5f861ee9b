using System;
using System.Collections.Generic;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// The public top-level types of the SDK's reference pack (see <see cref="Source"/>), so that a name
/// such as <c>ReadOnlySpan</c> under <c>using System;</c> can be written as the compiler writes it.
/// Regenerate BclTypes.g.cs with generate-bcl-types.cs when the SDK moves.
/// </summary>
internal static partial class BclTypes
{
    private static readonly Lazy<(HashSet<string> Types, HashSet<string> Namespaces)> Sets = new(Build);

    /// <summary>Gets whether the pack declares a public type of this full metadata name (<c>System.Collections.Generic.List`1</c>).</summary>
    public static bool ContainsType(string fullName) => Sets.Value.Types.Contains(fullName);

    /// <summary>Gets whether a namespace (or a prefix of one, <c>System.Collections</c>) has public types in the pack.</summary>
    public static bool ContainsNamespace(string name) => Sets.Value.Namespaces.Contains(name);

    private static (HashSet<string> Types, HashSet<string> Namespaces) Build()
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < Table.Length; i += 2)
        {
            var ns = Table[i];
            TypeIndex.AddNamespaceAndPrefixes(namespaces, ns);
            foreach (var name in Table[i + 1].Split(' '))
            {
                types.Add(ns + "." + name);
            }
        }

        return (types, namespaces);
    }
}
