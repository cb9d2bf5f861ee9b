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
    internal DeclarationSet(IReadOnlyList<Declaration> declarations, string fileLevel, string fileLevelText, TextPosition fileLevelPosition, bool hasErrors, IReadOnlyList<(string Fingerprint, TextPosition Position)> fileLevelItems, string source)
    {
        Declarations = declarations;
        FileLevel = fileLevel;
        FileLevelText = fileLevelText;
        FileLevelPosition = fileLevelPosition;
        HasErrors = hasErrors;
        FileLevelItems = fileLevelItems;
        Source = source;
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

    /// <summary>Gets each file-level element (a using, an extern alias, an attribute list…) with where it starts, so a diff can point at the first one that changed.</summary>
    internal IReadOnlyList<(string Fingerprint, TextPosition Position)> FileLevelItems { get; }

    /// <summary>Gets the text the set was extracted from.</summary>
    internal string Source { get; }

    /// <summary>
    /// Gets the code of <c>#if</c> branches that no parse could make active (<c>#if false</c>, a
    /// condition a <c>#define</c> contradicts): no declaration owns it. Empty when there is none.
    /// </summary>
    public string InactiveCode { get; internal set; } = string.Empty;

    /// <summary>Gets where the first such code is, or <see langword="null"/>.</summary>
    public TextPosition? InactiveCodePosition { get; internal set; }

    // False for a set made by Create (the analyzer's baseline does not store the inactive code; its
    // file-level fingerprint includes it).
    internal bool TracksInactiveCode { get; private set; } = true;

    /// <summary>
    /// Makes a declaration set from parts stored elsewhere (the analyzer's baseline): the strings are
    /// fingerprints (<see cref="ToFingerprints"/>), compared only with another fingerprinted set.
    /// </summary>
    /// <param name="declarations">The declarations.</param>
    /// <param name="fileLevel">The fingerprint of the file-level tokens.</param>
    /// <param name="fileLevelText">The fingerprint of the file-level text.</param>
    /// <param name="fileLevelPosition">Where the file-level part starts.</param>
    /// <param name="fileLevelItems">The fingerprint and position of each file-level element.</param>
    /// <param name="source">The fingerprint of the whole text.</param>
    /// <returns>The set.</returns>
    public static DeclarationSet Create(IReadOnlyList<Declaration> declarations, string fileLevel, string fileLevelText, TextPosition fileLevelPosition, IReadOnlyList<(string Fingerprint, TextPosition Position)> fileLevelItems, string source) =>
        new(
            declarations ?? throw new ArgumentNullException(nameof(declarations)),
            fileLevel ?? throw new ArgumentNullException(nameof(fileLevel)),
            fileLevelText ?? throw new ArgumentNullException(nameof(fileLevelText)),
            fileLevelPosition,
            hasErrors: false,
            fileLevelItems ?? throw new ArgumentNullException(nameof(fileLevelItems)),
            source ?? throw new ArgumentNullException(nameof(source)))
        {
            TracksInactiveCode = false,
        };

    /// <summary>
    /// Replaces every signature, body, text, file-level and source string by its <see cref="Fingerprint"/>:
    /// compared with another fingerprinted set, the diff is the same as between the full sets.
    /// </summary>
    /// <returns>The fingerprinted set.</returns>
    public DeclarationSet ToFingerprints() => new(
        Declarations.Select(d => d with { Signature = Fingerprint.Of(d.Signature), Body = Fingerprint.Of(d.Body), Text = Fingerprint.Of(d.Text), PartialType = DeclarationDiff.IsPartialType(d) }).ToList(),
        Fingerprint.Of(FileLevel),
        Fingerprint.Of(FileLevelText),
        FileLevelPosition,
        HasErrors,
        FileLevelItems.Select(i => (Fingerprint.Of(i.Fingerprint), i.Position)).ToList(),
        Fingerprint.Of(Source))
    {
        InactiveCode = InactiveCode.Length == 0 ? string.Empty : Fingerprint.Of(InactiveCode),
        InactiveCodePosition = InactiveCodePosition,
        TracksInactiveCode = TracksInactiveCode,
    };

    /// <summary>Gets each file-level element's fingerprint and position (for the analyzer's baseline).</summary>
    /// <returns>The elements in file order.</returns>
    public IReadOnlyList<(string Fingerprint, TextPosition Position)> GetFileLevelItems() => FileLevelItems;
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
        var parsed = bom ? text.Substring(1) : text;
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(parsed), Options);
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var regions = ConditionalRegions.Find(root);
        if (regions is null)
        {
            // Most files: no #if, one parse.
            return Walk(tree, root, parsed, bom, text, regions: null);
        }

        // Code in an inactive #if branch is code: parse again with the symbols that make each branch
        // active, so that every reachable branch is active in some parse, and merge the declarations
        // of every parse.
        var sets = new List<DeclarationSet>();
        var trees = new List<(SyntaxTree Tree, CompilationUnitSyntax Root)> { (tree, root) };
        regions.MarkTaken(root);

        // Each further parse activates the first branch still inactive and, greedily, every other
        // one whose conditions agree with the symbols chosen so far.
        var unreachable = new HashSet<int>();
        for (var attempt = 0; attempt < 2 * MaxParses && trees.Count < MaxParses; attempt++)
        {
            Dictionary<string, bool>? chosen = null;
            var first = -1;
            foreach (var branch in regions.Uncovered())
            {
                if (unreachable.Contains(branch))
                {
                    continue;
                }

                var extended = regions.Satisfy(branch, chosen ?? new Dictionary<string, bool>(StringComparer.Ordinal));
                if (extended is not null)
                {
                    first = first < 0 ? branch : first;
                    chosen = extended;
                }
                else if (chosen is null)
                {
                    unreachable.Add(branch);
                }
            }

            if (chosen is null)
            {
                break;
            }

            // A #define or #undef in the file can defeat the symbols: the branch stays inactive.
            if (!Reparse(chosen.Where(c => c.Value).Select(c => c.Key).OrderBy(n => n, StringComparer.Ordinal).ToList()))
            {
                unreachable.Add(first);
            }
        }

        // Branches whose conditions name too many symbols to search: all of them defined.
        if (!regions.AllCovered && trees.Count < MaxParses)
        {
            _ = Reparse(regions.Symbols);
        }

        foreach (var (t, r) in trees)
        {
            sets.Add(Walk(t, r, parsed, bom, text, regions));
        }

        return Merge(sets, text, Inactive(root, regions));

        // Whether the parse made some branch active that no parse before it did (only then is it kept).
        bool Reparse(IReadOnlyList<string> symbols)
        {
            var other = CSharpSyntaxTree.ParseText(SourceText.From(parsed), Options.WithPreprocessorSymbols(symbols));
            var otherRoot = (CompilationUnitSyntax)other.GetRoot();
            if (!regions.MarkTaken(otherRoot))
            {
                return false;
            }

            trees.Add((other, otherRoot));
            return true;
        }
    }

    // At most this many parses of one file (a file whose branches need more keeps the rest as
    // inactive code that no declaration owns; see DeclarationSet.InactiveCode).
    private const int MaxParses = 8;

    private static DeclarationSet Walk(SyntaxTree tree, CompilationUnitSyntax root, string parsed, bool bom, string text, ConditionalRegions? regions)
    {
        var walker = new Walker(tree, new Source(parsed, root, regions));
        walker.VisitCompilationUnit(root, bom);
        return new DeclarationSet(
            walker.Declarations,
            walker.FileLevel.ToString(),
            walker.FileLevelText.ToString(),
            walker.FileLevelPosition ?? new TextPosition(1, 1),
            root.ContainsDiagnostics && root.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error),
            walker.FileLevelItems,
            text);
    }

    // The code of the branches no parse made active (#if false, a condition a #define contradicts,
    // too many symbols): no declaration owns it, so it is kept apart for the rules to refuse.
    private static (string Text, TextPosition? Position) Inactive(CompilationUnitSyntax root, ConditionalRegions regions)
    {
        if (regions.AllCovered)
        {
            return (string.Empty, null);
        }

        var text = new StringBuilder();
        TextPosition? position = null;
        foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
        {
            if (trivia.IsKind(SyntaxKind.DisabledTextTrivia) && !AfterConflictMarker(trivia) && !regions.IsCovered(regions.Innermost(trivia.SpanStart)))
            {
                var start = trivia.GetLocation().GetLineSpan().StartLinePosition;
                position ??= new TextPosition(start.Line + 1, start.Character + 1);
                text.Append(regions.ChainOf(regions.Innermost(trivia.SpanStart))).Append(": ");
                text.Append(string.Join(" ", trivia.ToFullString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Append(' ');
            }
        }

        return (text.ToString(), position);
    }

    // Git's conflict markers make the other side disabled text: it follows the ======= marker.
    private static bool AfterConflictMarker(SyntaxTrivia trivia)
    {
        var list = trivia.Token.LeadingTrivia.Contains(trivia) ? trivia.Token.LeadingTrivia : trivia.Token.TrailingTrivia;
        var index = list.IndexOf(trivia);
        return index > 0 && list[index - 1].IsKind(SyntaxKind.ConflictMarkerTrivia);
    }

    // One declaration set from several parses of one text: a declaration found in any parse is a
    // declaration; where parses see it differently, each part's fingerprint is every distinct version
    // (sorted, so the order and number of parses do not matter, and one version stays as it is).
    private static DeclarationSet Merge(List<DeclarationSet> sets, string text, (string Text, TextPosition? Position) inactive)
    {
        var merged = new Dictionary<string, (Declaration First, SortedSet<string> Signatures, SortedSet<string> Bodies, SortedSet<string> Texts)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var set in sets)
        {
            var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var declaration in set.Declarations)
            {
                var id = declaration.Id.ToString();
                occurrences.TryGetValue(id, out var n);
                occurrences[id] = n + 1;
                var key = id + "\u0000" + n;
                if (!merged.TryGetValue(key, out var entry))
                {
                    entry = (declaration, new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
                    merged[key] = entry;
                    order.Add(key);
                }

                entry.Signatures.Add(declaration.Signature);
                entry.Bodies.Add(declaration.Body);
                entry.Texts.Add(declaration.Text);
            }
        }

        var declarations = order
            .Select(key => merged[key])
            .Select(e => e.First with { Signature = Combine(e.Signatures), Body = Combine(e.Bodies), Text = Combine(e.Texts) })
            .OrderBy(d => d.Position.Line)
            .ThenBy(d => d.Position.Column)
            .ToList();
        var fileLevel = Combine(sets.Select(s => s.FileLevel));
        if (inactive.Text.Length > 0)
        {
            fileLevel += " \u27E6inactive\u27E7 " + inactive.Text;
        }

        var items = sets.SelectMany(s => s.FileLevelItems).Distinct().OrderBy(i => i.Position.Line).ThenBy(i => i.Position.Column).ToList();
        return new DeclarationSet(declarations, fileLevel, Combine(sets.Select(s => s.FileLevelText)), sets[0].FileLevelPosition, sets.Any(s => s.HasErrors), items, text)
        {
            InactiveCode = inactive.Text,
            InactiveCodePosition = inactive.Position,
        };
    }

    private static string Combine(IEnumerable<string> versions)
    {
        var distinct = versions as SortedSet<string> ?? new SortedSet<string>(versions, StringComparer.Ordinal);
        return distinct.Count == 1 ? distinct.Min! : string.Join("\u2016", distinct);
    }

    private sealed class Walker
    {
        private readonly SyntaxTree tree;
        private readonly Source source;
        private readonly List<string> parts = [];
        private readonly List<string> typeParameters = [];
        private int namespaceDepth;

        public Walker(SyntaxTree tree, Source source)
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
                FileLevelText.Append('\uFEFF');
            }

            AddFileLevel(unit.Externs);
            AddFileLevel(unit.Usings);
            AddFileLevel(unit.AttributeLists);

            var globals = unit.Members.OfType<GlobalStatementSyntax>().ToList();
            if (globals.Count > 0)
            {
                var id = new DeclarationId(SymbolKind.Method, ["Program", "<Main>$"], "(System.String[])", 0);
                var tokens = new Tokens(source);
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
            var tokens = new Tokens(source);
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
            var tokens = new Tokens(source);
            foreach (var token in type.DescendantTokens(n => !excluded.Contains(n)))
            {
                if (!separatorSet.Contains(token))
                {
                    tokens.Add(token, Within(bodySpans, token.Span));
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
                    var memberTokens = new Tokens(source);
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
            var tokens = new Tokens(source);
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
            var header = new Tokens(source);
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
                var tokens = new Tokens(source);
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
                    name = Explicit(op.ExplicitInterfaceSpecifier) + OperatorName(op);
                    parameters = names.Parameters(op.ParameterList, receiver);
                    anchor = op.OperatorToken;
                    bodies.Add(op.Body);
                    AddExpressionBody(op.ExpressionBody, op.SemicolonToken, bodies, bodyTokens);
                    break;
                case ConversionOperatorDeclarationSyntax conversion:
                    kind = SymbolKind.Method;
                    name = Explicit(conversion.ExplicitInterfaceSpecifier)
                        + (conversion.ImplicitOrExplicitKeyword.IsKind(SyntaxKind.ImplicitKeyword) ? "op_Implicit" : conversion.CheckedKeyword.IsKind(SyntaxKind.CheckedKeyword) ? "op_CheckedExplicit" : "op_Explicit");
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

            var tokens = new Tokens(source);
            tokens.Add(member, bodySpans);
            if (extension is not null)
            {
                tokens.Append(extension.Header);
            }

            Add(Member(kind, name, NullIfEmpty(parameters)), anchor, tokens);
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

        private static string OperatorName(OperatorDeclarationSyntax op)
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

    // What an extension block gives each of its members.
    private sealed record ExtensionContext(Tokens Header, string? Receiver, IReadOnlyList<string> TypeParameters);

    // Collects a declaration's tokens into signature and body fingerprints, and its text with trivia.
    private sealed class Tokens(Source source)
    {
        // The #if branch of the last token written to each fingerprint (-1: none).
        private int signatureBranch = -1;
        private int bodyBranch = -1;

        public StringBuilder Signature { get; } = new();

        public StringBuilder Body { get; } = new();

        public StringBuilder Text { get; } = new();

        // Whole nodes are the hot path (every member of every file): their tokens are visited without
        // LINQ, and their text with trivia is one copy of their full span, which is exactly the
        // concatenation of their tokens' full texts.
        public void Add(SyntaxNode node, bool body)
        {
            AddTokens(node, body ? Body : Signature);
            source.AppendFull(Text, node);
        }

        // The tokens within one of the body spans go to the body, the others to the signature.
        public void Add(SyntaxNode node, IReadOnlyList<TextSpan> bodySpans)
        {
            Split(node, bodySpans);
            source.AppendFull(Text, node);
        }

        public void Add(SyntaxToken token, bool body)
        {
            AddToken(token, body ? Body : Signature);
            source.AppendFull(Text, token);
        }

        // A token that carries no meaning of its own (a separator, a namespace brace): only its text
        // counts, as trivia does, but conditional code in its trivia is still part of the signature.
        public void AddText(SyntaxToken token)
        {
            source.AppendDirectives(Signature, token);
            source.AppendFull(Text, token);
        }

        private void Split(SyntaxNode node, IReadOnlyList<TextSpan> bodySpans)
        {
            foreach (var child in node.ChildNodesAndTokens())
            {
                if (child.AsNode() is { } childNode)
                {
                    if (Within(bodySpans, childNode.FullSpan))
                    {
                        AddTokens(childNode, Body);
                    }
                    else
                    {
                        Split(childNode, bodySpans);
                    }
                }
                else
                {
                    var token = child.AsToken();
                    AddToken(token, Within(bodySpans, token.Span) ? Body : Signature);
                }
            }
        }

        private void AddTokens(SyntaxNode node, StringBuilder target)
        {
            foreach (var child in node.ChildNodesAndTokens())
            {
                if (child.AsNode() is { } childNode)
                {
                    AddTokens(childNode, target);
                }
                else
                {
                    AddToken(child.AsToken(), target);
                }
            }
        }

        // A token's text (for the signature or body), without its full text.
        private void AddToken(SyntaxToken token, StringBuilder target)
        {
            source.AppendBranch(target, token, ref target == Body ? ref bodyBranch : ref signatureBranch);
            source.AppendText(target, token).Append(' ');
            source.AppendDirectives(target, token);
        }

        public void AddExcept(SyntaxNode node, params SyntaxNode?[] excluded) =>
            AddExcept(node, excluded.Where(e => e is not null).Select(e => e!.FullSpan).ToArray());

        public void AddExcept(SyntaxNode node, TextSpan[] excluded)
        {
            foreach (var token in node.DescendantTokens())
            {
                if (!Within(excluded, token.Span))
                {
                    Add(token, body: false);
                }
            }
        }

        public void Append(Tokens other)
        {
            Signature.Append(other.Signature);
            Body.Append(other.Body);
            Text.Append(other.Text);
        }
    }

    // The parsed text, from which token text is copied rather than materialized as strings one token
    // at a time: the extractor visits every token of every file.
    private sealed class Source(string text, CompilationUnitSyntax root, ConditionalRegions? regions)
    {
        // Directives, disabled code and conflict markers are what AppendDirectives looks for in trivia;
        // a file without directives or parse errors (conflict markers are errors) has none of them.
        private readonly bool mayHideCode = root.ContainsDirectives || root.ContainsDiagnostics;

        public StringBuilder AppendText(StringBuilder target, SyntaxToken token) =>
            target.Append(text, token.SpanStart, token.Span.Length);

        public void AppendFull(StringBuilder target, SyntaxToken token)
        {
            if (regions is not null && token.ContainsDirectives)
            {
                AppendWithoutBranches(target, token.FullSpan, token.LeadingTrivia.Concat(token.TrailingTrivia));
                return;
            }

            target.Append(text, token.FullSpan.Start, token.FullSpan.Length);
        }

        // A node's full text is exactly the concatenation of its tokens' full texts.
        public void AppendFull(StringBuilder target, SyntaxNode node)
        {
            if (regions is not null && node.ContainsDirectives)
            {
                AppendWithoutBranches(target, node.FullSpan, node.DescendantTrivia());
                return;
            }

            target.Append(text, node.FullSpan.Start, node.FullSpan.Length);
        }

        // With #if in the file, #if/#elif/#else/#endif lines and the inactive code between them are
        // left out of the text with trivia, as they are of the fingerprints (see AppendDirectiveTrivia):
        // every parse sees the same code, active in one and disabled in another, and only the parse
        // where it is active attributes it.
        private void AppendWithoutBranches(StringBuilder target, TextSpan span, IEnumerable<SyntaxTrivia> trivia)
        {
            var start = span.Start;
            var previous = SyntaxKind.None;
            foreach (var item in trivia)
            {
                var kind = item.Kind();
                if (kind is SyntaxKind.IfDirectiveTrivia or SyntaxKind.ElifDirectiveTrivia or SyntaxKind.ElseDirectiveTrivia or SyntaxKind.EndIfDirectiveTrivia
                    || (kind == SyntaxKind.DisabledTextTrivia && previous != SyntaxKind.ConflictMarkerTrivia))
                {
                    target.Append(text, start, item.FullSpan.Start - start);
                    start = item.FullSpan.End;
                }

                previous = kind;
            }

            target.Append(text, start, span.End - start);
        }

        // Code hidden in inactive #if branches is still code: an edit there must not pass as a comment.
        // Merge conflict markers are not comments either.
        public void AppendDirectives(StringBuilder target, SyntaxToken token)
        {
            if (!mayHideCode || (!token.HasLeadingTrivia && !token.HasTrailingTrivia))
            {
                return;
            }

            // With #if in the file, only #define, #undef and conflict markers are still appended (see
            // AppendDirectiveTrivia): a token without directives in a file without errors has none.
            if (regions is not null && !token.ContainsDirectives && !root.ContainsDiagnostics)
            {
                return;
            }

            AppendDirectiveTrivia(target, token.LeadingTrivia, regions);
            AppendDirectiveTrivia(target, token.TrailingTrivia, regions);
        }

        // In a file with #if, which branch a token is in is part of what it means: a token's branch
        // (with the conditions of the branches around it) is written before it when it differs from
        // the branch of the token before it in the same fingerprint.
        public void AppendBranch(StringBuilder target, SyntaxToken token, ref int last)
        {
            if (regions is null)
            {
                return;
            }

            var branch = regions.Innermost(token.SpanStart);
            if (branch != last)
            {
                target.Append('\u27E6').Append(regions.ChainOf(branch)).Append("\u27E7 ");
                last = branch;
            }
        }
    }

    private static void AppendDirectiveTrivia(StringBuilder target, SyntaxTriviaList list, ConditionalRegions? regions)
    {
        for (var i = 0; i < list.Count; i++)
        {
            var trivia = list[i];
            if (regions is not null)
            {
                // With #if in the file, the branches are parsed active and each token carries its
                // branch (AppendBranch): the directives and the disabled text of a branch some parse
                // made active are no one's fingerprint (else adding a member in an #if would change
                // its neighbour's). Inactive code no parse reached is the file's (Extract); the
                // other side of a conflict marker is kept where it is, as in a file without #if.
                switch (trivia.Kind())
                {
                    case SyntaxKind.IfDirectiveTrivia:
                    case SyntaxKind.ElifDirectiveTrivia:
                    case SyntaxKind.ElseDirectiveTrivia:
                    case SyntaxKind.EndIfDirectiveTrivia:
                        continue;
                    case SyntaxKind.DisabledTextTrivia when i == 0 || !list[i - 1].IsKind(SyntaxKind.ConflictMarkerTrivia):
                        continue;
                }
            }

            switch (trivia.Kind())
            {
                case SyntaxKind.DisabledTextTrivia:
                case SyntaxKind.IfDirectiveTrivia:
                case SyntaxKind.ElifDirectiveTrivia:
                case SyntaxKind.ElseDirectiveTrivia:
                case SyntaxKind.EndIfDirectiveTrivia:
                case SyntaxKind.DefineDirectiveTrivia:
                case SyntaxKind.UndefDirectiveTrivia:
                case SyntaxKind.ConflictMarkerTrivia:
                    target.Append(string.Join(" ", trivia.ToFullString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Append(' ');
                    break;
            }
        }
    }

    private static bool Within(IReadOnlyList<TextSpan> spans, TextSpan span)
    {
        for (var i = 0; i < spans.Count; i++)
        {
            if (spans[i].Contains(span))
            {
                return true;
            }
        }

        return false;
    }
}
