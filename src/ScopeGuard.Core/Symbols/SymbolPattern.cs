using System;
using System.Collections.Generic;
using System.Linq;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// A symbol pattern: a documentation comment ID with wildcards. <c>N:X</c> covers the namespace X,
/// its child namespaces and all they declare; <c>T:X</c> the type, its nested types and members;
/// <c>M:</c>, <c>P:</c>, <c>F:</c>, <c>E:</c> one member (<c>(*)</c>: every overload). <c>*</c> matches
/// within one name part, <c>**</c> any number of whole parts.
/// </summary>
public sealed partial class SymbolPattern
{
    private SymbolPattern(string text, SymbolKind kind, IReadOnlyList<string> parts, string? parameters, bool anyParameters)
    {
        Text = text;
        Kind = kind;
        Parts = parts;
        Parameters = parameters;
        AnyParameters = anyParameters;
        // '**' is broader than '*': at equal length it counts as two wildcards, so T:Contoso.Billing.Inv*
        // is more specific than T:Contoso.**.
        Wildcards = parts.Count(p => p.IndexOf('*') >= 0) + parts.Count(p => p == "**");
        RequiredNames = SymbolTextScan.RequiredNames(parts);
        accessor = Accessor(kind, parts);
    }

    private readonly AccessorTarget? accessor;

    /// <summary>Gets the pattern as written.</summary>
    public string Text { get; }

    /// <summary>Gets the kind.</summary>
    public SymbolKind Kind { get; }

    /// <summary>Gets the name parts (may contain <c>*</c>, or be <c>**</c>).</summary>
    public IReadOnlyList<string> Parts { get; }

    /// <summary>Gets the exact parameter list, or <see langword="null"/>.</summary>
    public string? Parameters { get; }

    /// <summary>Gets a value indicating whether the pattern ends in <c>(*)</c>: every overload.</summary>
    public bool AnyParameters { get; }

    /// <summary>Gets a value indicating whether any part has a wildcard.</summary>
    public bool HasWildcards => Wildcards > 0;

    /// <summary>
    /// Gets names that the source text of a C# file must contain, each as written, for the file to
    /// declare anything this pattern covers: its name parts that are plain identifiers, without
    /// wildcards. Every part of a declaration's ID comes from an identifier in the file's syntax,
    /// except names the compiler makes up (<c>#ctor</c>, <c>op_Addition</c>, <c>Item</c>,
    /// <c>Finalize</c>, <c>Program</c> for top-level statements) and the normalized type names of an
    /// explicit implementation (<c>int</c> becomes <c>System#Int32</c>). Those are left out, and so is
    /// every part with <c>*</c>: a wildcard can match inside a made-up or normalized name
    /// (<c>*ctor</c> matches <c>#cctor</c>). Empty when the pattern has no such part (<c>T:**</c>): it
    /// may cover a declaration in any file. A text that spells identifiers with Unicode escapes or
    /// formatting characters must not be judged by these names (see <see cref="MayHideNames"/>).
    /// </summary>
    public IReadOnlyList<string> RequiredNames { get; }

    /// <summary>
    /// Tells whether every one of <see cref="RequiredNames"/> occurs in a text. When one does not, and
    /// <see cref="MayHideNames"/> is false for the text, the text declares nothing this pattern covers.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <returns>Whether they all occur (true when there are none).</returns>
    public bool ContainsRequiredNames(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return SymbolTextScan.ContainsAll(text, RequiredNames);
    }

    /// <summary>
    /// Tells whether an identifier in a C# text may have a name that is not written as such: the text
    /// has a Unicode escape (<c>\u0041</c>, <c>\U00000041</c>) or a formatting character (category
    /// Cf, such as U+200B), which C# removes from an identifier's name. A byte order mark at the start
    /// is not in any identifier and does not count. Conservative: one anywhere in the file is enough.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <returns>Whether names must not be searched for in this text.</returns>
    public static bool MayHideNames(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return SymbolTextScan.MayHideNames(text);
    }

    private int Wildcards { get; }

    /// <summary>Parses a pattern, or says why it is not one.</summary>
    /// <param name="text">The pattern.</param>
    /// <param name="error">Why it was refused.</param>
    /// <returns>The pattern, or <see langword="null"/>.</returns>
    public static SymbolPattern? TryParse(string text, out string? error)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        error = null;
        if (text.Length < 3 || text[1] != ':' || !DeclarationId.TryKind(text[0], out var kind))
        {
            error = "a symbol pattern starts with N:, T:, M:, P:, F: or E: (a documentation comment ID, as in BannedSymbols.txt)";
            return null;
        }

        if (text.Any(char.IsWhiteSpace))
        {
            error = "a symbol pattern may not contain spaces";
            return null;
        }

        var body = text.Substring(2);
        string? parameters = null;
        var open = body.IndexOf('(');
        var tilde = body.IndexOf('~');
        if (open >= 0)
        {
            var close = body.LastIndexOf(')');
            if (close < open || (tilde >= 0 && tilde < close) || Depth(body.Substring(open, close - open + 1)) != 0)
            {
                error = "unbalanced parentheses in the parameter list";
                return null;
            }

            parameters = body.Substring(open);
            body = body.Substring(0, open);
        }
        else if (tilde >= 0)
        {
            error = "'~' (a conversion's return type) must follow a parameter list";
            return null;
        }

        if (parameters is not null && kind is not (SymbolKind.Method or SymbolKind.Property))
        {
            error = "only M: and P: (indexers) IDs have parameter lists";
            return null;
        }

        // "()" is the compiler's ID of a method whose only parameter is __arglist (M(__arglist) is
        // M:C.M()); a parameterless member has no parentheses. "()" covers both, so that it never
        // silently matches nothing.
        if (parameters is not null && parameters.StartsWith("()", StringComparison.Ordinal) && (parameters.Length > 2 || kind != SymbolKind.Method))
        {
            error = "a parameterless member's ID has no parentheses (write M:Contoso.Invoice.Clear, not M:Contoso.Invoice.Clear())";
            return null;
        }

        // The compiler's ID of the entry point of top-level statements was written <Main>$ by earlier
        // ScopeGuard versions; GetDocumentationCommentId writes {Main}$. Both name it.
        var parts = body.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] == "<Main>$")
            {
                parts[i] = DeclarationExtractor.TopLevelName;
            }
        }

        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                error = "empty name part (two dots, or a dot at the start or end)";
                return null;
            }

            if (part.Contains("**") && part != "**")
            {
                error = "'**' must be a whole name part (e.g. T:Contoso.**.Api)";
                return null;
            }

            if (part.IndexOfAny(['(', ')', ':', ';', '/']) >= 0 || HasCommaOutsideBraces(part))
            {
                error = $"invalid character in name part '{part}'";
                return null;
            }

            if (part.Contains("<G>$") || part.Contains("<M>$"))
            {
                error = ExtensionBlockError(text, kind, parts, part);
                return null;
            }
        }

        var any = parameters == "(*)";
        if (any)
        {
            parameters = null;
        }

        return new SymbolPattern(text, kind, parts, parameters, any);
    }

    // The compiler names a C# 14 extension block's members inside generated types (<G>$ followed by a
    // hash of the block's receiver and constraints) that syntax cannot name. Refused, with the IDs to write.
    private static string ExtensionBlockError(string text, SymbolKind kind, string[] parts, string part)
    {
        var index = Array.IndexOf(parts, part);
        var container = string.Join(".", parts.Take(index));
        var member = index + 1 < parts.Length ? parts[parts.Length - 1] : null;
        var instead = kind switch
        {
            SymbolKind.Method when member is not null => $"M:{container}.{member}``n(receiver,…) (the implementation method, with the block's type parameter count and the receiver's type first for an instance member)",
            SymbolKind.Property when member is not null => $"M:{container}.get_{member}``n(receiver) (the getter's implementation method; set_{member} for the setter)",
            _ => $"T:{container} (the class that declares the extension block) or the IDs of the block's members",
        };
        return $"'{text}' names an extension block by the compiler's generated name ({part}), whose hash ScopeGuard cannot compute without compiling; "
            + $"write {instead} as the XML documentation file lists it (scopeguard symbols FILE prints them)";
    }

    /// <summary>Tests whether the pattern covers a declaration, and how specifically.</summary>
    /// <param name="id">The declaration.</param>
    /// <returns>The match, or <see langword="null"/>.</returns>
    public SymbolMatch? Match(DeclarationId id)
    {
        if (id is null)
        {
            throw new ArgumentNullException(nameof(id));
        }

        switch (Kind)
        {
            case SymbolKind.Namespace:
                // The namespace itself and everything declared in it or below.
                for (var length = 1; length <= id.Parts.Count; length++)
                {
                    if (id.NamespaceDepth >= 0 && length > id.NamespaceDepth && !(id.Kind == SymbolKind.Namespace && length == id.Parts.Count))
                    {
                        break;
                    }

                    if (PartsMatch(id.Parts, length))
                    {
                        var isTarget = id.Kind == SymbolKind.Namespace && length == id.Parts.Count;
                        return new SymbolMatch(new Specificity(length, 0, 1, -Wildcards), isTarget);
                    }
                }

                return null;

            case SymbolKind.Type:
                if (id.Kind == SymbolKind.Namespace)
                {
                    return null;
                }

                // The type itself, or a type that contains the declaration. Only '**' can match at more
                // than one length; it is taken at the outermost type it covers, so T:Contoso.** is never
                // more specific than a literal T:Contoso.Billing.Invoice for Invoice's nested types. When
                // the namespace depth is unknown (an ID typed by a user), the longest match is taken, as
                // the outermost type cannot be told from a namespace.
                var first = Math.Max(1, id.NamespaceDepth + 1);
                var last = id.Kind == SymbolKind.Type ? id.Parts.Count : id.Parts.Count - 1;
                var outermostFirst = id.NamespaceDepth >= 0;
                for (var i = first; i <= last; i++)
                {
                    var length = outermostFirst ? i : first + last - i;
                    if (PartsMatch(id.Parts, length))
                    {
                        var isTarget = id.Kind == SymbolKind.Type && length == id.Parts.Count;
                        return new SymbolMatch(new Specificity(length, 1, 1, -Wildcards), isTarget);
                    }
                }

                return null;

            default:
                var match = MatchMember(id);
                for (var i = 0; match is null && i < id.Alternates.Count; i++)
                {
                    match = MatchMember(id.Alternates[i]);
                }

                return match;
        }
    }

    // One form of a declaration (its primary ID or an alternate), each with its resolved form: the name
    // matches as written or resolved, the parameters as written, resolved or mixed (see ParametersMatch).
    private SymbolMatch? MatchMember(DeclarationId id)
    {
        var matches = id.Kind == Kind && NameMatches(Parts, id) && ParametersMatch(id);

        // An accessor's ID (M:C.get_Total, M:C.set_Item(System.Int32,System.String), M:C.add_Changed(…))
        // names a part of its property or event, which ScopeGuard judges as one declaration.
        matches = matches || (accessor is not null && id.Kind == accessor.Kind && NameMatches(accessor.Parts, id) && AccessorParametersMatch(id));
        return matches ? new SymbolMatch(new Specificity(id.Parts.Count, 2, AnyParameters ? 0 : 1, -Wildcards), true) : null;
    }

    private static bool NameMatches(IReadOnlyList<string> parts, DeclarationId id) =>
        MatchParts(parts, 0, id.Parts, 0, id.Parts.Count)
        || (id.ResolvedName is { } resolved && MatchParts(parts, 0, [.. id.Parts.Take(id.Parts.Count - 1), resolved], 0, id.Parts.Count));

    // Type names written with and without their namespaces: syntax writes a type from another file or
    // the .NET libraries as the source does (List{System.Int32}), the compiler with its namespace
    // (System.Collections.Generic.List{System.Int32}). Each name matches when one is the other with more
    // leading namespaces or containing types (List matches System.Collections.Generic.List, never
    // Other.List when both are qualified); everything else must be the same.
    private static bool SameTypeNames(string pattern, string text, char separator)
    {
        var patternNames = NamesAndPunctuation(pattern);
        var textNames = NamesAndPunctuation(text);
        if (patternNames.Count != textNames.Count)
        {
            return false;
        }

        for (var i = 0; i < patternNames.Count; i++)
        {
            var a = patternNames[i];
            var b = textNames[i];
            if (!string.Equals(a, b, StringComparison.Ordinal) && !EndsWithName(a, b, separator) && !EndsWithName(b, a, separator))
            {
                return false;
            }
        }

        return true;
    }

    private static bool EndsWithName(string longer, string shorter, char separator) =>
        longer.Length > shorter.Length + 1 && longer[longer.Length - shorter.Length - 1] == separator && longer.EndsWith(shorter, StringComparison.Ordinal);

    // A getter has its indexer's parameters; a setter, an adder and a remover have one more, the value
    // (whose type ScopeGuard's ID of the property or event does not record, so any type is taken).
    private bool AccessorParametersMatch(DeclarationId id)
    {
        if (AnyParameters)
        {
            return true;
        }

        if (!accessor!.TakesValue)
        {
            return ParametersMatch(id);
        }

        var own = parameterItems ??= Items(Parameters);
        var declared = Items(id.Parameters);
        return own.Count == declared.Count + 1 && ItemsMatch(own, declared.Count, declared, id.ResolvedParameters is { } resolved ? Items(resolved) : null);
    }

    // The property or event an accessor pattern names: M:C.get_Total is P:C.Total.
    private sealed record AccessorTarget(SymbolKind Kind, IReadOnlyList<string> Parts, bool TakesValue);

    private static AccessorTarget? Accessor(SymbolKind kind, IReadOnlyList<string> parts)
    {
        var last = parts[parts.Count - 1];
        if (kind != SymbolKind.Method || last.IndexOf('*') >= 0)
        {
            return null;
        }

        var split = LastHashOutsideBraces(last) + 1;
        var member = last.Substring(split);
        var (targetKind, prefix, value) =
            member.StartsWith("get_", StringComparison.Ordinal) ? (SymbolKind.Property, "get_", false)
            : member.StartsWith("set_", StringComparison.Ordinal) ? (SymbolKind.Property, "set_", true)
            : member.StartsWith("add_", StringComparison.Ordinal) ? (SymbolKind.Event, "add_", true)
            : member.StartsWith("remove_", StringComparison.Ordinal) ? (SymbolKind.Event, "remove_", true)
            : (SymbolKind.Method, string.Empty, false);
        if (prefix.Length == 0 || member.Length == prefix.Length)
        {
            return null;
        }

        var target = parts.Take(parts.Count - 1).Concat([last.Substring(0, split) + member.Substring(prefix.Length)]).ToArray();
        return new AccessorTarget(targetKind, target, value);
    }

    // The '#' that ends an explicit implementation's interface name (-1: none).
    private static int LastHashOutsideBraces(string part)
    {
        var depth = 0;
        var last = -1;
        for (var i = 0; i < part.Length; i++)
        {
            switch (part[i])
            {
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    break;
                case '#' when depth == 0:
                    last = i;
                    break;
            }
        }

        return last;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    // Commas separate parameters; inside braces they separate the type arguments of an explicitly
    // implemented interface (IDictionary{System#String,System#Int32}#Item), as the compiler writes them.
    private static bool HasCommaOutsideBraces(string part)
    {
        var depth = 0;
        foreach (var c in part)
        {
            switch (c)
            {
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    break;
                case ',' when depth <= 0:
                    return true;
            }
        }

        return false;
    }

    // Explicit implementations' names written with and without the interface's namespaces: the compiler
    // writes M:C.System#IDisposable#Dispose; syntax, for `void IDisposable.Dispose()`, can only write
    // IDisposable#Dispose. Each name in the interface's name (the interface and its type arguments)
    // matches when one is the other with more leading namespaces or types: System#IDisposable matches
    // IDisposable, never Other#IDisposable. The member's own name must be the same.
    private static bool SameInterfaceMember(string pattern, string text)
    {
        var p = LastHashOutsideBraces(pattern);
        var t = LastHashOutsideBraces(text);
        if (p < 0 || t < 0 || !string.Equals(pattern.Substring(p), text.Substring(t), StringComparison.Ordinal))
        {
            return false;
        }

        return SameTypeNames(pattern.Substring(0, p), text.Substring(0, t), '#');
    }

    // "N#IGen{System#Int32,List{T}}" as N#IGen, {, System#Int32, ",", List, {, T, }, }; a parameter list
    // is cut at its parentheses, braces, commas and '~' too.
    private static List<string> NamesAndPunctuation(string name)
    {
        var result = new List<string>();
        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            if (i == name.Length || name[i] is '{' or '}' or ',' or '(' or ')' or '~')
            {
                if (i > start)
                {
                    result.Add(name.Substring(start, i - start));
                }

                if (i < name.Length)
                {
                    result.Add(name[i].ToString());
                }

                start = i + 1;
            }
        }

        return result;
    }

    private static int Depth(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
        }

        return depth;
    }

    // Whether the pattern's parts match exactly the first 'length' parts of the ID.
    private bool PartsMatch(IReadOnlyList<string> idParts, int length) => MatchParts(Parts, 0, idParts, 0, length);

    private static bool MatchParts(IReadOnlyList<string> parts, int pi, IReadOnlyList<string> idParts, int ii, int length)
    {
        if (pi == parts.Count)
        {
            return ii == length;
        }

        if (parts[pi] == "**")
        {
            for (var skip = ii; skip <= length; skip++)
            {
                if (MatchParts(parts, pi + 1, idParts, skip, length))
                {
                    return true;
                }
            }

            return false;
        }

        return ii < length && MatchPart(parts[pi], idParts[ii]) && MatchParts(parts, pi + 1, idParts, ii + 1, length);
    }

    // '*' within one name part; everything else literal, except the namespaces of an explicitly
    // implemented interface's names (see SameInterfaceMember).
    private static bool MatchPart(string pattern, string text)
    {
        if (pattern.IndexOf('*') < 0)
        {
            return string.Equals(pattern, text, StringComparison.Ordinal) || SameInterfaceMember(pattern, text);
        }

        var pieces = pattern.Split('*');
        if (!text.StartsWith(pieces[0], StringComparison.Ordinal))
        {
            return false;
        }

        var position = pieces[0].Length;
        for (var i = 1; i < pieces.Length - 1; i++)
        {
            var found = text.IndexOf(pieces[i], position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + pieces[i].Length;
        }

        var tail = pieces[pieces.Length - 1];
        return text.Length - position >= tail.Length && text.EndsWith(tail, StringComparison.Ordinal);
    }
}
