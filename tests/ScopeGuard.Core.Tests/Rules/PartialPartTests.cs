using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Core.Tests.Rules;

/// <summary>A new <c>partial</c> part of a type changes that type: the rules of its existing parts decide.</summary>
public sealed class PartialPartTests
{
    private const string Json = """
        {
          "version": 1,
          "agents": {
            "billing": { "paths": ["src/Billing/"] },
            "granted": { "paths": ["src/Billing/"], "symbols": { "extend": ["T:Contoso.Shipping.Box"] } },
            "shipping": { "paths": ["src/Shipping/", "src/Billing/"] }
          }
        }
        """;

    private const string Hijack = "namespace Contoso.Shipping;\n\npublic partial class Box\n{\n    public int Hijack() => 42;\n}\n";

    private static readonly ScopeManifest Manifest = ManifestLoader.Load(Json, "scopes.json").Manifest!;

    [Fact]
    public void Evaluate_PartialPartInOwnPathsOfATypeDeclaredOutsideThem_SG0002NamingTheType()
    {
        var findings = Evaluate("billing", Hijack, new Parts("src/Shipping/Box.cs"));

        var finding = Assert.Single(findings);
        Assert.Equal(("SG0002", "src/Billing/Box.Hijack.cs", 3, 22, "T:Contoso.Shipping.Box"), (finding.Id, finding.Path, finding.Line, finding.Column, finding.Symbol));
        Assert.Contains("'src/Shipping/Box.cs'", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("granted")]
    [InlineData("shipping")]
    public void Evaluate_PartialPartWithAGrantOnTheTypeOrItsOtherPaths_Allowed(string agent)
    {
        Assert.Empty(Evaluate(agent, Hijack, new Parts("src/Shipping/Box.cs")));
    }

    [Fact]
    public void Evaluate_ImplementingPartOfAPartialMethodDeclaredOutsideThePaths_SG0002NamingTheMethod()
    {
        const string Before = "namespace Contoso.Shipping;\n\npublic partial class Box\n{\n}\n";
        var after = Before.Replace("{\n}", "{\n    partial void OnOpened() { Steal(); }\n}", StringComparison.Ordinal);
        var change = new FileChange("src/Billing/Box.Billing.cs", "src/Billing/Box.Billing.cs", ChangeStatus.Modified, EntryKind.File, EntryKind.File, "old", "new");
        var parts = new MemberParts("M:Contoso.Shipping.Box.OnOpened", "src/Shipping/Box.cs");

        var findings = new ScopeEvaluator(Manifest).Evaluate(new AgentIdentity(Manifest.FindAgent("billing"), IdentitySource.Option, "test"), "agent/x", [change], null, new TwoSides(Before, after), parts);

        var finding = Assert.Single(findings);
        Assert.Equal(("SG0002", "M:Contoso.Shipping.Box.OnOpened"), (finding.Id, finding.Symbol));
        Assert.Contains("may not add a part to partial member 'M:Contoso.Shipping.Box.OnOpened'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("'src/Shipping/Box.cs'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PartialTypeDeclaredNowhereElse_Allowed()
    {
        Assert.Empty(Evaluate("billing", Hijack, new Parts()));
    }

    [Fact]
    public void Evaluate_NonPartialTypeOfTheSameName_NotAskedAbout()
    {
        var parts = new Parts("src/Shipping/Box.cs");

        Assert.Empty(Evaluate("billing", Hijack.Replace("partial ", string.Empty, StringComparison.Ordinal), parts));
        Assert.Equal(0, parts.Asked);
    }

    private static IReadOnlyList<Finding> Evaluate(string agent, string text, Parts parts)
    {
        var change = new FileChange("src/Billing/Box.Hijack.cs", "src/Billing/Box.Hijack.cs", ChangeStatus.Added, EntryKind.None, EntryKind.File, null, "new");
        return new ScopeEvaluator(Manifest).Evaluate(new AgentIdentity(Manifest.FindAgent(agent), IdentitySource.Option, "test"), "agent/x", [change], null, new Contents(text), parts);
    }

    private sealed class Parts(params string[] files) : IPartialTypeParts
    {
        public int Asked { get; private set; }

        public IReadOnlyList<string> FilesDeclaring(DeclarationId type, string exceptPath)
        {
            Asked++;
            return type.ToString() == "T:Contoso.Shipping.Box" ? files.Where(f => f != exceptPath).ToList() : [];
        }
    }

    private sealed class Contents(string text) : FakeContents(null, text);

    private sealed class MemberParts(string id, string file) : IPartialTypeParts
    {
        public IReadOnlyList<string> FilesDeclaring(DeclarationId type, string exceptPath) =>
            type.ToString() == id ? [file] : [];
    }

    private sealed class TwoSides(string old, string @new) : FakeContents(old, @new);
}
