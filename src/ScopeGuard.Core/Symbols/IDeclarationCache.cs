namespace ScopeGuard.Core.Symbols;

/// <summary>
/// A store of declaration-table entries by blob ID, kept between runs (Core itself does no I/O: the CLI
/// keeps the entries under the repository's common git directory). Entries are opaque bytes written and
/// checked by Core (<see cref="DeclarationTables"/>): a store need not validate them, and may lose any
/// entry at any time. The evaluator calls it from several threads at once, so an implementation must be
/// safe to call concurrently, and a reader must never see an entry half written.
/// </summary>
public interface IDeclarationCache
{
    /// <summary>Reads an entry.</summary>
    /// <param name="context">
    /// What besides the blob the entry depends on, as lowercase hex digits (the extractor's and Roslyn's
    /// builds and the parse options; see <see cref="DeclarationTables.Context"/>).
    /// </param>
    /// <param name="blobId">The blob's object ID (lowercase hex).</param>
    /// <returns>The bytes last stored for that key, or <see langword="null"/>.</returns>
    byte[]? TryGet(string context, string blobId);

    /// <summary>Stores an entry, replacing any other under the same key. Failing to store is not an error.</summary>
    /// <param name="context">As for <see cref="TryGet"/>.</param>
    /// <param name="blobId">The blob's object ID (lowercase hex).</param>
    /// <param name="entry">The bytes.</param>
    void Put(string context, string blobId, byte[] entry);
}
