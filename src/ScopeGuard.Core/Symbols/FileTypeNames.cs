using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// What a file's own type declarations say about the type names it writes: the full name of a type
/// the file declares (so that <c>Money</c> inside <c>namespace Tricky</c> is written <c>Tricky.Money</c>,
/// as the compiler does), and whether a named type is a value type, for <c>X?</c>: <c>System.Nullable{X}</c>
/// for a value type, <c>X</c> (an annotation only) for a reference type. A type declared in the same
/// file decides by its declaration (struct, enum, record struct: value; class, interface, record,
/// delegate: reference); otherwise a list of well-known value types of the base class library decides;
/// anything else is unknown (the caller assumes a reference type and keeps the other form as an
/// alternate). Matched by simple name and generic arity: a name declared in the file wins over the list.
/// </summary>
internal sealed class FileTypeNames
{
    // Value types of the base class library that parameters commonly make nullable (name`arity).
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "Boolean", "Byte", "SByte", "Char", "Decimal", "Double", "Single", "Int16", "Int32", "Int64",
        "UInt16", "UInt32", "UInt64", "IntPtr", "UIntPtr", "Half", "Int128", "UInt128",
        "DateTime", "DateTimeOffset", "DateOnly", "TimeOnly", "TimeSpan", "Guid", "Index", "Range",
        "CancellationToken", "BigInteger", "Complex", "Rune", "SequencePosition", "DateTimeKind",
        "DayOfWeek", "StringComparison", "TypeCode", "ConsoleColor", "ConsoleKey", "UriKind",
        "HttpStatusCode", "SeekOrigin", "FileMode", "FileAccess", "FileShare", "FileAttributes",
        "MidpointRounding", "JsonElement", "JsonValueKind", "JsonTokenType", "ValueTask",
        "Vector2", "Vector3", "Vector4", "Quaternion", "Matrix3x2", "Matrix4x4", "Plane",
        "RuntimeTypeHandle", "RuntimeMethodHandle", "RuntimeFieldHandle", "ModuleHandle",
        "KeyValuePair`2", "ValueTask`1", "ImmutableArray`1", "ArraySegment`1", "Memory`1", "ReadOnlyMemory`1",
        "ReadOnlySequence`1", "Vector`1", "Vector64`1", "Vector128`1", "Vector256`1", "Vector512`1",
        "ValueTuple`1", "ValueTuple`2", "ValueTuple`3", "ValueTuple`4", "ValueTuple`5", "ValueTuple`6", "ValueTuple`7", "ValueTuple`8",
        "Nullable`1",
    };

    private readonly CompilationUnitSyntax unit;

    // Simple name`arity -> what the file declares under it, found in one pass over the file's
    // namespaces and types (never into members' bodies), on first need.
    private Dictionary<string, Entry>? declared;

    public FileTypeNames(CompilationUnitSyntax unit) => this.unit = unit;

    /// <summary>Whether the named type is a value type: true, false, or <see langword="null"/> when syntax cannot tell.</summary>
    public bool? IsValueType(SimpleNameSyntax name)
    {
        var key = Key(name);
        declared ??= Declare(unit);
        if (declared.TryGetValue(key, out var entry))
        {
            return entry.IsValue;
        }

        return Known.Contains(key) ? true : null;
    }

    /// <summary>
    /// The qualifier of a type name written without one, when the file declares a type of that name and
    /// arity that C#'s lookup finds from where the name is written: a type nested in an enclosing type,
    /// then one in an enclosing namespace, innermost first. <see langword="null"/> otherwise (the name
    /// comes from another file or a using directive: binding's part), or when the type is global.
    /// </summary>
    public string? Qualifier(SimpleNameSyntax name)
    {
        declared ??= Declare(unit);
        if (declared.Count == 0 || !declared.TryGetValue(Key(name), out var entry) || entry.Qualifiers.Count == 0)
        {
            return null;
        }

        // The scopes the name is looked up in, innermost first: each enclosing type's full name, then
        // each enclosing namespace's.
        foreach (var scope in Scopes(name))
        {
            if (entry.Qualifiers.Contains(scope))
            {
                return scope.Length == 0 ? null : scope;
            }
        }

        return null;
    }

    private static string Key(SimpleNameSyntax name) =>
        name is GenericNameSyntax generic ? Key(name.Identifier.ValueText, generic.TypeArgumentList.Arguments.Count) : name.Identifier.ValueText;

    private static string Key(string name, int arity) =>
        arity == 0 ? name : name + "`" + arity.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<string> Scopes(SyntaxNode node)
    {
        var containers = new List<SyntaxNode>();
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax)
            {
                containers.Add(current);
            }
        }

        // Full names of the containers, outermost first; none inside a generic type (see Declare).
        var names = new string?[containers.Count];
        string? prefix = string.Empty;
        for (var i = containers.Count - 1; i >= 0; i--)
        {
            var own = containers[i] switch
            {
                BaseNamespaceDeclarationSyntax ns => NamespaceName(ns),
                TypeDeclarationSyntax { TypeParameterList: not null } => null,
                BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
                _ => null,
            };
            prefix = own is null || prefix is null ? null : prefix.Length == 0 ? own : prefix + "." + own;
            names[i] = prefix;
        }

        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (name is null)
            {
                continue;
            }

            yield return name;

            // namespace A.B { … } is looked up in A.B, then in A.
            if (containers[i] is BaseNamespaceDeclarationSyntax { Name: QualifiedNameSyntax })
            {
                var outer = i + 1 < names.Length ? names[i + 1] ?? string.Empty : string.Empty;
                for (var dot = name.LastIndexOf('.'); dot > outer.Length; dot = name.LastIndexOf('.', dot - 1))
                {
                    yield return name.Substring(0, dot);
                }
            }
        }

        yield return string.Empty;
    }

    private static string NamespaceName(BaseNamespaceDeclarationSyntax ns) =>
        ns.Name.ToString().Replace(" ", string.Empty).Replace("global::", string.Empty);

    // Every type the file declares: whether it is a value type (struct, enum, record struct; a name
    // declared both ways, in two namespaces, is unknown) and the qualifiers it is declared with (a type
    // nested in a generic type has none: its ID would need the type arguments).
    private static Dictionary<string, Entry> Declare(CompilationUnitSyntax unit)
    {
        var result = new Dictionary<string, Entry>(StringComparer.Ordinal);
        Visit(unit.Members, string.Empty);
        return result;

        void Visit(SyntaxList<MemberDeclarationSyntax> members, string? qualifier)
        {
            foreach (var member in members)
            {
                switch (member)
                {
                    case BaseNamespaceDeclarationSyntax ns:
                        var name = NamespaceName(ns);
                        Visit(ns.Members, qualifier is null ? null : qualifier.Length == 0 ? name : qualifier + "." + name);
                        break;
                    case EnumDeclarationSyntax enumeration:
                        Add(enumeration.Identifier.ValueText, true, qualifier);
                        break;
                    case TypeDeclarationSyntax type when type is not ExtensionBlockDeclarationSyntax:
                        var arity = type.TypeParameterList?.Parameters.Count ?? 0;
                        var isValue = type is StructDeclarationSyntax || (type is RecordDeclarationSyntax record && record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword));
                        Add(Key(type.Identifier.ValueText, arity), isValue, qualifier);
                        Visit(type.Members, qualifier is null || arity > 0 ? null : qualifier.Length == 0 ? type.Identifier.ValueText : qualifier + "." + type.Identifier.ValueText);
                        break;
                    case DelegateDeclarationSyntax @delegate:
                        Add(Key(@delegate.Identifier.ValueText, @delegate.TypeParameterList?.Parameters.Count ?? 0), false, qualifier);
                        break;
                }
            }
        }

        void Add(string key, bool isValue, string? qualifier)
        {
            if (!result.TryGetValue(key, out var entry))
            {
                result[key] = entry = new Entry(isValue);
            }
            else if (entry.IsValue != isValue)
            {
                entry.IsValue = null;
            }

            if (qualifier is not null)
            {
                entry.Qualifiers.Add(qualifier);
            }
        }
    }

    private sealed class Entry(bool? isValue)
    {
        public bool? IsValue { get; set; } = isValue;

        public List<string> Qualifiers { get; } = [];
    }
}
