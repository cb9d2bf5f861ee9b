using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// The declaration tables of one run, by blob ID: each blob is read, scanned and parsed at most once per
/// run (a <c>--per-commit</c> check judges the same blobs again), and, with a store, at most once per
/// build of ScopeGuard: the entries of earlier runs are read from the store instead. Safe to use from
/// several threads.
/// </summary>
/// <remarks>
/// An entry is keyed by the blob ID and a context naming everything else its content depends on: the
/// entry format, the build of Core (the extractor) and of Roslyn (its module version IDs, which change with
/// any change to their code) and the parse options. The "no restricted name occurs" markers inside an entry
/// are kept per set of names searched for (<see cref="NamesKeyOf"/>). Declarations whose parameter types are resolved against the rest of the
/// repository (<see cref="TypeIndex"/>) depend on more than the blob and are never cached.
/// </remarks>
public sealed class DeclarationTables
{
    private static readonly string BuildKey = string.Join(
        "\n",
        "format=" + DeclarationTableFormat.Version,
        "core=" + typeof(DeclarationTables).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
        "roslyn=" + typeof(CSharpSyntaxTree).Assembly.ManifestModule.ModuleVersionId.ToString("N") + " " + typeof(CSharpSyntaxTree).Assembly.GetName().Version,
        "parse=" + DeclarationExtractor.ParseOptions.SpecifiedLanguageVersion + " " + DeclarationExtractor.ParseOptions.LanguageVersion + " " + DeclarationExtractor.ParseOptions.DocumentationMode + " " + DeclarationExtractor.ParseOptions.Kind);

    private readonly IDeclarationCache? store;
    private readonly ConcurrentDictionary<(string Context, string BlobId), BlobEntry> memory = new();
    private long fromMemory;
    private long fromStore;
    private long computed;
    private long written;
    private long rejected;

    /// <summary>Initializes a new instance of the <see cref="DeclarationTables"/> class.</summary>
    /// <param name="store">Where entries are kept between runs, or <see langword="null"/> to keep them for this run only.</param>
    public DeclarationTables(IDeclarationCache? store)
    {
        this.store = store;
    }

    /// <summary>Gets how many sides were found in this run's memory.</summary>
    public long FromMemory => Interlocked.Read(ref fromMemory);

    /// <summary>Gets how many sides were read from the store.</summary>
    public long FromStore => Interlocked.Read(ref fromStore);

    /// <summary>Gets how many sides were read from git and scanned or parsed.</summary>
    public long Computed => Interlocked.Read(ref computed);

    /// <summary>Gets how many entries were handed to the store.</summary>
    public long Written => Interlocked.Read(ref written);

    /// <summary>Gets how many stored entries were refused (another version, truncated, altered) and computed again.</summary>
    public long Rejected => Interlocked.Read(ref rejected);

    /// <summary>
    /// Gets the context of every entry this build writes: 32 hex digits naming the entry format, the builds
    /// of the extractor (Core) and of Roslyn, and the parse options. Tables do not depend on the agent, so
    /// every agent's checks share them.
    /// </summary>
    public static string Context { get; } = Hex(BuildKey, 16);

    /// <summary>
    /// Gets the key of a set of restrictive patterns for the "no restricted name occurs" marker: the text
    /// may declare something they cover only when all the required names of one of them occur in it.
    /// </summary>
    /// <param name="restrictive">The patterns of the body, extend and readonly rules the text is scanned for.</param>
    /// <returns>A 64-bit key, the same for the same names in any order.</returns>
    public static ulong NamesKeyOf(IEnumerable<SymbolPattern> restrictive)
    {
        // Each pattern needs all its names (order free); the text needs one pattern's (order free).
        var names = (restrictive ?? throw new ArgumentNullException(nameof(restrictive)))
            .Select(p => string.Join("\u0001", p.RequiredNames.OrderBy(n => n, StringComparer.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal);
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes("names\n" + string.Join("\u0002", names)));
        return BitConverter.ToUInt64(hash, 0);
    }

    /// <summary>
    /// Gets the full declaration table of one side of a C# file, as fingerprints (<see cref="DeclarationSet.ToFingerprints"/>,
    /// so a table from the store compares with a fresh one): from this run or the store when known, else
    /// parsed from the text now and kept as the evaluator keeps it (the same entry, with what a scan of the
    /// text finds). For a caller that has read and decoded the side already (<c>scopeguard conflicts</c>).
    /// </summary>
    /// <param name="blobId">The side's blob ID, or <see langword="null"/> when it has none (then parsed, never kept).</param>
    /// <param name="text">The side's decoded text.</param>
    /// <returns>The table.</returns>
    public DeclarationSet TableOf(string? blobId, string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var context = Context;
        var known = blobId is null ? null : Get(context, blobId);
        if (known?.Table is { } table)
        {
            return table;
        }

        Interlocked.Increment(ref computed);
        var parsed = DeclarationExtractor.Extract(text).ToFingerprints();
        if (blobId is not null && known?.Unparseable is null)
        {
            // Only a text entry gains a table; one saying the blob is not C# text is left as it is.
            var entry = known is not null
                ? known with { Table = parsed }
                : BlobEntry.Scanned(text) with { Table = parsed };
            Put(context, blobId, entry);
        }

        return parsed;
    }

    /// <summary>
    /// Gets what is known of one side of a C# file without reading it: its table (as fingerprints) when
    /// one was kept, and whether the word <c>partial</c> occurs in its text. For a caller that reads a side
    /// only when it must (<c>scopeguard conflicts</c>).
    /// </summary>
    /// <param name="blobId">The side's blob ID.</param>
    /// <param name="table">The side's table, or <see langword="null"/> when only a scan of it was kept.</param>
    /// <param name="mentionsPartial">Whether the text contains <c>partial</c>.</param>
    /// <returns><see langword="true"/> when the blob is known as C# text; <see langword="false"/> when it must be read.</returns>
    public bool TryKnown(string blobId, out DeclarationSet? table, out bool mentionsPartial)
    {
        // A look only: a later TableOf of the same side counts it once.
        var known = Get(Context, blobId, countMemoryHit: false);
        table = known?.Table;
        mentionsPartial = known?.ContainsPartial ?? true;
        return known is { Unparseable: null };
    }

    /// <summary>
    /// Records what a scan of one side's text finds (whether the word <c>partial</c> occurs, whether it may
    /// hide names), without a table, when nothing is known of the blob yet: a later run then need not read
    /// the side to learn that (<see cref="TryKnown"/>). For a caller that read a side it did not need to parse.
    /// </summary>
    /// <param name="blobId">The side's blob ID.</param>
    /// <param name="text">The side's decoded text.</param>
    public void NoteScanned(string blobId, string text)
    {
        if (blobId is null || text is null || memory.ContainsKey((Context, blobId)))
        {
            return;
        }

        Put(Context, blobId, BlobEntry.Scanned(text));
    }

    /// <summary>Gets what is known of a blob, from this run or the store.</summary>
    internal BlobEntry? Get(string context, string blobId) => Get(context, blobId, countMemoryHit: true);

    private BlobEntry? Get(string context, string blobId, bool countMemoryHit)
    {
        if (memory.TryGetValue((context, blobId), out var known))
        {
            if (countMemoryHit)
            {
                Interlocked.Increment(ref fromMemory);
            }

            return known;
        }

        if (store is null || !IsObjectId(blobId))
        {
            return null;
        }

        var bytes = store.TryGet(context, blobId);
        if (bytes is null)
        {
            return null;
        }

        var entry = DeclarationTableFormat.TryRead(bytes, context, blobId);
        if (entry is null)
        {
            Interlocked.Increment(ref rejected);
            return null;
        }

        Interlocked.Increment(ref fromStore);
        memory[(context, blobId)] = entry;
        return entry;
    }

    /// <summary>Counts a side that was read from git.</summary>
    internal void CountComputed() => Interlocked.Increment(ref computed);

    /// <summary>Records what is now known of a blob (for this run, and in the store).</summary>
    internal void Put(string context, string blobId, BlobEntry entry)
    {
        memory[(context, blobId)] = entry;
        if (store is not null && IsObjectId(blobId))
        {
            store.Put(context, blobId, DeclarationTableFormat.Write(entry, context, blobId));
            Interlocked.Increment(ref written);
        }
    }

    // A store may use the ID in a file name: only what an object ID can be.
    private static string Hex(string text, int bytes)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var builder = new StringBuilder(2 * bytes);
        for (var i = 0; i < bytes; i++)
        {
            builder.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static bool IsObjectId(string id) =>
        id.Length is >= 40 and <= 64 && id.All(c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
}
