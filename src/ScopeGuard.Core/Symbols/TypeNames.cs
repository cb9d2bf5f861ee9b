using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// Writes a type as a documentation comment ID does, as far as syntax allows: keywords become
/// System types, generic arguments go in braces, type parameters become <c>`n</c> (type) and
/// <c>``n</c> (method), tuples become ValueTuple (nested after seven elements), arrays are written
/// innermost element first, <c>X?</c> is <c>System.Nullable{X}</c> when X is a value type. Names are
/// written as in the source unless an <see cref="ITypeNameBinder"/> says more: every named type goes
/// through <see cref="AppendNamed"/>, the one place binding hooks in.
/// </summary>
/// <remarks>
/// The name of an explicitly implemented interface (<see cref="InterfaceName"/>) is written in the
/// compiler's other format, that of the member's metadata name: type parameters by name, <c>X?</c>
/// for a nullable value type, <c>[,]</c> for arrays, <c>dynamic</c> and <c>nint</c> as keywords, and
/// every dot a <c>#</c>.
/// </remarks>
internal sealed class TypeNames
{
    private readonly IReadOnlyList<string> typeParameters;
    private readonly IReadOnlyList<string> methodTypeParameters;
    private readonly IReadOnlyCollection<string>? valueTypeParameters;
    private readonly FileTypeNames? valueTypes;
    private readonly ITypeNameBinder? binder;

    // Which of the X? that syntax cannot classify, by their order in the list, are written as Nullable
    // (an alternate form); and how many were met since the list began.
    private int assumeValue;
    private int unclassified;

    // How many alias targets are being written inside each other (see AppendNamed).
    private const int MaxAliasDepth = 8;
    private int aliasDepth;

    public TypeNames(
        IReadOnlyList<string> typeParameters,
        IReadOnlyList<string> methodTypeParameters,
        IReadOnlyCollection<string>? valueTypeParameters = null,
        FileTypeNames? valueTypes = null,
        ITypeNameBinder? binder = null)
    {
        this.typeParameters = typeParameters;
        this.methodTypeParameters = methodTypeParameters;
        this.valueTypeParameters = valueTypeParameters;
        this.valueTypes = valueTypes;
        this.binder = binder;
    }

    /// <summary>Gets whether a name written so far had an <c>X?</c> that syntax could not classify (written as <c>X</c>).</summary>
    public bool Ambiguous => Unclassified > 0;

    /// <summary>Gets how many such <c>X?</c> the last parameter list (and what was written after it) had.</summary>
    public int Unclassified { get; private set; }

    public string Parameters(BaseParameterListSyntax? list, string? receiver = null)
    {
        unclassified = 0;
        Unclassified = 0;
        var count = list?.Parameters.Count ?? 0;
        if (receiver is null && count == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder("(");
        if (receiver is not null)
        {
            builder.Append(receiver);
        }

        for (var i = 0; i < count; i++)
        {
            if (i > 0 || receiver is not null)
            {
                builder.Append(',');
            }

            AppendParameter(builder, list!.Parameters[i]);
        }

        return builder.Append(')').ToString();
    }

    /// <summary>
    /// Computes a name again with the unclassified <c>X?</c> whose bit is set in <paramref name="mask"/>
    /// (by their order) written as <c>System.Nullable{X}</c>.
    /// </summary>
    public string Alternate(int mask, System.Func<string> compute)
    {
        var count = Unclassified;
        assumeValue = mask;
        try
        {
            return compute();
        }
        finally
        {
            assumeValue = 0;
            Unclassified = count;
        }
    }

    public string AlternateParameters(BaseParameterListSyntax? list, string? receiver = null) => Parameters(list, receiver);

    public string Parameter(ParameterSyntax parameter)
    {
        var builder = new StringBuilder();
        AppendParameter(builder, parameter);
        return builder.ToString();
    }

    public string Name(TypeSyntax type)
    {
        var builder = new StringBuilder();
        Append(builder, type, display: false);
        return builder.ToString();
    }

    /// <summary>The name of an explicitly implemented interface as the compiler writes it in the member's ID, dots as <c>#</c>.</summary>
    public string InterfaceName(NameSyntax name)
    {
        var builder = new StringBuilder();
        Append(builder, name, display: true);
        return builder.Replace('.', '#').ToString();
    }

    private void AppendParameter(StringBuilder builder, ParameterSyntax parameter)
    {
        if (parameter.Type is null)
        {
            // __arglist: the compiler writes nothing for it (M(int, __arglist) is M(System.Int32,)).
            builder.Append(parameter.Identifier.IsKind(SyntaxKind.ArgListKeyword) ? string.Empty : "?");
            return;
        }

        Append(builder, parameter.Type, display: false);
        foreach (var modifier in parameter.Modifiers)
        {
            if (modifier.IsKind(SyntaxKind.RefKeyword) || modifier.IsKind(SyntaxKind.OutKeyword) || modifier.IsKind(SyntaxKind.InKeyword))
            {
                builder.Append('@');
                return;
            }
        }
    }

    private void Append(StringBuilder builder, TypeSyntax type, bool display)
    {
        switch (type)
        {
            case PredefinedTypeSyntax predefined:
                builder.Append(Keyword(predefined.Keyword.Kind()) ?? predefined.Keyword.ValueText);
                break;
            case ArrayTypeSyntax array:
                // C# writes the outermost rank first (int[][,] is an array of int[,]); the ID writes the
                // element type first: System.Int32[0:,0:][].
                Append(builder, array.ElementType, display);
                for (var i = array.RankSpecifiers.Count - 1; i >= 0; i--)
                {
                    var rank = array.RankSpecifiers[i].Rank;
                    builder.Append('[');
                    for (var r = 0; r < rank && rank > 1; r++)
                    {
                        builder.Append(r > 0 ? "," : string.Empty).Append(display ? string.Empty : "0:");
                    }

                    builder.Append(']');
                }

                break;
            case PointerTypeSyntax pointer:
                Append(builder, pointer.ElementType, display);
                builder.Append('*');
                break;
            case NullableTypeSyntax nullable:
                // int? is Nullable<int>; string? and other reference types only carry an annotation.
                if (!IsValueType(nullable.ElementType))
                {
                    Append(builder, nullable.ElementType, display);
                }
                else if (display)
                {
                    Append(builder, nullable.ElementType, display);
                    builder.Append('?');
                }
                else
                {
                    builder.Append("System.Nullable{");
                    Append(builder, nullable.ElementType, display);
                    builder.Append('}');
                }

                break;
            case TupleTypeSyntax tuple:
                AppendTuple(builder, tuple.Elements, 0, display);
                break;
            case IdentifierNameSyntax identifier:
                AppendIdentifier(builder, identifier, display);
                break;
            case GenericNameSyntax generic:
                AppendNamed(builder, generic, display);
                break;
            case QualifiedNameSyntax qualified:
                AppendNamed(builder, qualified, display);
                break;
            case AliasQualifiedNameSyntax alias:
                // global::System.IDisposable is System.IDisposable.
                AppendSimple(builder, alias.Name, display);
                break;
            case RefTypeSyntax reference:
                Append(builder, reference.Type, display);
                break;
            case ScopedTypeSyntax scoped:
                Append(builder, scoped.Type, display);
                break;
            case FunctionPointerTypeSyntax:
                // The compiler writes nothing for a function pointer type (M(delegate*<int, void>) is M()).
                break;
            case OmittedTypeArgumentSyntax:
                break;
            default:
                foreach (var token in type.DescendantTokens())
                {
                    builder.Append(token.Text);
                }

                break;
        }
    }

    // A tuple is System.ValueTuple with up to seven elements; the rest nest in an eighth argument.
    private void AppendTuple(StringBuilder builder, SeparatedSyntaxList<TupleElementSyntax> elements, int start, bool display)
    {
        builder.Append("System.ValueTuple{");
        var end = elements.Count - start > 7 ? start + 7 : elements.Count;
        for (var i = start; i < end; i++)
        {
            if (i > start)
            {
                builder.Append(',');
            }

            Append(builder, elements[i].Type, display);
        }

        if (end < elements.Count)
        {
            builder.Append(',');
            AppendTuple(builder, elements, end, display);
        }

        builder.Append('}');
    }

    private void AppendIdentifier(StringBuilder builder, IdentifierNameSyntax identifier, bool display)
    {
        var name = identifier.Identifier.ValueText;
        var index = IndexOf(methodTypeParameters, name);
        if (index >= 0)
        {
            builder.Append(display ? name : "``" + index.ToString(CultureInfo.InvariantCulture));
            return;
        }

        index = IndexOf(typeParameters, name);
        if (index >= 0)
        {
            builder.Append(display ? name : "`" + index.ToString(CultureInfo.InvariantCulture));
            return;
        }

        if (!display)
        {
            var keyword = name switch
            {
                "dynamic" => "System.Object",
                "nint" => "System.IntPtr",
                "nuint" => "System.UIntPtr",
                _ => null,
            };
            if (keyword is not null)
            {
                builder.Append(keyword);
                return;
            }
        }

        AppendNamed(builder, identifier, display);
    }

    /// <summary>
    /// Writes a named type (not a keyword, not a type parameter): as written, except that binding, when
    /// given, supplies an alias's target and the qualifier of a name written without one;
    /// <c>Nullable&lt;X&gt;</c> and <c>ValueTuple&lt;…&gt;</c> are the System types.
    /// </summary>
    private void AppendNamed(StringBuilder builder, NameSyntax name, bool display)
    {
        // An alias stands for its target (bound where the using directive is), also as the left part of
        // a qualified name (Alias.Nested). A chain of aliases is cut short rather than followed forever.
        var leftmost = Leftmost(name);
        if (binder is not null && aliasDepth < MaxAliasDepth && name is not AliasQualifiedNameSyntax && leftmost is IdentifierNameSyntax aliasName && binder.AliasTarget(aliasName) is { } target)
        {
            aliasDepth++;
            try
            {
                Append(builder, target, display);
            }
            finally
            {
                aliasDepth--;
            }

            AppendAfter(builder, name, leftmost, display);
            return;
        }

        if (name is GenericNameSyntax { Identifier.ValueText: "Nullable" } nullable && nullable.TypeArgumentList.Arguments.Count == 1)
        {
            AppendNullableOf(builder, nullable.TypeArgumentList.Arguments[0], display);
            return;
        }

        if (name is QualifiedNameSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "System" }, Right: GenericNameSyntax { Identifier.ValueText: "Nullable" } qualifiedNullable }
            && qualifiedNullable.TypeArgumentList.Arguments.Count == 1)
        {
            AppendNullableOf(builder, qualifiedNullable.TypeArgumentList.Arguments[0], display);
            return;
        }

        var qualifier = binder?.Qualifier(leftmost)
            ?? (IndexOf(typeParameters, leftmost.Identifier.ValueText) < 0 && IndexOf(methodTypeParameters, leftmost.Identifier.ValueText) < 0 ? valueTypes?.Qualifier(leftmost) : null)
            ?? (leftmost == name && leftmost is GenericNameSyntax { Identifier.ValueText: "ValueTuple" } ? "System" : null);
        if (qualifier is not null)
        {
            builder.Append(qualifier).Append('.');
        }

        AppendAsWritten(builder, name, display);
    }

    private void AppendNullableOf(StringBuilder builder, TypeSyntax argument, bool display)
    {
        if (display)
        {
            Append(builder, argument, display);
            builder.Append('?');
        }
        else
        {
            builder.Append("System.Nullable{");
            Append(builder, argument, display);
            builder.Append('}');
        }
    }

    private void AppendAsWritten(StringBuilder builder, NameSyntax name, bool display)
    {
        switch (name)
        {
            case QualifiedNameSyntax qualified:
                AppendAsWritten(builder, qualified.Left, display);
                builder.Append('.');
                AppendSimple(builder, qualified.Right, display);
                break;
            case AliasQualifiedNameSyntax alias:
                AppendSimple(builder, alias.Name, display);
                break;
            case SimpleNameSyntax simple:
                AppendSimple(builder, simple, display);
                break;
        }
    }

    // The parts of a qualified name to the right of its leftmost name: ".Nested" of Alias.Nested.
    private void AppendAfter(StringBuilder builder, NameSyntax name, SimpleNameSyntax leftmost, bool display)
    {
        if (name is QualifiedNameSyntax qualified && qualified.Left != leftmost)
        {
            AppendAfter(builder, qualified.Left, leftmost, display);
        }

        if (name is QualifiedNameSyntax right)
        {
            builder.Append('.');
            AppendSimple(builder, right.Right, display);
        }
    }

    private void AppendSimple(StringBuilder builder, SimpleNameSyntax name, bool display)
    {
        builder.Append(name.Identifier.ValueText);
        if (name is GenericNameSyntax generic)
        {
            builder.Append('{');
            var arguments = generic.TypeArgumentList.Arguments;
            for (var i = 0; i < arguments.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(',');
                }

                Append(builder, arguments[i], display);
            }

            builder.Append('}');
        }
    }

    private static SimpleNameSyntax Leftmost(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => Leftmost(qualified.Left),
        AliasQualifiedNameSyntax alias => alias.Name,
        _ => (SimpleNameSyntax)name,
    };

    // Whether X in X? is a value type: keywords and tuples by syntax, type parameters by their
    // constraints, named types by binding, the file's declarations or the well-known list; a name none
    // of these knows is taken as a reference type, and Ambiguous says so (see AlternateParameters).
    private bool IsValueType(TypeSyntax type)
    {
        switch (type)
        {
            case PredefinedTypeSyntax predefined:
                return predefined.Keyword.Kind() is not (SyntaxKind.StringKeyword or SyntaxKind.ObjectKeyword or SyntaxKind.VoidKeyword);
            case TupleTypeSyntax:
                return true;
            case IdentifierNameSyntax identifier when IndexOf(methodTypeParameters, identifier.Identifier.ValueText) >= 0 || IndexOf(typeParameters, identifier.Identifier.ValueText) >= 0:
                return valueTypeParameters is not null && Contains(valueTypeParameters, identifier.Identifier.ValueText);
            case IdentifierNameSyntax { Identifier.ValueText: "nint" or "nuint" }:
                return true;
            case IdentifierNameSyntax { Identifier.ValueText: "dynamic" }:
                return false;
            case NameSyntax name:
                var answer = binder?.IsValueType(name) ?? (name is IdentifierNameSyntax or GenericNameSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax ? valueTypes?.IsValueType(Rightmost(name)) : null);
                if (answer is null && name is IdentifierNameSyntax or GenericNameSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax && IsInterfaceName(Rightmost(name).Identifier.ValueText))
                {
                    return false;
                }

                if (answer is null)
                {
                    var index = unclassified++;
                    Unclassified = unclassified;
                    return index < 31 && (assumeValue & (1 << index)) != 0;
                }

                return answer.Value;
            default:
                return false;
        }
    }

    // .NET's naming convention for interfaces (IDisposable, IChangeContents; CA1715): 'I', a capital,
    // then a small letter. Such a name in X? is taken as an interface, a reference type, rather than
    // left unclassified: a method with many nullable interface parameters would otherwise have more
    // unclassified X? than alternates are made for. IPAddress or Item do not follow the pattern.
    private static bool IsInterfaceName(string name) =>
        name.Length >= 3 && name[0] == 'I' && char.IsUpper(name[1]) && char.IsLower(name[2]);

    private static SimpleNameSyntax Rightmost(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right,
        AliasQualifiedNameSyntax alias => alias.Name,
        _ => (SimpleNameSyntax)name,
    };

    private static bool Contains(IReadOnlyCollection<string> names, string name)
    {
        foreach (var candidate in names)
        {
            if (candidate == name)
            {
                return true;
            }
        }

        return false;
    }

    // The innermost declaration wins: search from the end.
    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = names.Count - 1; i >= 0; i--)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

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
