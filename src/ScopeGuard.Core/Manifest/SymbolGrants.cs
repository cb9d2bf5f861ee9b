using System.Collections.Generic;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Manifest;

/// <summary>The four symbol permission lists of an agent.</summary>
public sealed class SymbolGrants
{
    /// <summary>Gets an empty set of grants.</summary>
    public static SymbolGrants Empty { get; } = new([], [], [], []);

    /// <summary>Initializes a new instance of the <see cref="SymbolGrants"/> class.</summary>
    /// <param name="edit">Anything may change.</param>
    /// <param name="body">Only implementations may change.</param>
    /// <param name="extend">Members may be added.</param>
    /// <param name="readOnly">Nothing may change.</param>
    public SymbolGrants(
        IReadOnlyList<ManifestEntry<SymbolPattern>> edit,
        IReadOnlyList<ManifestEntry<SymbolPattern>> body,
        IReadOnlyList<ManifestEntry<SymbolPattern>> extend,
        IReadOnlyList<ManifestEntry<SymbolPattern>> readOnly)
    {
        Edit = edit;
        Body = body;
        Extend = extend;
        ReadOnly = readOnly;
    }

    /// <summary>Gets the <c>edit</c> grants.</summary>
    public IReadOnlyList<ManifestEntry<SymbolPattern>> Edit { get; }

    /// <summary>Gets the <c>body</c> grants.</summary>
    public IReadOnlyList<ManifestEntry<SymbolPattern>> Body { get; }

    /// <summary>Gets the <c>extend</c> grants.</summary>
    public IReadOnlyList<ManifestEntry<SymbolPattern>> Extend { get; }

    /// <summary>Gets the <c>readonly</c> rules.</summary>
    public IReadOnlyList<ManifestEntry<SymbolPattern>> ReadOnly { get; }

    /// <summary>Gets a value indicating whether no symbol rule is given.</summary>
    public bool IsEmpty => Edit.Count + Body.Count + Extend.Count + ReadOnly.Count == 0;
}
