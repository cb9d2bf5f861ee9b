using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Core.Tests.Rules;

public sealed class AgentIdentityTests
{
    private static readonly ScopeManifest Manifest = ManifestLoader.Load("""
        {
          "version": 1,
          "agents": {
            "billing": { "branches": ["agent/billing", "agent/billing/*"], "paths": ["/src/Billing/"] },
            "docs": { "branches": ["agent/docs"], "paths": ["/docs/"] },
            "tests": { "branches": ["agent/tests/**"], "paths": ["/tests/"] }
          }
        }
        """, "scopes.json").Manifest!;

    [Fact]
    public void Resolve_OptionFirst_BeatsEveryOtherSource()
    {
        var identity = AgentIdentity.Resolve(Manifest, new IdentityInputs("docs", "tests", "billing", "worktree config", "agent/billing"));

        Assert.Equal("docs", identity.Agent!.Name);
        Assert.Equal(IdentitySource.Option, identity.Source);
    }

    [Fact]
    public void Resolve_EnvironmentSecond_BeatsConfigAndBranch()
    {
        var identity = AgentIdentity.Resolve(Manifest, new IdentityInputs(null, "tests", "billing", "worktree config", "feature/x"));

        Assert.Equal("tests", identity.Agent!.Name);
        Assert.Equal(IdentitySource.Environment, identity.Source);
    }

    [Theory]
    [InlineData("tests", null)]
    [InlineData(null, "docs")]
    public void Resolve_EnvironmentOrConfigNamingAnotherAgentThanTheBranchs_Refused(string? environment, string? config)
    {
        var ex = Assert.Throws<ScopeGuardException>(() => AgentIdentity.Resolve(Manifest, new IdentityInputs(null, environment, config, "worktree config", "agent/billing")));

        Assert.Contains("but branch \"agent/billing\" belongs to agent \"billing\"", ex.Message);
    }

    [Fact]
    public void Resolve_AgentOptionNamingAnotherAgentThanTheBranchs_IsTheOptionsAgent()
    {
        // --agent is said on the command line by whoever runs the check (a maintainer, the CI gate), not set in the agent's environment.
        var identity = AgentIdentity.Resolve(Manifest, new IdentityInputs("docs", null, null, null, "agent/billing"));

        Assert.Equal("docs", identity.Agent!.Name);
    }

    [Fact]
    public void Resolve_ConfigThird_BeatsBranch()
    {
        var identity = AgentIdentity.Resolve(Manifest, new IdentityInputs(null, "", "docs", "worktree config", "agent/docs"));

        Assert.Equal("docs", identity.Agent!.Name);
        Assert.Equal(IdentitySource.GitConfig, identity.Source);
        Assert.Contains("worktree config", identity.Reason);
    }

    [Theory]
    [InlineData("agent/billing", "billing")]
    [InlineData("agent/billing/invoices", "billing")]
    [InlineData("agent/tests/a/b", "tests")]
    [InlineData("agent/docs", "docs")]
    public void Resolve_Branch_MatchesAgentBranches(string branch, string agent)
    {
        var identity = AgentIdentity.Resolve(Manifest, new IdentityInputs(null, null, null, null, branch));

        Assert.Equal(agent, identity.Agent!.Name);
        Assert.Equal(IdentitySource.Branch, identity.Source);
    }

    [Theory]
    [InlineData("agent/billing/a/b")]
    [InlineData("agent/docs2")]
    [InlineData("main")]
    public void Resolve_BranchOfNoAgent_NoAgentAndSaysWhy(string branch)
    {
        var identity = AgentIdentity.Resolve(Manifest, new IdentityInputs(null, null, null, null, branch));

        Assert.Null(identity.Agent);
        Assert.Contains(branch, identity.Reason);
    }

    [Fact]
    public void Resolve_DetachedHead_NoAgent()
    {
        var identity = AgentIdentity.Resolve(Manifest, new IdentityInputs(null, null, null, null, null));

        Assert.Null(identity.Agent);
        Assert.Contains("detached", identity.Reason);
    }

    [Fact]
    public void Resolve_NamedAgentNotDeclared_ThrowsWithDeclaredNames()
    {
        var ex = Assert.Throws<ScopeGuardException>(() => AgentIdentity.Resolve(Manifest, new IdentityInputs(null, "biling", null, null, null)));

        Assert.Contains("SCOPEGUARD_AGENT names agent \"biling\"", ex.Message);
        Assert.Contains("billing, docs, tests", ex.Message);
    }

    [Fact]
    public void Resolve_BranchMatchingTwoAgents_Throws()
    {
        var manifest = ManifestLoader.Load("""
            { "version": 1, "agents": { "a": { "branches": ["x/*"] }, "b": { "branches": ["*/y"] } } }
            """, "scopes.json").Manifest!;

        var ex = Assert.Throws<ScopeGuardException>(() => AgentIdentity.Resolve(manifest, new IdentityInputs(null, null, null, null, "x/y")));

        Assert.Contains("matches more than one agent", ex.Message);
    }
}
