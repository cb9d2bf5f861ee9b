using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Tests.Symbols;

/// <summary>
/// The declaration cache's entries and the evaluator's use of them: a stored table gives the diff the text
/// gives, anything that is not exactly a written entry for its key is refused, and a check that finds every
/// side in the tables reads nothing and reports what a check without them reports.
/// </summary>
public sealed class DeclarationTablesTests
{
    private const string Json = """
        {
          "version": 1,
          "agents": {
            "billing": {
              "branches": ["agent/billing"],
              "paths": ["/src/Billing/"],
              "symbols": {
                "edit": ["N:Contoso.Billing"],
                "body": ["T:Contoso.Shared.Clock"],
                "extend": ["T:Contoso.Shared.Registry"],
                "readonly": ["N:Contoso.Billing.Contracts"]
              }
            },
            "shipping": {
              "branches": ["agent/shipping"],
              "paths": ["/src/Shared/"],
              "symbols": { "readonly": ["T:Contoso.Shared.Clock"] }
            }
          }
        }
        """;

    private static readonly ScopeManifest Manifest = ManifestLoader.Load(Json, "scopes.json").Manifest!;

    private static readonly string[] Sources =
    [
        """
        using System;
        [assembly: System.CLSCompliant(true)]
        global using Alias = System.Collections.Generic.List<int>;

        namespace Contoso.Shared
        {
            /// <summary>The clock.</summary>
            public sealed class Clock
            {
                private int ticks = 1;

                public long Now() => ticks;

                public int? Maybe(Foo? foo) { return null; }

                public event EventHandler? Ticked;

                public int this[int i] => i;

                public static Clock operator +(Clock a, Clock b) => a;
            }

            public partial class Registry<T> where T : class
            {
                public int Count() => 1;

                public class Nested { public void Run() { } }
            }
        }
        """,
        """
        namespace Contoso.Billing.Contracts;

        #if DEBUG
        public interface IInvoice { int Total(); }
        #else
        public interface IInvoice { long Total(); }
        #endif

        #if false
        public class Never { }
        #endif

        public record Line(string Name, decimal Amount);
        """,
        "\uFEFFnamespace Contoso.Billing { class Broken { void F( { } }",
        "System.Console.WriteLine(1);\nint x = 2;\n",
        string.Empty,
    ];

    public static TheoryData<int> SourceIndexes() => [.. Enumerable.Range(0, Sources.Length)];

    [Theory]
    [MemberData(nameof(SourceIndexes))]
    public void Entry_WrittenAndRead_KeepsEverythingTheDiffReads(int index)
    {
        var table = DeclarationExtractor.Extract(Sources[index]).ToFingerprints();
        var entry = new BlobEntry(null, MayHideNames: index == 2, ContainsPartial: index == 0, table, [(1UL, true), (ulong.MaxValue, false)]);

        var read = DeclarationTableFormat.TryRead(DeclarationTableFormat.Write(entry, Context, BlobA), Context, BlobA);

        Assert.NotNull(read);
        Assert.Equal((entry.Unparseable, entry.MayHideNames, entry.ContainsPartial), (read.Unparseable, read.MayHideNames, read.ContainsPartial));
        Assert.Equal(entry.Names, read.Names);
        Assert.Equal(Render(table), Render(read.Table!));
    }

    [Fact]
    public void Entry_Unparseable_KeepsItsReason()
    {
        var entry = new BlobEntry("it is binary: a NUL byte in its first 8,000 bytes", MayHideNames: false, ContainsPartial: false, null, []);

        var read = DeclarationTableFormat.TryRead(DeclarationTableFormat.Write(entry, Context, BlobA), Context, BlobA);

        Assert.Equal(entry.Unparseable, read?.Unparseable);
        Assert.Null(read!.Table);
    }

    [Fact]
    public void Diff_OfStoredTables_IsTheDiffOfTheTexts()
    {
        foreach (var (old, @new) in Pairs())
        {
            var expected = Render(DeclarationDiff.Compare(old, @new));
            var stored = Render(DeclarationDiff.Compare(Stored(old), Stored(@new)));
            Assert.True(expected == stored, $"old:\n{old}\nnew:\n{@new}\n--- from the texts\n{expected}\n--- from stored tables\n{stored}");
        }
    }

    [Fact]
    public void Entry_Truncated_IsRefusedAtEveryLength()
    {
        var bytes = Written(Sources[0]);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Null(DeclarationTableFormat.TryRead(bytes.Take(length).ToArray(), Context, BlobA));
        }
    }

    [Fact]
    public void Entry_WithAnyByteFlipped_IsRefused()
    {
        var bytes = Written(Sources[1]);
        for (var i = 0; i < bytes.Length; i++)
        {
            foreach (var bit in new byte[] { 0x01, 0x80 })
            {
                var altered = (byte[])bytes.Clone();
                altered[i] ^= bit;
                Assert.Null(DeclarationTableFormat.TryRead(altered, Context, BlobA));
            }
        }
    }

    [Fact]
    public void Entry_OfAnotherBlobOrContext_IsRefused()
    {
        var bytes = Written(Sources[0]);

        Assert.Null(DeclarationTableFormat.TryRead(bytes, Context, BlobB));
        Assert.Null(DeclarationTableFormat.TryRead(bytes, string.Concat("f", Context.AsSpan(1)), BlobA));
    }

    [Fact]
    public void Entry_OfAnotherFormatVersion_IsRefusedEvenWithAValidChecksum()
    {
        var bytes = Written(Sources[0]);
        bytes[4] = DeclarationTableFormat.Version + 1; // the version's varint follows the 4-byte magic
        var body = bytes.Length - 8;
        var checksum = DeclarationTableFormat.Checksum(bytes, body);
        for (var i = 0; i < 8; i++)
        {
            bytes[body + i] = (byte)(checksum >> (8 * i));
        }

        Assert.Null(DeclarationTableFormat.TryRead(bytes, Context, BlobA));
    }

    [Fact]
    public void NamesKeyOf_NamesTheRestrictiveNames_NotTheirOrder()
    {
        var clock = SymbolPattern.TryParse("T:Contoso.Shared.Clock", out _)!;
        var contracts = SymbolPattern.TryParse("N:Contoso.Billing.Contracts", out _)!;
        var other = SymbolPattern.TryParse("T:Contoso.Shared.Registry", out _)!;

        Assert.Equal(DeclarationTables.NamesKeyOf([clock, contracts]), DeclarationTables.NamesKeyOf([contracts, clock]));
        Assert.NotEqual(DeclarationTables.NamesKeyOf([clock, contracts]), DeclarationTables.NamesKeyOf([clock, other]));
        Assert.Matches("^[0-9a-f]{32}$", DeclarationTables.Context);
    }

    [Fact]
    public void Entry_RemembersTheNewestNameSets()
    {
        var entry = new BlobEntry(null, false, false, null, []);
        for (var key = 0UL; key < BlobEntry.MaxNameSets + 4; key++)
        {
            entry = entry.WithNames(key, key % 2 == 0);
        }

        entry = entry.WithNames(10, false);

        Assert.Equal(BlobEntry.MaxNameSets, entry.Names.Count);
        Assert.Null(entry.NamesPresent(3));
        Assert.True(entry.NamesPresent(4));
        Assert.False(entry.NamesPresent(10));
    }

    [Fact]
    public void Evaluate_ForAnotherAgent_ReusesTheTablesAndScansOnlyForItsOwnNames()
    {
        var contents = new Contents();
        var store = new MemoryStore();
        var evaluator = new ScopeEvaluator(Manifest);
        var change = new FileChange("src/Shared/Clock.cs", "src/Shared/Clock.cs", ChangeStatus.Modified, EntryKind.File, EntryKind.File, contents.Put(Sources[0]), contents.Put(Sources[0].Replace("public long Now()", "public int Now()", StringComparison.Ordinal)));
        var billing = new AgentIdentity(Manifest.FindAgent("billing"), IdentitySource.Option, "test");
        var shipping = new AgentIdentity(Manifest.FindAgent("shipping"), IdentitySource.Option, "test");
        var expected = Render(evaluator.Evaluate(shipping, "agent/shipping", [change], contents: contents));
        evaluator.Evaluate(billing, "agent/billing", [change], contents: contents, tables: new DeclarationTables(store));
        var reads = contents.Reads;

        var tables = new DeclarationTables(store);
        var found = Render(evaluator.Evaluate(shipping, "agent/shipping", [change], contents: contents, tables: tables));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, found);
        Assert.Equal(2, tables.FromStore);
        Assert.Equal(1, contents.Reads - reads); // the old side scanned for shipping's names (they occur, so the new side need not be); neither parsed again
        var third = new DeclarationTables(store);
        evaluator.Evaluate(shipping, "agent/shipping", [change], contents: contents, tables: third);
        Assert.Equal(0, third.Computed);
    }

    [Fact]
    public void Evaluate_WithTables_ReportsWhatItReportsWithoutThem_AndAWarmRunReadsNothing()
    {
        var random = new Random(1515);
        var store = new MemoryStore();
        var agent = new AgentIdentity(Manifest.FindAgent("billing"), IdentitySource.Option, "test");
        var evaluator = new ScopeEvaluator(Manifest);
        var compared = 0;
        for (var round = 0; round < 12; round++)
        {
            var contents = new Contents();
            var changes = new List<FileChange>();
            foreach (var (path, text) in Files())
            {
                var edited = Edit(random, text);
                changes.Add(new FileChange(path, path, ChangeStatus.Modified, EntryKind.File, EntryKind.File, contents.Put(text), contents.Put(edited)));
            }

            // Enough files to take the parallel path too.
            changes.AddRange(Enumerable.Range(0, 40).Select(i => new FileChange($"src/Many/F{i}.cs", $"src/Many/F{i}.cs", ChangeStatus.Modified, EntryKind.File, EntryKind.File, contents.Put(Sources[i % 2] + "// " + i), contents.Put(Edit(random, Sources[i % 2] + "// " + i)))));

            var plain = Render(evaluator.Evaluate(agent, "agent/billing", changes, contents: contents));
            var cold = new DeclarationTables(store);
            var filled = Render(evaluator.Evaluate(agent, "agent/billing", changes, contents: contents, tables: cold));
            var readsBeforeWarm = contents.Reads;
            var warm = new DeclarationTables(store);
            var fromStore = Render(evaluator.Evaluate(agent, "agent/billing", changes, contents: contents, tables: warm));

            Assert.Equal(plain, filled);
            Assert.Equal(plain, fromStore);
            Assert.Equal(readsBeforeWarm, contents.Reads);
            Assert.Equal(0, warm.Computed);
            Assert.Equal(0, warm.Rejected);
            Assert.True(warm.FromStore > 0);
            compared += plain.Length;
        }

        Assert.True(compared > 0, "the edits must produce findings, or the agreement proves little");
    }

    [Fact]
    public void Evaluate_WithTablesOfThisRunOnly_ReadsEachBlobOnce()
    {
        var contents = new Contents();
        var agent = new AgentIdentity(Manifest.FindAgent("billing"), IdentitySource.Option, "test");
        var change = new FileChange("src/Shared/Clock.cs", "src/Shared/Clock.cs", ChangeStatus.Modified, EntryKind.File, EntryKind.File, contents.Put(Sources[0]), contents.Put(Sources[0].Replace("public long Now()", "public int Now()", StringComparison.Ordinal)));
        var tables = new DeclarationTables(null);
        var evaluator = new ScopeEvaluator(Manifest);

        var first = Render(evaluator.Evaluate(agent, "agent/billing", [change], contents: contents, tables: tables));
        var second = Render(evaluator.Evaluate(agent, "agent/billing", [change], contents: contents, tables: tables));

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        Assert.Equal(2, contents.Reads);
        Assert.Equal(2, tables.FromMemory);
    }

    private const string BlobA = "0123456789abcdef0123456789abcdef01234567";
    private const string BlobB = "1123456789abcdef0123456789abcdef01234567";

    private static readonly string Context = DeclarationTables.Context;

    private static byte[] Written(string source) =>
        DeclarationTableFormat.Write(new BlobEntry(null, false, true, DeclarationExtractor.Extract(source).ToFingerprints(), [(7UL, true)]), Context, BlobA);

    private static DeclarationSet Stored(string text) =>
        DeclarationTableFormat.TryRead(DeclarationTableFormat.Write(new BlobEntry(null, false, false, DeclarationExtractor.Extract(text).ToFingerprints(), []), Context, BlobA), Context, BlobA)!.Table!;

    private static IEnumerable<(string Old, string New)> Pairs()
    {
        var random = new Random(15);
        foreach (var source in Sources)
        {
            for (var i = 0; i < 40; i++)
            {
                yield return (source, Edit(random, source));
            }
        }
    }

    private static IEnumerable<(string Path, string Text)> Files() =>
    [
        ("src/Shared/Clock.cs", Sources[0]),
        ("src/Billing/Contracts/IInvoice.cs", Sources[1]),
        ("src/Billing/Broken.cs", Sources[2]),
        ("src/Other/Program.cs", Sources[3]),
        ("src/Shared/Empty.cs", Sources[4]),
    ];

    // Edits that change meaning far from where they are made, as well as ordinary ones.
    private static string Edit(Random random, string text)
    {
        var edits = new Func<string, string>[]
        {
            t => t.Replace("=> 1;", "=> 2;", StringComparison.Ordinal),
            t => t.Replace("public long Now()", "public int Now()", StringComparison.Ordinal),
            t => t.Replace("int Total();", "int Total(int discount);", StringComparison.Ordinal),
            t => t.Replace("public int Count() => 1;", "public int Count() => 1;\n\n        public void Added() { }", StringComparison.Ordinal),
            t => "#define DEBUG\n" + t,
            t => t.Replace("#if DEBUG", "#if !DEBUG", StringComparison.Ordinal),
            t => t.Replace("#else", "#elif RELEASE", StringComparison.Ordinal),
            t => t.Replace("#if false", "#if true", StringComparison.Ordinal),
            t => t.Replace("public class Never { }", "public class Never { int x; }", StringComparison.Ordinal),
            t => Insert(random, t, "/* unterminated "),
            t => Insert(random, t, "\"unterminated string "),
            t => Insert(random, t, "}"),
            t => Insert(random, t, "{"),
            t => t.Replace("namespace Contoso.Shared", "namespace Contoso.Other", StringComparison.Ordinal),
            t => t.Replace("Registry<T> where T : class", "Registry<TItem> where TItem : class", StringComparison.Ordinal),
            t => t.Replace("using System;", "using System.Text;", StringComparison.Ordinal),
            t => t + "\n// a comment\n",
            t => t.Replace("public partial class", "public class", StringComparison.Ordinal),
            t => t.Replace("    ", "\t", StringComparison.Ordinal),
            t => "\uFEFF" + t,
            t => t.Replace("\n", "\r\n", StringComparison.Ordinal),
            t => t.Replace("Foo?", "Bar?", StringComparison.Ordinal),
            t => t.Replace("int x = 2;", "int x = 3;", StringComparison.Ordinal),
        };
        var result = text;
        for (var n = 1 + random.Next(3); n > 0; n--)
        {
            result = edits[random.Next(edits.Length)](result);
        }

        return result == text ? text + "\n// touched\n" : result;
    }

    private static string Insert(Random random, string text, string what)
    {
        var at = text.Length == 0 ? 0 : random.Next(text.Length);
        return string.Concat(text.AsSpan(0, at), what, text.AsSpan(at));
    }

    private static string Render(DeclarationSet set) =>
        string.Join(
            "\n",
            set.Declarations.Select(d => $"{d.Id} [{d.Id.NamespaceDepth}] {d.Id.CompilerForm} alt={string.Join(",", d.Id.Alternates.Select(a => a.CompilerForm))} {d.Position} {d.Signature} {d.Body} {d.Text} {d.PartialPart}")
                .Concat([$"file {set.FileLevel} {set.FileLevelText} {set.FileLevelPosition} errors={set.HasErrors} inactive={set.InactiveCode} at {set.InactiveCodePosition} tracks={set.TracksInactiveCode}"])
                .Concat(set.GetFileLevelItems().Select(i => $"item {i.Fingerprint} {i.Position}"))
                .Concat(set.GlobalUsings.Select(g => $"global {g.Alias} {g.Target} {g.TargetSource}")));

    private static string Render(FileDeclarationDiff diff) =>
        string.Join("\n", diff.Changes.Select(c => $"{c.Kind} {c.Id} {c.Position} {c.Removal} partial={c.AddsPartialPart}"))
        + $"\nfile {diff.FileLevel} {diff.FileLevelPosition} inactive {diff.InactiveCodeChanged}";

    private static string[] Render(IReadOnlyList<Finding> findings) =>
        findings.Select(f => $"{f.Id} {f.Path}({f.Line},{f.Column}) {f.Symbol} {f.Message}").ToArray();

    // Contents by git-style blob ID (hex, as the cache requires), counting reads.
    private sealed class Contents : IChangeContents
    {
        private readonly Dictionary<string, byte[]> blobs = new(StringComparer.Ordinal);
        private int reads;

        public int Reads => Volatile.Read(ref reads);

        public string Put(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var id = Convert.ToHexStringLower(SHA256.HashData(bytes)); // a SHA-256 repository's IDs
            blobs[id] = bytes;
            return id;
        }

        public byte[]? ReadOld(FileChange change) => Read(change.OldBlobId);

        public byte[]? ReadNew(FileChange change) => Read(change.NewBlobId);

        private byte[]? Read(string? id)
        {
            Interlocked.Increment(ref reads);
            return id is null ? null : blobs[id];
        }
    }

    // A store kept in memory: the on-disk store is tested with real files in ScopeGuard.Git.Tests.
    private sealed class MemoryStore : IDeclarationCache
    {
        private readonly ConcurrentDictionary<string, byte[]> entries = new(StringComparer.Ordinal);

        public byte[]? TryGet(string context, string blobId) => entries.TryGetValue(context + "/" + blobId, out var bytes) ? bytes : null;

        public void Put(string context, string blobId, byte[] entry) => entries[context + "/" + blobId] = entry;
    }
}
