using System;
using System.Collections.Generic;
using System.Linq;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// A declaration's documentation comment ID, computed from syntax: the kind, the dotted name parts
/// (namespaces, containing types with their generic arity, the member name) and the parameter list.
/// </summary>
public sealed class DeclarationId : IEquatable<DeclarationId>
{
    // The kind letters in SymbolKind's order.
    private const string Prefixes = "NTMPFE";

    private readonly string text;

    /// <summary>Initializes a new instance of the <see cref="DeclarationId"/> class.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="parts">The name parts, outermost first.</param>
    /// <param name="parameters">The parameter list with its parentheses (and a conversion's <c>~Type</c>), or <see langword="null"/>.</param>
    /// <param name="namespaceDepth">How many leading parts are namespaces; -1 when unknown.</param>
    public DeclarationId(SymbolKind kind, IReadOnlyList<string> parts, string? parameters, int namespaceDepth)
    {
        Kind = kind;
        Parts = parts ?? throw new ArgumentNullException(nameof(parts));
        Parameters = parameters;
        NamespaceDepth = namespaceDepth;
        text = Compose(kind, parts, parameters);
    }

    /// <summary>Gets the kind.</summary>
    public SymbolKind Kind { get; }

    /// <summary>Gets the name parts, outermost first.</summary>
    public IReadOnlyList<string> Parts { get; }

    /// <summary>Gets the parameter list with parentheses, or <see langword="null"/>.</summary>
    public string? Parameters { get; }

    /// <summary>Gets how many leading parts are namespaces (-1 when unknown, e.g. parsed from text).</summary>
    public int NamespaceDepth { get; }

    /// <summary>
    /// Gets other IDs the compiler may give this same declaration where syntax alone cannot tell which
    /// (<c>F(System.Nullable{Foo})</c> for <c>F(Foo?)</c> when <c>Foo</c> may be a struct declared
    /// elsewhere), or gives it besides (an extension property's accessor implementation methods). A
    /// pattern naming any of them covers the declaration; equality and the text are the primary ID's.
    /// Each alternate has its own resolved form (<see cref="ResolvedParameters"/>) when names were resolved.
    /// </summary>
    public IReadOnlyList<DeclarationId> Alternates { get; init; } = [];

    /// <summary>
    /// Gets the parameter list with the type names resolved as the compiler writes them
    /// (<c>(System.ReadOnlySpan{System.Char})</c> where the source says <c>ReadOnlySpan&lt;char&gt;</c>),
    /// or <see langword="null"/> when it is the same as <see cref="Parameters"/> or was not resolved
    /// (see <see cref="TypeIndex"/>). Not part of the ID's identity: the diff matches declarations by the
    /// primary ID, which never depends on what other files declare; patterns match either.
    /// </summary>
    public string? ResolvedParameters { get; init; }

    /// <summary>
    /// Gets the member's own name part with the type names in it resolved, or <see langword="null"/> when
    /// it is the same as the last of <see cref="Parts"/> or was not resolved: an explicit implementation's
    /// interface, which the compiler writes with its namespaces (<c>System#IDisposable#Dispose</c> where the
    /// source says <c>IDisposable.Dispose</c>). Not part of the ID's identity.
    /// </summary>
    public string? ResolvedName { get; init; }

    /// <summary>Gets whether names were resolved to something other than the primary ID (<see cref="ResolvedName"/> or <see cref="ResolvedParameters"/>).</summary>
    public bool IsResolved => ResolvedParameters is not null || ResolvedName is not null;

    /// <summary>
    /// Gets the ID as the compiler writes it, as far as names could be resolved: the primary ID with
    /// <see cref="ResolvedName"/> and <see cref="ResolvedParameters"/> in place when there are some.
    /// </summary>
    public string CompilerForm => !IsResolved
        ? text
        : Prefix(Kind) + ":" + (ResolvedName is null ? string.Join(".", Parts) : string.Join(".", Parts.Take(Parts.Count - 1).Concat([ResolvedName]))) + (ResolvedParameters ?? Parameters);

    /// <summary>Gets the same ID without resolved forms (its own and its alternates').</summary>
    /// <returns>The ID as syntax alone writes it.</returns>
    internal DeclarationId WithoutResolved() => !IsResolved && !Alternates.Any(a => a.IsResolved)
        ? this
        : new DeclarationId(Kind, Parts, Parameters, NamespaceDepth) { Alternates = [.. Alternates.Select(a => a.WithoutResolved())] };

    /// <summary>Gets the kind letter for a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>N, T, M, P, F or E.</returns>
    public static char Prefix(SymbolKind kind) => Prefixes[(int)kind];

    // "K:" + the parts joined with dots + the parameters, in one buffer of the exact length (IDs are made
    // for every declaration of every file judged, and read back from the declaration cache by the thousand).
    private static string Compose(SymbolKind kind, IReadOnlyList<string> parts, string? parameters)
    {
        var length = 2 + (parameters?.Length ?? 0) + Math.Max(0, parts.Count - 1);
        for (var i = 0; i < parts.Count; i++)
        {
            length += parts[i].Length;
        }

        var chars = new char[length];
        chars[0] = Prefix(kind);
        chars[1] = ':';
        var at = 2;
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0)
            {
                chars[at++] = '.';
            }

            parts[i].CopyTo(0, chars, at, parts[i].Length);
            at += parts[i].Length;
        }

        parameters?.CopyTo(0, chars, at, parameters.Length);
        return new string(chars);
    }

    /// <summary>Gets the kind a kind letter stands for.</summary>
    /// <param name="prefix">N, T, M, P, F or E.</param>
    /// <param name="kind">The kind.</param>
    /// <returns>Whether the letter is a kind letter.</returns>
    public static bool TryKind(char prefix, out SymbolKind kind)
    {
        var index = Prefixes.IndexOf(prefix);
        kind = (SymbolKind)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>Parses an ID such as <c>M:Contoso.Billing.Invoice.Add(System.Int32)</c> (no wildcards).</summary>
    /// <param name="text">The ID.</param>
    /// <returns>The ID, or <see langword="null"/> when it is not one.</returns>
    public static DeclarationId? TryParse(string text)
    {
        var pattern = SymbolPattern.TryParse(text, out _);
        if (pattern is null || pattern.HasWildcards || pattern.AnyParameters)
        {
            return null;
        }

        return new DeclarationId(pattern.Kind, pattern.Parts, pattern.Parameters, -1);
    }

    /// <inheritdoc/>
    public bool Equals(DeclarationId? other) => other is not null && string.Equals(text, other.text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DeclarationId);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(text);

    /// <inheritdoc/>
    public override string ToString() => text;
}
