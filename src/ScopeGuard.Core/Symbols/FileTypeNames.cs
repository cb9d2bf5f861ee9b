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
    private Dictionary<string, bool?>? declared;

    // Simple name`arity -> the qualifiers (namespaces and containing types, dotted) it is declared
    // with in this file; a type nested in a generic type is left out (its ID needs the type arguments).
    private Dictionary<string, List<string>>? qualifiers;

    public FileTypeNames(CompilationUnitSyntax unit) => this.unit = unit;

    /// <summary>Whether the named type is a value type: true, false, or <see langword="null"/> when syntax cannot tell.</summary>
    public bool? IsValueType(SimpleNameSyntax name)
    {
        var arity = name is GenericNameSyntax generic ? generic.TypeArgumentList.Arguments.Count : 0;
        var key = arity == 0 ? name.Identifier.ValueText : name.Identifier.ValueText + "`" + arity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        declared ??= Declared(unit);
        if (declared.TryGetValue(key, out var isValue))
        {
            return isValue;
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
        qualifiers ??= Qualifiers(unit);
        if (qualifiers.Count == 0 || !qualifiers.TryGetValue(Key(name), out var candidates))
        {
            return null;
        }

        // The scopes the name is looked up in, innermost first: each enclosing type's full name, then
        // each enclosing namespace's.
        foreach (var scope in Scopes(name))
        {
            foreach (var candidate in candidates)
            {
                if (candidate == scope)
                {
                    return scope.Length == 0 ? null : scope;
                }
            }
        }

        return null;
    }

    private static string Key(SimpleNameSyntax name) =>
        name is GenericNameSyntax generic
            ? name.Identifier.ValueText + "`" + generic.TypeArgumentList.Arguments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : name.Identifier.ValueText;

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

        // Full names of the containers, outermost first.
        var names = new string[containers.Count];
        var prefix = string.Empty;
        for (var i = containers.Count - 1; i >= 0; i--)
        {
            var own = containers[i] switch
            {
                BaseNamespaceDeclarationSyntax ns => ns.Name.ToString().Replace(" ", string.Empty).Replace("global::", string.Empty),
                TypeDeclarationSyntax { TypeParameterList: not null } => null,
                BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
                _ => null,
            };
            prefix = own is null || prefix is null ? null! : prefix.Length == 0 ? own : prefix + "." + own;
            names[i] = prefix;
        }

        foreach (var name in names)
        {
            if (name is not null)
            {
                yield return name;
            }
        }

        yield return string.Empty;
    }

    private static Dictionary<string, List<string>> Qualifiers(CompilationUnitSyntax unit)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        Visit(unit.Members, string.Empty);
        return result;

        void Visit(SyntaxList<MemberDeclarationSyntax> members, string? qualifier)
        {
            foreach (var member in members)
            {
                switch (member)
                {
                    case BaseNamespaceDeclarationSyntax ns:
                        var name = ns.Name.ToString().Replace(" ", string.Empty).Replace("global::", string.Empty);
                        Visit(ns.Members, qualifier is null ? null : qualifier.Length == 0 ? name : qualifier + "." + name);
                        break;
                    case BaseTypeDeclarationSyntax type when type is not ExtensionBlockDeclarationSyntax:
                        var arity = (type as TypeDeclarationSyntax)?.TypeParameterList?.Parameters.Count ?? 0;
                        Add(arity == 0 ? type.Identifier.ValueText : type.Identifier.ValueText + "`" + arity.ToString(System.Globalization.CultureInfo.InvariantCulture), qualifier);
                        if (type is TypeDeclarationSyntax withMembers)
                        {
                            // Nested in a generic type: not qualified (null).
                            Visit(withMembers.Members, qualifier is null || arity > 0 ? null : qualifier.Length == 0 ? type.Identifier.ValueText : qualifier + "." + type.Identifier.ValueText);
                        }

                        break;
                    case DelegateDeclarationSyntax @delegate:
                        var delegateArity = @delegate.TypeParameterList?.Parameters.Count ?? 0;
                        Add(delegateArity == 0 ? @delegate.Identifier.ValueText : @delegate.Identifier.ValueText + "`" + delegateArity.ToString(System.Globalization.CultureInfo.InvariantCulture), qualifier);
                        break;
                }
            }
        }

        void Add(string key, string? qualifier)
        {
            if (qualifier is null)
            {
                return;
            }

            if (!result.TryGetValue(key, out var list))
            {
                result[key] = list = [];
            }

            list.Add(qualifier);
        }
    }

    // The types the file declares, found without descending into members' bodies. A name declared
    // both ways (two types in different namespaces) is unknown (null).
    private static Dictionary<string, bool?> Declared(CompilationUnitSyntax unit)
    {
        var result = new Dictionary<string, bool?>(StringComparer.Ordinal);
        foreach (var node in unit.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            string key;
            bool isValue;
            switch (node)
            {
                case EnumDeclarationSyntax enumeration:
                    key = enumeration.Identifier.ValueText;
                    isValue = true;
                    break;
                case TypeDeclarationSyntax type when type is not ExtensionBlockDeclarationSyntax:
                    var arity = type.TypeParameterList?.Parameters.Count ?? 0;
                    key = arity == 0 ? type.Identifier.ValueText : type.Identifier.ValueText + "`" + arity.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    isValue = type is StructDeclarationSyntax || (type is RecordDeclarationSyntax record && record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword));
                    break;
                case DelegateDeclarationSyntax @delegate:
                    var delegateArity = @delegate.TypeParameterList?.Parameters.Count ?? 0;
                    key = delegateArity == 0 ? @delegate.Identifier.ValueText : @delegate.Identifier.ValueText + "`" + delegateArity.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    isValue = false;
                    break;
                default:
                    continue;
            }

            result[key] = result.TryGetValue(key, out var earlier) && earlier != isValue ? null : isValue;
        }

        return result;
    }
}
