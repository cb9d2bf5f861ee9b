using System.Linq;
using ScopeGuard.Core.Baseline;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Tests.Symbols;

/// <summary>
/// The IDs of issue 17, each as <c>GetDocumentationCommentId()</c> gives it (the oracle in
/// Symbols/Oracle proves them against the compiler), and patterns written in the compiler's form.
/// </summary>
public sealed class CompilerFormTests
{
    private static string[] Ids(string source) => DeclarationExtractor.Extract(source).Declarations.Select(d => d.Id.ToString()).ToArray();

    private static Declaration Get(string source, string id) =>
        Assert.Single(DeclarationExtractor.Extract(source).Declarations, d => d.Id.ToString() == id);

    private static bool Covers(string pattern, string source, string id) =>
        SymbolPattern.TryParse(pattern, out _)!.Match(Get(source, id).Id) is not null;

    [Theory]
    [InlineData("void F(int[][,] a)", "M:C.F(System.Int32[0:,0:][])")]
    [InlineData("void F(int[,][] a)", "M:C.F(System.Int32[][0:,0:])")]
    [InlineData("void F((int, int, int, int, int, int, int, int) a)", "M:C.F(System.ValueTuple{System.Int32,System.Int32,System.Int32,System.Int32,System.Int32,System.Int32,System.Int32,System.ValueTuple{System.Int32}})")]
    [InlineData("void F(System.DateTime? a)", "M:C.F(System.Nullable{System.DateTime})")]
    [InlineData("void F(Nullable<int> a)", "M:C.F(System.Nullable{System.Int32})")]
    [InlineData("void F<T>(T? a) where T : struct", "M:C.F``1(System.Nullable{``0})")]
    [InlineData("void F<T>(T? a) where T : class", "M:C.F``1(``0)")]
    [InlineData("void F(int a, __arglist)", "M:C.F(System.Int32,)")]
    [InlineData("void F(__arglist)", "M:C.F()")]
    [InlineData("unsafe void F(delegate*<int, void> f, int* p)", "M:C.F(,System.Int32*)")]
    [InlineData("[System.Runtime.CompilerServices.IndexerName(\"Cell\")] int this[int i] => i;", "P:C.Cell(System.Int32)")]
    public void Extract_Member_CompilerId(string member, string id)
    {
        var source = "class C { " + member + (member.EndsWith(';') ? string.Empty : " { }") + " }";
        Assert.Contains(id, Ids(source));
    }

    [Fact]
    public void Extract_ExplicitImplementations_CompilerDisplayFormat()
    {
        const string Source = """
            namespace N;
            interface IGen<T> { void Get(T t); }
            struct S : System.IDisposable, N.IGen<int?>, N.IGen<int[][,]>, IConv<S>
            {
                void System.IDisposable.Dispose() { }
                void N.IGen<int?>.Get(int? t) { }
                void N.IGen<int[][,]>.Get(int[][,] t) { }
                static explicit IConv<S>.operator int(S s) => 0;
            }
            """;

        Assert.Equal(
            [
                "M:N.S.System#IDisposable#Dispose",
                "M:N.S.N#IGen{System#Int32?}#Get(System.Nullable{System.Int32})",
                "M:N.S.N#IGen{System#Int32[,][]}#Get(System.Int32[0:,0:][])",
                "M:N.S.IConv{N#S}#op_Explicit(N.S)",
            ],
            Ids(Source).Where(i => i.StartsWith("M:N.S.", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void Extract_NullableOverloadsOfAnUnknownType_NeverShareAnId()
    {
        // Severity is declared elsewhere: syntax cannot tell a struct from a class, but the two overloads
        // only compile when it is a value type.
        const string Source = "class C { void F(Severity? s) { } void F(Severity s) { } void G(Severity? s) { } }";

        var ids = Ids(Source);

        Assert.Contains("M:C.F(System.Nullable{Severity})", ids);
        Assert.Contains("M:C.F(Severity)", ids);
        Assert.Contains("M:C.G(Severity)", ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Extract_NullableOfTheFilesOwnStructOrClass_DecidedByTheDeclaration()
    {
        const string Source = "namespace N; enum Severity { A } class Box { } class C { void F(Severity? s, Box? b) { } }";

        Assert.Contains("M:N.C.F(System.Nullable{N.Severity},N.Box)", Ids(Source));
    }

    [Fact]
    public void Extract_TypeOfTheSameFile_QualifiedAsCSharpLooksItUp()
    {
        const string Source = """
            namespace A { class Money { } }
            namespace A.B
            {
                class Money { }
                class C { void F(Money m) { } class Inner { } void G(Inner i) { } }
            }
            namespace A.D { class E { void H(Money m) { } } }
            namespace A { namespace X.Y { class Z { void K(Money m) { } } } }
            """;

        var ids = Ids(Source);

        Assert.Contains("M:A.B.C.F(A.B.Money)", ids);
        Assert.Contains("M:A.B.C.G(A.B.C.Inner)", ids);
        Assert.Contains("M:A.D.E.H(A.Money)", ids);
        Assert.Contains("M:A.X.Y.Z.K(A.Money)", ids);
    }

    [Theory]
    [InlineData("M:C.G(Severity)", true)]
    [InlineData("M:C.G(System.Nullable{Severity})", true)]
    [InlineData("M:C.G(System.Nullable{Severity},Box)", false)]
    public void Match_NullableOfAnUnknownType_EitherForm(string pattern, bool matches) =>
        Assert.Equal(matches, Covers(pattern, "class C { void G(Severity? s) { } }", "M:C.G(Severity)"));

    [Theory]
    [InlineData("M:N.C.System#IDisposable#Dispose", true)]
    [InlineData("M:N.C.IDisposable#Dispose", true)]
    [InlineData("M:N.C.System#IDisposable#Close", false)]
    [InlineData("M:N.C.System#IComparable#Dispose", false)]

    // Written without a namespace, IDisposable may be any imported IDisposable: syntax cannot rule Other out.
    [InlineData("M:N.C.Other#IDisposable#Dispose", true)]
    public void Match_ExplicitImplementationWrittenUnqualified_EitherForm(string pattern, bool matches) =>
        Assert.Equal(matches, Covers(pattern, "using System; namespace N; class C : IDisposable { void IDisposable.Dispose() { } }", "M:N.C.IDisposable#Dispose"));

    [Theory]
    [InlineData("M:N.C.IDisposable#Dispose", true)]
    [InlineData("M:N.C.Other#IDisposable#Dispose", false)]
    public void Match_ExplicitImplementationWrittenQualified_OtherNamespaceDoesNotMatch(string pattern, bool matches) =>
        Assert.Equal(matches, Covers(pattern, "namespace N; class C : System.IDisposable { void System.IDisposable.Dispose() { } }", "M:N.C.System#IDisposable#Dispose"));

    [Theory]
    [InlineData("M:N.C.F(System.Collections.Generic.List{System.Int32},N.Money)", "M:N.C.F(List{System.Int32},N.Money)", true)]
    [InlineData("M:N.C.F(List{System.Int32},Money)", "M:N.C.F(List{System.Int32},N.Money)", true)]
    [InlineData("M:N.C.F(Other.List{System.Int32},N.Money)", "M:N.C.F(List{System.Int32},N.Money)", true)]
    [InlineData("M:N.C.G(Other.Stack{System.Int32})", "M:N.C.G(System.Collections.Generic.Stack{System.Int32})", false)]
    [InlineData("M:N.C.G(Stack{System.Int64})", "M:N.C.G(System.Collections.Generic.Stack{System.Int32})", false)]
    [InlineData("M:N.C.F(System.Collections.Generic.List{System.Int32})", "M:N.C.F(List{System.Int32},N.Money)", false)]
    public void Match_ParameterTypesWithAndWithoutNamespaces_EitherForm(string pattern, string id, bool matches)
    {
        // List is written without its namespace (from a using); Money is the file's own (qualified by syntax).
        const string Source = """
            using System.Collections.Generic;
            namespace N;
            struct Money { }
            class C { void F(List<int> a, Money m) { } void G(System.Collections.Generic.Stack<int> s) { } }
            """;

        Assert.Equal(matches, Covers(pattern, Source, id));
    }

    [Theory]
    [InlineData("M:C.get_Total", "P:C.Total", true)]
    [InlineData("M:C.set_Total(System.Int32)", "P:C.Total", true)]
    [InlineData("M:C.get_Total(System.Int32)", "P:C.Total", false)]
    [InlineData("M:C.get_Item(System.Int32)", "P:C.Item(System.Int32)", true)]
    [InlineData("M:C.set_Item(System.Int32,System.String)", "P:C.Item(System.Int32)", true)]
    [InlineData("M:C.get_Item(System.Int64)", "P:C.Item(System.Int32)", false)]
    [InlineData("M:C.add_Changed(System.EventHandler)", "E:C.Changed", true)]
    [InlineData("M:C.remove_Changed(System.EventHandler)", "E:C.Changed", true)]
    [InlineData("M:C.add_Changed", "E:C.Changed", false)]
    [InlineData("M:C.get_Changed", "E:C.Changed", false)]
    public void Match_AccessorIds_CoverTheirPropertyOrEvent(string pattern, string id, bool matches)
    {
        const string Source = """
            class C
            {
                public int Total { get; set; }
                public string this[int i] { get => ""; set { } }
                public event System.EventHandler Changed { add { } remove { } }
            }
            """;

        Assert.Equal(matches, Covers(pattern, Source, id));
    }

    [Fact]
    public void Extract_GenericExtensionBlock_OperatorArityAndPropertyAccessorIds()
    {
        const string Source = """
            namespace N;
            static class E
            {
                extension<T>(System.Collections.Generic.List<T> list)
                {
                    public static System.Collections.Generic.List<T> operator +(System.Collections.Generic.List<T> a, System.Collections.Generic.List<T> b) => a;
                    public int Count2 => list.Count;
                    public T First2 { get => list[0]; set => list[0] = value; }
                }
            }
            """;

        Assert.Contains("M:N.E.op_Addition``1(System.Collections.Generic.List{``0},System.Collections.Generic.List{``0})", Ids(Source));
        Assert.Equal(
            ["M:N.E.get_First2``1(System.Collections.Generic.List{``0})", "M:N.E.set_First2``1(System.Collections.Generic.List{``0},``0)"],
            Get(Source, "P:N.E.First2").Id.Alternates.Select(a => a.ToString()));
        Assert.True(Covers("M:N.E.get_Count2``1(System.Collections.Generic.List{``0})", Source, "P:N.E.Count2"));
        Assert.False(Covers("M:N.E.get_Count2``1(System.String)", Source, "P:N.E.Count2"));
    }

    [Theory]
    [InlineData("P:N.E.<G>$64B67F85FE78DDA587BDEEBA2FF0A5A2`1.Count2", "M:N.E.get_Count2``n(receiver)")]
    [InlineData("M:N.E.<G>$64B67F85FE78DDA587BDEEBA2FF0A5A2`1.Add(System.Int32)", "M:N.E.Add``n(receiver,")]
    [InlineData("T:N.E.<G>$64B67F85FE78DDA587BDEEBA2FF0A5A2`1.<M>$38DDF2C6076256E5AB048D0D2698159E", "T:N.E ")]
    public void TryParse_ExtensionGroupingName_RefusedWithTheIdToWrite(string pattern, string instead)
    {
        Assert.Null(SymbolPattern.TryParse(pattern, out var error));
        Assert.Contains("extension block", error);
        Assert.Contains(instead, error);
    }

    [Fact]
    public void Extract_TopLevelStatements_CompilerNameAndOldFormStillParses()
    {
        const string Source = "System.Console.WriteLine(1);";

        Assert.Equal(["M:Program.{Main}$(System.String[])"], Ids(Source));
        Assert.True(Covers("M:Program.<Main>$(System.String[])", Source, "M:Program.{Main}$(System.String[])"));
        Assert.True(Covers("T:Program", Source, "M:Program.{Main}$(System.String[])"));
    }

    [Fact]
    public void Match_EmptyParentheses_CoverArglistOnlyAndParameterless()
    {
        const string Source = "class C { void A(__arglist) { } void B() { } }";

        Assert.True(Covers("M:C.A()", Source, "M:C.A()"));
        Assert.True(Covers("M:C.B()", Source, "M:C.B"));
        Assert.False(Covers("M:C.A", Source, "M:C.A()"));
    }

    [Fact]
    public void Extract_Records_PrimaryConstructorAndPositionalProperties()
    {
        const string Source = "namespace N; record Base(int A); record R(int A, string B) : Base(A) { } class P(int x) { }";

        Assert.Equal(
            ["N:N", "T:N.Base", "M:N.Base.#ctor(System.Int32)", "P:N.Base.A", "T:N.R", "M:N.R.#ctor(System.Int32,System.String)", "P:N.R.B", "T:N.P", "M:N.P.#ctor(System.Int32)"],
            Ids(Source));
    }

    [Fact]
    public void RequiredNames_AccessorPattern_NamesThePropertyAsWritten()
    {
        Assert.Equal(["C", "Total"], SymbolPattern.TryParse("M:C.get_Total", out _)!.RequiredNames);
    }

    [Fact]
    public void Baseline_AlternateIds_RoundTrip()
    {
        const string Source = "class C { void G(Severity? s, Box? b) { } }";
        var header = new BaselineHeader("a", "r", "main", new string('a', 40), new string('b', 40), new string('c', 40), "/r", [string.Empty]);

        var parsed = DeclarationBaseline.Parse(DeclarationBaseline.Create(header, [("C.cs", Source)]).Write());

        var expected = Get(Source, "M:C.G(Severity,Box)").Id.Alternates.Select(a => a.ToString()).ToList();
        var actual = parsed.Find("C.cs")!.Declarations.Declarations.Single(d => d.Id.ToString() == "M:C.G(Severity,Box)").Id.Alternates.Select(a => a.ToString()).ToList();
        Assert.Equal(["M:C.G(System.Nullable{Severity},System.Nullable{Box})", "M:C.G(System.Nullable{Severity},Box)", "M:C.G(Severity,System.Nullable{Box})"], expected);
        Assert.Equal(expected, actual);
    }
}
