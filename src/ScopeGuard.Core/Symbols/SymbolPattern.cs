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
    }

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

        // A documentation comment ID never has "()": such a pattern would silently match nothing.
        if (parameters is not null && parameters.StartsWith("()", StringComparison.Ordinal))
        {
            error = "a parameterless member's ID has no parentheses (write M:Contoso.Invoice.Clear, not M:Contoso.Invoice.Clear())";
            return null;
        }

        var parts = body.Split('.');
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
        }

        var any = parameters == "(*)";
        if (any)
        {
            parameters = null;
        }

        return new SymbolPattern(text, kind, parts, parameters, any);
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
                if (id.Kind != Kind || !PartsMatch(id.Parts, id.Parts.Count))
                {
                    return null;
                }

                if (!AnyParameters && !ParametersMatch(id))
                {
                    return null;
                }

                return new SymbolMatch(new Specificity(id.Parts.Count, 2, AnyParameters ? 0 : 1, -Wildcards), true);
        }
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
    private bool PartsMatch(IReadOnlyList<string> idParts, int length) => MatchParts(0, idParts, 0, length);

    private bool MatchParts(int pi, IReadOnlyList<string> idParts, int ii, int length)
    {
        if (pi == Parts.Count)
        {
            return ii == length;
        }

        if (Parts[pi] == "**")
        {
            for (var skip = ii; skip <= length; skip++)
            {
                if (MatchParts(pi + 1, idParts, skip, length))
                {
                    return true;
                }
            }

            return false;
        }

        return ii < length && MatchPart(Parts[pi], idParts[ii]) && MatchParts(pi + 1, idParts, ii + 1, length);
    }

    // '*' within one name part; everything else literal.
    private static bool MatchPart(string pattern, string text)
    {
        if (pattern.IndexOf('*') < 0)
        {
            return string.Equals(pattern, text, StringComparison.Ordinal);
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
