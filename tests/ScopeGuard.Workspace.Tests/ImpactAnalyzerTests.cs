using System.Linq;
using System.Threading;
using ScopeGuard.Workspace.Tests.Support;

namespace ScopeGuard.Workspace.Tests;

/// <summary>
/// What <see cref="ImpactAnalyzer"/> finds in a real solution (a library and two consumers, loaded with
/// MSBuildWorkspace once for the class) for each kind of change to the library.
/// </summary>
public sealed class ImpactAnalyzerTests : IClassFixture<ImpactSolution>
{
    private const string CalcPath = "src/Lib/Calc.cs";
    private readonly ImpactSolution solution;

    public ImpactAnalyzerTests(ImpactSolution solution)
    {
        this.solution = solution;
    }

    [Fact]
    public void Analyze_BodyOnlyChange_FindsNothing()
    {
        var result = solution.Analyze((CalcPath, Text.Replace(ImpactSolution.Calc, "=> a + 1;", "=> 1 + a + 0;")));

        Assert.Empty(result.Changed);
        Assert.Empty(result.Sites);
    }

    [Fact]
    public void Analyze_ParameterAddedToLibraryMethod_FindsEveryCallSiteWithItsContainingMember()
    {
        var result = solution.Analyze((CalcPath, Text.Replace(ImpactSolution.Calc, "public int Add(int a) => a + 1;", "public int Add(int a, int b) => a + b;")));

        var changed = Assert.Single(result.Changed);
        Assert.Equal("M:Lib.Calc.Add(System.Int32)", changed.Symbol);
        Assert.False(changed.SourceCompatible);
        Assert.Equal("parameters (int a) → (int a, int b)", changed.Change);
        var billing = Text.At(ImpactSolution.Invoice, "Add(1)");
        var reports = Text.At(ImpactSolution.Monthly, "Add(2)");
        var own = Text.At(ImpactSolution.Calc, "Add(2)");
        Assert.Equal(
            [
                ("src/Billing/Invoice.cs", billing.Line, billing.Column, BreakKind.CallSite, "M:Billing.Invoice.Total"),
                (CalcPath, own.Line, own.Column, BreakKind.CallSite, "M:Lib.Calc.Three"),
                ("src/Reports/Monthly.cs", reports.Line, reports.Column, BreakKind.CallSite, "M:Reports.Monthly.Sum"),
            ],
            result.Sites.Select(s => (s.Path, s.Line, s.Column, s.Kind, s.ContainingSymbol)));
    }

    [Fact]
    public void Analyze_OptionalParameterAddedAtTheEnd_IsSourceCompatibleAndSaysWhy()
    {
        var result = solution.Analyze((CalcPath, Text.Replace(ImpactSolution.Calc, "public int Add(int a) => a + 1;", "public int Add(int a, int step = 1) => a + step;")));

        var changed = Assert.Single(result.Changed);
        Assert.True(changed.SourceCompatible);
        Assert.StartsWith("a new optional parameter at the end keeps source compatibility", changed.Compatibility, System.StringComparison.Ordinal);
        Assert.Equal(3, result.Sites.Count);
    }

    [Fact]
    public void Analyze_NewOverload_IsSourceCompatibleAtTheExistingCallSites()
    {
        var result = solution.Analyze((CalcPath, Text.Replace(ImpactSolution.Calc, "public int Twice(int a) => a * 2;", "public int Twice(int a) => a * 2;\n\n    public long Add(long a) => a + 1;")));

        var changed = Assert.Single(result.Changed);
        Assert.Equal("M:Lib.Calc.Add(System.Int64)", changed.Symbol);
        Assert.True(changed.SourceCompatible);
        Assert.Equal("a new overload", changed.Change);
        Assert.Equal(["src/Billing/Invoice.cs", CalcPath, "src/Reports/Monthly.cs"], result.Sites.Select(s => s.Path));
    }

    [Fact]
    public void Analyze_InterfaceMemberRemoved_FindsTheImplementationsInBothConsumers()
    {
        var result = solution.Analyze((CalcPath, Text.Replace(ImpactSolution.Calc, "    string Name();\n", string.Empty)));

        var changed = Assert.Single(result.Changed);
        Assert.Equal("M:Lib.IShape.Name", changed.Symbol);
        Assert.Equal("removed", changed.Change);
        var square = Text.At(ImpactSolution.Invoice, "Name()");
        var circle = Text.At(ImpactSolution.Monthly, "Name()");
        Assert.Equal(
            [
                ("src/Billing/Invoice.cs", square.Line, square.Column, BreakKind.Implementation),
                ("src/Reports/Monthly.cs", circle.Line, circle.Column, BreakKind.Implementation),
            ],
            result.Sites.Select(s => (s.Path, s.Line, s.Column, s.Kind)));
    }

    [Fact]
    public void Analyze_MemberAddedToInterface_FindsEveryImplementingType()
    {
        var result = solution.Analyze((CalcPath, Text.Replace(ImpactSolution.Calc, "    string Name();\n", "    string Name();\n\n    int Sides();\n")));

        var changed = Assert.Single(result.Changed);
        Assert.Equal("M:Lib.IShape.Sides", changed.Symbol);
        Assert.False(changed.SourceCompatible);
        Assert.Equal(
            [("src/Billing/Invoice.cs", "T:Billing.Square"), ("src/Reports/Monthly.cs", "T:Reports.Circle")],
            result.Sites.Select(s => (s.Path, s.ContainingSymbol)));
        Assert.All(result.Sites, s => Assert.Equal(BreakKind.Implementation, s.Kind));
    }

    [Fact]
    public void Analyze_InterfaceMemberAddedWithADefaultImplementation_FindsNothing()
    {
        var result = solution.Analyze((CalcPath, Text.Replace(ImpactSolution.Calc, "    string Name();\n", "    string Name();\n\n    int Sides() => 0;\n")));

        Assert.Empty(result.Sites);
    }

    [Fact]
    public void Analyze_AbstractMemberAddedToAClass_FindsTheDerivedTypes()
    {
        var result = solution.Analyze((CalcPath, Text.Replace(ImpactSolution.Calc, "    public abstract string Sound();\n", "    public abstract string Sound();\n\n    public abstract int Legs { get; }\n")));

        var site = Assert.Single(result.Sites);
        Assert.Equal(("src/Billing/Invoice.cs", BreakKind.Inheritance, "T:Billing.Dog"), (site.Path, site.Kind, site.ContainingSymbol));
        Assert.Equal("P:Lib.Animal.Legs", site.Changed.Symbol);
    }

    [Fact]
    public void Analyze_MethodMadeInternal_BreaksAndSaysSo()
    {
        var result = solution.Analyze((CalcPath, Text.Replace(ImpactSolution.Calc, "public int Twice(int a)", "internal int Twice(int a)")));

        var changed = Assert.Single(result.Changed);
        Assert.Equal("made internal (was public)", changed.Change);
        Assert.False(changed.SourceCompatible);
        Assert.Empty(result.Sites); // nobody calls Twice yet
    }

    [Fact]
    public async System.Threading.Tasks.Task NewlyReferenced_ConsumerStartsCallingALibraryMember_ListsThatMemberOnlyAsync()
    {
        var versions = solution.Change(("src/Billing/Invoice.cs", Text.Replace(ImpactSolution.Invoice, "new Lib.Calc().Add(1);", "new Lib.Calc().Add(1) + new Lib.Calc().Twice(1);")));

        var added = await ReferenceQueries.NewlyReferencedAsync(versions, CancellationToken.None);

        Assert.Equal(["M:Lib.Calc.Twice(System.Int32)"], added);
    }

    [Fact]
    public async System.Threading.Tasks.Task NewErrors_RequiredParameterAdded_AreTheCallSitesOnlyAsync()
    {
        var versions = solution.Change((CalcPath, Text.Replace(ImpactSolution.Calc, "public int Add(int a) => a + 1;", "public int Add(int a, int b) => a + b;")));

        var errors = await BuildComparison.NewErrorsAsync(versions, CancellationToken.None);

        Assert.Equal(
            [("CS7036", "src/Billing/Invoice.cs"), ("CS7036", CalcPath), ("CS7036", "src/Reports/Monthly.cs")],
            errors.Select(e => (e.Id, e.Path)));
    }
}
