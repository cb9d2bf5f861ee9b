using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScopeGuard.Core.Symbols;

// The resolved form of a member's parameter list (DeclarationId.ResolvedParameters), written with a
// TypeResolver the way the walker writes the parameters as they are in the source.
internal sealed partial class DeclarationWalker
{
    private TypeResolver? resolver;

    /// <summary>Gets what names are resolved against; <see langword="null"/>: parameters are not resolved.</summary>
    public TypeIndex? Types { get; init; }

    private DeclarationId WithResolvedParameters(DeclarationId id, MemberDeclarationSyntax member, IReadOnlyList<string> methodTypeParameters)
    {
        if (Types is null || id.Parameters is null || !Types.Resolves(id.Parts[id.Parts.Count - 1]))
        {
            return id;
        }

        // Made for the first member that needs it: a file with none costs nothing.
        resolver ??= new TypeResolver((CompilationUnitSyntax)tree.GetRoot(), Types);
        var names = new TypeNames(typeParameters.ToList(), methodTypeParameters, resolver);
        string? receiver = null;
        if (member.Parent is ExtensionBlockDeclarationSyntax extension && !member.Modifiers.Any(SyntaxKind.StaticKeyword) && extension.ParameterList?.Parameters.Count > 0)
        {
            receiver = names.Parameter(extension.ParameterList.Parameters[0]);
        }

        var resolved = member switch
        {
            MethodDeclarationSyntax method => names.Parameters(method.ParameterList, receiver),
            ConstructorDeclarationSyntax constructor => names.Parameters(constructor.ParameterList),
            OperatorDeclarationSyntax op => names.Parameters(op.ParameterList, receiver),
            ConversionOperatorDeclarationSyntax conversion => names.Parameters(conversion.ParameterList, receiver) + "~" + names.Name(conversion.Type),
            IndexerDeclarationSyntax indexer => names.Parameters(indexer.ParameterList),
            _ => null,
        };

        return string.IsNullOrEmpty(resolved) || resolved == id.Parameters
            ? id
            : new DeclarationId(id.Kind, id.Parts, id.Parameters, id.NamespaceDepth) { ResolvedParameters = resolved };
    }
}
