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

    // The type parameters in scope that are constrained to value types (T? is Nullable<T> for them).
    private readonly List<string> valueTypeParameters = [];
    private FileTypeNames? valueTypes;
    private int namespaceDepth;

    public DeclarationWalker(SyntaxTree tree, TokenSource source)
    {
        this.tree = tree;
        this.source = source;
    }

    public List<Declaration> Declarations { get; } = [];

    /// <summary>
    /// Gets a value indicating whether the declarations' strings are left empty and their making
    /// recorded instead (<see cref="Recorded"/>, one per declaration), for <see cref="TouchedDiff"/>.
    /// </summary>
    public bool Record { get; init; }

    /// <summary>Gets what each declaration is made of, in the order of <see cref="Declarations"/>, when <see cref="Record"/>.</summary>
    public List<DeclarationTokens> Recorded { get; } = [];

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

        valueTypes = new FileTypeNames(unit);

        AddFileLevel(unit.Externs);
        AddFileLevel(unit.Usings);
        AddFileLevel(unit.AttributeLists);

        var globals = unit.Members.OfType<GlobalStatementSyntax>().ToList();
        if (globals.Count > 0)
        {
            var id = new DeclarationId(SymbolKind.Method, ["Program", DeclarationExtractor.TopLevelName], "(System.String[])", 0);
            var tokens = NewTokens();
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
        var tokens = NewTokens();
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
        var addedValueTypeParameters = type is TypeDeclarationSyntax { ConstraintClauses.Count: > 0 } constrained ? AddValueTypeParameters(constrained.ConstraintClauses, addedTypeParameters) : 0;
        var firstDeclaration = Declarations.Count;

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
        var tokens = NewTokens();
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
        if (type is TypeDeclarationSyntax { ParameterList: { } primary } withPrimary)
        {
            VisitPrimaryConstructor(withPrimary, primary);
        }

        if (enumeration is not null)
        {
            for (var i = 0; i < enumeration.Members.Count; i++)
            {
                var member = enumeration.Members[i];
                var memberTokens = NewTokens();
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

        SeparateNullableOverloads(firstDeclaration);
        valueTypeParameters.RemoveRange(valueTypeParameters.Count - addedValueTypeParameters, addedValueTypeParameters);
        typeParameters.RemoveRange(typeParameters.Count - addedTypeParameters.Count, addedTypeParameters.Count);
        parts.RemoveAt(parts.Count - 1);
    }

    // Adds the type parameters that 'where T : struct' (or unmanaged) makes value types; returns how many.
    private int AddValueTypeParameters(SyntaxList<TypeParameterConstraintClauseSyntax> clauses, List<string> declared)
    {
        var added = 0;
        foreach (var clause in clauses)
        {
            if (declared.Contains(clause.Name.Identifier.ValueText) && IsValueConstraint(clause))
            {
                valueTypeParameters.Add(clause.Name.Identifier.ValueText);
                added++;
            }
        }

        return added;
    }

    private static bool IsValueConstraint(TypeParameterConstraintClauseSyntax clause) =>
        clause.Constraints.Any(c => c.IsKind(SyntaxKind.StructConstraint) || c is TypeConstraintSyntax { Type: IdentifierNameSyntax { Identifier.ValueText: "unmanaged" } });

    // Overloads F(Foo?) and F(Foo) can only both compile when Foo is a value type: where syntax took an
    // unclassified Foo? for a reference type and two members of the type got one ID, the one with Foo?
    // takes its Nullable form. Two declarations never share an ID because of a '?'.
    private void SeparateNullableOverloads(int first)
    {
        var seen = new Dictionary<DeclarationId, int>();
        var ambiguous = false;
        for (var i = first; i < Declarations.Count; i++)
        {
            ambiguous |= Declarations[i].Id.Alternates.Count > 0 && Declarations[i].Id.Kind is SymbolKind.Method or SymbolKind.Property;
        }

        if (!ambiguous)
        {
            return;
        }

        var duplicates = new HashSet<DeclarationId>();
        for (var i = first; i < Declarations.Count; i++)
        {
            if (seen.ContainsKey(Declarations[i].Id))
            {
                duplicates.Add(Declarations[i].Id);
            }

            seen[Declarations[i].Id] = i;
        }

        for (var i = first; i < Declarations.Count; i++)
        {
            var declaration = Declarations[i];
            if (duplicates.Contains(declaration.Id) && declaration.Id.Alternates.Count > 0 && declaration.Id.Alternates[0].Parts.SequenceEqual(declaration.Id.Parts))
            {
                Declarations[i] = declaration with { Id = declaration.Id.Alternates[0] };
            }
        }
    }

    // A primary constructor is a constructor the compiler declares at the type's name; a record's
    // positional parameters are also properties, declared at each parameter (unless the record declares
    // a member of that name itself, or passes the parameter on to its base record's, which then has it).
    private void VisitPrimaryConstructor(TypeDeclarationSyntax type, ParameterListSyntax list)
    {
        var names = new TypeNames(typeParameters, [], valueTypeParameters, valueTypes);
        var constructorTokens = NewTokens();
        constructorTokens.Add(list, body: false);
        Add(Identify(SymbolKind.Method, _ => "#ctor", n => n.Parameters(list), n => n.Parameters(list), names, Bound([], valueTypeParameters)), type.Identifier, constructorTokens);
        if (type is not RecordDeclarationSyntax)
        {
            return;
        }

        var passedOn = new HashSet<string>(
            type.BaseList?.Types.OfType<PrimaryConstructorBaseTypeSyntax>().SelectMany(b => b.ArgumentList.DescendantNodes())
                .OfType<IdentifierNameSyntax>().Select(i => i.Identifier.ValueText) ?? [],
            System.StringComparer.Ordinal);
        foreach (var parameter in list.Parameters)
        {
            var name = parameter.Identifier.ValueText;
            if (passedOn.Contains(name) || type.Members.Any(m => DeclaresName(m, name)))
            {
                continue;
            }

            var tokens = NewTokens();
            tokens.Add(parameter, body: false);
            Add(Member(SymbolKind.Property, name, null), parameter.Identifier, tokens);
        }
    }

    private static bool DeclaresName(MemberDeclarationSyntax member, string name) => member switch
    {
        PropertyDeclarationSyntax property => property.ExplicitInterfaceSpecifier is null && property.Identifier.ValueText == name,
        BaseFieldDeclarationSyntax field => field.Declaration.Variables.Any(v => v.Identifier.ValueText == name),
        MethodDeclarationSyntax method => method.ExplicitInterfaceSpecifier is null && method.Identifier.ValueText == name,
        EventDeclarationSyntax @event => @event.ExplicitInterfaceSpecifier is null && @event.Identifier.ValueText == name,
        BaseTypeDeclarationSyntax nested => nested.Identifier.ValueText == name,
        _ => false,
    };

    // The other forms of an ID's unclassified X? types, when it had any (see TypeNames.Unclassified):
    // all of them Nullable first, then (for up to four) each other combination, so that a pattern naming
    // some as structs and others as classes matches too. With binding, each alternate gets the resolved
    // form written with the same choice (binding classifies no X? the syntax could not, so the choices
    // line up; where they would not, the alternates stay unresolved).
    private static List<DeclarationId> Alternates(DeclarationId id, TypeNames names, System.Func<TypeNames, string> alternateParameters, TypeNames? bound, string? resolvedName)
    {
        var count = names.Unclassified;
        if (count == 0)
        {
            return [];
        }

        var paired = bound is not null && bound.Unclassified == count;
        var all = count >= 31 ? -1 : (1 << count) - 1;
        var masks = new List<int> { all };
        for (var mask = 1; count <= 4 && mask < all; mask++)
        {
            masks.Add(mask);
        }

        var alternates = new List<DeclarationId>();
        foreach (var mask in masks)
        {
            var alternate = new DeclarationId(id.Kind, id.Parts, NullIfEmpty(names.Alternate(mask, () => alternateParameters(names))), id.NamespaceDepth);
            if (alternate.Equals(id) || alternates.Contains(alternate))
            {
                continue;
            }

            alternates.Add(paired ? WithResolved(alternate, resolvedName, NullIfEmpty(bound!.Alternate(mask, () => alternateParameters(bound)))) : alternate);
        }

        return alternates;
    }

    private void VisitDelegate(DelegateDeclarationSyntax @delegate)
    {
        var arity = @delegate.TypeParameterList?.Parameters.Count ?? 0;
        var name = arity == 0 ? @delegate.Identifier.ValueText : @delegate.Identifier.ValueText + "`" + arity;
        var tokens = NewTokens();
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
        var blockValueTypeParameters = extension.ConstraintClauses.Where(c => blockTypeParameters.Contains(c.Name.Identifier.ValueText) && IsValueConstraint(c))
            .Select(c => c.Name.Identifier.ValueText).ToList();
        List<string> blockValueParameters = [.. valueTypeParameters, .. blockValueTypeParameters];
        var names = new TypeNames(typeParameters, blockTypeParameters, blockValueParameters, valueTypes);
        var receiverParameter = extension.ParameterList?.Parameters.Count > 0 ? extension.ParameterList.Parameters[0] : null;
        var receiver = receiverParameter is null ? null : names.Parameter(receiverParameter);
        var header = NewTokens();
        header.AddExcept(extension, extension.Members.Where(m => !IsUnattributed(m)).Select(m => m.FullSpan).ToArray());
        var context = new ExtensionContext(header, receiver, receiverParameter, blockTypeParameters, blockValueTypeParameters);
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
            var tokens = NewTokens();
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
        var method = member as MethodDeclarationSyntax;
        var ownTypeParameters = method?.TypeParameterList?.Parameters.Select(p => p.Identifier.ValueText).ToList() ?? [];
        var methodTypeParameters = extension is null ? ownTypeParameters : [.. extension.TypeParameters, .. ownTypeParameters];
        var valueParameters = ValueTypeParameters(method, ownTypeParameters, extension);
        var names = new TypeNames(typeParameters, methodTypeParameters, valueParameters, valueTypes);
        var bound = Bound(methodTypeParameters, valueParameters);
        var isStaticMember = member.Modifiers.Any(SyntaxKind.StaticKeyword);
        var receiver = extension is null || isStaticMember ? null : extension.Receiver;
        string? Receiver(TypeNames n) => n == names ? receiver : extension?.ReceiverParameter is { } parameter && !isStaticMember ? n.Parameter(parameter) : null;

        // Members of a generic extension block are generic methods of the enclosing class (op_Addition``1).
        var arity = methodTypeParameters.Count > 0 ? "``" + methodTypeParameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        // The name and parameters are written by functions of the TypeNames to write with: once from
        // syntax (the primary ID), once more with binding (its resolved form; see Identify).
        SymbolKind kind;
        System.Func<TypeNames, string> name;
        System.Func<TypeNames, string>? parameters = null;
        System.Func<TypeNames, string>? alternateParameters = null;
        SyntaxToken anchor;
        var bodies = new List<SyntaxNode?>();
        var bodyTokens = new List<SyntaxToken>();

        switch (member)
        {
            case MethodDeclarationSyntax ordinary:
                kind = SymbolKind.Method;
                name = n => Explicit(ordinary.ExplicitInterfaceSpecifier, n) + ordinary.Identifier.ValueText + arity;
                parameters = n => n.Parameters(ordinary.ParameterList, Receiver(n));
                alternateParameters = n => n.AlternateParameters(ordinary.ParameterList, Receiver(n));
                anchor = ordinary.Identifier;
                bodies.Add(ordinary.Body);
                AddExpressionBody(ordinary.ExpressionBody, ordinary.SemicolonToken, bodies, bodyTokens);
                break;
            case ConstructorDeclarationSyntax constructor:
                kind = SymbolKind.Method;
                var isStatic = constructor.Modifiers.Any(SyntaxKind.StaticKeyword);
                name = _ => isStatic ? "#cctor" : "#ctor";
                parameters = n => isStatic ? string.Empty : n.Parameters(constructor.ParameterList);
                alternateParameters = n => n.AlternateParameters(constructor.ParameterList);
                anchor = constructor.Identifier;
                bodies.Add(constructor.Body);
                bodies.Add(constructor.Initializer);
                AddExpressionBody(constructor.ExpressionBody, constructor.SemicolonToken, bodies, bodyTokens);
                break;
            case DestructorDeclarationSyntax destructor:
                kind = SymbolKind.Method;
                name = _ => "Finalize";
                anchor = destructor.Identifier;
                bodies.Add(destructor.Body);
                AddExpressionBody(destructor.ExpressionBody, destructor.SemicolonToken, bodies, bodyTokens);
                break;
            case OperatorDeclarationSyntax op:
                kind = SymbolKind.Method;
                name = n => Explicit(op.ExplicitInterfaceSpecifier, n) + OperatorNames.Of(op) + arity;
                parameters = n => n.Parameters(op.ParameterList, Receiver(n));
                alternateParameters = n => n.AlternateParameters(op.ParameterList, Receiver(n));
                anchor = op.OperatorToken;
                bodies.Add(op.Body);
                AddExpressionBody(op.ExpressionBody, op.SemicolonToken, bodies, bodyTokens);
                break;
            case ConversionOperatorDeclarationSyntax conversion:
                kind = SymbolKind.Method;
                name = n => Explicit(conversion.ExplicitInterfaceSpecifier, n) + OperatorNames.Of(conversion) + arity;

                // The compiler writes the target type (~T) only after a conversion operator's own name, not
                // after an explicit implementation's (M:S.N#IConv{N#S}#op_Explicit(N.S)).
                parameters = n =>
                {
                    var target = conversion.ExplicitInterfaceSpecifier is null ? "~" + n.Name(conversion.Type) : string.Empty;
                    return n.Parameters(conversion.ParameterList, Receiver(n)) + target;
                };
                alternateParameters = n => n.AlternateParameters(conversion.ParameterList, Receiver(n)) + (conversion.ExplicitInterfaceSpecifier is null ? "~" + n.Name(conversion.Type) : string.Empty);

                // The compiler locates a conversion operator at its target type.
                anchor = conversion.Type.GetFirstToken();
                bodies.Add(conversion.Body);
                AddExpressionBody(conversion.ExpressionBody, conversion.SemicolonToken, bodies, bodyTokens);
                break;
            case PropertyDeclarationSyntax property:
                kind = SymbolKind.Property;
                name = n => Explicit(property.ExplicitInterfaceSpecifier, n) + property.Identifier.ValueText;
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
                name = n => indexer.ExplicitInterfaceSpecifier is null ? IndexerName(indexer) : Explicit(indexer.ExplicitInterfaceSpecifier, n) + "Item";
                parameters = n => n.Parameters(indexer.ParameterList);
                alternateParameters = n => n.AlternateParameters(indexer.ParameterList);
                anchor = indexer.ThisKeyword;
                AddAccessorBodies(indexer.AccessorList, bodies, bodyTokens);
                AddExpressionBody(indexer.ExpressionBody, indexer.SemicolonToken, bodies, bodyTokens);
                break;
            case EventDeclarationSyntax @event:
                kind = SymbolKind.Event;
                name = n => Explicit(@event.ExplicitInterfaceSpecifier, n) + @event.Identifier.ValueText;
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

        var tokens = NewTokens();
        tokens.Add(member, bodySpans);
        if (extension is not null)
        {
            tokens.Append(extension.Header);
        }

        var id = Identify(kind, name, parameters, alternateParameters, names, bound);
        if (extension is not null && member is PropertyDeclarationSyntax extensionProperty)
        {
            var accessors = ExtensionAccessors(extensionProperty, names, receiver, arity).ToList();
            if (ForMember(bound, id.Parts[id.Parts.Count - 1]) is { } boundNames)
            {
                var boundAccessors = ExtensionAccessors(extensionProperty, boundNames, Receiver(boundNames), arity).ToList();
                accessors = accessors.Select((a, i) => WithResolved(a, a.Parts[a.Parts.Count - 1], boundAccessors[i].Parameters)).ToList();
            }

            id = With(id, [.. id.Alternates, .. accessors]);
        }

        Add(id, anchor, tokens);
    }

    // The type parameters in scope for a member that are value types: the enclosing types', an
    // extension block's, and the method's own 'where T : struct' ones. In an override or an explicit
    // implementation, constraints are inherited and T? means Nullable<T> unless 'where T : class' or
    // 'where T : default' says otherwise.
    private List<string> ValueTypeParameters(MethodDeclarationSyntax? method, List<string> own, ExtensionContext? extension)
    {
        var inherits = method is not null && (method.ExplicitInterfaceSpecifier is not null || method.Modifiers.Any(SyntaxKind.OverrideKeyword));
        if (extension is null && (method is null || (method.ConstraintClauses.Count == 0 && !(inherits && own.Count > 0))))
        {
            return valueTypeParameters;
        }

        var result = new List<string>(valueTypeParameters);
        if (extension is not null)
        {
            result.AddRange(extension.ValueTypeParameters);
        }

        foreach (var name in own)
        {
            var clause = method!.ConstraintClauses.FirstOrDefault(c => c.Name.Identifier.ValueText == name);
            var isValue = inherits
                ? clause is null || !clause.Constraints.Any(c => c.IsKind(SyntaxKind.ClassConstraint) || c.IsKind(SyntaxKind.DefaultConstraint))
                : clause is not null && IsValueConstraint(clause);
            if (isValue)
            {
                result.Add(name);
            }
        }

        return result;
    }

    // An extension property's accessors are implemented as methods of the enclosing class, which the
    // XML documentation file lists: get_Count``1(System.Collections.Generic.List{``0}), and set_ with the value last.
    private IEnumerable<DeclarationId> ExtensionAccessors(PropertyDeclarationSyntax property, TypeNames names, string? receiver, string arity)
    {
        var accessors = property.AccessorList?.Accessors.Select(a => a.Keyword.Kind()).ToList() ?? [SyntaxKind.GetKeyword];
        var name = property.Identifier.ValueText;
        foreach (var accessor in accessors)
        {
            var value = accessor is SyntaxKind.SetKeyword or SyntaxKind.InitKeyword ? names.Name(property.Type) : null;
            var list = string.Join(",", new[] { receiver, value }.Where(p => p is not null));
            var prefix = accessor == SyntaxKind.GetKeyword ? "get_" : value is not null ? "set_" : null;
            if (prefix is not null)
            {
                yield return Member(SymbolKind.Method, prefix + name + arity, list.Length == 0 ? null : "(" + list + ")");
            }
        }
    }

    // The name of an indexer: Item, or what [IndexerName("Cell")] says (a string literal or nameof; a
    // constant referred to by name, or a concatenation, is left as Item: the name must be written in the
    // file for the search that skips parsing, see SymbolTextScan).
    private static string IndexerName(IndexerDeclarationSyntax indexer)
    {
        foreach (var list in indexer.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                var attributeName = attribute.Name switch
                {
                    QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                    AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                    SimpleNameSyntax simple => simple.Identifier.ValueText,
                    _ => string.Empty,
                };
                if (attributeName is "IndexerName" or "IndexerNameAttribute" && attribute.ArgumentList?.Arguments.Count == 1
                    && Constant(attribute.ArgumentList.Arguments[0].Expression) is { Length: > 0 } name)
                {
                    return name;
                }
            }
        }

        return "Item";
    }

    private static string? Constant(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments.Count: 1 } nameOf => nameOf.ArgumentList.Arguments[0].Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        },
        ParenthesizedExpressionSyntax parenthesized => Constant(parenthesized.Expression),
        _ => null,
    };

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

    // The compiler names an explicit implementation after the interface's full name in its display
    // format, dots as '#': M:N.C.System#IDisposable#Dispose, type arguments by their own names
    // (IEnumerable{T}, not IEnumerable{`0}), int? as System#Int32?. An interface written without its
    // namespace stays as written unless binding qualifies it (see ITypeNameBinder); patterns match either
    // form (see SymbolPattern).
    private static string Explicit(ExplicitInterfaceSpecifierSyntax? specifier, TypeNames names) =>
        specifier is null ? string.Empty : names.InterfaceName(specifier.Name) + "#";

    private DeclarationId Member(SymbolKind kind, string name, string? parameters) =>
        new(kind, [.. parts, name], parameters, namespaceDepth);

    private DeclarationTokens NewTokens() => new(source, Record);

    private void Add(DeclarationId id, SyntaxToken anchor, DeclarationTokens tokens)
    {
        if (Record)
        {
            Recorded.Add(tokens);
            Declarations.Add(new Declaration(id, Position(anchor), string.Empty, string.Empty, string.Empty));
            return;
        }

        Declarations.Add(new Declaration(id, Position(anchor), tokens.Signature.ToString(), tokens.Body.ToString(), tokens.Text.ToString()));
    }

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
    private sealed record ExtensionContext(DeclarationTokens Header, string? Receiver, ParameterSyntax? ReceiverParameter, IReadOnlyList<string> TypeParameters, IReadOnlyList<string> ValueTypeParameters);
}
