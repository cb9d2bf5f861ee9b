using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// Writes a type as a documentation comment ID would, as far as syntax allows: keywords become
/// System types, generic arguments go in braces, type parameters become <c>`n</c> (type) and
/// <c>``n</c> (method), tuples become ValueTuple. Names are written as in the source (no binding),
/// unless a <see cref="TypeResolver"/> is given: then each name it can resolve is written in full.
/// </summary>
internal sealed class TypeNames
{
    private readonly IReadOnlyList<string> typeParameters;
    private readonly IReadOnlyList<string> methodTypeParameters;
    private readonly TypeResolver? resolver;

    public TypeNames(IReadOnlyList<string> typeParameters, IReadOnlyList<string> methodTypeParameters, TypeResolver? resolver = null)
    {
        this.typeParameters = typeParameters;
        this.methodTypeParameters = methodTypeParameters;
        this.resolver = resolver;
    }

    public string Parameters(BaseParameterListSyntax? list, string? receiver = null)
    {
        var items = new List<string>();
        if (receiver is not null)
        {
            items.Add(receiver);
        }

        if (list is not null)
        {
            items.AddRange(list.Parameters.Select(Parameter));
        }

        return items.Count == 0 ? string.Empty : "(" + string.Join(",", items) + ")";
    }

    public string Parameter(ParameterSyntax parameter)
    {
        var type = parameter.Type is null ? "?" : Name(parameter.Type);
        var byRef = parameter.Modifiers.Any(m => m.IsKind(SyntaxKind.RefKeyword) || m.IsKind(SyntaxKind.OutKeyword) || m.IsKind(SyntaxKind.InKeyword));
        return byRef ? type + "@" : type;
    }

    public string Name(TypeSyntax type)
    {
        switch (type)
        {
            case PredefinedTypeSyntax predefined:
                return Keyword(predefined.Keyword.Kind()) ?? predefined.Keyword.ValueText;
            case ArrayTypeSyntax array:
                return Name(array.ElementType) + string.Concat(array.RankSpecifiers.Select(r => r.Rank == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", r.Rank)) + "]"));
            case PointerTypeSyntax pointer:
                return Name(pointer.ElementType) + "*";
            case NullableTypeSyntax nullable:
                // int? is Nullable<int>; string? and other reference types only carry an annotation.
                // Syntax cannot tell a user struct from a class, so only keywords and tuples are wrapped.
                var inner = Name(nullable.ElementType);
                var isValue = nullable.ElementType is TupleTypeSyntax
                    || (nullable.ElementType is PredefinedTypeSyntax p && IsValueKeyword(p.Keyword.Kind()));
                return isValue ? "System.Nullable{" + inner + "}" : inner;
            case TupleTypeSyntax tuple:
                return "System.ValueTuple{" + string.Join(",", tuple.Elements.Select(e => Name(e.Type))) + "}";
            case IdentifierNameSyntax identifier:
                var simple = TypeParameterOrName(identifier.Identifier.ValueText);
                return simple == identifier.Identifier.ValueText ? Resolved(identifier) ?? simple : simple;
            case GenericNameSyntax generic:
                return Resolved(generic) ?? generic.Identifier.ValueText + "{" + string.Join(",", generic.TypeArgumentList.Arguments.Select(Name)) + "}";
            case QualifiedNameSyntax qualified:
                return Resolved(qualified) ?? (resolver is null ? Name(qualified.Left) : Dotted(qualified.Left)) + "." + Simple(qualified.Right);
            case AliasQualifiedNameSyntax alias:
                return Simple(alias.Name);
            case RefTypeSyntax reference:
                return Name(reference.Type);
            case ScopedTypeSyntax scoped:
                return Name(scoped.Type);
            case OmittedTypeArgumentSyntax:
                return string.Empty;
            default:
                return string.Concat(type.DescendantTokens().Select(t => t.Text));
        }
    }

    // The full name of a name the resolver knows, else null (written as in the source).
    private string? Resolved(NameSyntax name) => resolver?.Resolve(name, Name);

    // The left side of a qualified name as written (a namespace or a type, never resolved on its own).
    private string Dotted(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => Dotted(qualified.Left) + "." + Simple(qualified.Right),
        AliasQualifiedNameSyntax alias => Simple(alias.Name),
        SimpleNameSyntax simple => Simple(simple),
        _ => Name(name),
    };

    private string Simple(SimpleNameSyntax name) => name switch
    {
        GenericNameSyntax generic => generic.Identifier.ValueText + "{" + string.Join(",", generic.TypeArgumentList.Arguments.Select(Name)) + "}",
        _ => name.Identifier.ValueText,
    };

    private string TypeParameterOrName(string name)
    {
        for (var i = methodTypeParameters.Count - 1; i >= 0; i--)
        {
            if (methodTypeParameters[i] == name)
            {
                return "``" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        for (var i = typeParameters.Count - 1; i >= 0; i--)
        {
            if (typeParameters[i] == name)
            {
                return "`" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return name switch
        {
            "dynamic" => "System.Object",
            "nint" => "System.IntPtr",
            "nuint" => "System.UIntPtr",
            _ => name,
        };
    }

    private static bool IsValueKeyword(SyntaxKind kind) => kind is not (SyntaxKind.StringKeyword or SyntaxKind.ObjectKeyword or SyntaxKind.VoidKeyword);

    internal static string? Keyword(SyntaxKind kind) => kind switch
    {
        SyntaxKind.BoolKeyword => "System.Boolean",
        SyntaxKind.ByteKeyword => "System.Byte",
        SyntaxKind.SByteKeyword => "System.SByte",
        SyntaxKind.CharKeyword => "System.Char",
        SyntaxKind.DecimalKeyword => "System.Decimal",
        SyntaxKind.DoubleKeyword => "System.Double",
        SyntaxKind.FloatKeyword => "System.Single",
        SyntaxKind.IntKeyword => "System.Int32",
        SyntaxKind.UIntKeyword => "System.UInt32",
        SyntaxKind.LongKeyword => "System.Int64",
        SyntaxKind.ULongKeyword => "System.UInt64",
        SyntaxKind.ShortKeyword => "System.Int16",
        SyntaxKind.UShortKeyword => "System.UInt16",
        SyntaxKind.ObjectKeyword => "System.Object",
        SyntaxKind.StringKeyword => "System.String",
        SyntaxKind.VoidKeyword => "System.Void",
        _ => null,
    };
}
