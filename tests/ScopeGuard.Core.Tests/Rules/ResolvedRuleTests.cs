using System;
using System.Linq;
using System.Text;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Tests.Rules;

/// <summary>
/// Issue 17 in the evaluator: a readonly rule in the compiler's form decides for the member it names,
/// and the repository's index is asked for only when a pattern of the agent names parameters.
/// </summary>
public sealed class ResolvedRuleTests
{
    private const string Panel = """
        using Contoso.Models;

        namespace Contoso.Ui;

        public sealed class Panel
        {
            public int Add(Widget widget) => 1;
        }
        """;

    private static ScopeManifest Manifest(string readonlyPattern) => ManifestLoader.Load($$"""
        {
          "version": 1,
          "agents": {
            "ui": { "paths": ["src/"], "symbols": { "edit": ["N:Contoso"], "readonly": ["{{readonlyPattern}}"] } }
          }
        }
        """, "scopes.json").Manifest!;

    [Fact]
    public void Evaluate_ReadonlyInCompilerFormOnATypeFromTheIndex_RefusesABodyChange()
    {
        var manifest = Manifest("M:Contoso.Ui.Panel.Add(Contoso.Models.Widget)");
        var index = new Lazy<TypeIndex>(() => TypeIndex.Create([DeclarationExtractor.Extract("namespace Contoso.Models; public sealed class Widget { }")]));

        var findings = Evaluate(manifest, index);

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticIds.SymbolOutOfScope, finding.Id);
        Assert.Equal("M:Contoso.Ui.Panel.Add(Widget)", finding.Symbol);
        Assert.True(index.IsValueCreated);
    }

    [Fact]
    public void Evaluate_ReadonlyInCompilerFormWithoutTheTypeInTheIndex_StillRefusesABodyChange()
    {
        // Widget is not in the file, the index or the SDK (a package's type, say): the name cannot be
        // resolved, but the pattern's Contoso.Models.Widget and the written Widget agree but for the
        // namespace, so the readonly rule still covers Add and refuses the change (fail closed) rather
        // than leaving it to the broader edit rule.
        var manifest = Manifest("M:Contoso.Ui.Panel.Add(Contoso.Models.Widget)");

        var finding = Assert.Single(Evaluate(manifest, new Lazy<TypeIndex>(() => TypeIndex.Empty)));

        Assert.Equal(DiagnosticIds.SymbolOutOfScope, finding.Id);
        Assert.Contains("readonly M:Contoso.Ui.Panel.Add(Contoso.Models.Widget)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoPatternNamesParameters_NeverAsksForTheIndex()
    {
        var manifest = Manifest("M:Contoso.Ui.Panel.Add(*)");
        var index = new Lazy<TypeIndex>(() => throw new InvalidOperationException("the index must not be built"));

        var findings = Evaluate(manifest, index);

        Assert.Equal(DiagnosticIds.SymbolOutOfScope, Assert.Single(findings).Id);
        Assert.False(index.IsValueCreated);
    }

    [Fact]
    public void Evaluate_PatternNamesParametersOfAnotherMember_NeverAsksForTheIndex()
    {
        // Only members a pattern with a parameter list names are resolved: Add is not Remove.
        var manifest = Manifest("M:Contoso.Ui.Panel.Remove(Contoso.Models.Widget)");
        var index = new Lazy<TypeIndex>(() => throw new InvalidOperationException("the index must not be built"));

        Assert.Empty(Evaluate(manifest, index));
        Assert.False(index.IsValueCreated);
    }

    [Theory]
    [InlineData("M:Contoso.Ui.Panel.Add(Contoso.Models.Widget,System.Int32)", "Contoso Models Widget System Int32")]
    [InlineData("M:Contoso.Ui.Panel.Map``1(System.Collections.Generic.List{``0})", "System Collections Generic List")]
    [InlineData("M:Contoso.Ui.Panel.Add(*)", "")]
    [InlineData("T:Contoso.Ui.Panel", "")]
    public void NamesToResolve_IdentifiersOfParameterLists(string pattern, string names)
    {
        var parsed = SymbolPattern.TryParse(pattern, out _)!;
        Assert.Equal(names.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), TypeResolution.NamesToResolve([parsed]).Order(StringComparer.Ordinal));
    }

    private static System.Collections.Generic.IReadOnlyList<Finding> Evaluate(ScopeManifest manifest, Lazy<TypeIndex> index) =>
        new ScopeEvaluator(manifest).Evaluate(
            new AgentIdentity(manifest.FindAgent("ui"), IdentitySource.Option, "test"),
            "agent/ui",
            [new FileChange("src/Ui/Panel.cs", "src/Ui/Panel.cs", ChangeStatus.Modified, EntryKind.File, EntryKind.File, "a", "b")],
            contents: new Texts(Panel, Panel.Replace("=> 1;", "=> 2;", StringComparison.Ordinal)),
            types: index);

    private sealed class Texts(string old, string @new) : IChangeContents
    {
        public byte[]? ReadOld(FileChange change) => Encoding.UTF8.GetBytes(old);

        public byte[]? ReadNew(FileChange change) => Encoding.UTF8.GetBytes(@new);
    }
}
