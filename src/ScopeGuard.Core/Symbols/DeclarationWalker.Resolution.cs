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
    /// <summary>Gets the resolver of this parse's names; <see langword="null"/>: parameters are not resolved.</summary>
    public TypeResolver? Resolver { get; init; }

    private DeclarationId WithResolvedParameters(DeclarationId id, MemberDeclarationSyntax member, IReadOnlyList<string> methodTypeParameters)
    {
        if (Resolver is null || id.Parameters is null)
        {
            return id;
        }

        var names = new TypeNames(typeParameters.ToList(), methodTypeParameters, Resolver);
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
