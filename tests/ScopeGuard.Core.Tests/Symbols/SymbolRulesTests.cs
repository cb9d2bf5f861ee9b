using System.Linq;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Tests.Symbols;

public sealed class SymbolRulesTests
{
    private const string Json = """
        {
          "version": 1,
          "agents": {
            "billing": {
              "branches": ["agent/billing"],
              "paths": ["/src/Billing/"],
              "symbols": {
                "edit": ["N:Contoso.Billing"],
                "body": ["T:Contoso.Shared.SystemClock"],
                "extend": ["T:Contoso.Shared.ServiceCollectionExtensions"],
                "readonly": ["N:Contoso.Billing.Contracts", "T:Contoso.Shared.SystemClock.Frozen"]
              }
            },
            "wide": {
              "branches": ["agent/wide"],
              "symbols": {
                "edit": ["T:Contoso.**"],
                "readonly": ["N:Contoso.Billing", "T:Contoso.Legacy.Invoice"]
              }
            },
            "all": {
              "branches": ["agent/all"],
              "symbols": {
                "edit": ["T:Contoso.Tie"],
                "body": ["T:Contoso.Tie"],
                "extend": ["T:Contoso.Tie"],
                "readonly": ["T:Contoso.Tie"]
              }
            },
            "three": {
              "branches": ["agent/three"],
              "symbols": { "edit": ["T:Contoso.Tie"], "body": ["T:Contoso.Tie"], "extend": ["T:Contoso.Tie"] }
            },
            "two": {
              "branches": ["agent/two"],
              "symbols": { "edit": ["T:Contoso.Tie"], "body": ["T:Contoso.Tie"] }
            },
            "overloads": {
              "branches": ["agent/overloads"],
              "symbols": { "readonly": ["M:Contoso.Tie.Run(*)"], "edit": ["M:Contoso.Tie.Run(System.Int32)"] }
            },
            "none": { "branches": ["agent/none"], "paths": ["**"] }
          }
        }
        """;

    private const string Source = """
        namespace Contoso.Billing
        {
            class Invoice { void Add(int amount) { } }
        }
        namespace Contoso.Billing.Contracts
        {
            interface IInvoice { decimal Total { get; } }
        }
        namespace Contoso.Shared
        {
            class SystemClock { long Ticks() => 0; class Frozen { long At() => 0; } }
            static class ServiceCollectionExtensions { static void AddBilling(object services) { } }
            class Other { }
        }
        namespace Contoso.Legacy
        {
            class Invoice { class Line { decimal Total { get; } } }
        }
        namespace Contoso
        {
            class Tie { void Run(int a) { } void Run(long a) { } }
        }
        """;

    private static readonly ScopeManifest Manifest = LoadManifest();

    private static ScopeManifest LoadManifest()
    {
        var result = ManifestLoader.Load(Json, "scopes.json");
        Assert.True(result.Manifest is not null, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Manifest!;
    }

    private static AgentScope Agent(string name) => Manifest.FindAgent(name)!;

    private static DeclarationId Id(string id) =>
        Assert.Single(DeclarationExtractor.Extract(Source).Declarations, d => d.Id.ToString() == id).Id;

    private static SymbolRule Rule(SymbolAccess access, string pattern, string id)
    {
        var parsed = SymbolPattern.TryParse(pattern, out _)!;
        var entry = new ManifestEntry<SymbolPattern>(pattern, parsed, new TextPosition(1, 1), "agents.a.symbols." + access.ToString().ToLowerInvariant());
        return new SymbolRule(access, entry, parsed.Match(Id(id))!.Value);
    }

    [Theory]
    [InlineData("M:Contoso.Billing.Invoice.Add(System.Int32)", "edit N:Contoso.Billing")]
    [InlineData("T:Contoso.Billing.Invoice", "edit N:Contoso.Billing")]
    [InlineData("N:Contoso.Billing", "edit N:Contoso.Billing")]
    [InlineData("P:Contoso.Billing.Contracts.IInvoice.Total", "readonly N:Contoso.Billing.Contracts")]
    [InlineData("N:Contoso.Billing.Contracts", "readonly N:Contoso.Billing.Contracts")]
    [InlineData("M:Contoso.Shared.SystemClock.Ticks", "body T:Contoso.Shared.SystemClock")]
    [InlineData("M:Contoso.Shared.SystemClock.Frozen.At", "readonly T:Contoso.Shared.SystemClock.Frozen")]
    [InlineData("M:Contoso.Shared.ServiceCollectionExtensions.AddBilling(System.Object)", "extend T:Contoso.Shared.ServiceCollectionExtensions")]
    public void Decide_MostSpecificRuleWins(string id, string rule)
    {
        Assert.Equal(rule, SymbolRules.Decide(Agent("billing"), Id(id))?.Text);
    }

    [Theory]
    [InlineData("T:Contoso.Shared.Other", "edit T:Contoso.**")]
    [InlineData("N:Contoso.Billing", "readonly N:Contoso.Billing")]
    [InlineData("T:Contoso.Legacy.Invoice", "readonly T:Contoso.Legacy.Invoice")]
    [InlineData("P:Contoso.Legacy.Invoice.Line.Total", "readonly T:Contoso.Legacy.Invoice")]
    [InlineData("T:Contoso.Billing.Invoice", "edit T:Contoso.**")]
    public void Decide_DoubleStarTypePattern_TypeBeatsNamespaceLiteralBeatsWildcard(string id, string rule)
    {
        // A type pattern beats a namespace pattern (documented), even with wildcards; a literal type
        // beats T:Contoso.** for the type's members and nested types.
        Assert.Equal(rule, SymbolRules.Decide(Agent("wide"), Id(id))?.Text);
    }

    [Fact]
    public void Covering_ListsEveryCoveringRuleDecidingFirst()
    {
        var rules = SymbolRules.Covering(Agent("billing"), Id("P:Contoso.Billing.Contracts.IInvoice.Total"));

        Assert.Equal(["readonly N:Contoso.Billing.Contracts", "edit N:Contoso.Billing"], rules.Select(r => r.Text));
        Assert.Equal("agents.billing.symbols.readonly", rules[0].Entry.Origin);
    }

    [Fact]
    public void Decide_NoRuleNamesTheDeclaration_Null()
    {
        Assert.Null(SymbolRules.Decide(Agent("none"), Id("T:Contoso.Tie")));
        Assert.Null(SymbolRules.Decide(Agent("overloads"), Id("T:Contoso.Tie")));
        Assert.Empty(SymbolRules.Covering(Agent("none"), Id("T:Contoso.Tie")));
    }

    [Theory]
    [InlineData("all", SymbolAccess.ReadOnly)]
    [InlineData("three", SymbolAccess.Extend)]
    [InlineData("two", SymbolAccess.Body)]
    public void Decide_EqualSpecificity_MostRestrictiveWins(string agent, SymbolAccess access)
    {
        var rules = SymbolRules.Covering(Agent(agent), Id("M:Contoso.Tie.Run(System.Int32)"));

        Assert.Equal(access, rules[0].Access);
        Assert.Equal(rules.Select(r => r.Access).OrderByDescending(a => a switch { SymbolAccess.ReadOnly => 3, SymbolAccess.Extend => 2, SymbolAccess.Body => 1, _ => 0 }), rules.Select(r => r.Access));
    }

    [Fact]
    public void Decide_ExactOverloadBeatsEveryOverload()
    {
        Assert.Equal(SymbolAccess.Edit, SymbolRules.Decide(Agent("overloads"), Id("M:Contoso.Tie.Run(System.Int32)"))!.Access);
        Assert.Equal(SymbolAccess.ReadOnly, SymbolRules.Decide(Agent("overloads"), Id("M:Contoso.Tie.Run(System.Int64)"))!.Access);
    }

    [Theory]
    [InlineData(DeclarationChangeKind.TriviaOnly, true)]
    [InlineData(DeclarationChangeKind.BodyChanged, true)]
    [InlineData(DeclarationChangeKind.SignatureChanged, true)]
    [InlineData(DeclarationChangeKind.Added, true)]
    [InlineData(DeclarationChangeKind.Removed, true)]
    public void Allows_Edit_Anything(DeclarationChangeKind kind, bool allowed)
    {
        Assert.Equal(allowed, Rule(SymbolAccess.Edit, "T:Contoso.Tie", "M:Contoso.Tie.Run(System.Int32)").Allows(kind));
        Assert.Equal(allowed, Rule(SymbolAccess.Edit, "T:Contoso.Tie", "T:Contoso.Tie").Allows(kind));
    }

    [Theory]
    [InlineData(DeclarationChangeKind.TriviaOnly, true)]
    [InlineData(DeclarationChangeKind.BodyChanged, true)]
    [InlineData(DeclarationChangeKind.SignatureChanged, false)]
    [InlineData(DeclarationChangeKind.Added, false)]
    [InlineData(DeclarationChangeKind.Removed, false)]
    public void Allows_Body_ImplementationAndTriviaOnly(DeclarationChangeKind kind, bool allowed)
    {
        Assert.Equal(allowed, Rule(SymbolAccess.Body, "T:Contoso.Tie", "M:Contoso.Tie.Run(System.Int32)").Allows(kind));
        Assert.Equal(allowed, Rule(SymbolAccess.Body, "T:Contoso.Tie", "T:Contoso.Tie").Allows(kind));
    }

    [Theory]
    [InlineData(DeclarationChangeKind.TriviaOnly, true, true)]
    [InlineData(DeclarationChangeKind.Added, true, false)]
    [InlineData(DeclarationChangeKind.BodyChanged, false, false)]
    [InlineData(DeclarationChangeKind.SignatureChanged, false, false)]
    [InlineData(DeclarationChangeKind.Removed, false, false)]
    public void Allows_Extend_AddingInsideTheTargetOnly(DeclarationChangeKind kind, bool inside, bool target)
    {
        Assert.Equal(inside, Rule(SymbolAccess.Extend, "T:Contoso.Tie", "M:Contoso.Tie.Run(System.Int32)").Allows(kind));
        Assert.Equal(target, Rule(SymbolAccess.Extend, "T:Contoso.Tie", "T:Contoso.Tie").Allows(kind));
    }

    [Fact]
    public void Allows_ExtendOnANamespace_ANewFileDeclaringTheNamespaceIsNotANewTarget()
    {
        // Every file that declares types in a namespace has its own namespace declaration: adding
        // such a file adds members to the namespace, it does not create the namespace.
        var rule = Rule(SymbolAccess.Extend, "N:Contoso.Billing", "N:Contoso.Billing");

        Assert.True(rule.Match.IsTarget);
        Assert.True(rule.Allows(DeclarationChangeKind.Added));
        Assert.False(rule.Allows(DeclarationChangeKind.Removed));
        Assert.False(rule.Allows(DeclarationChangeKind.SignatureChanged));
    }

    [Theory]
    [InlineData(DeclarationChangeKind.TriviaOnly)]
    [InlineData(DeclarationChangeKind.BodyChanged)]
    [InlineData(DeclarationChangeKind.SignatureChanged)]
    [InlineData(DeclarationChangeKind.Added)]
    [InlineData(DeclarationChangeKind.Removed)]
    public void Allows_ReadOnly_Nothing(DeclarationChangeKind kind)
    {
        // Trivia under a readonly rule is judged by the path rule (see ScopeEvaluator), not allowed here.
        Assert.False(Rule(SymbolAccess.ReadOnly, "T:Contoso.Tie", "M:Contoso.Tie.Run(System.Int32)").Allows(kind));
    }

    [Theory]
    [InlineData(SymbolAccess.Edit, "edit")]
    [InlineData(SymbolAccess.Body, "body")]
    [InlineData(SymbolAccess.Extend, "extend")]
    [InlineData(SymbolAccess.ReadOnly, "readonly")]
    public void Text_AccessAndPatternAsWritten(SymbolAccess access, string name)
    {
        var rule = Rule(access, "T:Contoso.Tie", "T:Contoso.Tie");

        Assert.Equal(name, rule.AccessName);
        Assert.Equal(name + " T:Contoso.Tie", rule.Text);
    }
}
