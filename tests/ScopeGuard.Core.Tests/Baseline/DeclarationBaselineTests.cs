using System;
using System.Linq;
using ScopeGuard.Core.Baseline;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Tests.Baseline;

public sealed class DeclarationBaselineTests
{
    // Every kind of declaration the extractor names, including the odd IDs (top-level statements,
    // explicit interface members, operators, conversions, generics, nested types).
    private const string Rich = """
        using System;
        using System.Collections.Generic;

        [assembly: System.Reflection.AssemblyMetadata("k", "v")]

        System.Console.WriteLine("top level");

        namespace Contoso.Billing.Inner
        {
            public delegate void Changed<T>(T value);

            public enum Kind { A = 1, B }

            public interface IShape { int Area(); }

            public sealed class Invoice<TKey> : IShape, IEnumerable<int>
                where TKey : notnull
            {
                private readonly int a = 1, b = 2;
                public event EventHandler? Raised;
                public Invoice(int seed) { a = seed; }
                static Invoice() { }
                ~Invoice() { }
                public int this[int index] => index;
                public int Total { get; set; } = 3;
                public static Invoice<TKey> operator +(Invoice<TKey> x, Invoice<TKey> y) => x;
                public static explicit operator int(Invoice<TKey> x) => x.a;
                int IShape.Area() => b;
                public T Map<T>(Func<int, T> f, ref int n, params string[] rest) => f(n);
                IEnumerator<int> IEnumerable<int>.GetEnumerator() { yield break; }
                System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => null!;
                public class Nested { public (int, string) Pair() => (1, "x"); }
            }
        }
        """;

    private static readonly BaselineHeader Header = new("billing", "branch \"agent/billing\" matches", "main", new string('a', 40), new string('b', 40), new string('c', 40), "/work/repo", ["src/App/"]);

    private const string MergeBase = "namespace App;\n\npublic class Clock\n{\n    public int Now() => 1;\n}\n";

    // Issue 18: a merge in progress brings its other parent's version of the file; the agent resolved it
    // keeping both sides' members. Only the agent's own member is its change.
    [Fact]
    public void Compare_MergeInProgress_OnlyWhatTheResolutionAddsIsAChange()
    {
        var theirs = MergeBase.Replace("    public int Now() => 1;\n", "    public int Now() => 2;\n\n    public int Theirs() => 3;\n", StringComparison.Ordinal);
        var header = Header with { Brought = [new string('d', 40)] };
        var baseline = DeclarationBaseline.Parse(DeclarationBaseline.Create(header, [("src/App/Clock.cs", MergeBase)], [("src/App/Clock.cs", theirs), ("src/App/New.cs", "namespace App;\n\npublic class New { }\n")]).Write());
        var resolved = theirs.Replace("    public int Theirs() => 3;\n", "    public int Theirs() => 3;\n\n    public int Mine() => 4;\n", StringComparison.Ordinal);

        Assert.Equal([new string('d', 40)], baseline.Header.Brought);
        Assert.Equal(["src/App/Clock.cs", "src/App/New.cs"], baseline.BroughtFiles.Select(f => f.Path));
        Assert.Null(baseline.Compare("src/App/Clock.cs", theirs));
        Assert.Null(baseline.Compare("src/App/New.cs", "namespace App;\n\npublic class New { }\n"));
        Assert.Equal(
            [(DeclarationChangeKind.Added, "M:App.Clock.Mine")],
            baseline.Compare("src/App/Clock.cs", resolved)!.Diff.Changes.Select(c => (c.Kind, c.Id.ToString())));
        Assert.Equal(
            [(DeclarationChangeKind.BodyChanged, "M:App.Clock.Now")],
            baseline.Compare("src/App/Clock.cs", theirs.Replace("=> 2", "=> 5", StringComparison.Ordinal))!.Diff.Changes.Select(c => (c.Kind, c.Id.ToString())));
    }

    [Fact]
    public void Compare_NothingBrought_EveryChangeSinceTheBaseCounts()
    {
        var baseline = DeclarationBaseline.Create(Header, [("src/App/Clock.cs", MergeBase)]);

        Assert.Equal(
            [(DeclarationChangeKind.BodyChanged, "M:App.Clock.Now")],
            baseline.Compare("src/App/Clock.cs", MergeBase.Replace("=> 1", "=> 2", StringComparison.Ordinal))!.Diff.Changes.Select(c => (c.Kind, c.Id.ToString())));
        Assert.Empty(baseline.Header.Brought);
    }

    [Fact]
    public void WriteThenParse_RoundTripsEveryDeclarationId()
    {
        var baseline = DeclarationBaseline.Create(Header, [("src/App/Rich.cs", Rich)]);

        var parsed = DeclarationBaseline.Parse(baseline.Write());

        var expected = DeclarationExtractor.Extract(Rich).Declarations;
        var actual = parsed.Find("src/App/Rich.cs")!.Declarations.Declarations;
        Assert.True(expected.Count >= 25, $"the sample has only {expected.Count} declarations");
        Assert.Equal(expected.Select(d => d.Id.ToString()), actual.Select(d => d.Id.ToString()));
        Assert.Equal(expected.Select(d => (d.Id.Kind, string.Join("|", d.Id.Parts), d.Id.Parameters, d.Id.NamespaceDepth, d.Position)), actual.Select(d => (d.Id.Kind, string.Join("|", d.Id.Parts), d.Id.Parameters, d.Id.NamespaceDepth, d.Position)));
        Assert.Equal(baseline.Write(), parsed.Write());
        Assert.Equal(Header.Agent, parsed.Header.Agent);
        Assert.Equal(Header.MergeBase, parsed.Header.MergeBase);
        Assert.Equal(Header.Scopes, parsed.Header.Scopes);
    }

    [Fact]
    public void Write_OddPathsAndNoAgent_RoundTrip()
    {
        var header = Header with { Agent = null, AgentReason = "line one\nline two \\ with a backslash\ttab", Scopes = [string.Empty] };
        var path = "src/a b/we\\ird\nname.cs";

        var parsed = DeclarationBaseline.Parse(DeclarationBaseline.Create(header, [(path, "class A { }")]).Write());

        Assert.Null(parsed.Header.Agent);
        Assert.Equal(header.AgentReason, parsed.Header.AgentReason);
        Assert.NotNull(parsed.Find(path));
        Assert.True(parsed.Covers("anything/at/all.cs"));
    }

    [Fact]
    public void Write_SameInput_SameBytes()
    {
        var files = Enumerable.Range(0, 20).Select(i => ($"src/App/F{i}.cs", $"class C{i} {{ int M() => {i}; }}")).ToList();

        Assert.Equal(DeclarationBaseline.Create(Header, files).Write(), DeclarationBaseline.Create(Header, files.AsEnumerable().Reverse().ToList()).Write());
    }

    [Theory]
    [InlineData("", "not a ScopeGuard baseline")]
    [InlineData("scopeguard-baseline 99\n", "unsupported baseline format")]
    [InlineData("scopeguard-baseline 3\nagent x\n", "no 'end' line")]
    [InlineData("scopeguard-baseline 3\nd 0 1 0000000000000000 0000000000000000 0000000000000000 1:1 T:A\nend 0\n", "a declaration before any 'file' line")]
    [InlineData("scopeguard-baseline 3\nfile zz 0000000000000000 0000000000000000 1:1 a.cs\nend 1\n", "'zz' is not a fingerprint")]
    [InlineData("scopeguard-baseline 3\nend 3\n", "'end' counts 3 files but 0 were read")]
    [InlineData("scopeguard-baseline 3\nwhat 1\nend 0\n", "unknown line 'what'")]
    public void Parse_Damaged_SaysWhereAndWhy(string text, string message)
    {
        var ex = Assert.Throws<ScopeGuardException>(() => DeclarationBaseline.Parse(text));

        Assert.StartsWith("scopeguard.baseline(", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_Unchanged_Null()
    {
        var baseline = DeclarationBaseline.Create(Header, [("src/App/Rich.cs", Rich)]);

        Assert.Null(baseline.Compare("src/App/Rich.cs", Rich));
    }

    [Fact]
    public void Compare_LineEndingsAndByteOrderMark_NotAChange()
    {
        var baseline = DeclarationBaseline.Create(Header, [("src/App/Rich.cs", "\uFEFF" + Rich)]);

        Assert.Null(baseline.Compare("src/App/Rich.cs", Rich.Replace("\n", "\r\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void Compare_OutsideTheRecordedFolders_Null()
    {
        var baseline = DeclarationBaseline.Create(Header, [("src/App/Rich.cs", Rich)]);

        Assert.Null(baseline.Compare("src/Other/New.cs", "class New { }"));
        Assert.Null(baseline.Compare("src/Application/New.cs", "class New { }"));
    }

    [Fact]
    public void Compare_NotAtBase_Added()
    {
        var baseline = DeclarationBaseline.Create(Header, [("src/App/Rich.cs", Rich)]);

        var comparison = baseline.Compare("src/App/New.cs", "namespace N;\nclass New { }\n")!;

        Assert.Equal(ChangeStatus.Added, comparison.Change.Status);
        Assert.Equal(FileLevelChangeKind.Changed, comparison.Diff.FileLevel);
        Assert.All(comparison.Diff.Changes, c => Assert.Equal(DeclarationChangeKind.Added, c.Kind));
    }

    [Fact]
    public void Compare_BodyEdit_SameDiffAsTheFullTexts()
    {
        var edited = Rich.Replace("=> index;", "=> index + 1;", StringComparison.Ordinal).Replace("int Area();", "int Area(int scale);", StringComparison.Ordinal);
        var baseline = DeclarationBaseline.Create(Header, [("src/App/Rich.cs", Rich)]);

        var comparison = baseline.Compare("src/App/Rich.cs", edited)!;

        Assert.Equal(ChangeStatus.Modified, comparison.Change.Status);
        Assert.Equal(DeclarationDiff.Compare(Rich, edited), comparison.Diff, new DiffComparer());
    }

    [Theory]
    [InlineData("/work/repo/src/App/A.cs", "src/App/A.cs")]
    [InlineData("/work/repo2/src/App/A.cs", null)]
    [InlineData("/work/repo", null)]
    [InlineData("relative/A.cs", null)]
    [InlineData("", null)]
    public void ToRepositoryPath_UnderTheRoot(string filePath, string? expected)
    {
        var baseline = DeclarationBaseline.Create(Header, []);

        Assert.Equal(expected, baseline.ToRepositoryPath(filePath));
    }

    [Fact]
    public void ToRepositoryPath_WindowsRoot_IgnoresCaseAndSeparators()
    {
        var baseline = DeclarationBaseline.Create(Header with { Root = "C:/Work/Repo" }, []);

        Assert.Equal("src/App/A.cs", baseline.ToRepositoryPath(@"c:\work\repo\src\App\A.cs"));
    }

    private sealed class DiffComparer : System.Collections.Generic.IEqualityComparer<FileDeclarationDiff>
    {
        public bool Equals(FileDeclarationDiff? x, FileDeclarationDiff? y) =>
            x!.FileLevel == y!.FileLevel && x.FileLevelPosition == y.FileLevelPosition && x.Changes.SequenceEqual(y.Changes, new ChangeComparer());

        public int GetHashCode(FileDeclarationDiff obj) => 0;
    }

    private sealed class ChangeComparer : System.Collections.Generic.IEqualityComparer<DeclarationChange>
    {
        public bool Equals(DeclarationChange? x, DeclarationChange? y) => x!.Id.Equals(y!.Id) && x.Kind == y.Kind && x.Position == y.Position;

        public int GetHashCode(DeclarationChange obj) => 0;
    }

    // The baseline stores no inactive code of its own (its file level includes it): an edit elsewhere
    // in a file with an #if false branch is not a change there, an edit inside that branch is.
    [Theory]
    [InlineData("=> 1;", "=> 2;", false)]
    [InlineData("void Old();", "void Hack();", true)]
    public void Compare_FileWithBranchNoSymbolsActivate_InactiveCodeChangedOnlyWhenItChanged(string from, string to, bool changed)
    {
        const string Text = "namespace App;\n\npublic class C\n{\n#if false\n    void Old();\n#endif\n    public int M() => 1;\n}\n";
        var baseline = DeclarationBaseline.Parse(DeclarationBaseline.Create(Header, [("src/App/C.cs", Text)]).Write());

        var comparison = baseline.Compare("src/App/C.cs", Text.Replace(from, to, StringComparison.Ordinal))!;

        Assert.Equal(changed, comparison.Diff.InactiveCodeChanged is not null);
    }
}
