using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// Names user-defined operators and conversions as the compiler does in metadata (and so in
/// documentation comment IDs), from syntax alone.
/// </summary>
internal static class OperatorNames
{
    /// <summary>The metadata name of a user-defined operator: <c>op_Addition</c>, <c>op_CheckedMultiply</c>, <c>op_IncrementAssignment</c>…</summary>
    /// <param name="op">The operator declaration.</param>
    /// <returns>The name.</returns>
    public static string Of(OperatorDeclarationSyntax op)
    {
        var unary = op.ParameterList.Parameters.Count == 1;

        // C# 14: an instance `operator ++()` (no parameter) is an increment assignment, not the static increment.
        var instance = op.ParameterList.Parameters.Count == 0;
        var isChecked = op.CheckedKeyword.IsKind(SyntaxKind.CheckedKeyword);
        var name = op.OperatorToken.Kind() switch
        {
            SyntaxKind.PlusToken => unary ? "UnaryPlus" : "Addition",
            SyntaxKind.MinusToken => unary ? "UnaryNegation" : "Subtraction",
            SyntaxKind.AsteriskToken => "Multiply",
            SyntaxKind.SlashToken => "Division",
            SyntaxKind.PercentToken => "Modulus",
            SyntaxKind.AmpersandToken => "BitwiseAnd",
            SyntaxKind.BarToken => "BitwiseOr",
            SyntaxKind.CaretToken => "ExclusiveOr",
            SyntaxKind.LessThanLessThanToken => "LeftShift",
            SyntaxKind.GreaterThanGreaterThanToken => "RightShift",
            SyntaxKind.GreaterThanGreaterThanGreaterThanToken => "UnsignedRightShift",
            SyntaxKind.EqualsEqualsToken => "Equality",
            SyntaxKind.ExclamationEqualsToken => "Inequality",
            SyntaxKind.LessThanToken => "LessThan",
            SyntaxKind.GreaterThanToken => "GreaterThan",
            SyntaxKind.LessThanEqualsToken => "LessThanOrEqual",
            SyntaxKind.GreaterThanEqualsToken => "GreaterThanOrEqual",
            SyntaxKind.ExclamationToken => "LogicalNot",
            SyntaxKind.TildeToken => "OnesComplement",
            SyntaxKind.PlusPlusToken => instance ? "IncrementAssignment" : "Increment",
            SyntaxKind.MinusMinusToken => instance ? "DecrementAssignment" : "Decrement",
            SyntaxKind.TrueKeyword => "True",
            SyntaxKind.FalseKeyword => "False",
            SyntaxKind.PlusEqualsToken => "AdditionAssignment",
            SyntaxKind.MinusEqualsToken => "SubtractionAssignment",
            SyntaxKind.AsteriskEqualsToken => "MultiplicationAssignment",
            SyntaxKind.SlashEqualsToken => "DivisionAssignment",
            SyntaxKind.PercentEqualsToken => "ModulusAssignment",
            SyntaxKind.AmpersandEqualsToken => "BitwiseAndAssignment",
            SyntaxKind.BarEqualsToken => "BitwiseOrAssignment",
            SyntaxKind.CaretEqualsToken => "ExclusiveOrAssignment",
            SyntaxKind.LessThanLessThanEqualsToken => "LeftShiftAssignment",
            SyntaxKind.GreaterThanGreaterThanEqualsToken => "RightShiftAssignment",
            SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken => "UnsignedRightShiftAssignment",
            _ => op.OperatorToken.ValueText,
        };
        return "op_" + (isChecked ? "Checked" : string.Empty) + name;
    }

    /// <summary>The metadata name of a conversion operator: <c>op_Implicit</c>, <c>op_Explicit</c> or <c>op_CheckedExplicit</c>.</summary>
    /// <param name="conversion">The conversion declaration.</param>
    /// <returns>The name.</returns>
    public static string Of(ConversionOperatorDeclarationSyntax conversion) =>
        conversion.ImplicitOrExplicitKeyword.IsKind(SyntaxKind.ImplicitKeyword) ? "op_Implicit"
        : conversion.CheckedKeyword.IsKind(SyntaxKind.CheckedKeyword) ? "op_CheckedExplicit"
        : "op_Explicit";
}
