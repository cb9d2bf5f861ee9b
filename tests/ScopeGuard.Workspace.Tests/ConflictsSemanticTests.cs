using System;
using System.Linq;
using System.Text.Json;
using ScopeGuard.Workspace.Tests.Support;

namespace ScopeGuard.Workspace.Tests;

/// <summary>
/// <c>scopeguard conflicts --semantic</c> end to end, in-process, on the shared real solution: agent lib
/// changes <c>Lib.Calc.Add</c> on its branch, agent billing's branch adds a new call to it in a file lib
/// never touched, agent reports' branch adds a call to a member lib left alone. Each test sets the three
/// agent branches afresh from main.
/// </summary>
public sealed class ConflictsSemanticTests : IClassFixture<ImpactSolution>
{
    private const string Extra = """
        namespace Billing;

        public class Extra
        {
            public int More() => new Lib.Calc().Add(5);
        }
        """;

    private const string Weekly = """
        namespace Reports;

        public class Weekly
        {
            public int Sum() => new Lib.Calc().Three();
        }
        """;

    private readonly ImpactSolution solution;

    public ConflictsSemanticTests(ImpactSolution solution)
    {
        this.solution = solution;
    }

    [Fact]
    public void Semantic_LibChangesAddsSignatureAndBillingNewlyCallsIt_ReportsThePairInEveryFormat()
    {
        Branches("public int Add(int a, int b) => a + b;");

        var result = InProcessCli.Run(solution.Path, "conflicts", "--semantic", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var pairs = json.RootElement.GetProperty("pairs").EnumerateArray().ToList();
        var pair = Assert.Single(pairs);
        Assert.Equal(["billing", "lib"], new[] { pair.GetProperty("first").GetString(), pair.GetProperty("second").GetString() }.Order());
        Assert.Equal("calls", pair.GetProperty("level").GetString());
        var use = Assert.Single(pair.GetProperty("semantic").EnumerateArray().ToList());
        var at = Text.At(Extra, "Add(5)");
        Assert.Equal(
            ("M:Lib.Calc.Add(System.Int32)", "lib", "billing", "src/Billing/Extra.cs", at.Line, at.Column, "src/Lib/Calc.cs"),
            (use.GetProperty("symbol").GetString(), use.GetProperty("changedBy").GetString(), use.GetProperty("calledBy").GetString(), use.GetProperty("path").GetString(), use.GetProperty("line").GetInt32(), use.GetProperty("column").GetInt32(), use.GetProperty("changedPath").GetString()));
        Assert.Contains("(int a) → (int a, int b)", use.GetProperty("change").GetString(), StringComparison.Ordinal);

        // The matrix: lib x billing "calls", reports overlaps neither.
        var labels = json.RootElement.GetProperty("matrix").GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();
        var levels = json.RootElement.GetProperty("matrix").GetProperty("levels");
        string? Cell(string row, string column) => levels[labels.IndexOf(row)][labels.IndexOf(column)].GetString();
        Assert.Equal("calls", Cell("lib", "billing"));
        Assert.Equal("calls", Cell("billing", "lib"));
        Assert.Equal("none", Cell("lib", "reports"));
        Assert.Equal("none", Cell("billing", "reports"));

        // One SG0110 finding for the pair, at billing's new call.
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray().ToList());
        Assert.Equal(("SG0110", "src/Billing/Extra.cs", at.Line, at.Column), (finding.GetProperty("id").GetString(), finding.GetProperty("path").GetString(), finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32()));
        Assert.Contains("\"billing\" (agent/billing) newly calls a member \"lib\" (agent/lib) changed: `M:Lib.Calc.Add(System.Int32)`", finding.GetProperty("message").GetString(), StringComparison.Ordinal);

        var text = InProcessCli.Run(solution.Path, "conflicts", "--semantic");
        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.Contains(": calls a changed member", text.Output, StringComparison.Ordinal);
        Assert.Contains($"M:Lib.Calc.Add(System.Int32): lib ", text.Output, StringComparison.Ordinal);
        Assert.Contains($"billing newly calls it (src/Billing/Extra.cs({at.Line},{at.Column}))", text.Output, StringComparison.Ordinal);

        var markdown = InProcessCli.Run(solution.Path, "conflicts", "--semantic", "--format", "markdown");
        Assert.Contains("billing newly calls `M:Lib.Calc.Add(System.Int32)`, which lib changed", markdown.Output, StringComparison.Ordinal);

        var sarif = InProcessCli.Run(solution.Path, "conflicts", "--semantic", "--format", "sarif");
        using var log = JsonDocument.Parse(sarif.Output);
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("SG0110", Assert.Single(results).GetProperty("ruleId").GetString());
    }

    [Fact]
    public void Semantic_LibChangesAddsBodyOnly_StillCountsBillingsNewCall()
    {
        Branches("public int Add(int a) => a + 2;");

        var result = InProcessCli.Run(solution.Path, "conflicts", "--semantic", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var pair = Assert.Single(json.RootElement.GetProperty("pairs").EnumerateArray().ToList());
        var use = Assert.Single(pair.GetProperty("semantic").EnumerateArray().ToList());
        Assert.Equal(("M:Lib.Calc.Add(System.Int32)", "body changed", "billing"), (use.GetProperty("symbol").GetString(), use.GetProperty("change").GetString(), use.GetProperty("calledBy").GetString()));
    }

    [Fact]
    public void WithoutSemantic_TheSamePairIsNoOverlap()
    {
        Branches("public int Add(int a, int b) => a + b;");

        var result = InProcessCli.Run(solution.Path, "conflicts", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.Empty(json.RootElement.GetProperty("pairs").EnumerateArray());
        Assert.Empty(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.DoesNotContain("loaded All.slnx", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Semantic_WithStaged_IsAUsageError()
    {
        var result = InProcessCli.Run(solution.Path, "conflicts", "--semantic", "--staged");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--semantic compares agents' branches", result.Error, StringComparison.Ordinal);
    }

    // agent/lib: Add as given; agent/billing: a new file calling Add; agent/reports: a new file calling Three, which lib leaves alone.
    private void Branches(string add)
    {
        foreach (var branch in new[] { "agent/lib", "agent/billing", "agent/reports" })
        {
            if (solution.Git("branch", "--list", branch).Trim().Length > 0)
            {
                solution.Git("branch", "-D", branch);
            }
        }

        solution.Branch("agent/lib", ("src/Lib/Calc.cs", Text.Replace(ImpactSolution.Calc, "public int Add(int a) => a + 1;", add)));
        solution.Branch("agent/billing", ("src/Billing/Extra.cs", Extra));
        solution.Branch("agent/reports", ("src/Reports/Weekly.cs", Weekly));
    }
}
