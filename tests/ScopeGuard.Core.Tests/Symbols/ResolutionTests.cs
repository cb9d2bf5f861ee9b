using System.Linq;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Tests.Symbols;

// Parameter types resolved as the compiler writes them (issue 17): each case is checked against the
// compiler's own IDs (Roslyn's semantic model over the SDK's reference pack), not hand-written IDs.
public sealed class ResolutionTests
{
    private const string Metadata = """
        namespace Microsoft.Build.Construction
        {
            public class ProjectElement { }
        }
        """;

    private const string UiTypes = """
        namespace Microsoft.UI.Xaml
        {
            public class UIElement { }
        }
        """;

    public static TheoryData<string, string[]> Cases => new()
    {
        {
            // A nested type named by its short name (class 1).
            """
            namespace Microsoft.Build.UnitTests.OM.Construction
            {
                public class ConstructionEditing_Tests
                {
                    public enum AddMetadata { AsAttribute, AsElement }

                    public void Check(AddMetadata addMetadata, int index) { }
                }
            }
            """,
            []
        },
        {
            // SDK types through usings, generic arguments included (class 1).
            """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace Contoso.Text
            {
                public static class Scanner
                {
                    public static int Count(ReadOnlySpan<char> text) => 0;
                    public static Task<List<DateTime>> LoadAsync(Dictionary<string, List<Guid>> map, int[] sizes, ref TimeSpan wait) => null!;
                    public static void Cancel(System.Threading.CancellationToken token) { }
                }
            }
            """,
            []
        },
        {
            // A using alias (class 3), and a type from another file through a using.
            """
            using Microsoft.Build.Construction;
            using View = Microsoft.UI.Xaml.UIElement;

            namespace Contoso.Ui
            {
                public class Panel
                {
                    public void AddCore(View view) { }
                    public void Attach(ProjectElement element, View[] views) { }
                }
            }
            """,
            [Metadata, UiTypes]
        },
        {
            // A global using in another file, a type of the enclosing namespace declared elsewhere,
            // a partly qualified name relative to the enclosing namespace.
            """
            namespace Microsoft.Build
            {
                public class Engine
                {
                    public void Add(ProjectElement element, Construction.ProjectElement other, Widget widget) { }
                }
            }
            """,
            ["global using Microsoft.Build.Construction;", Metadata, "namespace Microsoft.Build { public class Widget { } }"]
        },
        {
            // Members of a generic type: its type parameters stay `n, other names resolve.
            """
            using System;
            using System.Collections.Generic;

            namespace Contoso
            {
                public class Box<T>
                {
                    public void Put(ReadOnlySpan<char> label, T item, List<T> items) { }
                    public void Wrap<U>(Func<T, U> map) { }
                }
            }
            """,
            []
        },
        {
            // A nested namespace declaration's own usings, inner names first.
            """
            namespace Outer
            {
                using System.Text;

                public class StringBuilder { }

                namespace Inner
                {
                    public class User
                    {
                        public void Write(StringBuilder builder, Encoding encoding) { }
                    }
                }
            }
            """,
            []
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void CompilerForm_MatchesRoslynsDocumentationCommentId(string source, string[] others)
    {
        var index = TypeIndex.Create(others.Append(source).Select(DeclarationExtractor.Extract));
        var actual = DeclarationExtractor.Extract(source, index).Declarations
            .Where(d => d.Id.Kind == SymbolKind.Method)
            .Select(d => d.Id.CompilerForm)
            .ToList();

        Assert.Equal(CompilerIds.MemberIds([source, .. others]), actual);
    }

    [Fact]
    public void Extract_WithoutAnIndex_ResolvesNothing()
    {
        var declaration = DeclarationExtractor.Extract("using System; namespace N { class C { void M(ReadOnlySpan<char> s) { } } }").Declarations.Single(d => d.Id.Kind == SymbolKind.Method);
        Assert.Null(declaration.Id.ResolvedParameters);
        Assert.Equal("M:N.C.M(ReadOnlySpan{System.Char})", declaration.Id.CompilerForm);
    }

    [Fact]
    public void Resolve_NameTwoUsingsProvide_StaysAsWritten()
    {
        var source = "using A; using B; namespace N { class C { void M(Thing t) { } } }";
        var index = TypeIndex.Create([DeclarationExtractor.Extract("namespace A { class Thing { } } namespace B { class Thing { } }")]);
        var declaration = DeclarationExtractor.Extract(source, index).Declarations.Single(d => d.Id.Kind == SymbolKind.Method);
        Assert.Null(declaration.Id.ResolvedParameters);
    }

    [Fact]
    public void Resolve_EnclosingNamespaceBeforeUsings_AsTheCompilerDoes()
    {
        var source = "using System.Threading; namespace Contoso { class C { void M(Timer t) { } } }";
        var other = "namespace Contoso { class Timer { } }";
        var index = TypeIndex.Create([DeclarationExtractor.Extract(other)]);
        var declaration = DeclarationExtractor.Extract(source, index).Declarations.Single(d => d.Id.Kind == SymbolKind.Method);
        Assert.Equal(CompilerIds.MemberIds(source, other).Single(), declaration.Id.CompilerForm);
    }

    [Fact]
    public void Resolve_TwoOverloadsResolvingAlike_KeepOnlyTheirWrittenIds()
    {
        // Without the index, Timer could be System.Threading.Timer or Contoso.Timer; the guess must not
        // give the two overloads one ID.
        var source = "using System.Threading; namespace Contoso { class C { void M(Timer t) { } void M(System.Threading.Timer t) { } } }";
        var methods = DeclarationExtractor.Extract(source, TypeIndex.Empty).Declarations.Where(d => d.Id.Kind == SymbolKind.Method).ToList();
        Assert.Equal(2, methods.Select(m => m.Id.CompilerForm).Distinct().Count());
        Assert.All(methods, m => Assert.Null(m.Id.ResolvedParameters));
    }

    [Theory]
    [InlineData("M:Contoso.Text.Scanner.Count(System.ReadOnlySpan{System.Char})", true)]
    [InlineData("M:Contoso.Text.Scanner.Count(ReadOnlySpan{System.Char})", true)]
    [InlineData("M:Contoso.Text.Scanner.Count(System.Span{System.Char})", false)]
    [InlineData("M:Contoso.Text.Scanner.Pair(System.ReadOnlySpan{System.Char},List{System.Int32})", true)]
    [InlineData("M:Contoso.Text.Scanner.Pair(ReadOnlySpan{System.Char},System.Collections.Generic.List{System.Int32})", true)]
    [InlineData("M:Contoso.Text.Scanner.Pair(System.ReadOnlySpan{System.Char})", false)]
    public void Match_WrittenCompilerOrMixedForm_NamesTheSameOverload(string pattern, bool matches)
    {
        var source = """
            using System;
            using System.Collections.Generic;
            namespace Contoso.Text
            {
                public static class Scanner
                {
                    public static int Count(ReadOnlySpan<char> text) => 0;
                    public static void Pair(ReadOnlySpan<char> text, List<int> list) { }
                }
            }
            """;
        var ids = DeclarationExtractor.Extract(source, TypeIndex.Empty).Declarations.Select(d => d.Id).ToList();
        var parsed = SymbolPattern.TryParse(pattern, out var error)!;
        Assert.Null(error);
        Assert.Equal(matches, ids.Any(id => parsed.Match(id) is not null));
    }
}
