using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ScopeGuard.Core.Json;

namespace ScopeGuard.Core.Symbols;

/// <summary>Everything the declaration diff needs from one version of a C# file.</summary>
public sealed class DeclarationSet
{
    internal DeclarationSet(IReadOnlyList<Declaration> declarations, string fileLevel, string fileLevelText, TextPosition fileLevelPosition, bool hasErrors)
    {
        Declarations = declarations;
        FileLevel = fileLevel;
        FileLevelText = fileLevelText;
        FileLevelPosition = fileLevelPosition;
        HasErrors = hasErrors;
    }

    /// <summary>Gets the declarations in source order.</summary>
    public IReadOnlyList<Declaration> Declarations { get; }

    /// <summary>Gets the tokens outside every declaration: usings, extern aliases, assembly attributes.</summary>
    public string FileLevel { get; }

    /// <summary>Gets the same with trivia, plus the file's trailing trivia and byte order mark.</summary>
    public string FileLevelText { get; }

    /// <summary>Gets where the file-level part starts (the first using, or 1:1).</summary>
    public TextPosition FileLevelPosition { get; }

    /// <summary>Gets a value indicating whether the parser reported errors (the file is still attributed).</summary>
    public bool HasErrors { get; }
}

/// <summary>
/// Lists every declaration of a C# file with its documentation comment ID, computed from syntax
/// alone (error tolerant, no compilation).
/// </summary>
public static class DeclarationExtractor
{
    /// <summary>The ID given to top-level statements (the compiler's synthesized entry point).</summary>
    public const string TopLevelId = "M:Program.<Main>$(System.String[])";

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, DocumentationMode.None);

    /// <summary>Parses a file and lists its declarations.</summary>
    /// <param name="text">The file's text (a leading byte order mark is treated as file-level trivia).</param>
    /// <returns>The declarations.</returns>
    public static DeclarationSet Extract(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var bom = text.Length > 0 && text[0] == '\uFEFF';
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(bom ? text.Substring(1) : text), Options);
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var walker = new Walker(tree);
        walker.VisitCompilationUnit(root, bom);
        return new DeclarationSet(
            walker.Declarations,
            walker.FileLevel.ToString(),
            walker.FileLevelText.ToString(),
            walker.FileLevelPosition ?? new TextPosition(1, 1),
            root.ContainsDiagnostics && root.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error));
    }

    private sealed class Walker
    {
        private readonly SyntaxTree tree;
        private readonly List<string> parts = [];
        private readonly List<string> typeParameters = [];
        private int namespaceDepth;

        public Walker(SyntaxTree tree)
        {
            this.tree = tree;
        }

        public List<Declaration> Declarations { get; } = [];

        public StringBuilder FileLevel { get; } = new();

        public StringBuilder FileLevelText { get; } = new();

        public TextPosition? FileLevelPosition { get; private set; }

        public void VisitCompilationUnit(CompilationUnitSyntax unit, bool bom)
        {
            if (bom)
            {
                FileLevelText.Append('\uFEFF');
            }

            AddFileLevel(unit.Externs);
            AddFileLevel(unit.Usings);
            AddFileLevel(unit.AttributeLists);

            var globals = unit.Members.OfType<GlobalStatementSyntax>().ToList();
            if (globals.Count > 0)
            {
                var id = new DeclarationId(SymbolKind.Method, ["Program", "<Main>$"], "(System.String[])", 0);
                var tokens = new Tokens();
                foreach (var statement in globals)
                {
                    tokens.Add(statement, body: true);
                }

                Add(id, globals[0].GetFirstToken(), tokens);
            }

            foreach (var member in unit.Members)
            {
                if (member is not GlobalStatementSyntax)
                {
                    VisitMember(member);
                }
            }

            // Comments and whitespace at the end of the file.
            FileLevelText.Append(unit.EndOfFileToken.ToFullString());
            AppendDirectives(FileLevel, unit.EndOfFileToken);
        }

        private void AddFileLevel<T>(SyntaxList<T> nodes)
            where T : SyntaxNode
        {
            foreach (var node in nodes)
            {
                FileLevelPosition ??= Position(node.GetFirstToken());
                foreach (var token in node.DescendantTokens())
                {
                    FileLevel.Append(token.Text).Append(' ');
                    AppendDirectives(FileLevel, token);
                    FileLevelText.Append(token.ToFullString());
                }
            }
        }

        private void VisitMember(MemberDeclarationSyntax member)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    VisitNamespace(ns);
                    break;
                case ExtensionBlockDeclarationSyntax extension:
                    VisitExtension(extension);
                    break;
                case BaseTypeDeclarationSyntax type:
                    VisitType(type);
                    break;
                case DelegateDeclarationSyntax @delegate:
                    VisitDelegate(@delegate);
                    break;
                case FieldDeclarationSyntax field:
                    VisitVariables(field, field.Declaration, SymbolKind.Field);
                    break;
                case EventFieldDeclarationSyntax eventField:
                    VisitVariables(eventField, eventField.Declaration, SymbolKind.Event);
                    break;
                case IncompleteMemberSyntax:
                    // Half-typed code: it belongs to the enclosing type's shape (see VisitType).
                    break;
                default:
                    VisitMethodLike(member, receiver: null, extensionHeader: null);
                    break;
            }
        }

        private void VisitNamespace(BaseNamespaceDeclarationSyntax ns)
        {
            var names = NameParts(ns.Name);
            var saved = (parts.Count, namespaceDepth);
            parts.AddRange(names);
            namespaceDepth += names.Count;

            var tokens = new Tokens();
            tokens.Add(ns.NamespaceKeyword, body: false);
            tokens.Add(ns.Name, body: false);
            var id = new DeclarationId(SymbolKind.Namespace, parts.ToArray(), null, namespaceDepth);
            Add(id, ns.Name.GetFirstToken(), tokens);

            AddFileLevel(ns.Externs);
            AddFileLevel(ns.Usings);
            foreach (var member in ns.Members)
            {
                VisitMember(member);
            }

            parts.RemoveRange(saved.Count, parts.Count - saved.Count);
            namespaceDepth = saved.namespaceDepth;
        }

        private void VisitType(BaseTypeDeclarationSyntax type)
        {
            var arity = (type as TypeDeclarationSyntax)?.TypeParameterList?.Parameters.Count ?? 0;
            var name = arity == 0 ? type.Identifier.ValueText : type.Identifier.ValueText + "`" + arity;
            parts.Add(name);
            var addedTypeParameters = (type as TypeDeclarationSyntax)?.TypeParameterList?.Parameters.Select(p => p.Identifier.ValueText).ToList() ?? [];
            typeParameters.AddRange(addedTypeParameters);

            // The type's own tokens: everything but its members. A primary constructor's base-call
            // arguments are implementation, like a constructor initializer.
            var members = type is TypeDeclarationSyntax t ? t.Members.Cast<SyntaxNode>() : ((EnumDeclarationSyntax)type).Members;
            var memberSpans = members.Where(m => m is not IncompleteMemberSyntax).Select(m => m.FullSpan).ToList();
            var bodySpans = type.BaseList?.Types.OfType<PrimaryConstructorBaseTypeSyntax>().Select(b => b.ArgumentList.Span).ToList() ?? [];
            // Enum member separators belong to the members: adding a member is not a change to the enum's shape.
            var separators = type is EnumDeclarationSyntax e ? e.Members.GetSeparators().Select(t => t.Span).ToList() : [];
            var tokens = new Tokens();
            foreach (var token in type.DescendantTokens(n => !memberSpans.Contains(n.FullSpan)))
            {
                if (!memberSpans.Any(s => s.Contains(token.Span)) && !separators.Contains(token.Span))
                {
                    tokens.Add(token, bodySpans.Any(s => s.Contains(token.Span)));
                }
            }

            Add(new DeclarationId(SymbolKind.Type, parts.ToArray(), null, namespaceDepth), type.Identifier, tokens);

            if (type is EnumDeclarationSyntax enumeration)
            {
                foreach (var member in enumeration.Members)
                {
                    var memberTokens = new Tokens();
                    memberTokens.AddExcept(member, member.EqualsValue);
                    if (member.EqualsValue is not null)
                    {
                        memberTokens.Add(member.EqualsValue, body: true);
                    }

                    Add(Member(SymbolKind.Field, member.Identifier.ValueText, null), member.Identifier, memberTokens);
                }
            }
            else
            {
                foreach (var member in ((TypeDeclarationSyntax)type).Members)
                {
                    VisitMember(member);
                }
            }

            typeParameters.RemoveRange(typeParameters.Count - addedTypeParameters.Count, addedTypeParameters.Count);
            parts.RemoveAt(parts.Count - 1);
        }

        private void VisitDelegate(DelegateDeclarationSyntax @delegate)
        {
            var arity = @delegate.TypeParameterList?.Parameters.Count ?? 0;
            var name = arity == 0 ? @delegate.Identifier.ValueText : @delegate.Identifier.ValueText + "`" + arity;
            var tokens = new Tokens();
            tokens.Add(@delegate, body: false);
            var id = new DeclarationId(SymbolKind.Type, [.. parts, name], null, namespaceDepth);
            Add(id, @delegate.Identifier, tokens);
        }

        // C# 14 extension blocks: each member is judged as a member of the enclosing static class,
        // with the receiver as the first parameter of methods (as the compiler's implementation
        // method is), and the block's header as part of every member's signature.
        private void VisitExtension(ExtensionBlockDeclarationSyntax extension)
        {
            var addedTypeParameters = extension.TypeParameterList?.Parameters.Select(p => p.Identifier.ValueText).ToList() ?? [];
            var names = new TypeNames([.. typeParameters, .. addedTypeParameters], []);
            var receiver = extension.ParameterList?.Parameters.Count > 0 ? names.Parameter(extension.ParameterList.Parameters[0]) : null;
            var header = new Tokens();
            header.AddExcept(extension, extension.Members.Select(m => m.FullSpan).ToArray());
            typeParameters.AddRange(addedTypeParameters);
            foreach (var member in extension.Members)
            {
                VisitMethodLike(member, receiver, header);
            }

            typeParameters.RemoveRange(typeParameters.Count - addedTypeParameters.Count, addedTypeParameters.Count);
        }

        private void VisitVariables(MemberDeclarationSyntax member, VariableDeclarationSyntax declaration, SymbolKind kind)
        {
            var variables = declaration.Variables;
            foreach (var variable in variables)
            {
                var tokens = new Tokens();
                foreach (var token in member.DescendantTokens())
                {
                    if (variables.Any(v => v != variable && v.FullSpan.Contains(token.Span)) || variables.GetSeparators().Contains(token))
                    {
                        continue;
                    }

                    var inInitializer = variable.Initializer is not null && variable.Initializer.FullSpan.Contains(token.Span);
                    tokens.Add(token, inInitializer);
                }

                Add(Member(kind, variable.Identifier.ValueText, null), variable.Identifier, tokens);
            }
        }

        private void VisitMethodLike(MemberDeclarationSyntax member, string? receiver, Tokens? extensionHeader)
        {
            var methodTypeParameters = (member as MethodDeclarationSyntax)?.TypeParameterList?.Parameters.Select(p => p.Identifier.ValueText).ToList() ?? [];
            var names = new TypeNames(typeParameters, methodTypeParameters);
            SymbolKind kind;
            string name;
            string? parameters = null;
            SyntaxToken anchor;
            var bodies = new List<SyntaxNode?>();
            SyntaxToken? semicolonIfExpressionBodied = null;

            switch (member)
            {
                case MethodDeclarationSyntax method:
                    kind = SymbolKind.Method;
                    name = Explicit(method.ExplicitInterfaceSpecifier, names) + method.Identifier.ValueText + (methodTypeParameters.Count > 0 ? "``" + methodTypeParameters.Count : string.Empty);
                    parameters = names.Parameters(method.ParameterList, receiver);
                    anchor = method.Identifier;
                    bodies.Add(method.Body);
                    bodies.Add(method.ExpressionBody);
                    semicolonIfExpressionBodied = method.ExpressionBody is null ? null : method.SemicolonToken;
                    break;
                case ConstructorDeclarationSyntax constructor:
                    kind = SymbolKind.Method;
                    var isStatic = constructor.Modifiers.Any(SyntaxKind.StaticKeyword);
                    name = isStatic ? "#cctor" : "#ctor";
                    parameters = isStatic ? string.Empty : names.Parameters(constructor.ParameterList);
                    anchor = constructor.Identifier;
                    bodies.Add(constructor.Body);
                    bodies.Add(constructor.ExpressionBody);
                    bodies.Add(constructor.Initializer);
                    semicolonIfExpressionBodied = constructor.ExpressionBody is null ? null : constructor.SemicolonToken;
                    break;
                case DestructorDeclarationSyntax destructor:
                    kind = SymbolKind.Method;
                    name = "Finalize";
                    anchor = destructor.Identifier;
                    bodies.Add(destructor.Body);
                    bodies.Add(destructor.ExpressionBody);
                    semicolonIfExpressionBodied = destructor.ExpressionBody is null ? null : destructor.SemicolonToken;
                    break;
                case OperatorDeclarationSyntax op:
                    kind = SymbolKind.Method;
                    name = Explicit(op.ExplicitInterfaceSpecifier, names) + OperatorName(op);
                    parameters = names.Parameters(op.ParameterList, receiver);
                    anchor = op.OperatorToken;
                    bodies.Add(op.Body);
                    bodies.Add(op.ExpressionBody);
                    semicolonIfExpressionBodied = op.ExpressionBody is null ? null : op.SemicolonToken;
                    break;
                case ConversionOperatorDeclarationSyntax conversion:
                    kind = SymbolKind.Method;
                    name = Explicit(conversion.ExplicitInterfaceSpecifier, names)
                        + (conversion.ImplicitOrExplicitKeyword.IsKind(SyntaxKind.ImplicitKeyword) ? "op_Implicit" : conversion.CheckedKeyword.IsKind(SyntaxKind.CheckedKeyword) ? "op_CheckedExplicit" : "op_Explicit");
                    parameters = names.Parameters(conversion.ParameterList, receiver) + "~" + names.Name(conversion.Type);
                    anchor = conversion.Type.GetFirstToken();
                    bodies.Add(conversion.Body);
                    bodies.Add(conversion.ExpressionBody);
                    semicolonIfExpressionBodied = conversion.ExpressionBody is null ? null : conversion.SemicolonToken;
                    break;
                case PropertyDeclarationSyntax property:
                    kind = SymbolKind.Property;
                    name = Explicit(property.ExplicitInterfaceSpecifier, names) + property.Identifier.ValueText;
                    anchor = property.Identifier;
                    AddAccessorBodies(property.AccessorList, bodies);
                    bodies.Add(property.ExpressionBody);
                    bodies.Add(property.Initializer);
                    semicolonIfExpressionBodied = property.ExpressionBody is not null || property.Initializer is not null ? property.SemicolonToken : null;
                    break;
                case IndexerDeclarationSyntax indexer:
                    kind = SymbolKind.Property;
                    name = Explicit(indexer.ExplicitInterfaceSpecifier, names) + "Item";
                    parameters = names.Parameters(indexer.ParameterList);
                    anchor = indexer.ThisKeyword;
                    AddAccessorBodies(indexer.AccessorList, bodies);
                    bodies.Add(indexer.ExpressionBody);
                    semicolonIfExpressionBodied = indexer.ExpressionBody is null ? null : indexer.SemicolonToken;
                    break;
                case EventDeclarationSyntax @event:
                    kind = SymbolKind.Event;
                    name = Explicit(@event.ExplicitInterfaceSpecifier, names) + @event.Identifier.ValueText;
                    anchor = @event.Identifier;
                    AddAccessorBodies(@event.AccessorList, bodies);
                    break;
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or FieldDeclarationSyntax or EventFieldDeclarationSyntax:
                    // Nested types and fields inside extension blocks are not legal C#; judge them as usual.
                    VisitMember(member);
                    return;
                default:
                    return;
            }

            var bodySpans = bodies.Where(b => b is not null).Select(b => b!.FullSpan).ToList();
            if (semicolonIfExpressionBodied is { } semicolon)
            {
                bodySpans.Add(semicolon.Span);
            }

            var tokens = new Tokens();
            if (extensionHeader is not null)
            {
                tokens.Append(extensionHeader);
            }

            foreach (var token in member.DescendantTokens())
            {
                tokens.Add(token, bodySpans.Any(s => s.Contains(token.Span)));
            }

            Add(Member(kind, name, NullIfEmpty(parameters)), anchor, tokens);
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

        private static void AddAccessorBodies(AccessorListSyntax? accessors, List<SyntaxNode?> bodies)
        {
            if (accessors is null)
            {
                return;
            }

            foreach (var accessor in accessors.Accessors)
            {
                bodies.Add(accessor.Body);
                bodies.Add(accessor.ExpressionBody);
            }
        }

        private static string Explicit(ExplicitInterfaceSpecifierSyntax? specifier, TypeNames names) =>
            specifier is null ? string.Empty : names.Name(specifier.Name).Replace('.', '#') + "#";

        private static string OperatorName(OperatorDeclarationSyntax op)
        {
            var unary = op.ParameterList.Parameters.Count == 1;
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
                SyntaxKind.PlusPlusToken => "Increment",
                SyntaxKind.MinusMinusToken => "Decrement",
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

        private DeclarationId Member(SymbolKind kind, string name, string? parameters) =>
            new(kind, [.. parts, name], parameters, namespaceDepth);

        private void Add(DeclarationId id, SyntaxToken anchor, Tokens tokens) =>
            Declarations.Add(new Declaration(id, Position(anchor), tokens.Signature.ToString(), tokens.Body.ToString(), tokens.Text.ToString()));

        private TextPosition Position(SyntaxToken token)
        {
            var start = tree.GetLineSpan(token.Span).StartLinePosition;
            return new TextPosition(start.Line + 1, start.Character + 1);
        }

        private static List<string> NameParts(NameSyntax name) => name switch
        {
            QualifiedNameSyntax qualified => [.. NameParts(qualified.Left), qualified.Right.Identifier.ValueText],
            AliasQualifiedNameSyntax alias => [alias.Name.Identifier.ValueText],
            SimpleNameSyntax simple => [simple.Identifier.ValueText],
            _ => [name.ToString()],
        };
    }

    // Collects a declaration's tokens into signature and body fingerprints, and its text with trivia.
    private sealed class Tokens
    {
        public StringBuilder Signature { get; } = new();

        public StringBuilder Body { get; } = new();

        public StringBuilder Text { get; } = new();

        public void Add(SyntaxNode node, bool body)
        {
            foreach (var token in node.DescendantTokens())
            {
                Add(token, body);
            }
        }

        public void Add(SyntaxToken token, bool body)
        {
            var target = body ? Body : Signature;
            target.Append(token.Text).Append(' ');
            AppendDirectives(target, token);
            Text.Append(token.ToFullString());
        }

        public void AddExcept(SyntaxNode node, params SyntaxNode?[] excluded) =>
            AddExcept(node, excluded.Where(e => e is not null).Select(e => e!.FullSpan).ToArray());

        public void AddExcept(SyntaxNode node, TextSpan[] excluded)
        {
            foreach (var token in node.DescendantTokens())
            {
                if (!excluded.Any(s => s.Contains(token.Span)))
                {
                    Add(token, body: false);
                }
            }
        }

        public void Append(Tokens other)
        {
            Signature.Append(other.Signature);
            Body.Append(other.Body);
        }
    }

    // Code hidden in inactive #if branches is still code: an edit there must not pass as a comment.
    private static void AppendDirectives(StringBuilder target, SyntaxToken token)
    {
        if (!token.HasLeadingTrivia && !token.HasTrailingTrivia)
        {
            return;
        }

        foreach (var trivia in token.LeadingTrivia.Concat(token.TrailingTrivia))
        {
            switch (trivia.Kind())
            {
                case SyntaxKind.DisabledTextTrivia:
                case SyntaxKind.IfDirectiveTrivia:
                case SyntaxKind.ElifDirectiveTrivia:
                case SyntaxKind.ElseDirectiveTrivia:
                case SyntaxKind.EndIfDirectiveTrivia:
                case SyntaxKind.DefineDirectiveTrivia:
                case SyntaxKind.UndefDirectiveTrivia:
                    target.Append(string.Join(" ", trivia.ToFullString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Append(' ');
                    break;
            }
        }
    }
}
