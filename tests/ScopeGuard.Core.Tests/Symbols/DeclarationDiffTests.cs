using System.Linq;
using System.Text;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Tests.Symbols;

public sealed class DeclarationDiffTests
{
    private static (DeclarationChangeKind Kind, string Id)[] Changes(string? before, string? after) =>
        DeclarationDiff.Compare(before, after).Changes.Select(c => (c.Kind, c.Id.ToString())).ToArray();

    private static DeclarationChange Only(string before, string after) =>
        Assert.Single(DeclarationDiff.Compare(before, after).Changes);

    [Fact]
    public void Compare_IdenticalText_NoChanges()
    {
        const string Source = "using System;\nnamespace N { class C { void M() { } } }";

        var diff = DeclarationDiff.Compare(Source, Source);

        Assert.Empty(diff.Changes);
        Assert.Equal(FileLevelChangeKind.None, diff.FileLevel);
    }

    [Theory]
    [InlineData("class C { void M() { Run(1); } }", "class C { void M() { Run(2); } }", "M:C.M")]
    [InlineData("class C { int M() => 1; }", "class C { int M() => 2; }", "M:C.M")]
    [InlineData("class C { int M() => 1; }", "class C { int M() { return 1; } }", "M:C.M")]
    [InlineData("class C { int P => 1; }", "class C { int P => 2; }", "P:C.P")]
    [InlineData("class C { int P { get { return 1; } } }", "class C { int P { get { return 2; } } }", "P:C.P")]
    [InlineData("class C { int P { get => 1; } }", "class C { int P { get { return 1; } } }", "P:C.P")]
    [InlineData("class C { int P { get; } = 1; }", "class C { int P { get; } = 2; }", "P:C.P")]
    [InlineData("class C { int f = 1; }", "class C { int f = 2; }", "F:C.f")]
    [InlineData("class C { int f; }", "class C { int f = 2; }", "F:C.f")]
    [InlineData("class C { const int K = 1; }", "class C { const int K = 2; }", "F:C.K")]
    [InlineData("enum E { A = 1 }", "enum E { A = 2 }", "F:E.A")]
    [InlineData("class C { event System.Action E = null; }", "class C { event System.Action E = () => { }; }", "E:C.E")]
    [InlineData("class C { event System.Action E { add { } remove { } } }", "class C { event System.Action E { add { Log(); } remove { } } }", "E:C.E")]
    [InlineData("class C { int this[int i] => i; }", "class C { int this[int i] => -i; }", "P:C.Item(System.Int32)")]
    [InlineData("class C { C() : base() { } }", "class C { C() : this(1) { } }", "M:C.#ctor")]
    [InlineData("class C { C() { } }", "class C { C() { Init(); } }", "M:C.#ctor")]
    [InlineData("class C { static C() { } }", "class C { static C() { Init(); } }", "M:C.#cctor")]
    [InlineData("class C { ~C() { } }", "class C { ~C() { Free(); } }", "M:C.Finalize")]
    [InlineData("class C { public static C operator +(C a, C b) => a; }", "class C { public static C operator +(C a, C b) => b; }", "M:C.op_Addition(C,C)")]
    [InlineData("class C { public static implicit operator int(C c) => 1; }", "class C { public static implicit operator int(C c) => 2; }", "M:C.op_Implicit(C)~System.Int32")]
    [InlineData("class P(int a) : B(a) { }", "class P(int a) : B(a + 1) { }", "T:P")]
    [InlineData("record R(int A) : B(A);", "record R(int A) : B(-A);", "T:R")]
    [InlineData("class C { void M() { int L() => 1; } }", "class C { void M() { int L() => 2; } }", "M:C.M")]
    [InlineData("class C { void M() { var f = () => 1; } }", "class C { void M() { var f = () => 2; } }", "M:C.M")]
    [InlineData("static class E { extension(string s) { public int Len() => s.Length; } }", "static class E { extension(string s) { public int Len() => 0; } }", "M:E.Len(System.String)")]
    [InlineData("System.Console.WriteLine(1);", "System.Console.WriteLine(2);", "M:Program.{Main}$(System.String[])")]
    public void Compare_ImplementationEdit_BodyChanged(string before, string after, string id)
    {
        var change = Only(before, after);

        Assert.Equal((DeclarationChangeKind.BodyChanged, id), (change.Kind, change.Id.ToString()));
    }

    [Theory]
    [InlineData("class C { }", "[Serializable] class C { }", "T:C")]
    [InlineData("class C { void M() { } }", "class C { [Obsolete] void M() { } }", "M:C.M")]
    [InlineData("class C { void M(int a) { } }", "class C { void M([NotNull] int a) { } }", "M:C.M(System.Int32)")]
    [InlineData("class C { string M() => \"\"; }", "class C { [return: NotNull] string M() => \"\"; }", "M:C.M")]
    [InlineData("class C { int P { get; set; } }", "class C { int P { [Pure] get; set; } }", "P:C.P")]
    [InlineData("class C { int f; }", "class C { [NonSerialized] int f; }", "F:C.f")]
    [InlineData("enum E { A }", "enum E { [Obsolete] A }", "F:E.A")]
    [InlineData("class C { void M() { } }", "class C { public void M() { } }", "M:C.M")]
    [InlineData("class C { void M() { } }", "class C { static void M() { } }", "M:C.M")]
    [InlineData("class C { void M() { } }", "class C { async void M() { } }", "M:C.M")]
    [InlineData("class C { }", "sealed class C { }", "T:C")]
    [InlineData("class C { }", "partial class C { }", "T:C")]
    [InlineData("class C { int f; }", "class C { readonly int f; }", "F:C.f")]
    [InlineData("class C { int f; }", "class C { long f; }", "F:C.f")]
    [InlineData("class C { const int K = 1; }", "class C { static readonly int K = 1; }", "F:C.K")]
    [InlineData("class C<T> { }", "class C<T> where T : class { }", "T:C`1")]
    [InlineData("class C { void M<T>() { } }", "class C { void M<T>() where T : new() { } }", "M:C.M``1")]
    [InlineData("class C<T> { }", "class C<U> { }", "T:C`1")]
    [InlineData("class C { }", "class C : IDisposable { }", "T:C")]
    [InlineData("class C : A { }", "class C : B { }", "T:C")]
    [InlineData("interface I { }", "interface I : IBase { }", "T:I")]
    [InlineData("class C { void M(int a = 1) { } }", "class C { void M(int a = 2) { } }", "M:C.M(System.Int32)")]
    [InlineData("class C { void M(int a) { } }", "class C { void M(int b) { } }", "M:C.M(System.Int32)")]
    [InlineData("class C { void M(ref int a) { } }", "class C { void M(in int a) { } }", "M:C.M(System.Int32@)")]
    [InlineData("class C { void M(string a) { } }", "class C { void M(string? a) { } }", "M:C.M(System.String)")]
    [InlineData("class C { void M(int[] a) { } }", "class C { void M(params int[] a) { } }", "M:C.M(System.Int32[])")]
    [InlineData("class C { int M() => 1; }", "class C { long M() => 1; }", "M:C.M")]
    [InlineData("class C { string M() => \"\"; }", "class C { string? M() => \"\"; }", "M:C.M")]
    [InlineData("class C { int P { get; } }", "class C { int P { get; set; } }", "P:C.P")]
    [InlineData("class C { int P { get; set; } }", "class C { int P { get; } }", "P:C.P")]
    [InlineData("class C { int P { get; set; } }", "class C { int P { get; private set; } }", "P:C.P")]
    [InlineData("class C { int P { get; set; } }", "class C { int P { get; init; } }", "P:C.P")]
    [InlineData("class C { event System.Action E { add { } remove { } } }", "class C { event System.Action<int> E { add { } remove { } } }", "E:C.E")]
    [InlineData("class C { int this[int i] => i; }", "class C { int this[int index] => index; }", "P:C.Item(System.Int32)")]
    [InlineData("record R(int A);", "record R(int A, int B);", "T:R")]
    [InlineData("record R(int A);", "record R(long A);", "T:R")]
    [InlineData("record R(int A);", "record R([property: JsonIgnore] int A);", "T:R")]
    [InlineData("record struct R(int A);", "readonly record struct R(int A);", "T:R")]
    [InlineData("class P(int a) { }", "class P(int a, int b) { }", "T:P")]
    [InlineData("delegate void D(int a);", "delegate void D(long a);", "T:D")]
    [InlineData("enum E { A }", "enum E : byte { A }", "T:E")]
    [InlineData("class C { C() { } }", "class C { private C() { } }", "M:C.#ctor")]
    [InlineData("class C { public static C operator +(C a, C b) => a; }", "class C { public static C operator +(C a, C other) => a; }", "M:C.op_Addition(C,C)")]
    [InlineData("static class E { extension(string s) { public int Len() => 1; } }", "static class E { extension([NotNull] string s) { public int Len() => 1; } }", "M:E.Len(System.String)")]
    public void Compare_SignatureEdit_SignatureChanged(string before, string after, string id)
    {
        // A primary constructor's parameters are also the compiler's M:R.#ctor(…) and a record's P:R.A
        // (GetDocumentationCommentId declares them), which change with them; the type's change is this one.
        var change = Assert.Single(DeclarationDiff.Compare(before, after).Changes, c => c.Id.ToString() == id);

        Assert.Equal((DeclarationChangeKind.SignatureChanged, id), (change.Kind, change.Id.ToString()));
    }

    [Fact]
    public void Compare_SignatureAndBodyEdit_SignatureChangedWins()
    {
        var change = Only("class C { void M(int a) { A(); } }", "class C { public void M(int a) { B(); } }");

        Assert.Equal(DeclarationChangeKind.SignatureChanged, change.Kind);
    }

    [Fact]
    public void Compare_ExtensionHeaderChanged_EveryMemberOfTheBlockSignatureChanged()
    {
        var changes = Changes(
            "static class E { extension<T>(List<T> l) { public int A() => 1; public int B => 2; } }",
            "static class E { extension<T>(List<T> l) where T : class { public int A() => 1; public int B => 2; } }");

        Assert.Equal(
            [(DeclarationChangeKind.SignatureChanged, "M:E.A``1(List{``0})"), (DeclarationChangeKind.SignatureChanged, "P:E.B")],
            changes);
    }

    [Theory]
    [InlineData("class C\n{\n    void M() { }\n}", "class C\n{\n    /// <summary>Does M.</summary>\n    void M() { }\n}", "M:C.M")]
    [InlineData("class C\n{\n    void M() { }\n}", "/// <summary>C.</summary>\nclass C\n{\n    void M() { }\n}", "T:C")]
    [InlineData("class C\n{\n    void M() { }\n}", "class C\n{\n    #region Methods\n    void M() { }\n    #endregion\n}", "T:C M:C.M")]
    [InlineData("class C { void M() { Run(); } }", "class C { void M() { /* why */ Run(); } }", "M:C.M")]
    [InlineData("class C { void M() { Run(); } }", "class C { void M() { Run(); // why\n } }", "M:C.M")]
    [InlineData("class C { void M() { Run(); } }", "class C\n{\n    void M()\n    {\n        Run();\n    }\n}", "T:C M:C.M")]
    [InlineData("class C { int P { get; set; } }", "class C { int P { get; /* setter */ set; } }", "P:C.P")]
    [InlineData("class C { int a, b; }", "class C { int a, /* first */ b; }", "F:C.a")]
    [InlineData("enum E { A, B }", "enum E { A, /* the first */ B }", "F:E.A")]
    [InlineData("namespace N\n{\n    class C { }\n}", "namespace N\n{\n    class C { }\n    // end of N\n}", "N:N")]
    [InlineData("namespace N;\nclass C { }", "namespace N; // file-scoped\nclass C { }", "N:N")]
    [InlineData("static class E { extension(string s) { public int Len() => 1; } }", "static class E { extension(string s) /* strings */ { public int Len() => 1; } }", "M:E.Len(System.String)")]
    [InlineData("static class E { }", "static class E { extension(string s) { } }", "T:E")]
    [InlineData("class C\n{\n    void M() { }\n}", "class C\n{\n    void M() { }\n#pragma warning disable CS0168\n}", "T:C")]
    [InlineData("class C\n{\n    void M() { }\n}", "class C\n{\n    void M() { }\n#nullable enable\n}", "T:C")]
    public void Compare_TriviaEdit_TriviaOnly(string before, string after, string ids)
    {
        Assert.Equal(ids.Split(' ').Select(id => (DeclarationChangeKind.TriviaOnly, id)), Changes(before, after));
    }

    [Fact]
    public void Compare_DefineAddedBeforeFirstDeclaration_NotTrivia()
    {
        // #define changes what every #if below it means; it is attributed to the first declaration.
        var diff = DeclarationDiff.Compare("class C { }", "#define TRACE\nclass C { }");

        Assert.Equal([(DeclarationChangeKind.SignatureChanged, "T:C")], diff.Changes.Select(c => (c.Kind, c.Id.ToString())));
    }

    [Theory]
    [InlineData(
        "class C\n{\n    void M()\n    {\n#if DEBUG\n        Log(1);\n#endif\n    }\n}",
        "class C\n{\n    void M()\n    {\n#if DEBUG\n        Log(2);\n#endif\n    }\n}",
        DeclarationChangeKind.BodyChanged)]
    [InlineData(
        "class C\n{\n    void M()\n    {\n#if DEBUG\n        Log(1);\n#endif\n    }\n}",
        "class C\n{\n    void M()\n    {\n#if RELEASE\n        Log(1);\n#endif\n    }\n}",
        DeclarationChangeKind.BodyChanged)]
    public void Compare_ConditionalCompilationEdit_NotTriviaOnly(string before, string after, DeclarationChangeKind kind)
    {
        var change = Only(before, after);

        Assert.Equal((kind, "M:C.M"), (change.Kind, change.Id.ToString()));
    }

    // Code in an inactive #if branch is parsed active too: an edit there is a change of the
    // declaration it is in, not of the declaration whose trivia it happens to be.
    [Fact]
    public void Compare_BodyEditOfMemberInInactiveBranch_BodyChangedOfThatMember()
    {
        var change = Only(
            "class C\n{\n#if NEVER\n    void Hidden() { }\n#endif\n    void M() { }\n}",
            "class C\n{\n#if NEVER\n    void Hidden() { Steal(); }\n#endif\n    void M() { }\n}");

        Assert.Equal((DeclarationChangeKind.BodyChanged, "M:C.Hidden"), (change.Kind, change.Id.ToString()));
    }

    // Git's conflict markers make the code between `=======` and `>>>>>>>` disabled text, in a file
    // that has no directive at all: an edit there is code, not a comment.
    [Fact]
    public void Compare_EditInsideConflictMarkersWithoutDirectives_NotTriviaOnly()
    {
        const string Before = "class C\n{\n<<<<<<< HEAD\n    void A() { }\n=======\n    void B() { }\n>>>>>>> theirs\n    void M() { }\n}";
        const string After = "class C\n{\n<<<<<<< HEAD\n    void A() { }\n=======\n    void B() { Steal(); }\n>>>>>>> theirs\n    void M() { }\n}";

        var change = Only(Before, After);

        Assert.Equal((DeclarationChangeKind.SignatureChanged, "M:C.M"), (change.Kind, change.Id.ToString()));
    }

    [Fact]
    public void Compare_InactiveCodeBeforeNamespaceEnd_NotTriviaOnly()
    {
        var changes = Changes(
            "namespace N\n{\n    class C { }\n#if NEVER\n    class Hidden { }\n#endif\n}",
            "namespace N\n{\n    class C { }\n#if NEVER\n    class Hidden { void Steal() { } }\n#endif\n}");

        // The inactive class is a declaration: the edit adds a member to it.
        Assert.Equal([(DeclarationChangeKind.Added, "M:N.Hidden.Steal")], changes);
    }

    [Fact]
    public void Compare_MemberMovedWithinItsFile_NoDeclarationChange()
    {
        const string Before = """
            namespace N;
            class C
            {
                void A() { Run(); }
                void B() { }
                int P => 1;
            }
            class D { }
            // end
            """;
        const string After = """
            namespace N;
            class D { }
            class C
            {
                int P => 1;
                void B() { }
                void A() { Run(); }
            }
            // end
            """;

        var diff = DeclarationDiff.Compare(Before, After);

        Assert.Empty(diff.Changes);

        // The file did change: the path rule still sees it.
        Assert.Equal(FileLevelChangeKind.TriviaOnly, diff.FileLevel);
    }

    [Fact]
    public void Compare_MemberMovedAcrossBlankLines_AtMostTriviaOnly()
    {
        const string Before = """
            class C
            {
                void A() { Run(); }

                void B() { }

                int P => 1;
            }
            """;
        const string After = """
            class C
            {
                int P => 1;

                void B() { }

                void A() { Run(); }
            }
            """;

        var changes = Changes(Before, After);

        Assert.NotEmpty(changes);
        Assert.All(changes, c => Assert.Equal(DeclarationChangeKind.TriviaOnly, c.Kind));
    }

    [Fact]
    public void Compare_PartialMethodPartsSwapped_NoChange()
    {
        const string Before = """
            partial class C
            {
                partial void OnChanged();
                partial void OnChanged() { Log(); }
            }
            """;
        const string After = """
            partial class C
            {
                partial void OnChanged() { Log(); }
                partial void OnChanged();
            }
            """;

        Assert.Empty(Changes(Before, After));
    }

    [Fact]
    public void Compare_DuplicateIdOneChanged_OnlyThatOneReported()
    {
        const string Before = """
            partial class C
            {
                partial void OnChanged();

                partial void OnChanged() { Log(1); }
            }
            """;
        const string After = """
            partial class C
            {
                partial void OnChanged();

                partial void OnChanged() { Log(2); }
            }
            """;

        var change = Only(Before, After);
        Assert.Equal((DeclarationChangeKind.BodyChanged, new TextPosition(5, 18)), (change.Kind, change.Position));
    }

    [Fact]
    public void Compare_Rename_AddedAtItsPositionRemovedAtTheContainingType()
    {
        var changes = DeclarationDiff.Compare(
            "class C\n{\n    void Old() { }\n}",
            "class C\n{\n\n    void New() { }\n}").Changes;

        Assert.Equal(
            [
                (DeclarationChangeKind.Added, "M:C.New", new TextPosition(4, 10)),
                (DeclarationChangeKind.Removed, "M:C.Old", new TextPosition(1, 7)),
            ],
            changes.Select(c => (c.Kind, c.Id.ToString(), c.Position)));
        Assert.Null(changes[0].Removal);
        Assert.Equal(new Removal(new TextPosition(3, 10), DeclarationId.TryParse("T:C"), 1), changes[1].Removal);
    }

    [Fact]
    public void Compare_OverloadParameterTypeChanged_RemovedAndAdded()
    {
        Assert.Equal(
            [(DeclarationChangeKind.Added, "M:C.M(System.Int64)"), (DeclarationChangeKind.Removed, "M:C.M(System.Int32)")],
            Changes("class C { void M(int a) { } }", "class C { void M(long a) { } }"));
    }

    [Fact]
    public void Compare_MemberAdded_OnlyTheNewMemberReported()
    {
        Assert.Equal(
            [(DeclarationChangeKind.Added, "M:C.B")],
            Changes("class C\n{\n    void A() { }\n}", "class C\n{\n    void A() { }\n\n    void B() { }\n}"));
    }

    [Fact]
    public void Compare_EnumMemberAppended_OnlyTheNewMemberAndTheCommaAsTrivia()
    {
        var changes = Changes("enum E\n{\n    A,\n    B\n}", "enum E\n{\n    A,\n    B,\n    C\n}");

        Assert.Equal([(DeclarationChangeKind.TriviaOnly, "F:E.B"), (DeclarationChangeKind.Added, "F:E.C")], changes);
    }

    [Fact]
    public void Compare_FieldDeclaratorAppended_ExistingDeclaratorUnchangedInSignature()
    {
        var changes = Changes("class C { int a; }", "class C { int a, b; }");

        Assert.Equal([(DeclarationChangeKind.TriviaOnly, "F:C.a"), (DeclarationChangeKind.Added, "F:C.b")], changes);
    }

    [Fact]
    public void Compare_FileWithSyntaxErrors_StillAttributedWithoutException()
    {
        const string Before = """
            namespace N
            {
                public class C
                {
                    public void M() { int x = 1; }
                    void K() { A(); }
                }
            }
            """;
        const string After = """
            namespace N
            {
                public class C
                {
                    public void M() { int x = ; }
                    void K() { B(); }
                }
            """;

        var diff = DeclarationDiff.Compare(Before, After);

        Assert.True(DeclarationExtractor.Extract(After).HasErrors);
        Assert.Contains(diff.Changes, c => c.Id.ToString() == "M:N.C.M" && c.Kind == DeclarationChangeKind.BodyChanged);
        Assert.Contains(diff.Changes, c => c.Id.ToString() == "M:N.C.K" && c.Kind == DeclarationChangeKind.BodyChanged);
    }

    [Fact]
    public void Compare_HalfTypedMemberInNamespace_AttributedToTheNamespace()
    {
        var changes = Changes(
            "namespace N\n{\n    class C { }\n}",
            "namespace N\n{\n    public int\n    class C { }\n}");

        Assert.Contains((DeclarationChangeKind.SignatureChanged, "N:N"), changes);
    }

    [Fact]
    public void Compare_HalfTypedMemberInType_AttributedToTheType()
    {
        var changes = Changes(
            "class C\n{\n    void M() { }\n}",
            "class C\n{\n    public int\n    void M() { }\n}");

        Assert.Contains((DeclarationChangeKind.SignatureChanged, "T:C"), changes);
    }

    [Fact]
    public void Compare_HalfTypedMemberAtTopLevel_FileLevelChanged()
    {
        var diff = DeclarationDiff.Compare("class C { }", "public int\nclass C { }");

        Assert.Equal(FileLevelChangeKind.Changed, diff.FileLevel);
    }

    [Fact]
    public void Compare_GitConflictMarkers_AttributedWithoutException()
    {
        const string Before = """
            namespace N;
            public class C
            {
                public int A() => 1;
                public void M() { }
            }
            """;
        const string After = """
            namespace N;
            public class C
            {
            <<<<<<< HEAD
                public int A() => 1;
            =======
                public int A() => 2;
                public int B() => 3;
            >>>>>>> feature
                public void M() { }
            }
            """;

        var diff = DeclarationDiff.Compare(Before, After);

        Assert.True(DeclarationExtractor.Extract(After).HasErrors);
        Assert.Equal(
            [(DeclarationChangeKind.SignatureChanged, "M:N.C.A"), (DeclarationChangeKind.SignatureChanged, "M:N.C.M")],
            diff.Changes.Select(c => (c.Kind, c.Id.ToString())));
    }

    [Fact]
    public void Compare_LineEndingsLfToCrLf_OnlyTriviaOnly()
    {
        const string Lf = "using System;\n\nnamespace N\n{\n    class C\n    {\n        void M() { Run(); }\n\n        int P => 1;\n    }\n}\n";
        var crlf = Lf.Replace("\n", "\r\n");

        foreach (var (before, after) in new[] { (Lf, crlf), (crlf, Lf) })
        {
            var diff = DeclarationDiff.Compare(before, after);

            Assert.All(diff.Changes, c => Assert.Equal(DeclarationChangeKind.TriviaOnly, c.Kind));
            Assert.NotEmpty(diff.Changes);
            Assert.Equal(FileLevelChangeKind.TriviaOnly, diff.FileLevel);
        }
    }

    [Fact]
    public void Compare_ByteOrderMarkOnly_FileLevelTriviaOnly()
    {
        const string Source = "namespace N;\nclass C { void M() { } }\n";

        foreach (var (before, after) in new[] { (Source, "\uFEFF" + Source), ("\uFEFF" + Source, Source) })
        {
            var diff = DeclarationDiff.Compare(before, after);

            Assert.Empty(diff.Changes);
            Assert.Equal(FileLevelChangeKind.TriviaOnly, diff.FileLevel);
        }
    }

    [Fact]
    public void Compare_TrailingCommentAtEndOfFile_FileLevelTriviaOnly()
    {
        var diff = DeclarationDiff.Compare("class C { }\n", "class C { }\n// the end\n");

        Assert.Empty(diff.Changes);
        Assert.Equal(FileLevelChangeKind.TriviaOnly, diff.FileLevel);
    }

    [Theory]
    [InlineData("using System;\nclass C { }", "using System;\nusing System.Linq;\nclass C { }", 2, 1)]
    [InlineData("using System;\nusing System.Linq;\nclass C { }", "using System;\nclass C { }", 1, 1)]
    [InlineData("using System;\nclass C { }", "using Sys = System;\nclass C { }", 1, 1)]
    [InlineData("class C { }", "using System;\nclass C { }", 1, 1)]
    [InlineData("using A;\nusing B;\nnamespace N\n{\n    using C;\n    class K { }\n}", "using A;\nusing B;\nnamespace N\n{\n    using D;\n    class K { }\n}", 5, 5)]
    [InlineData("extern alias X;\nclass C { }", "extern alias Y;\nclass C { }", 1, 1)]
    [InlineData("using System;\nclass C { }", "using System;\n[assembly: CLSCompliant(true)]\nclass C { }", 2, 1)]
    public void Compare_FileLevelEdit_ChangedAtTheFirstDifference(string before, string after, int line, int column)
    {
        var diff = DeclarationDiff.Compare(before, after);

        Assert.Equal(FileLevelChangeKind.Changed, diff.FileLevel);
        Assert.Equal(new TextPosition(line, column), diff.FileLevelPosition);
    }

    [Fact]
    public void Compare_UsingCommentOnly_FileLevelTriviaOnly()
    {
        var diff = DeclarationDiff.Compare("using System;\nclass C { }", "using System; // needed\nclass C { }");

        Assert.Empty(diff.Changes);
        Assert.Equal(FileLevelChangeKind.TriviaOnly, diff.FileLevel);
    }

    [Fact]
    public void Compare_BlockToFileScopedNamespace_NoSignatureChange()
    {
        var diff = DeclarationDiff.Compare("namespace N\n{\n    class C { }\n}\n", "namespace N;\n\nclass C { }\n");

        Assert.All(diff.Changes, c => Assert.Equal(DeclarationChangeKind.TriviaOnly, c.Kind));
    }

    [Fact]
    public void Compare_GeneratedFileOf20000Lines_FindsTheOneBodyChange()
    {
        static string Generate(int changed)
        {
            var builder = new StringBuilder("using System;\n\nnamespace Generated;\n\npublic sealed class Big\n{\n");
            for (var i = 0; i < 4000; i++)
            {
                builder.Append("    /// <summary>Method ").Append(i).Append(".</summary>\n");
                builder.Append("    public int M").Append(i).Append("(int value)\n");
                builder.Append("    {\n");
                builder.Append("        return value + ").Append(i == changed ? -1 : i).Append(";\n");
                builder.Append("    }\n");
            }

            builder.Append("}\n\npublic enum Codes\n{\n");
            for (var i = 0; i < 1000; i++)
            {
                builder.Append("    C").Append(i).Append(" = ").Append(i).Append(",\n");
            }

            return builder.Append("}\n").ToString();
        }

        var before = Generate(changed: -1);
        var after = Generate(changed: 2345);
        Assert.True(before.Split('\n').Length > 20000);

        var diff = DeclarationDiff.Compare(before, after);

        var change = Assert.Single(diff.Changes);
        Assert.Equal((DeclarationChangeKind.BodyChanged, "M:Generated.Big.M2345(System.Int32)"), (change.Kind, change.Id.ToString()));
        Assert.Equal(new TextPosition(7 + (2345 * 5) + 1, 16), change.Position);
        Assert.Equal(FileLevelChangeKind.None, diff.FileLevel);
    }

    [Fact]
    public void Compare_FieldWithThousandsOfDeclarators_FindsTheOneInitializerChange()
    {
        static string Generate(int changed) =>
            "class Table\n{\n    static readonly int " + string.Join(", ", Enumerable.Range(0, 5000).Select(i => $"f{i} = {(i == changed ? -1 : i)}")) + ";\n}\n";

        var change = Assert.Single(DeclarationDiff.Compare(Generate(-1), Generate(4321)).Changes);

        Assert.Equal((DeclarationChangeKind.BodyChanged, "F:Table.f4321"), (change.Kind, change.Id.ToString()));
    }

    [Fact]
    public void Compare_AddedFile_EverythingAddedAndFileLevelChanged()
    {
        var diff = DeclarationDiff.Compare(null, "using System;\nnamespace N;\nclass C { void M() { } }");

        Assert.Equal(
            [(DeclarationChangeKind.Added, "N:N"), (DeclarationChangeKind.Added, "T:N.C"), (DeclarationChangeKind.Added, "M:N.C.M")],
            diff.Changes.Select(c => (c.Kind, c.Id.ToString())));
        Assert.Equal(FileLevelChangeKind.Changed, diff.FileLevel);
        Assert.Equal(new TextPosition(1, 1), diff.FileLevelPosition);
    }

    [Fact]
    public void Compare_DeletedFile_EverythingRemovedAtLineOneRememberingOldPositions()
    {
        var diff = DeclarationDiff.Compare("namespace N;\n\nclass C\n{\n    void M() { }\n}", null);

        Assert.Equal(
            [
                (DeclarationChangeKind.Removed, "N:N", new TextPosition(1, 1), new TextPosition(1, 11)),
                (DeclarationChangeKind.Removed, "T:N.C", new TextPosition(1, 1), new TextPosition(3, 7)),
                (DeclarationChangeKind.Removed, "M:N.C.M", new TextPosition(1, 1), new TextPosition(5, 10)),
            ],
            diff.Changes.Select(c => (c.Kind, c.Id.ToString(), c.Position, c.Removal!.OldPosition)));
        Assert.All(diff.Changes, c => Assert.Null(c.Removal!.Container));
        Assert.Equal(FileLevelChangeKind.Changed, diff.FileLevel);
    }

    [Fact]
    public void Compare_BothNull_Nothing()
    {
        var diff = DeclarationDiff.Compare((string?)null, null);

        Assert.Empty(diff.Changes);
        Assert.Equal(FileLevelChangeKind.None, diff.FileLevel);
    }

    [Fact]
    public void Compare_Positions_NewTextForChangesContainingTypeForRemovals()
    {
        const string Before = "class C\n{\n    void Gone() { }\n    void Kept() { A(); }\n}";
        const string After = "class C\n{\n\n\n    void Kept() { B(); }\n    void Fresh() { }\n}";

        var changes = DeclarationDiff.Compare(Before, After).Changes;

        Assert.Equal(
            [
                (DeclarationChangeKind.BodyChanged, "M:C.Kept", new TextPosition(5, 10)),
                (DeclarationChangeKind.Added, "M:C.Fresh", new TextPosition(6, 10)),
                (DeclarationChangeKind.Removed, "M:C.Gone", new TextPosition(1, 7)),
            ],
            changes.Select(c => (c.Kind, c.Id.ToString(), c.Position)));
        Assert.Equal(new TextPosition(3, 10), changes[2].Removal!.OldPosition);
    }

    [Fact]
    public void Compare_MethodRemovedWhereAnotherMethodNowStands_PositionIsTheClassIdentifierInTheNewText()
    {
        const string Before = "namespace N;\n\npublic class Billing\n{\n    public void Charge() { }\n    public void Refund() { }\n}\n";
        const string After = "namespace N;\n\npublic class Billing\n{\n    public void Refund() { }\n}\n";

        var removed = Assert.Single(DeclarationDiff.Compare(Before, After).Changes);

        Assert.Equal((DeclarationChangeKind.Removed, "M:N.Billing.Charge"), (removed.Kind, removed.Id.ToString()));
        Assert.Equal(new TextPosition(3, 14), removed.Position);
        Assert.Equal(new Removal(new TextPosition(5, 17), DeclarationId.TryParse("T:N.Billing"), "Billing".Length), removed.Removal);
    }

    [Fact]
    public void Compare_MemberOfNestedTypeRemoved_NearestSurvivingContainerIsTheNestedType()
    {
        const string Before = "class Outer\n{\n    class Inner\n    {\n        void Gone() { }\n        void Kept() { }\n    }\n}";
        const string After = "class Outer\n{\n    class Inner\n    {\n        void Kept() { }\n    }\n}";

        var removed = Assert.Single(DeclarationDiff.Compare(Before, After).Changes);

        Assert.Equal(new TextPosition(3, 11), removed.Position);
        Assert.Equal("T:Outer.Inner", removed.Removal!.Container!.ToString());
    }

    [Fact]
    public void Compare_TypeAndItsMembersRemoved_ReportedAtTheSurvivingNamespaceName()
    {
        const string Before = "namespace Contoso.Billing\n{\n    class Kept { }\n    class Gone\n    {\n        void M() { }\n    }\n}";
        const string After = "namespace Contoso.Billing\n{\n    class Kept { }\n}";

        var changes = DeclarationDiff.Compare(Before, After).Changes;

        Assert.Equal(
            [
                ("T:Contoso.Billing.Gone", new TextPosition(1, 11), new TextPosition(4, 11)),
                ("M:Contoso.Billing.Gone.M", new TextPosition(1, 11), new TextPosition(6, 14)),
            ],
            changes.Select(c => (c.Id.ToString(), c.Position, c.Removal!.OldPosition)));
        Assert.All(changes, c => Assert.Equal(("N:Contoso.Billing", "Contoso.Billing".Length), (c.Removal!.Container!.ToString(), c.Removal.ContainerNameLength)));
    }

    [Fact]
    public void Compare_TypeRemovedFromNestedNamespace_NameLengthIsTheInnerNamespacePart()
    {
        const string Before = "namespace Contoso\n{\n    namespace Billing\n    {\n        class Gone { }\n    }\n}";
        const string After = "namespace Contoso\n{\n    namespace Billing\n    {\n    }\n}";

        var removed = Assert.Single(DeclarationDiff.Compare(Before, After).Changes);

        Assert.Equal((new TextPosition(3, 15), "N:Contoso.Billing", "Billing".Length), (removed.Position, removed.Removal!.Container!.ToString(), removed.Removal.ContainerNameLength));
    }

    [Fact]
    public void Compare_TopLevelTypeRemovedNothingContainsIt_LineOneWithoutContainer()
    {
        const string Before = "class Kept { }\n\nclass Gone { }\n";
        const string After = "class Kept { }\n";

        var removed = Assert.Single(DeclarationDiff.Compare(Before, After).Changes);

        Assert.Equal(new TextPosition(1, 1), removed.Position);
        Assert.Equal(new Removal(new TextPosition(3, 7), null, 0), removed.Removal);
    }

    [Fact]
    public void Compare_MemberRemovedFromSecondPartialPart_ReportedAtThePartBeforeIt()
    {
        const string Before = "partial class P\n{\n    void A() { }\n}\n\npartial class P\n{\n    void B() { }\n    void Gone() { }\n}\n";
        const string After = "partial class P\n{\n    void A() { }\n}\n\npartial class P\n{\n    void B() { }\n}\n";

        var removed = Assert.Single(DeclarationDiff.Compare(Before, After).Changes);

        Assert.Equal(new TextPosition(6, 15), removed.Position);
    }

    [Fact]
    public void Compare_GenericContainer_NameLengthLeavesOutTheArity()
    {
        var removed = Assert.Single(DeclarationDiff.Compare("class Box<T>\n{\n    void Gone() { }\n}", "class Box<T>\n{\n}").Changes);

        Assert.Equal(("T:Box`1", "Box".Length, new TextPosition(1, 7)), (removed.Removal!.Container!.ToString(), removed.Removal.ContainerNameLength, removed.Position));
    }

    [Fact]
    public void Compare_NestedTypeEdit_OnlyTheNestedMember()
    {
        Assert.Equal(
            [(DeclarationChangeKind.BodyChanged, "M:Outer.Inner.M")],
            Changes("class Outer { class Inner { void M() { A(); } } }", "class Outer { class Inner { void M() { B(); } } }"));
    }
}
