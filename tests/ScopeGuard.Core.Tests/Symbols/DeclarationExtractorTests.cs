using System.Linq;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Tests.Symbols;

public sealed class DeclarationExtractorTests
{
    private static string[] Ids(string source) =>
        DeclarationExtractor.Extract(source).Declarations.Select(d => d.Id.ToString()).ToArray();

    private static Declaration Get(string source, string id) =>
        Assert.Single(DeclarationExtractor.Extract(source).Declarations, d => d.Id.ToString() == id);

    [Fact]
    public void Extract_BlockNamespace_NamespaceTypeAndMembers()
    {
        Assert.Equal(
            ["N:Contoso.Billing", "T:Contoso.Billing.Invoice", "M:Contoso.Billing.Invoice.Clear", "M:Contoso.Billing.Invoice.Add(System.Int32)"],
            Ids("""
                namespace Contoso.Billing
                {
                    public class Invoice
                    {
                        public void Clear() { }
                        public void Add(int amount) { }
                    }
                }
                """));
    }

    [Fact]
    public void Extract_FileScopedNamespaceFollowedByTypes_AllTypesInTheNamespace()
    {
        Assert.Equal(
            ["N:Contoso.Shared", "T:Contoso.Shared.SystemClock", "P:Contoso.Shared.SystemClock.Now", "T:Contoso.Shared.IClock", "T:Contoso.Shared.Kind", "F:Contoso.Shared.Kind.A", "T:Contoso.Shared.Handler"],
            Ids("""
                using System;

                namespace Contoso.Shared;

                public sealed class SystemClock
                {
                    public DateTime Now => DateTime.UtcNow;
                }

                public interface IClock { }

                public enum Kind { A }

                public delegate void Handler();
                """));
    }

    [Fact]
    public void Extract_NestedBlockNamespaces_JoinParts()
    {
        Assert.Equal(
            ["N:A", "N:A.B", "T:A.B.C", "N:A.B.D.E", "T:A.B.D.E.F", "T:A.G", "N:X.Y"],
            Ids("""
                namespace A
                {
                    namespace B
                    {
                        class C { }

                        namespace D.E
                        {
                            class F { }
                        }
                    }

                    class G { }
                }

                namespace X.Y { }
                """));
    }

    [Fact]
    public void Extract_NestedBlockNamespaces_NamespaceDepthCountsEveryPart()
    {
        var set = DeclarationExtractor.Extract("namespace A { namespace B.C { class D { void M() { } } } }");

        Assert.Equal([1, 3, 3, 3], set.Declarations.Select(d => d.Id.NamespaceDepth));
    }

    [Fact]
    public void Extract_GlobalNamespace_NoNamespacePart()
    {
        Assert.Equal(["T:C", "F:C.f"], Ids("class C { int f; }"));
        Assert.Equal(0, DeclarationExtractor.Extract("class C { }").Declarations[0].Id.NamespaceDepth);
    }

    [Fact]
    public void Extract_NestedTypes_ContainingTypesArePartsOfTheId()
    {
        Assert.Equal(
            ["N:N", "T:N.Outer", "T:N.Outer.Inner", "M:N.Outer.Inner.M", "T:N.Outer.Inner.Deepest", "F:N.Outer.Inner.Deepest.X", "M:N.Outer.After"],
            Ids("""
                namespace N;
                class Outer
                {
                    class Inner
                    {
                        void M() { }
                        enum Deepest { X }
                    }

                    void After() { }
                }
                """));
    }

    [Fact]
    public void Extract_PartialTypeInTwoFiles_SameTypeIdInBoth()
    {
        var first = Ids("namespace N; public partial class Invoice { public void A() { } }");
        var second = Ids("namespace N { partial class Invoice { void B() { } } }");

        Assert.Equal(["N:N", "T:N.Invoice", "M:N.Invoice.A"], first);
        Assert.Equal(["N:N", "T:N.Invoice", "M:N.Invoice.B"], second);
    }

    [Fact]
    public void Extract_PartialMethodDefinitionAndImplementation_SameIdTwice()
    {
        var declarations = DeclarationExtractor.Extract("""
            partial class C
            {
                partial void OnChanged(int value);
                partial void OnChanged(int value) { }
            }
            """).Declarations;

        Assert.Equal(["T:C", "M:C.OnChanged(System.Int32)", "M:C.OnChanged(System.Int32)"], declarations.Select(d => d.Id.ToString()));
        Assert.Equal(string.Empty, declarations[1].Body);
        Assert.NotEqual(string.Empty, declarations[2].Body);
    }

    [Fact]
    public void Extract_PartialProperty_SameIdTwice()
    {
        Assert.Equal(
            ["T:C", "P:C.Name", "P:C.Name"],
            Ids("""
                partial class C
                {
                    public partial string Name { get; }
                    public partial string Name => "x";
                }
                """));
    }

    [Fact]
    public void Extract_Record_PositionalParametersInTheTypeSignature()
    {
        const string Source = """
            namespace N;
            public record Money(decimal Amount, string Currency) : Value(Amount)
            {
                public bool IsZero => Amount == 0;
            }
            """;

        // The compiler declares the primary constructor at the type's name and a property for each
        // positional parameter the record does not pass on to its base record (which has Amount).
        Assert.Equal(["N:N", "T:N.Money", "M:N.Money.#ctor(System.Decimal,System.String)", "P:N.Money.Currency", "P:N.Money.IsZero"], Ids(Source));
        var money = Get(Source, "T:N.Money");
        Assert.Contains("decimal Amount , string Currency", money.Signature);
        Assert.Contains("Amount", money.Body);
        Assert.DoesNotContain("Currency", money.Body);
    }

    [Fact]
    public void Extract_RecordStructAndRecordClass_TypeIds()
    {
        const string Source = """
            namespace N;
            public readonly record struct Point(int X, int Y);
            public record class Line(Point From, Point To) { public double Length => 0; }
            """;

        Assert.Equal(
            [
                "N:N", "T:N.Point", "M:N.Point.#ctor(System.Int32,System.Int32)", "P:N.Point.X", "P:N.Point.Y",
                "T:N.Line", "M:N.Line.#ctor(N.Point,N.Point)", "P:N.Line.From", "P:N.Line.To", "P:N.Line.Length",
            ],
            Ids(Source));
        Assert.Contains("int X , int Y", Get(Source, "T:N.Point").Signature);
    }

    [Fact]
    public void Extract_PrimaryConstructor_ParametersInSignatureBaseArgumentsInBody()
    {
        const string Source = """
            class Service(ILogger logger, int retries) : Base(logger, retries * 2)
            {
                public int Retries => retries;
            }
            """;

        Assert.Equal(["T:Service", "M:Service.#ctor(ILogger,System.Int32)", "P:Service.Retries"], Ids(Source));
        var service = Get(Source, "T:Service");
        Assert.Contains("ILogger logger , int retries", service.Signature);
        Assert.Contains("retries * 2", service.Body);
        Assert.DoesNotContain("*", service.Signature);
    }

    [Fact]
    public void Extract_Properties_AutoExpressionAccessorAndInitializer()
    {
        const string Source = """
            class C
            {
                public int Auto { get; set; }
                public int Expression => 1;
                public int Accessors { get { return 1; } private set { } }
                public int Init { get; init; } = 42;
                public required string Name { get; set; }
            }
            """;

        Assert.Equal(["T:C", "P:C.Auto", "P:C.Expression", "P:C.Accessors", "P:C.Init", "P:C.Name"], Ids(Source));
        Assert.Contains("42", Get(Source, "P:C.Init").Body);
        Assert.DoesNotContain("42", Get(Source, "P:C.Init").Signature);
        Assert.Contains("private set", Get(Source, "P:C.Accessors").Signature);
        Assert.Contains("return 1", Get(Source, "P:C.Accessors").Body);
    }

    [Fact]
    public void Extract_Indexers_ItemWithParameterTypes()
    {
        Assert.Equal(
            ["T:X", "P:X.Item(System.Int32)", "P:X.Item(System.String,System.Int32)", "P:X.Item(System.Int32[])"],
            Ids("""
                class X
                {
                    public int this[int i] => i;
                    public int this[string key, int index] { get => 1; set { } }
                    public int this[params int[] all] => 0;
                }
                """));
    }

    [Fact]
    public void Extract_Operators_MetadataNames()
    {
        Assert.Equal(
            [
                "T:N.Money",
                "M:N.Money.op_Addition(N.Money,N.Money)",
                "M:N.Money.op_Subtraction(N.Money,N.Money)",
                "M:N.Money.op_UnaryNegation(N.Money)",
                "M:N.Money.op_UnaryPlus(N.Money)",
                "M:N.Money.op_Multiply(N.Money,System.Int32)",
                "M:N.Money.op_CheckedAddition(N.Money,N.Money)",
                "M:N.Money.op_CheckedUnaryNegation(N.Money)",
                "M:N.Money.op_Equality(N.Money,N.Money)",
                "M:N.Money.op_Inequality(N.Money,N.Money)",
                "M:N.Money.op_LogicalNot(N.Money)",
                "M:N.Money.op_True(N.Money)",
                "M:N.Money.op_False(N.Money)",
                "M:N.Money.op_Increment(N.Money)",
                "M:N.Money.op_Decrement(N.Money)",
                "M:N.Money.op_UnsignedRightShift(N.Money,System.Int32)",
                "M:N.Money.op_LeftShift(N.Money,System.Int32)",
            ],
            Ids("""
                namespace N;
                struct Money
                {
                    public static Money operator +(Money a, Money b) => a;
                    public static Money operator -(Money a, Money b) => a;
                    public static Money operator -(Money a) => a;
                    public static Money operator +(Money a) => a;
                    public static Money operator *(Money a, int factor) => a;
                    public static Money operator checked +(Money a, Money b) => a;
                    public static Money operator checked -(Money a) => a;
                    public static bool operator ==(Money a, Money b) => true;
                    public static bool operator !=(Money a, Money b) => false;
                    public static bool operator !(Money a) => false;
                    public static bool operator true(Money a) => true;
                    public static bool operator false(Money a) => false;
                    public static Money operator ++(Money a) => a;
                    public static Money operator --(Money a) => a;
                    public static Money operator >>>(Money a, int n) => a;
                    public static Money operator <<(Money a, int n) => a;
                }
                """).Skip(1));
    }

    [Fact]
    public void Extract_CompoundAssignmentOperators_CSharp14MetadataNames()
    {
        // The names the compiler emits for user-defined compound assignment and instance increment operators.
        Assert.Equal(
            [
                "T:Counter",
                "M:Counter.op_AdditionAssignment(System.Int32)",
                "M:Counter.op_CheckedAdditionAssignment(System.Int32)",
                "M:Counter.op_SubtractionAssignment(System.Int32)",
                "M:Counter.op_UnsignedRightShiftAssignment(System.Int32)",
                "M:Counter.op_IncrementAssignment",
                "M:Counter.op_CheckedIncrementAssignment",
                "M:Counter.op_DecrementAssignment",
            ],
            Ids("""
                class Counter
                {
                    public void operator +=(int n) { }
                    public void operator checked +=(int n) { }
                    public void operator -=(int n) { }
                    public void operator >>>=(int n) { }
                    public void operator ++() { }
                    public void operator checked ++() { }
                    public void operator --() { }
                }
                """));
    }

    [Fact]
    public void Extract_ConversionOperators_ReturnTypeAfterTilde()
    {
        Assert.Equal(
            [
                "T:N.Money",
                "M:N.Money.op_Implicit(N.Money)~System.Int32",
                "M:N.Money.op_Explicit(N.Money)~System.Int64",
                "M:N.Money.op_CheckedExplicit(N.Money)~System.Int64",
                "M:N.Money.op_Implicit(System.Decimal)~N.Money",
            ],
            Ids("""
                namespace N;
                struct Money
                {
                    public static implicit operator int(Money m) => 1;
                    public static explicit operator long(Money m) => 1;
                    public static explicit operator checked long(Money m) => 1;
                    public static implicit operator Money(decimal d) => default;
                }
                """).Skip(1));
    }

    [Fact]
    public void Extract_ConversionOperator_PositionIsTheTargetType()
    {
        // The compiler puts a conversion operator's symbol at its target type.
        var conversion = Get(
            """
            struct Money
            {
                public static implicit operator int(Money m) => 1;
            }
            """,
            "M:Money.op_Implicit(Money)~System.Int32");

        Assert.Equal(new TextPosition(3, 37), conversion.Position);
    }

    [Fact]
    public void Extract_Events_FieldLikeWithSeveralDeclaratorsAndWithAccessors()
    {
        const string Source = """
            using System;
            class C
            {
                public event EventHandler Changed, Saved = null;
                public event EventHandler Custom { add { } remove { } }
            }
            """;

        Assert.Equal(["T:C", "E:C.Changed", "E:C.Saved", "E:C.Custom"], Ids(Source));
        Assert.Contains("null", Get(Source, "E:C.Saved").Body);
        Assert.DoesNotContain("Saved", Get(Source, "E:C.Changed").Signature);
        Assert.DoesNotContain("Changed", Get(Source, "E:C.Saved").Signature);
        Assert.Contains("add remove", Get(Source, "E:C.Custom").Signature);
    }

    [Fact]
    public void Extract_FieldsAndConstants_OneIdPerDeclaratorInitializerIsBody()
    {
        const string Source = """
            class C
            {
                public const int Max = 10, Min = 1;
                private static readonly string name = "x", other;
                int plain;
            }
            """;

        Assert.Equal(["T:C", "F:C.Max", "F:C.Min", "F:C.name", "F:C.other", "F:C.plain"], Ids(Source));
        var max = Get(Source, "F:C.Max");
        Assert.Contains("10", max.Body);
        Assert.DoesNotContain("10", max.Signature);
        Assert.Contains("const int Max", max.Signature);
        Assert.DoesNotContain("Min", max.Signature);
        Assert.Equal(string.Empty, Get(Source, "F:C.other").Body);
    }

    [Fact]
    public void Extract_EnumMembers_FieldIdsValuesAreBody()
    {
        const string Source = """
            namespace N;
            public enum Color : byte { Red, Green = 2, Blue = Green + 1, }
            """;

        Assert.Equal(["N:N", "T:N.Color", "F:N.Color.Red", "F:N.Color.Green", "F:N.Color.Blue"], Ids(Source));
        Assert.Contains("Green + 1", Get(Source, "F:N.Color.Blue").Body);
        Assert.Contains("byte", Get(Source, "T:N.Color").Signature);
        Assert.DoesNotContain("Red", Get(Source, "T:N.Color").Signature);
    }

    [Fact]
    public void Extract_Delegates_TypeIdsWithArity()
    {
        Assert.Equal(
            ["N:N", "T:N.D`1", "T:N.Handler", "T:N.Outer", "T:N.Outer.Callback`2"],
            Ids("""
                namespace N;
                public delegate void D<T>(T value);
                public delegate int Handler(object sender);
                class Outer { public delegate TOut Callback<TIn, TOut>(TIn value); }
                """));
    }

    [Fact]
    public void Extract_InterfaceWithDefaultAndStaticAbstractMembers_MemberIds()
    {
        Assert.Equal(
            ["T:N.IShape`1", "M:N.IShape`1.Area", "M:N.IShape`1.Describe", "P:N.IShape`1.Name", "M:N.IShape`1.Create", "M:N.IShape`1.op_Addition(`0,`0)"],
            Ids("""
                namespace N;
                public interface IShape<TSelf> where TSelf : IShape<TSelf>
                {
                    double Area();
                    string Describe() => $"area {Area()}";
                    string Name { get => "shape"; }
                    static abstract TSelf Create();
                    static abstract TSelf operator +(TSelf a, TSelf b);
                }
                """).Skip(1));
    }

    [Fact]
    public void Extract_ExplicitInterfaceImplementations_InterfaceNameWithHashes()
    {
        Assert.Equal(
            [
                "T:N.C",
                "M:N.C.IFoo#Bar",
                "P:N.C.IFoo#Value",
                "E:N.C.IFoo#Changed",
                "P:N.C.IFoo#Item(System.Int32)",
                "M:N.C.System#IDisposable#Dispose",
                "M:N.C.IGen{System#Int32}#Get(System.Int32)",
                "M:N.C.IGen{Dictionary{System#String,List{System#Int32}}}#Get(Dictionary{System.String,List{System.Int32}})",
                "M:N.C.IAdd{N#C}#op_Addition(N.C,N.C)",
            ],
            Ids("""
                namespace N;
                class C : IFoo, System.IDisposable
                {
                    void IFoo.Bar() { }
                    int IFoo.Value => 1;
                    event System.EventHandler IFoo.Changed { add { } remove { } }
                    int IFoo.this[int i] => i;
                    void System.IDisposable.Dispose() { }
                    int IGen<int>.Get(int value) => value;
                    int IGen<Dictionary<string, List<int>>>.Get(Dictionary<string, List<int>> value) => 0;
                    static C IAdd<C>.operator +(C a, C b) => a;
                }
                """).Skip(1));
    }

    [Fact]
    public void Extract_ExplicitImplementationOfGenericInterfaceInGenericType_TypeParametersByName()
    {
        // The compiler writes the interface name with the type parameter's own name (IEnumerable{T}),
        // while the parameter list uses its position (`0).
        Assert.Equal(
            ["T:Bag`1", "M:Bag`1.IEnumerable{T}#GetEnumerator", "M:Bag`1.ICollection{T}#Add(`0)"],
            Ids("""
                class Bag<T> : IEnumerable<T>, ICollection<T>
                {
                    IEnumerator<T> IEnumerable<T>.GetEnumerator() => null!;
                    void ICollection<T>.Add(T item) { }
                }
                """));
    }

    [Fact]
    public void Extract_GenericTypesAndMethods_ArityAndTypeParameterPositions()
    {
        Assert.Equal(
            [
                "T:N.Cache`2",
                "M:N.Cache`2.Get(`0)",
                "M:N.Cache`2.Map``1(`1,System.Func{`1,``0})",
                "M:N.Cache`2.Pair``2(``1,``0,`0)",
                "T:N.Cache`2.Entry`1",
                "M:N.Cache`2.Entry`1.Set(`0,`1,`2)",
                "M:N.Cache`2.Entry`1.Shadow``1(``0)",
            ],
            Ids("""
                namespace N;
                class Cache<TKey, TValue> where TKey : notnull
                {
                    TValue Get(TKey key) => default!;
                    TResult Map<TResult>(TValue value, System.Func<TValue, TResult> map) where TResult : class => map(value);
                    void Pair<A, B>(B b, A a, TKey key) { }
                    class Entry<TExtra>
                    {
                        void Set(TKey key, TValue value, TExtra extra) { }
                        void Shadow<TKey>(TKey key) { }
                    }
                }
                """).Skip(1));
    }

    [Fact]
    public void Extract_Constraints_InTheSignature()
    {
        const string Source = "class C<T> where T : class, new() { void M<U>() where U : struct { } }";

        Assert.Contains("where T : class , new ( )", Get(Source, "T:C`1").Signature);
        Assert.Contains("where U : struct", Get(Source, "M:C`1.M``1").Signature);
    }

    [Fact]
    public void Extract_Overloads_OneIdEach()
    {
        Assert.Equal(
            ["T:C", "M:C.Add", "M:C.Add(System.Int32)", "M:C.Add(System.Int64)", "M:C.Add(System.Int32,System.Int32)", "M:C.Add``1(``0)", "M:C.#ctor", "M:C.#ctor(System.String)", "M:C.#cctor", "M:C.Finalize"],
            Ids("""
                class C
                {
                    void Add() { }
                    void Add(int a) { }
                    void Add(long a) { }
                    void Add(int a, int b) { }
                    void Add<T>(T a) { }
                    C() { }
                    C(string name) : this() { }
                    static C() { }
                    ~C() { }
                }
                """));
    }

    [Fact]
    public void Extract_ClassicExtensionMethod_ThisParameterIsAnOrdinaryParameter()
    {
        Assert.Equal(
            ["N:N", "T:N.StringExtensions", "M:N.StringExtensions.Shout(System.String,System.Int32)"],
            Ids("""
                namespace N;
                static class StringExtensions
                {
                    public static string Shout(this string s, int times) => s;
                }
                """));
    }

    [Fact]
    public void Extract_ExtensionBlock_ReceiverIsTheFirstParameter()
    {
        Assert.Equal(
            ["N:N", "T:N.E", "M:N.E.Len(System.String)", "M:N.E.Repeat(System.String,System.Int32)", "P:N.E.IsEmpty", "M:N.E.Bump(System.Int32@)"],
            Ids("""
                namespace N;
                static class E
                {
                    extension(string s)
                    {
                        public int Len() => s.Length;
                        public string Repeat(int times) => s;
                        public bool IsEmpty => s.Length == 0;
                    }

                    extension(ref int value)
                    {
                        public void Bump() => value++;
                    }
                }
                """));
    }

    [Fact]
    public void Extract_ExtensionBlockStaticMember_NoReceiverParameter()
    {
        // The compiler's implementation method of a static extension member has no receiver.
        Assert.Equal(
            ["T:E", "M:E.Parse(System.Int32)", "P:E.Empty"],
            Ids("""
                static class E
                {
                    extension(string)
                    {
                        public static string Parse(int value) => "";
                        public static string Empty => "";
                    }
                }
                """));
    }

    [Fact]
    public void Extract_GenericExtensionBlock_BlockTypeParametersLeadTheMethodTypeParameters()
    {
        // The implementation method is First<T>(List<T>) and Map<T, U>(List<T>, U), as the compiler emits them.
        Assert.Equal(
            ["T:E", "M:E.First``1(List{``0})", "M:E.Map``2(List{``0},``1)", "P:E.Count"],
            Ids("""
                static class E
                {
                    extension<T>(List<T> list) where T : class
                    {
                        public T First() => list[0];
                        public U Map<U>(U value) => value;
                        public int Count => list.Count;
                    }
                }
                """));
    }

    [Fact]
    public void Extract_ExtensionBlockHeader_InEveryMemberSignature()
    {
        const string Source = """
            static class E
            {
                extension(string s)
                {
                    public int Len() => s.Length;
                }
            }
            """;

        Assert.Contains("extension ( string s )", Get(Source, "M:E.Len(System.String)").Signature);
        Assert.DoesNotContain("extension", Get(Source, "T:E").Signature);
    }

    [Fact]
    public void Extract_LocalFunctionsAndLambdas_AreBodyOfTheirMember()
    {
        const string Source = """
            class C
            {
                int M()
                {
                    int Local(int x) => x * 2;
                    System.Func<int, int> lambda = y => y + 1;
                    return Local(lambda(1));
                }
            }
            """;

        Assert.Equal(["T:C", "M:C.M"], Ids(Source));
        Assert.Contains("Local", Get(Source, "M:C.M").Body);
        Assert.Contains("y + 1", Get(Source, "M:C.M").Body);
    }

    [Fact]
    public void Extract_TopLevelStatements_SynthesizedMainThenTypes()
    {
        const string Source = """
            using System;

            Console.WriteLine(Greet("world"));
            static string Greet(string name) => $"hello {name}";

            class Helper { }
            """;

        Assert.Equal([DeclarationExtractor.TopLevelId, "T:Helper"], Ids(Source));
        Assert.Equal("M:Program.{Main}$(System.String[])", DeclarationExtractor.TopLevelId);
        var main = Get(Source, DeclarationExtractor.TopLevelId);
        Assert.Equal(new TextPosition(3, 1), main.Position);
        Assert.Contains("Greet", main.Body);
    }

    [Theory]
    [InlineData("int a", "(System.Int32)")]
    [InlineData("bool a, byte b, sbyte c, char d, decimal e, double f, float g", "(System.Boolean,System.Byte,System.SByte,System.Char,System.Decimal,System.Double,System.Single)")]
    [InlineData("uint a, long b, ulong c, short d, ushort e, object f, string g", "(System.UInt32,System.Int64,System.UInt64,System.Int16,System.UInt16,System.Object,System.String)")]
    [InlineData("nint a, nuint b, dynamic c", "(System.IntPtr,System.UIntPtr,System.Object)")]
    [InlineData("int[] a", "(System.Int32[])")]
    [InlineData("int[,] a", "(System.Int32[0:,0:])")]
    [InlineData("int[][] a", "(System.Int32[][])")]
    [InlineData("params string[] a", "(System.String[])")]
    [InlineData("ref int a", "(System.Int32@)")]
    [InlineData("out int a", "(System.Int32@)")]
    [InlineData("in int a", "(System.Int32@)")]
    [InlineData("ref readonly int a", "(System.Int32@)")]
    [InlineData("scoped ref int a", "(System.Int32@)")]
    [InlineData("this string s", "(System.String)")]
    [InlineData("int? a", "(System.Nullable{System.Int32})")]
    [InlineData("int?[] a", "(System.Nullable{System.Int32}[])")]
    [InlineData("string? a", "(System.String)")]
    [InlineData("object? a, Customer? b", "(System.Object,Customer)")]
    [InlineData("List<string?> a", "(List{System.String})")]
    [InlineData("(int, string) a", "(System.ValueTuple{System.Int32,System.String})")]
    [InlineData("(int Count, string Name) a", "(System.ValueTuple{System.Int32,System.String})")]
    [InlineData("(int, (bool, char)) a", "(System.ValueTuple{System.Int32,System.ValueTuple{System.Boolean,System.Char}})")]
    [InlineData("(int, string)? a", "(System.Nullable{System.ValueTuple{System.Int32,System.String}})")]
    [InlineData("global::System.String a", "(System.String)")]
    [InlineData("global::Contoso.Money a", "(Contoso.Money)")]
    [InlineData("System.Collections.Generic.List<int> a", "(System.Collections.Generic.List{System.Int32})")]
    [InlineData("List<int> a", "(List{System.Int32})")]
    [InlineData("Dictionary<string, List<int?>> a", "(Dictionary{System.String,List{System.Nullable{System.Int32}}})")]
    [InlineData("Outer<int>.Inner a", "(Outer{System.Int32}.Inner)")]
    [InlineData("int* a", "(System.Int32*)")]
    [InlineData("int a = 5, string b = \"x\"", "(System.Int32,System.String)")]
    [InlineData("[NotNull] string a", "(System.String)")]
    public void Extract_ParameterTypes_NormalisedAsDocumentationIds(string parameters, string expected)
    {
        var ids = Ids($$"""
            class C
            {
                unsafe void M({{parameters}}) { }
            }
            """);

        Assert.Equal(["T:C", "M:C.M" + expected], ids);
    }

    [Fact]
    public void Extract_Positions_OneBasedLineAndColumnOfTheIdentifier()
    {
        var declarations = DeclarationExtractor.Extract("""
            namespace N
            {
                public class C
                {
                    public int this[int i] => i;
                    public static C operator +(C a, C b) => a;
                    public C() { }
                    ~C() { }
                    int a, b;
                }
            }
            """).Declarations;

        Assert.Equal(
            [
                ("N:N", new TextPosition(1, 11)),
                ("T:N.C", new TextPosition(3, 18)),
                ("P:N.C.Item(System.Int32)", new TextPosition(5, 20)),
                ("M:N.C.op_Addition(N.C,N.C)", new TextPosition(6, 34)),
                ("M:N.C.#ctor", new TextPosition(7, 16)),
                ("M:N.C.Finalize", new TextPosition(8, 10)),
                ("F:N.C.a", new TextPosition(9, 13)),
                ("F:N.C.b", new TextPosition(9, 16)),
            ],
            declarations.Select(d => (d.Id.ToString(), d.Position)));
    }

    [Fact]
    public void Extract_ByteOrderMark_PositionsAsIfAbsent()
    {
        var withBom = DeclarationExtractor.Extract("\uFEFFclass C { }");

        Assert.Equal(new TextPosition(1, 7), withBom.Declarations.Single().Position);
        Assert.StartsWith("\uFEFF", withBom.FileLevelText);
    }

    [Fact]
    public void Extract_FileLevel_UsingsExternAliasesAndAssemblyAttributes()
    {
        var set = DeclarationExtractor.Extract("""
            // header
            extern alias Legacy;
            global using System;
            using static System.Math;
            using Alias = System.Text;
            [assembly: System.CLSCompliant(true)]
            namespace N
            {
                using System.Linq;
                class C { }
            }
            """);

        Assert.Equal(new TextPosition(2, 1), set.FileLevelPosition);
        foreach (var part in new[] { "extern alias Legacy", "global using System", "using static System . Math", "using Alias = System . Text", "assembly", "using System . Linq" })
        {
            Assert.Contains(part, set.FileLevel);
        }

        Assert.DoesNotContain("class", set.FileLevel);
        Assert.False(set.HasErrors);
    }

    [Fact]
    public void Extract_NoUsings_FileLevelPositionIsStartOfFile()
    {
        var set = DeclarationExtractor.Extract("class C { }");

        Assert.Equal(new TextPosition(1, 1), set.FileLevelPosition);
        Assert.Equal(string.Empty, set.FileLevel);
    }

    [Fact]
    public void Extract_SyntaxErrors_StillListsDeclarations()
    {
        var set = DeclarationExtractor.Extract("""
            namespace N
            {
                public class C
                {
                    public void M( { int x = ; }
                    void K() { }
                }
            """);

        Assert.True(set.HasErrors);
        Assert.Equal(["N:N", "T:N.C", "M:N.C.M", "M:N.C.K"], set.Declarations.Select(d => d.Id.ToString()));
    }

    [Fact]
    public void Extract_EmptyFile_NoDeclarations()
    {
        var set = DeclarationExtractor.Extract(string.Empty);

        Assert.Empty(set.Declarations);
        Assert.False(set.HasErrors);
    }
}
