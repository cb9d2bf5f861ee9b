using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Core.Tests.Rules;

/// <summary>
/// The evaluator skips the declaration diff of a file whose path the agent may write when none of the
/// agent's body, extend or readonly rules can cover a declaration in it. The skip must never change a
/// verdict: every case here is also judged through <see cref="ScopeEvaluator.JudgeFile"/> on a real
/// declaration diff, and an agent trying to hide a protected name from the text check must still be caught.
/// </summary>
public sealed class SkipParsingTests
{
    private const string Json = """
        {
          "version": 1,
          "agents": {
            "guarded": {
              "paths": ["src/"],
              "symbols": {
                "edit": ["N:Contoso"],
                "body": ["T:Contoso.Shared.SystemClock"],
                "readonly": ["N:Contoso.Billing.Contracts"]
              }
            },
            "granted": {
              "paths": ["src/"],
              "symbols": { "edit": ["N:Contoso.Billing"] }
            }
          }
        }
        """;

    private const string Clock = """
        namespace Contoso.Shared;

        public sealed class SystemClock
        {
            public long Ticks() => 1;
        }
        """;

    private const string Invoice = """
        namespace Contoso.Billing;

        public sealed class Invoice
        {
            public decimal Total() => 1m;
        }
        """;

    private static readonly ScopeManifest Manifest = ManifestLoader.Load(Json, "scopes.json").Manifest!;

    public static TheoryData<string, string, string, int> Edits() => new()
    {
        // Nothing a restrictive rule names: no finding, with or without a parse.
        { "unrelated signature change", Invoice, Invoice.Replace("Total()", "Total(int discount)"), 0 },

        // The protected type, written plainly.
        { "body-only type, signature changed", Clock, Clock.Replace("long Ticks()", "int Ticks()"), 1 },

        // The protected type's name spelled with a Unicode escape: its ID is the same.
        { "name hidden by a \\u escape", Clock, Clock.Replace("long Ticks()", "int Ticks()").Replace("SystemClock", "Sys\\u0074emClock"), 2 },
        { "name hidden by a \\u escape on the old side", Clock.Replace("SystemClock", "Sys\\u0074emClock"), Invoice, 2 },

        // A formatting character (U+200B) inside the identifier: the compiler drops it from the name.
        { "name split by a formatting character", Clock, Clock.Replace("long Ticks()", "int Ticks()").Replace("SystemClock", "System\u200BClock"), 2 },

        // Only the old side names the protected type: removing it is a change to it.
        { "protected type removed", Clock, Invoice, 2 },

        // A readonly namespace reached through nested namespace declarations.
        { "readonly namespace, nested declarations", "namespace Contoso.Billing { namespace Contracts { interface IInvoice { int Total(); } } }", "namespace Contoso.Billing { namespace Contracts { interface IInvoice { long Total(); } } }", 1 },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Evaluate_AllowedPath_SameFindingsAsAFullDeclarationDiff(string name, string before, string after, int expectedFindings)
    {
        var evaluated = EvaluateAsAFullDiffWould(Manifest, "guarded", before, after);

        Assert.True(evaluated.Count == expectedFindings, $"{name}: {evaluated.Count} finding(s), expected {expectedFindings}: {string.Join("; ", evaluated.Select(f => f.Message))}");
    }

    [Fact]
    public void Evaluate_AllowedPathAndEditRulesOnly_ReadsNoContents()
    {
        var (findings, texts) = EditClockAsGranted("src/Clock.cs");

        Assert.Empty(findings);
        Assert.Equal(0, texts.Reads);
    }

    [Fact]
    public void Evaluate_PathOutsideTheAgentsPaths_StillJudgedDeclarationByDeclaration()
    {
        var (findings, texts) = EditClockAsGranted("docs/Clock.cs");

        Assert.Equal([("SG0001", "M:Contoso.Shared.SystemClock.Ticks")], findings.Select(f => (f.Id, f.Symbol!)));
        Assert.Equal(2, texts.Reads);
    }

    // A wildcard can match inside a name the compiler makes up or normalizes, which the text never
    // spells: each of these patterns covers a declaration whose file lacks the pattern's literal pieces.
    public static TheoryData<string, string, string> MadeUpNames() => new()
    {
        { "M:Contoso.Shared.SystemClock.*ctor", "namespace Contoso.Shared; class SystemClock { static SystemClock() { A(); } }", "namespace Contoso.Shared; class SystemClock { static SystemClock() { B(); } }" },
        { "M:Contoso.Money.*Addition(*)", "namespace Contoso; class Money { public static Money operator +(Money a, Money b) => a; }", "namespace Contoso; class Money { public static Money operator +(Money a, Money b) => b; }" },
        { "M:Contoso.Money.*Implicit(*)", "namespace Contoso; class Money { public static implicit operator decimal(Money m) => 1m; }", "namespace Contoso; class Money { public static implicit operator decimal(Money m) => 2m; }" },
        { "M:Contoso.Handle.Fin*", "namespace Contoso; class Handle { ~Handle() { A(); } }", "namespace Contoso; class Handle { ~Handle() { B(); } }" },
        { "P:Contoso.Table.It*(*)", "namespace Contoso; class Table { int this[int i] => 1; }", "namespace Contoso; class Table { int this[int i] => 2; }" },
        { "T:Prog*", "System.Console.WriteLine(1);", "System.Console.WriteLine(2);" },
        { "M:Contoso.Money.*IEquatable*Int32*(*)", "namespace Contoso; class Money : System.IEquatable<int> { bool System.IEquatable<int>.Equals(int o) => true; }", "namespace Contoso; class Money : System.IEquatable<int> { bool System.IEquatable<int>.Equals(int o) => false; }" },
    };

    [Theory]
    [MemberData(nameof(MadeUpNames))]
    public void Evaluate_WildcardOverAMadeUpName_StillParsedAndFound(string pattern, string before, string after)
    {
        var json = $$"""
            { "version": 1, "agents": { "a": { "paths": ["src/"], "symbols": { "readonly": ["{{pattern}}"] } } } }
            """;
        var evaluated = EvaluateAsAFullDiffWould(ManifestLoader.Load(json, "scopes.json").Manifest!, "a", before, after);

        Assert.Contains(evaluated, f => f.Id == DiagnosticIds.SymbolOutOfScope);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    public void Evaluate_ReaderFails_ItsOwnErrorWhetherFilesAreJudgedInParallelOrNot(int files)
    {
        // The CLI turns a ScopeGuardException into a clear error (exit 2); a wrapper would read as an internal error.
        var agent = Manifest.FindAgent("guarded")!;
        var changes = Enumerable.Range(0, files)
            .Select(i => new FileChange($"src/F{i}.cs", $"src/F{i}.cs", ChangeStatus.Modified, EntryKind.File, EntryKind.File, "old", "new"))
            .ToList();

        var error = Assert.Throws<ScopeGuardException>(() => new ScopeEvaluator(Manifest).Evaluate(
            new AgentIdentity(agent, IdentitySource.Option, "test"), "agent/x", changes, contents: new Failing()));

        Assert.Equal("object missing", error.Message);
    }

    [Theory]
    [InlineData("T:Contoso.Shared.SystemClock", "Contoso Shared SystemClock")]
    [InlineData("M:Contoso.Billing.Invoice.#ctor(System.Int32)", "Contoso Billing Invoice")]
    [InlineData("T:Contoso.**.Repository`1", "Contoso Repository")]
    [InlineData("M:Contoso.*Service.Get*(*)", "Contoso")]
    [InlineData("M:Contoso.Shared.SystemClock.*ctor", "Contoso Shared SystemClock")]
    [InlineData("M:Contoso.Money.op_Addition(Contoso.Money,Contoso.Money)", "Contoso Money")]
    [InlineData("P:Contoso.Table.Item(System.Int32)", "Contoso Table")]
    [InlineData("M:Contoso.Clock.Contoso#IClock#Now", "Contoso Clock")]
    [InlineData("M:Program.<Main>$(System.String[])", "")]
    [InlineData("T:**", "")]
    public void RequiredNames_LiteralIdentifiersTheCompilerDoesNotMakeUp(string pattern, string expected)
    {
        var names = SymbolPattern.TryParse(pattern, out _)!.RequiredNames;

        Assert.Equal(expected.Split([' '], StringSplitOptions.RemoveEmptyEntries), names);
    }

    [Theory]
    [InlineData("namespace Contoso.Shared; class SystemClock { }", true)]
    [InlineData("namespace Contoso.Shared; class Clock { } // SystemClock is elsewhere", true)]
    [InlineData("namespace Contoso.Shared; class Clock { }", false)]
    [InlineData("namespace Contoso.Shared; class Sys\\u0074emClock { }", true)]
    [InlineData("namespace Contoso.Shared; class Clock { string s = \"\\u00e9\"; }", true)]
    [InlineData("namespace Contoso.Shared; class System\u200BClock { }", true)]
    [InlineData("namespace Contoso.Shared; class Clock { string s = \"é\"; }", false)]
    [InlineData("\uFEFFnamespace Contoso.Shared; class Clock { }", false)]
    [InlineData("namespace Contoso.Shared; class System\U000E0020Clock { }", true)]
    [InlineData("namespace Contoso.Shared; class Clock { } // \uFEFF", true)]
    public void RequiredNamesOrHiddenNames_FalseOnlyWhenANameIsMissingAndNoneIsHidden(string text, bool expected)
    {
        var pattern = SymbolPattern.TryParse("T:Contoso.Shared.SystemClock", out _)!;

        Assert.Equal(expected, pattern.ContainsRequiredNames(text) || SymbolPattern.MayHideNames(text));
    }

    // Evaluates a change to src/Any.cs and asserts that a full declaration diff judged by JudgeFile
    // (which never skips) finds exactly the same.
    private static IReadOnlyList<Finding> EvaluateAsAFullDiffWould(ScopeManifest manifest, string agentName, string before, string after)
    {
        var agent = manifest.FindAgent(agentName)!;
        var change = new FileChange("src/Any.cs", "src/Any.cs", ChangeStatus.Modified, EntryKind.File, EntryKind.File, "old", "new");
        var evaluator = new ScopeEvaluator(manifest);

        var evaluated = evaluator.Evaluate(new AgentIdentity(agent, IdentitySource.Option, "test"), "agent/x", [change], contents: new Texts(before, after));

        Assert.Equal(Describe(evaluator.JudgeFile(agent, change, DeclarationDiff.Compare(before, after))), Describe(evaluated));
        return evaluated;
    }

    // The agent with edit rules only changes a signature in the clock file at the given path.
    private static (IReadOnlyList<Finding> Findings, Texts Texts) EditClockAsGranted(string path)
    {
        var texts = new Texts(Clock, Clock.Replace("long Ticks()", "int Ticks()"));
        var findings = new ScopeEvaluator(Manifest).Evaluate(
            new AgentIdentity(Manifest.FindAgent("granted")!, IdentitySource.Option, "test"),
            "agent/x",
            [new FileChange(path, path, ChangeStatus.Modified, EntryKind.File, EntryKind.File, "old", "new")],
            contents: texts);
        return (findings, texts);
    }

    private static List<string> Describe(IEnumerable<Finding> findings) =>
        findings.Select(f => $"{f.Id} {f.Severity} {f.Path}({f.Line},{f.Column}) {f.Symbol} [{f.Rule}] {f.Message}").ToList();

    private sealed class Failing() : FakeContents(() => new ScopeGuardException("object missing"));

    private sealed class Texts(string old, string @new) : FakeContents(old, @new);
}
