using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Baseline;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Core.Tests.Rules;

/// <summary>
/// The analyzer (fingerprinted baseline + <see cref="ScopeEvaluator.JudgeFile"/>) and the hook and CI gate
/// (<see cref="ScopeEvaluator.Evaluate"/> on full texts) must say the same thing about the same edit.
/// </summary>
public sealed class JudgeFileParityTests
{
    private const string Json = """
        {
          "version": 1,
          "settings": { "protectedPaths": ["/scopes.json", "/src/Protected/"] },
          "agents": {
            "billing": {
              "paths": ["src/Billing/"],
              "symbols": {
                "edit": ["T:Contoso.Shared.Editable"],
                "body": ["T:Contoso.Shared.Clock"],
                "extend": ["T:Contoso.Shared.Registry"],
                "readonly": ["N:Contoso.Billing.Contracts"]
              }
            },
            "docs": { "paths": ["docs/"], "mode": "warn" }
          }
        }
        """;

    private const string Base = """
        using System;

        namespace Contoso.Shared
        {
            public class Editable { public int Value() => 1; }

            public class Clock
            {
                public int Now() => 1;
                public int Later { get; } = 2;
            }

            public class Registry
            {
                public int Count() => 1;
            }

            public class Other
            {
                // a comment
                public int Value() => 2;
            }
        }

        namespace Contoso.Billing.Contracts
        {
            public interface IInvoice { int Total(); }
        }
        """;

    private static readonly ScopeManifest Manifest = ManifestLoader.Load(Json, "scopes.json").Manifest!;

    public static TheoryData<string, string, string?> Edits() => new()
    {
        { "billing", "src/Shared/Shared.cs", null },
        { "billing", "src/Shared/Shared.cs", Base.Replace("public int Value() => 1;", "public long Value(int x) => x;") },
        { "billing", "src/Shared/Shared.cs", Base.Replace("public int Now() => 1;", "public int Now() => 2;") },
        { "billing", "src/Shared/Shared.cs", Base.Replace("public int Now() => 1;", "public static int Now() => 1;") },
        { "billing", "src/Shared/Shared.cs", Base.Replace("public int Later { get; } = 2;", "public int Later { get; } = 3;\n        public int Sooner => 0;") },
        { "billing", "src/Shared/Shared.cs", Base.Replace("public int Count() => 1;", "public int Count() => 1;\n        public int Added() => 1;") },
        { "billing", "src/Shared/Shared.cs", Base.Replace("public int Count() => 1;", "public int Count() => 9;") },
        { "billing", "src/Shared/Shared.cs", Base.Replace("        public int Count() => 1;\n", string.Empty) },
        { "billing", "src/Shared/Shared.cs", Base.Replace("// a comment", "// another comment") },
        { "billing", "src/Shared/Shared.cs", Base.Replace("public int Value() => 2;", "public int Value() => 3;") },
        { "billing", "src/Shared/Shared.cs", Base.Replace("using System;", "using System;\nusing System.Linq;") },
        { "billing", "src/Shared/Shared.cs", Base.Replace("int Total();", "int Total(); // why") },
        { "billing", "src/Shared/Shared.cs", Base.Replace("int Total();", "int Total(int discount);") },
        { "billing", "src/Billing/Shared.cs", Base.Replace("public int Value() => 2;", "public int Value() => 3;").Replace("int Total();", "long Total();") },
        { "billing", "src/Protected/Shared.cs", Base.Replace("public int Now() => 1;", "public int Now() => 2;") },
        { "docs", "src/Shared/Shared.cs", Base.Replace("public int Now() => 1;", "public int Now() => 2;") },
        { "docs", "docs/Shared.cs", Base.Replace("public int Now() => 1;", "public int Now() => 2;") },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void JudgeFileOnTheBaseline_SameFindingsAsEvaluate(string agentName, string path, string? edited)
    {
        var agent = Manifest.FindAgent(agentName)!;
        var added = edited is null;
        var now = edited ?? Base;
        var change = added
            ? new FileChange(path, path, ChangeStatus.Added, EntryKind.None, EntryKind.File, null, "new")
            : new FileChange(path, path, ChangeStatus.Modified, EntryKind.File, EntryKind.File, "old", "new");
        var evaluator = new ScopeEvaluator(Manifest);

        var cli = evaluator.Evaluate(new AgentIdentity(agent, IdentitySource.Option, "test"), "agent/x", [change], contents: new Contents(added ? null : Base, now));

        var header = new BaselineHeader(agentName, "test", "main", "a", "b", "c", "/repo", [string.Empty]);
        var baseline = DeclarationBaseline.Create(header, added ? [] : [(path, Base)]);
        var comparison = baseline.Compare(path, now)!;
        var analyzer = evaluator.JudgeFile(agent, comparison.Change, comparison.Diff);

        Assert.Equal(Describe(cli), Describe(analyzer));
    }

    [Fact]
    public void Edits_ProduceEveryFindingKind()
    {
        // The parity cases must cover every ID the analyzer reports, or the test proves little.
        var evaluator = new ScopeEvaluator(Manifest);
        var ids = new HashSet<string>();
        foreach (var row in Edits())
        {
            var (agentName, path, edited) = ((string)row[0], (string)row[1], (string?)row[2]);
            var header = new BaselineHeader(agentName, "test", "main", "a", "b", "c", "/repo", [string.Empty]);
            var baseline = DeclarationBaseline.Create(header, edited is null ? [] : [(path, Base)]);
            var comparison = baseline.Compare(path, edited ?? Base);
            if (comparison is not null)
            {
                ids.UnionWith(evaluator.JudgeFile(Manifest.FindAgent(agentName)!, comparison.Change, comparison.Diff).Select(f => f.Id));
            }
        }

        Assert.Superset(new HashSet<string> { DiagnosticIds.PathOutOfScope, DiagnosticIds.SymbolOutOfScope, DiagnosticIds.SignatureChanged, DiagnosticIds.ProtectedPath }, ids);
    }

    private static List<string> Describe(IEnumerable<Finding> findings) =>
        findings.Select(f => $"{f.Id} {f.Severity} {f.Path}({f.Line},{f.Column}) {f.Symbol} [{f.Rule}] {f.Message}").ToList();

    private sealed class Contents(string? old, string @new) : FakeContents(old, @new);
}
