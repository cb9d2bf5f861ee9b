using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// Walks one parse of a C# file and lists its declarations, each with its ID, its signature and
/// body fingerprints and its text with trivia; what no declaration owns is the file level.
/// </summary>
internal sealed partial class DeclarationWalker
{
    private readonly SyntaxTree tree;
    private readonly TokenSource source;
    private readonly List<string> parts = [];
    private readonly List<string> typeParameters = [];
    private int namespaceDepth;

    public DeclarationWalker(SyntaxTree tree, TokenSource source)
    {
        this.tree = tree;
        this.source = source;
    }

    public List<Declaration> Declarations { get; } = [];

    public StringBuilder FileLevel { get; } = new();

    public StringBuilder FileLevelText { get; } = new();

    public TextPosition? FileLevelPosition { get; private set; }

    public List<(string Fingerprint, TextPosition Position)> FileLevelItems { get; } = [];

    public void VisitCompilationUnit(CompilationUnitSyntax unit, bool bom)
    {
        if (bom)
        {
            FileLevelText.Append(TextFacts.ByteOrderMark);
        }

        AddFileLevel(unit.Externs);
        AddFileLevel(unit.Usings);
        AddFileLevel(unit.AttributeLists);

        var globals = unit.Members.OfType<GlobalStatementSyntax>().ToList();
        if (globals.Count > 0)
        {
            var id = new DeclarationId(SymbolKind.Method, ["Program", "<Main>$"], "(System.String[])", 0);
            var tokens = new DeclarationTokens(source);
            foreach (var statement in globals)
            {
                tokens.Add(statement, body: true);
            }

            Add(id, globals[0].GetFirstToken(), tokens);
        }

        foreach (var member in unit.Members)
        {
            if (member is IncompleteMemberSyntax)
            {
                // Half-typed code outside every namespace and type: nothing else owns it.
                AddFileLevel(member);
            }
            else if (member is not GlobalStatementSyntax)
            {
                VisitMember(member);
            }
        }

        // Comments and whitespace at the end of the file.
        source.AppendFull(FileLevelText, unit.EndOfFileToken);
        var end = new StringBuilder();
        source.AppendDirectives(end, unit.EndOfFileToken);
        if (end.Length > 0)
        {
            FileLevel.Append(end);
            FileLevelItems.Add((end.ToString(), Position(unit.EndOfFileToken)));
        }
    }

    private void AddFileLevel<T>(SyntaxList<T> nodes)
        where T : SyntaxNode
    {
        foreach (var node in nodes)
        {
            AddFileLevel(node);
        }
    }

    private void AddFileLevel(SyntaxNode node)
    {
        var position = Position(node.GetFirstToken());
        FileLevelPosition ??= position;
        var item = new StringBuilder();
        var branch = -1;
        foreach (var token in node.DescendantTokens())
        {
            source.AppendBranch(item, token, ref branch);
            source.AppendText(item, token).Append(' ');
            source.AppendDirectives(item, token);
            source.AppendFull(FileLevelText, token);
        }

        FileLevel.Append(item);
        FileLevelItems.Add((item.ToString(), position));
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
            case IncompleteMemberSyntax or GlobalStatementSyntax:
                // Half-typed code: it belongs to the enclosing namespace's or type's shape (see
                // VisitNamespace and VisitType), or to the file level outside them.
                break;
            default:
                VisitMethodLike(member, extension: null);
                break;
        }
    }

    // Members that are not declarations of their own: while typing, or after a parse error.
    private static bool IsUnattributed(MemberDeclarationSyntax member) => member is IncompleteMemberSyntax or GlobalStatementSyntax;

    private void VisitNamespace(BaseNamespaceDeclarationSyntax ns)
    {
        var names = NameParts(ns.Name);
        var saved = (parts.Count, namespaceDepth);
        parts.AddRange(names);
        namespaceDepth += names.Count;

        // The name is the namespace's signature. Its braces and semicolons carry no meaning (a block
        // namespace can become file-scoped), but their trivia must be owned by someone: comments and
        // inactive #if code just before the closing brace would otherwise be seen by nobody.
        var tokens = new DeclarationTokens(source);
        foreach (var attributes in ns.AttributeLists)
        {
            tokens.Add(attributes, body: false);
        }

        foreach (var modifier in ns.Modifiers)
        {
            tokens.Add(modifier, body: false);
        }

        tokens.Add(ns.NamespaceKeyword, body: false);
        tokens.Add(ns.Name, body: false);
        foreach (var token in ns.ChildTokens())
        {
            if (token != ns.NamespaceKeyword && !ns.Modifiers.Contains(token))
            {
                tokens.AddText(token);
            }
        }

        foreach (var member in ns.Members.Where(IsUnattributed))
        {
            tokens.Add(member, body: false);
        }

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
        // arguments are implementation, like a constructor initializer. Half-typed members stay
        // part of the type. (Sets, not lists: a generated type may have thousands of members.)
        var members = type is TypeDeclarationSyntax t ? t.Members.Where(m => !IsUnattributed(m)).Cast<SyntaxNode>() : ((EnumDeclarationSyntax)type).Members;
        var excluded = new HashSet<SyntaxNode>(members);
        var bodySpans = type.BaseList?.Types.OfType<PrimaryConstructorBaseTypeSyntax>().Select(b => b.ArgumentList.Span).ToList() ?? [];

        // Enum member separators belong to the members: adding a member is not a change to the enum's shape.
        var enumeration = type as EnumDeclarationSyntax;
        var separators = enumeration?.Members.GetSeparators().ToList() ?? [];
        var separatorSet = new HashSet<SyntaxToken>(separators);
        var tokens = new DeclarationTokens(source);
        foreach (var token in type.DescendantTokens(n => !excluded.Contains(n)))
        {
            if (!separatorSet.Contains(token))
            {
                tokens.Add(token, DeclarationTokens.Within(bodySpans, token.Span));
            }
        }

        // An extension block without members declares nothing; its text still belongs to the type.
        foreach (var empty in members.OfType<ExtensionBlockDeclarationSyntax>().Where(e => e.Members.All(IsUnattributed)))
        {
            foreach (var token in empty.DescendantTokens())
            {
                tokens.AddText(token);
            }
        }

        Add(new DeclarationId(SymbolKind.Type, parts.ToArray(), null, namespaceDepth), type.Identifier, tokens);

        if (enumeration is not null)
        {
            for (var i = 0; i < enumeration.Members.Count; i++)
            {
                var member = enumeration.Members[i];
                var memberTokens = new DeclarationTokens(source);
                memberTokens.AddExcept(member, member.EqualsValue);
                if (member.EqualsValue is not null)
                {
                    memberTokens.Add(member.EqualsValue, body: true);
                }

                // The comma after a member (and a comment trailing it) is part of that member's text.
                if (i < separators.Count)
                {
                    memberTokens.AddText(separators[i]);
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
        var tokens = new DeclarationTokens(source);
        tokens.Add(@delegate, body: false);
        var id = new DeclarationId(SymbolKind.Type, [.. parts, name], null, namespaceDepth);
        Add(id, @delegate.Identifier, tokens);
    }

    // C# 14 extension blocks: each member is judged as a member of the enclosing static class,
    // named as the compiler's implementation method is: the block's type parameters come first
    // among the method's type parameters, and instance members take the receiver as their first
    // parameter (static members have none). The block's header is part of every member's signature.
    private void VisitExtension(ExtensionBlockDeclarationSyntax extension)
    {
        if (extension.Members.All(IsUnattributed))
        {
            // Owned by the enclosing type (see VisitType).
            return;
        }

        var blockTypeParameters = extension.TypeParameterList?.Parameters.Select(p => p.Identifier.ValueText).ToList() ?? [];
        var names = new TypeNames(typeParameters, blockTypeParameters);
        var receiver = extension.ParameterList?.Parameters.Count > 0 ? names.Parameter(extension.ParameterList.Parameters[0]) : null;
        var header = new DeclarationTokens(source);
        header.AddExcept(extension, extension.Members.Where(m => !IsUnattributed(m)).Select(m => m.FullSpan).ToArray());
        var context = new ExtensionContext(header, receiver, blockTypeParameters);
        foreach (var member in extension.Members)
        {
            VisitMethodLike(member, context);
        }
    }

    private void VisitVariables(MemberDeclarationSyntax member, VariableDeclarationSyntax declaration, SymbolKind kind)
    {
        var variables = declaration.Variables;
        var separators = variables.GetSeparators().ToList();
        if (variables.Count == 0)
        {
            return;
        }

        // The tokens every declarator shares (attributes, modifiers, type before them; the semicolon
        // after), collected once: a generated field may have thousands of declarators.
        var separatorSet = new HashSet<SyntaxToken>(separators);
        var firstStart = variables[0].FullSpan.Start;
        var shared = member.DescendantTokens(n => n is not VariableDeclaratorSyntax).Where(t => !separatorSet.Contains(t)).ToList();
        var prefix = shared.Where(t => t.Span.End <= firstStart).ToList();
        var suffix = shared.Where(t => t.Span.End > firstStart).ToList();
        for (var i = 0; i < variables.Count; i++)
        {
            var variable = variables[i];
            var tokens = new DeclarationTokens(source);
            foreach (var token in prefix)
            {
                tokens.Add(token, body: false);
            }

            foreach (var token in variable.DescendantTokens())
            {
                tokens.Add(token, variable.Initializer is not null && variable.Initializer.FullSpan.Contains(token.Span));
            }

            // The comma after a declarator is part of its text only: appending a declarator changes no signature.
            if (i < separators.Count)
            {
                tokens.AddText(separators[i]);
            }

            foreach (var token in suffix)
            {
                tokens.Add(token, body: false);
            }

            Add(Member(kind, variable.Identifier.ValueText, null), variable.Identifier, tokens);
        }
    }

    private void VisitMethodLike(MemberDeclarationSyntax member, ExtensionContext? extension)
    {
        var ownTypeParameters = (member as MethodDeclarationSyntax)?.TypeParameterList?.Parameters.Select(p => p.Identifier.ValueText).ToList() ?? [];
        var methodTypeParameters = extension is null ? ownTypeParameters : [.. extension.TypeParameters, .. ownTypeParameters];
        var names = new TypeNames(typeParameters, methodTypeParameters);
        var receiver = extension is null || member.Modifiers.Any(SyntaxKind.StaticKeyword) ? null : extension.Receiver;
        SymbolKind kind;
        string name;
        string? parameters = null;
        SyntaxToken anchor;
        var bodies = new List<SyntaxNode?>();
        var bodyTokens = new List<SyntaxToken>();

        switch (member)
        {
            case MethodDeclarationSyntax method:
                kind = SymbolKind.Method;
                name = Explicit(method.ExplicitInterfaceSpecifier) + method.Identifier.ValueText + (methodTypeParameters.Count > 0 ? "``" + methodTypeParameters.Count : string.Empty);
                parameters = names.Parameters(method.ParameterList, receiver);
                anchor = method.Identifier;
                bodies.Add(method.Body);
                AddExpressionBody(method.ExpressionBody, method.SemicolonToken, bodies, bodyTokens);
                break;
            case ConstructorDeclarationSyntax constructor:
                kind = SymbolKind.Method;
                var isStatic = constructor.Modifiers.Any(SyntaxKind.StaticKeyword);
                name = isStatic ? "#cctor" : "#ctor";
                parameters = isStatic ? string.Empty : names.Parameters(constructor.ParameterList);
                anchor = constructor.Identifier;
                bodies.Add(constructor.Body);
                bodies.Add(constructor.Initializer);
                AddExpressionBody(constructor.ExpressionBody, constructor.SemicolonToken, bodies, bodyTokens);
                break;
            case DestructorDeclarationSyntax destructor:
                kind = SymbolKind.Method;
                name = "Finalize";
                anchor = destructor.Identifier;
                bodies.Add(destructor.Body);
                AddExpressionBody(destructor.ExpressionBody, destructor.SemicolonToken, bodies, bodyTokens);
                break;
            case OperatorDeclarationSyntax op:
                kind = SymbolKind.Method;
                name = Explicit(op.ExplicitInterfaceSpecifier) + OperatorNames.Of(op);
                parameters = names.Parameters(op.ParameterList, receiver);
                anchor = op.OperatorToken;
                bodies.Add(op.Body);
                AddExpressionBody(op.ExpressionBody, op.SemicolonToken, bodies, bodyTokens);
                break;
            case ConversionOperatorDeclarationSyntax conversion:
                kind = SymbolKind.Method;
                name = Explicit(conversion.ExplicitInterfaceSpecifier)
                    + OperatorNames.Of(conversion);
                parameters = names.Parameters(conversion.ParameterList, receiver) + "~" + names.Name(conversion.Type);

                // The compiler locates a conversion operator at its target type.
                anchor = conversion.Type.GetFirstToken();
                bodies.Add(conversion.Body);
                AddExpressionBody(conversion.ExpressionBody, conversion.SemicolonToken, bodies, bodyTokens);
                break;
            case PropertyDeclarationSyntax property:
                kind = SymbolKind.Property;
                name = Explicit(property.ExplicitInterfaceSpecifier) + property.Identifier.ValueText;
                anchor = property.Identifier;
                AddAccessorBodies(property.AccessorList, bodies, bodyTokens);
                bodies.Add(property.Initializer);
                AddExpressionBody(property.ExpressionBody, property.SemicolonToken, bodies, bodyTokens);
                if (property.Initializer is not null)
                {
                    bodyTokens.Add(property.SemicolonToken);
                }

                break;
            case IndexerDeclarationSyntax indexer:
                kind = SymbolKind.Property;
                name = Explicit(indexer.ExplicitInterfaceSpecifier) + "Item";
                parameters = names.Parameters(indexer.ParameterList);
                anchor = indexer.ThisKeyword;
                AddAccessorBodies(indexer.AccessorList, bodies, bodyTokens);
                AddExpressionBody(indexer.ExpressionBody, indexer.SemicolonToken, bodies, bodyTokens);
                break;
            case EventDeclarationSyntax @event:
                kind = SymbolKind.Event;
                name = Explicit(@event.ExplicitInterfaceSpecifier) + @event.Identifier.ValueText;
                anchor = @event.Identifier;
                AddAccessorBodies(@event.AccessorList, bodies, bodyTokens);
                break;
            case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or FieldDeclarationSyntax or EventFieldDeclarationSyntax or BaseNamespaceDeclarationSyntax:
                // Nested types and fields inside extension blocks are not legal C#; judge them as usual.
                VisitMember(member);
                return;
            default:
                // Half-typed members of an extension block are part of its header (see VisitExtension).
                return;
        }

        var bodySpans = bodies.Where(b => b is not null).Select(b => b!.FullSpan).ToList();
        bodySpans.AddRange(bodyTokens.Where(t => !t.IsMissing || t.Span.Length > 0).Select(t => t.Span));

        var tokens = new DeclarationTokens(source);
        tokens.Add(member, bodySpans);
        if (extension is not null)
        {
            tokens.Append(extension.Header);
        }

        Add(WithResolvedParameters(Member(kind, name, NullIfEmpty(parameters)), member, methodTypeParameters), anchor, tokens);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // An expression body's semicolon is part of the implementation: `=> x;` and `{ return x; }` are both bodies.
    private static void AddExpressionBody(ArrowExpressionClauseSyntax? expressionBody, SyntaxToken semicolon, List<SyntaxNode?> bodies, List<SyntaxToken> bodyTokens)
    {
        if (expressionBody is not null)
        {
            bodies.Add(expressionBody);
            bodyTokens.Add(semicolon);
        }
    }

    private static void AddAccessorBodies(AccessorListSyntax? accessors, List<SyntaxNode?> bodies, List<SyntaxToken> bodyTokens)
    {
        if (accessors is null)
        {
            return;
        }

        foreach (var accessor in accessors.Accessors)
        {
            bodies.Add(accessor.Body);

            // `get => x;` is a body like `get { return x; }`; the semicolon of `get;` is the accessor's shape.
            AddExpressionBody(accessor.ExpressionBody, accessor.SemicolonToken, bodies, bodyTokens);
        }
    }

    // The compiler names an explicit implementation after the interface as written in its metadata
    // name: dots become '#', type arguments keep their own names (IEnumerable{T}, not IEnumerable{`0}).
    private static string Explicit(ExplicitInterfaceSpecifierSyntax? specifier) =>
        specifier is null ? string.Empty : new TypeNames([], []).Name(specifier.Name).Replace('.', '#') + "#";

    private DeclarationId Member(SymbolKind kind, string name, string? parameters) =>
        new(kind, [.. parts, name], parameters, namespaceDepth);

    private void Add(DeclarationId id, SyntaxToken anchor, DeclarationTokens tokens) =>
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

    // What an extension block gives each of its members.
    private sealed record ExtensionContext(DeclarationTokens Header, string? Receiver, IReadOnlyList<string> TypeParameters);
}
