using System.Collections.Generic;

namespace ScopeGuard.Core.Tests.Symbols.Oracle;

/// <summary>Files covering every construct whose ID issue 17 names, each compiled by the oracle.</summary>
internal static class ConstructCorpus
{
    public static IReadOnlyList<(string Path, string Text)> Files { get; } =
    [
        ("ExplicitImplementations.cs", """
            using System;
            using System.Collections;
            using System.Collections.Generic;
            namespace Tricky;
            public interface IGen<T> { void Get(T t); }
            public interface IM { void M<U>(U u); int P { get; set; } event EventHandler E; int this[int i] { get; } }
            public class Outer<X> { public interface IInner { void Q(); } public class Deep<Y> { public interface I2<Z> { void W(); } } }
            public class Widget : IDisposable, IEnumerable<int>, IM, Tricky.IGen<int?>, Tricky.IGen<(int, string)>, Tricky.IGen<int[][,]>,
                Tricky.IGen<nint>, Tricky.Outer<int>.IInner, Tricky.IGen<System.Collections.Generic.List<int?>>, Tricky.IGen<string?>
            {
                void IDisposable.Dispose() { }
                IEnumerator<int> IEnumerable<int>.GetEnumerator() => null!;
                IEnumerator IEnumerable.GetEnumerator() => null!;
                void IM.M<U>(U u) { }
                int IM.P { get => 0; set { } }
                event EventHandler IM.E { add { } remove { } }
                int IM.this[int i] => i;
                void Tricky.IGen<int?>.Get(int? t) { }
                void Tricky.IGen<(int, string)>.Get((int, string) t) { }
                void Tricky.IGen<int[][,]>.Get(int[][,] t) { }
                void Tricky.IGen<nint>.Get(nint t) { }
                void Tricky.Outer<int>.IInner.Q() { }
                void Tricky.IGen<System.Collections.Generic.List<int?>>.Get(System.Collections.Generic.List<int?> t) { }
                void Tricky.IGen<string?>.Get(string? t) { }
            }
            public class Qualified : System.IDisposable, System.Collections.Generic.IEnumerable<int>
            {
                void System.IDisposable.Dispose() { }
                System.Collections.Generic.IEnumerator<int> System.Collections.Generic.IEnumerable<int>.GetEnumerator() => null!;
                System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => null!;
            }
            public class GenericImpl<T> : System.Collections.Generic.IEnumerable<T>, Tricky.Outer<string>.Deep<long>.I2<T>
            {
                System.Collections.Generic.IEnumerator<T> System.Collections.Generic.IEnumerable<T>.GetEnumerator() => null!;
                System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => null!;
                void Tricky.Outer<string>.Deep<long>.I2<T>.W() { }
            }
            public interface IConv<T> where T : IConv<T> { static abstract explicit operator int(T t); static abstract implicit operator T(long l); static abstract T operator +(T a, T b); }
            public struct Money : Tricky.IConv<Money>
            {
                static explicit Tricky.IConv<Money>.operator int(Money t) => 0;
                static implicit Tricky.IConv<Money>.operator Money(long l) => default;
                static Money Tricky.IConv<Money>.operator +(Money a, Money b) => a;
                public static explicit operator long(Money m) => 0;
                public static implicit operator Money(int i) => default;
            }
            """),
        ("Nullables.cs", """
            using System;
            using System.Collections.Generic;
            namespace Tricky.Values;
            public enum Severity { Low, High }
            public struct Point { public int X; }
            public record struct Span(int Start);
            public class Box { }
            public class Nullables<TS, TC> where TS : struct where TC : class
            {
                public void F(Severity? s) { }
                public void F(Severity s) { }
                public void G(Point? p, Box? b, Span? s) { }
                public void H(int? a, int?[] b, Nullable<int> c, System.Nullable<int> d, (int, string)? e, string? f, object? g) { }
                public void I(System.DateTime? a, System.Guid? b, System.TimeSpan? c, decimal? d, System.Threading.CancellationToken? e, System.DateTimeOffset? f) { }
                public void J(TS? a, TC? b) { }
                public void K<U, V, W>(U? u, V? v, W? w) where U : struct where V : unmanaged where W : class { }
                public void L(List<int?> a, Dictionary<string, Point?> b) { }
                public int? this[Severity? s] => null;
                public Severity? Property { get; set; }
                public static implicit operator Severity?(Nullables<TS, TC> n) => null;
                public class Inner { public void M(TS? a) { } }
            }
            public class Base { public virtual void M<T>(T? t) where T : struct { } public virtual void N<T>(T? t) where T : class { } }
            public class Derived : Base { public override void M<T>(T? t) { } public override void N<T>(T? t) where T : class { } }
            """),
        ("Extensions.cs", """
            using System.Collections.Generic;
            namespace Tricky.Ext;
            public static class Extensions
            {
                extension<T>(System.Collections.Generic.List<T> list)
                {
                    public static System.Collections.Generic.List<T> operator +(System.Collections.Generic.List<T> a, System.Collections.Generic.List<T> b) => a;
                    public int Count2 => list.Count;
                    public static int StaticCount => 0;
                    public T First2 { get => list[0]; set => list[0] = value; }
                    public void Add2(int x) { }
                    public static void Create() { }
                    public U Map<U>(U u) => u;
                }

                extension(string s)
                {
                    public bool IsEmpty2 => s.Length == 0;
                    public static string operator -(string a, string b) => a;
                    public int Len() => s.Length;
                }

                extension<T>(T value) where T : struct
                {
                    public T? AsNullable() => value;
                }

                public static string Shout(this string s, int times) => s;
            }
            """),
        ("Arrays.cs", """
            using System;
            using System.Runtime.CompilerServices;
            namespace Tricky.Shapes;
            public unsafe class Shapes
            {
                public void Jagged(int[][,] a, int[,][] b, int[,,] c, string[][][] d) { }
                public void Tuples((int, int, int, int, int, int, int, int, int) nine, (int a, string b) named, (int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int) sixteen) { }
                public void Tuples8((int, int, int, int, int, int, int, int) eight) { }
                [IndexerName("Cell")] public int this[int i] => i;
                [IndexerName("Cell")] public int this[string s] { get => 0; set { } }
                public void Arg(int a, __arglist) { }
                public void OnlyArg(__arglist) { }
                public void Pointers(int* p, void** q, delegate*<int, string> f, delegate* unmanaged[Cdecl]<int, void> g) { }
                public void Refs(ref int a, out long b, in string c, ref readonly int d, params int[] e) { b = 0; }
                public ref int Ret(scoped ref int x) => ref x;
                public void Keywords(bool a, byte b, sbyte c, char d, decimal e, double f, float g, int h, uint i, long j, ulong k, short l, ushort m, object n, string o, dynamic p, nint q, nuint r) { }
            }
            public class Named { [System.Runtime.CompilerServices.IndexerName(nameof(Shapes))] public int this[long l] => 0; }
            """),
        ("Records.cs", """
            namespace Tricky.Records;
            public record Person(string Name, int Age);
            public record struct Pair(int Left, int Right);
            public readonly record struct Tag(string Value);
            public record Student(string Name, int Age, string School) : Person(Name, Age);
            public record Explicit(int X) { public int X { get; init; } = X; }
            public class Service(int port) { public int Port => port; }
            public struct Holder(string value) { public string Value => value; }
            public class Accessors
            {
                public int Auto { get; set; }
                public int ReadOnly => 1;
                public int Init { get; init; }
                public event System.EventHandler? Field;
                public event System.EventHandler Custom { add { } remove { } }
                public int this[int a, string b] { get => 0; set { } }
            }
            public class Generic<T, U>
            {
                public void M<V>(T t, U u, V v, System.Collections.Generic.List<T> list) { }
                public class Nested<W> { public void N(T t, W w) { } }
                public delegate void Handler<X>(X x);
                public Generic() { }
                static Generic() { }
                ~Generic() { }
                public const int Constant = 1;
                public int field1, field2;
                public static Generic<T, U> operator +(Generic<T, U> a, Generic<T, U> b) => a;
                public static bool operator true(Generic<T, U> a) => true;
                public static bool operator false(Generic<T, U> a) => false;
                public static Generic<T, U> operator checked -(Generic<T, U> a, Generic<T, U> b) => a;
                public static Generic<T, U> operator -(Generic<T, U> a, Generic<T, U> b) => a;
            }
            public enum Color { Red, Green = 2 }
            public interface IShape { double Area(); static abstract IShape Create(); }
            """),
        ("Elsewhere.cs", """
            namespace Tricky.Values
            {
                // Types declared in another file: whether Severity? is Nullable needs binding (alternate IDs).
                public class Elsewhere
                {
                    public void Mixed(Severity? severity, Box? box, Point? point, Tricky.Values.Span? span) { }
                    public void Overloads(Severity? s) { }
                    public void Overloads(Severity s) { }
                }
            }
            """),
        ("Lookup.cs", """
            namespace Look { public class Money { } }
            namespace Look.B
            {
                public class Money { }
                public class C { public void F(Money m) { } public class Inner { } public void G(Inner i) { } }
            }
            namespace Look.D { public class E { public void H(Money m) { } } }
            namespace Look { namespace X.Y { public class Z { public void K(Money m) { } } } }
            """),
        ("Blocks.cs", """
            namespace Outer.Space
            {
                namespace Inner.Deeper { public class Leaf { public void Grow(Leaf other, global::System.IDisposable d) { } } }
                public delegate T Factory<T>(int seed);
            }
            """),
        ("Program.cs", """
            System.Console.WriteLine(args.Length);
            Local(1);
            static void Local(int x) { }
            public partial class Program { public static void Helper(int a) { } }
            """),
    ];
}
