using System.Linq;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Tests.Symbols;

// The resolved form written through the binder seam (TypeResolver behind ITypeNameBinder): the same
// TypeNames code writes the primary ID and, bound, the compiler's; expected IDs come from Roslyn.
public sealed class ResolvedFormTests
{
    private const string Models = "namespace Models { public struct Money { } public class Widget { } }";

    [Theory]
    [InlineData("using System; namespace N { class C : IDisposable { void IDisposable.Dispose() { } } }", "M:N.C.IDisposable#Dispose")]
    [InlineData("using G = System.Collections.Generic; namespace N { class C { void F(G.List<int> l) { } } }", "M:N.C.F(G.List{System.Int32})")]
    [InlineData("using Models; namespace N { class C { void F(Widget w, System.Collections.Generic.List<Money> m) { } } }", "M:N.C.F(Widget,System.Collections.Generic.List{Money})")]
    public void CompilerForm_ThroughTheBinder_IsRoslynsAndThePrimaryIdStaysAsWritten(string source, string primary)
    {
        var index = TypeIndex.Create([DeclarationExtractor.Extract(Models)]);
        var method = DeclarationExtractor.Extract(source, index).Declarations.Single(d => d.Id.Kind == SymbolKind.Method);

        Assert.Equal(primary, method.Id.ToString());
        Assert.Equal(CompilerIds.MemberIds(source, Models).Single(), method.Id.CompilerForm);
        Assert.Equal(method.Id.ToString(), DeclarationExtractor.Extract(source).Declarations.Single(d => d.Id.Kind == SymbolKind.Method).Id.ToString());
    }

    [Fact]
    public void Alternate_NullableOfAStructFromTheIndex_HasTheCompilersResolvedForm()
    {
        // Syntax cannot tell that Money is a struct: the Nullable form is an alternate, and binding
        // writes that alternate as the compiler does.
        const string Source = "using Models; namespace N { class C { void F(Money? m) { } } }";
        var index = TypeIndex.Create([DeclarationExtractor.Extract(Models)]);
        var id = DeclarationExtractor.Extract(Source, index).Declarations.Single(d => d.Id.Kind == SymbolKind.Method).Id;
        var compilerId = CompilerIds.MemberIds(Source, Models).Single();

        Assert.Equal("M:N.C.F(Money)", id.ToString());
        Assert.Contains(id.Alternates, a => a.CompilerForm == compilerId);
        Assert.NotNull(SymbolPattern.TryParse(compilerId, out _)!.Match(id));
    }

    [Theory]
    [InlineData("M:N.C.F(Models.Widget)", true)]
    [InlineData("M:N.C.F(Widget)", true)]
    [InlineData("M:N.C.F(Other.Widget)", false)]
    public void Match_ResolvedName_AnotherQualifiedNameDoesNotMatch(string pattern, bool matches)
    {
        // Widget resolves to Models.Widget: a pattern naming another namespace's Widget names another
        // type, although the written name has no namespace.
        var index = TypeIndex.Create([DeclarationExtractor.Extract(Models)]);
        var id = DeclarationExtractor.Extract("using Models; namespace N { class C { void F(Widget w) { } } }", index).Declarations.Single(d => d.Id.Kind == SymbolKind.Method).Id;

        Assert.Equal(matches, SymbolPattern.TryParse(pattern, out _)!.Match(id) is not null);
    }

    [Fact]
    public void Extract_WithADeferredIndexForOtherMembers_NeverBuildsIt()
    {
        var built = false;
        var index = TypeIndex.Deferred(() =>
        {
            built = true;
            return TypeIndex.Empty;
        }).ForMembers(["Other"]);

        var id = DeclarationExtractor.Extract("using Models; namespace N { class C { void F(Widget w) { } } }", index).Declarations.Single(d => d.Id.Kind == SymbolKind.Method).Id;

        Assert.False(id.IsResolved);
        Assert.False(built);
    }
}
