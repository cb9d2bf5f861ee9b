using System;
using System.Linq;
using System.Text.Json;
using ScopeGuard.Workspace.Tests.Support;

namespace ScopeGuard.Workspace.Tests;

/// <summary>
/// <c>scopeguard impact</c> and <c>check --semantic</c> end to end, in-process, on the shared real
/// solution: each test commits its change on an agent branch and judges the range from main.
/// </summary>
public sealed class ImpactCommandTests : IClassFixture<ImpactSolution>
{
    private readonly ImpactSolution solution;

    public ImpactCommandTests(ImpactSolution solution)
    {
        this.solution = solution;
    }

    [Fact]
    public void Impact_ParameterAddedToLibraryMethod_ReportsSG0010AtEachOtherAgentsCallSite()
    {
        solution.Branch("agent/lib-required", ("src/Lib/Calc.cs", Text.Replace(ImpactSolution.Calc, "public int Add(int a) => a + 1;", "public int Add(int a, int b) => a + b;")));

        var result = InProcessCli.Run(solution.Path, "impact", "--base", "main", "--head", "agent/lib-required", "--agent", "lib", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Id: f.GetProperty("id").GetString(), Severity: f.GetProperty("severity").GetString(), Path: f.GetProperty("path").GetString(), Line: f.GetProperty("line").GetInt32(), Column: f.GetProperty("column").GetInt32(), Message: f.GetProperty("message").GetString()!))
            .ToList();
        var billing = Text.At(ImpactSolution.Invoice, "Add(1)");
        var reports = Text.At(ImpactSolution.Monthly, "Add(2)");

        // The library's own call site (Calc.Three) is agent lib's business: not reported.
        Assert.Equal(
            [("SG0010", "error", "src/Billing/Invoice.cs", billing.Line, billing.Column), ("SG0010", "error", "src/Reports/Monthly.cs", reports.Line, reports.Column)],
            findings.Select(f => (f.Id, f.Severity, f.Path, f.Line, f.Column)));
        Assert.Equal(
            "agent lib's change to `M:Lib.Calc.Add(System.Int32)` (parameters (int a) → (int a, int b), src/Lib/Calc.cs(5,16)) breaks this call site, owned by agent billing",
            findings[0].Message);
        Assert.EndsWith("owned by agent reports", findings[1].Message, StringComparison.Ordinal);
        Assert.Contains("loaded All.slnx: 3 project(s)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Impact_OptionalTrailingParameter_IsANoteThatSaysItStillCompilesAndExitsZero()
    {
        solution.Branch("agent/lib-optional", ("src/Lib/Calc.cs", Text.Replace(ImpactSolution.Calc, "public int Add(int a) => a + 1;", "public int Add(int a, int step = 1) => a + step;")));

        var result = InProcessCli.Run(solution.Path, "impact", "--base", "main", "--head", "agent/lib-optional", "--agent", "lib");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.Split('\n').Where(l => l.Contains(" SG0010: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Contains(": note SG0010: agent lib's change to `M:Lib.Calc.Add(System.Int32)` (parameters (int a) → (int a, int step = 1)", l, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Contains("keeps source compatibility: a new optional parameter at the end", l, StringComparison.Ordinal));
        Assert.Contains("clean, with 2 note(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Impact_BodyOnlyChange_ReportsNothing()
    {
        solution.Branch("agent/lib-body", ("src/Lib/Calc.cs", Text.Replace(ImpactSolution.Calc, "=> a + 1;", "=> a + 2;")));

        var result = InProcessCli.Run(solution.Path, "impact", "--base", "main", "--head", "agent/lib-body", "--agent", "lib", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(0, json.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void Impact_Build_AttributesTheHeadsNewCompilerErrorsToTheChangeAndTheOwner()
    {
        solution.Branch("agent/lib-build", ("src/Lib/Calc.cs", Text.Replace(ImpactSolution.Calc, "public int Add(int a) => a + 1;", "public int Add(int a, int b) => a + b;")));

        var result = InProcessCli.Run(solution.Path, "impact", "--base", "main", "--head", "agent/lib-build", "--agent", "lib", "--build", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var notes = json.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Contains("agent lib's change to `M:Lib.Calc.Add(System.Int32)` broke 1 call site(s) owned by agent billing (new compiler errors at the head)", notes);
        Assert.Contains("agent lib's change to `M:Lib.Calc.Add(System.Int32)` broke 1 call site(s) owned by agent reports (new compiler errors at the head)", notes);
        var compile = json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()!).Where(m => m.StartsWith("the head does not compile here (CS7036", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, compile.Count);
    }

    [Fact]
    public void CheckSemantic_RangeCheck_AddsTheSemanticFindingsToTheSarifLog()
    {
        solution.Branch("agent/lib-sarif", ("src/Lib/Calc.cs", Text.Replace(ImpactSolution.Calc, "    string Name();\n", "    string Name();\n\n    int Sides();\n")));

        var result = InProcessCli.Run(solution.Path, "check", "--base", "main", "--head", "agent/lib-sarif", "--agent", "lib", "--semantic", "--format", "sarif");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var run = json.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["SG0010", "SG0010"], results.Select(r => r.GetProperty("ruleId").GetString()));
        Assert.Equal(
            ["src/Billing/Invoice.cs", "src/Reports/Monthly.cs"],
            results.Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()));
        Assert.Contains(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray(), r => r.GetProperty("name").GetString() == "ChangeBreaksOtherScope");
    }

    [Fact]
    public void CheckSemantic_WithoutBase_IsAUsageError()
    {
        var result = InProcessCli.Run(solution.Path, "check", "--staged", "--semantic");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--semantic goes with --base", result.Error, StringComparison.Ordinal);
    }
}
