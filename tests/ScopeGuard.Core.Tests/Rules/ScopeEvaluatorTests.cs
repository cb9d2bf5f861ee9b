using System.Linq;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Core.Tests.Rules;

public sealed class ScopeEvaluatorTests
{
    private const string Json = """
        {
          "version": 1,
          "settings": {
            "protectedPaths": ["/scopes.json", "/hooks/"],
            "protectedBranches": ["main", "release/*"],
            "defaults": { "paths": ["/docs/agents/{agent}.md"] }
          },
          "agents": {
            "billing": {
              "branches": ["agent/billing", "agent/billing/*"],
              "paths": ["/src/Billing/", "/tests/Billing/", "/scopes.json"],
              "deny": ["/src/Billing/Generated/"]
            },
            "docs": { "branches": ["agent/docs"], "paths": ["/docs/", "*.md"], "mode": "warn" },
            "vendor": { "branches": ["agent/vendor"], "paths": ["/lib/sub/"] }
          }
        }
        """;

    private static readonly ScopeManifest Manifest = ManifestLoader.Load(Json, "scopes.json").Manifest!;

    private static AgentIdentity As(string agent) => new(Manifest.FindAgent(agent), IdentitySource.Option, "test");

    private static FileChange Modified(string path) => new(path, path, ChangeStatus.Modified, EntryKind.File, EntryKind.File, "a", "b");

    private static FileChange Renamed(string from, string to) => new(to, from, ChangeStatus.Renamed, EntryKind.File, EntryKind.File, "a", "a");

    [Theory]
    [InlineData("src/Billing/Invoice.cs", PathVerdict.Granted, "/src/Billing/")]
    [InlineData("src/Billing/Deep/Er/X.cs", PathVerdict.Granted, "/src/Billing/")]
    [InlineData("src/Billing/Generated/Dto.cs", PathVerdict.Denied, "/src/Billing/Generated/")]
    [InlineData("src/Shipping/Ship.cs", PathVerdict.NotGranted, null)]
    [InlineData("other/src/Billing/X.cs", PathVerdict.NotGranted, null)]
    [InlineData("scopes.json", PathVerdict.Protected, "/scopes.json")]
    [InlineData("hooks/pre-commit", PathVerdict.Protected, "/hooks/")]
    [InlineData("docs/agents/billing.md", PathVerdict.Granted, "/docs/agents/billing.md")]
    [InlineData("docs/agents/docs.md", PathVerdict.NotGranted, null)]
    public void Decide_BillingPaths_FollowsProtectedThenDenyThenPaths(string path, PathVerdict verdict, string? rule)
    {
        var decision = new ScopeEvaluator(Manifest).Decide(Manifest.FindAgent("billing")!, path);

        Assert.Equal(verdict, decision.Verdict);
        Assert.Equal(rule, decision.Rule?.Pattern.Text);
    }

    [Fact]
    public void Decide_SubmodulePath_MatchesDirectoryPattern()
    {
        var evaluator = new ScopeEvaluator(Manifest);
        var vendor = Manifest.FindAgent("vendor")!;

        Assert.True(evaluator.Decide(vendor, "lib/sub", isDirectory: true).Allowed);
        Assert.False(evaluator.Decide(vendor, "lib/sub", isDirectory: false).Allowed);
    }

    [Fact]
    public void Evaluate_InScopeChanges_NoFindings()
    {
        var findings = new ScopeEvaluator(Manifest).Evaluate(As("billing"), "agent/billing", [Modified("src/Billing/A.cs"), Modified("tests/Billing/ATests.cs")]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Evaluate_OutOfScopeChange_SG0001AsErrorWithRuleAndMessage()
    {
        var finding = Assert.Single(new ScopeEvaluator(Manifest).Evaluate(As("billing"), "agent/billing", [Modified("src/Shipping/S.cs")]));

        Assert.Equal(DiagnosticIds.PathOutOfScope, finding.Id);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal("billing", finding.Agent);
        Assert.Equal("src/Shipping/S.cs", finding.Path);
        Assert.Equal("default deny", finding.Rule);
        Assert.Contains("agent 'billing' may not change 'src/Shipping/S.cs' (modified)", finding.Message);
        Assert.Contains("/src/Billing/", finding.Message);
    }

    [Fact]
    public void Evaluate_DeniedChange_NamesTheDenyRule()
    {
        var finding = Assert.Single(new ScopeEvaluator(Manifest).Evaluate(As("billing"), "agent/billing", [Modified("src/Billing/Generated/Dto.cs")]));

        Assert.Equal(DiagnosticIds.PathOutOfScope, finding.Id);
        Assert.Equal("agents.billing.deny: /src/Billing/Generated/", finding.Rule);
        Assert.Contains("denied by '/src/Billing/Generated/'", finding.Message);
    }

    [Fact]
    public void Evaluate_ProtectedPathInsideAgentPaths_StillSG0004()
    {
        var finding = Assert.Single(new ScopeEvaluator(Manifest).Evaluate(As("billing"), "agent/billing", [Modified("scopes.json")]));

        Assert.Equal(DiagnosticIds.ProtectedPath, finding.Id);
        Assert.Contains("protected path 'scopes.json'", finding.Message);
    }

    [Fact]
    public void Evaluate_RenameOutOfScope_JudgesBothPaths()
    {
        var findings = new ScopeEvaluator(Manifest).Evaluate(As("billing"), "agent/billing", [Renamed("src/Shipping/S.cs", "src/Billing/S.cs")]);

        var finding = Assert.Single(findings);
        Assert.Equal("src/Shipping/S.cs", finding.Path);
        Assert.Contains("renamed to 'src/Billing/S.cs'", finding.Message);
    }

    [Fact]
    public void Evaluate_RenameIntoProtected_BothReported()
    {
        var findings = new ScopeEvaluator(Manifest).Evaluate(As("docs"), "agent/docs", [Renamed("src/X.cs", "hooks/x")]);

        Assert.Equal(["SG0001", "SG0004"], findings.Select(f => f.Id).Order());
    }

    [Fact]
    public void Evaluate_WarnModeAgent_FindingsAreWarnings()
    {
        var finding = Assert.Single(new ScopeEvaluator(Manifest).Evaluate(As("docs"), "agent/docs", [Modified("src/X.cs")]));

        Assert.Equal(FindingSeverity.Warning, finding.Severity);
    }

    [Fact]
    public void Evaluate_ModeOverride_BeatsAgentMode()
    {
        var evaluator = new ScopeEvaluator(Manifest);

        Assert.Equal(FindingSeverity.Error, Assert.Single(evaluator.Evaluate(As("docs"), "agent/docs", [Modified("src/X.cs")], ScopeMode.Block)).Severity);
        Assert.Equal(FindingSeverity.Warning, Assert.Single(evaluator.Evaluate(As("billing"), "agent/billing", [Modified("src/X.cs")], ScopeMode.Warn)).Severity);
    }

    [Theory]
    [InlineData("main", 27)]
    [InlineData("release/1.0", 35)]
    public void Evaluate_AgentOnProtectedBranch_SG0005AtTheRuleInTheManifest(string branch, int column)
    {
        var finding = Assert.Single(new ScopeEvaluator(Manifest).Evaluate(As("billing"), branch, [Modified("src/Billing/A.cs")]));

        Assert.Equal(DiagnosticIds.ProtectedBranch, finding.Id);
        Assert.Equal("scopes.json", finding.Path);
        Assert.Equal((5, column), (finding.Line, finding.Column));
    }

    [Fact]
    public void Evaluate_ReleaseSubBranch_NotProtectedBySingleStar()
    {
        Assert.Empty(new ScopeEvaluator(Manifest).Evaluate(As("billing"), "release/1.0/hotfix", [Modified("src/Billing/A.cs")]));
    }

    [Fact]
    public void Evaluate_UnknownAgentAllowed_NoFindings()
    {
        var nobody = new AgentIdentity(null, IdentitySource.None, "no branch matched");

        Assert.Empty(new ScopeEvaluator(Manifest).Evaluate(nobody, "feature/x", [Modified("anything")]));
    }

    [Fact]
    public void Evaluate_UnknownAgentBlocked_SG0006()
    {
        var manifest = ManifestLoader.Load("""
            { "version": 1, "settings": { "unknownAgent": "block" }, "agents": { "a": { "paths": ["/a/"] } } }
            """, "scopes.json").Manifest!;
        var nobody = new AgentIdentity(null, IdentitySource.None, "branch \"feature/x\" matches no agent's branches");

        var finding = Assert.Single(new ScopeEvaluator(manifest).Evaluate(nobody, "feature/x", [Modified("a/x")]));

        Assert.Equal(DiagnosticIds.UnknownAgent, finding.Id);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("feature/x", finding.Message);
    }

    [Fact]
    public void Evaluate_SamePathTwice_ReportedOnce()
    {
        var findings = new ScopeEvaluator(Manifest).Evaluate(
            As("billing"),
            "agent/billing",
            [Renamed("src/X.cs", "src/Y.cs"), new FileChange("src/X.cs", "src/X.cs", ChangeStatus.Added, EntryKind.None, EntryKind.File, null, "c")]);

        Assert.Equal(["src/X.cs", "src/Y.cs"], findings.Select(f => f.Path).Order());
    }
}
