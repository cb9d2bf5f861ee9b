using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScopeGuard.Core.Baseline;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Core.Tests.Rules;

/// <summary>
/// Seeded property test over generated manifests, paths and C# edits (random <c>#if</c> regions, odd and
/// case-variant names, NUL bytes): the hook and the CI gate (<see cref="ScopeEvaluator.Evaluate"/> on full
/// texts) and the analyzer (<see cref="ScopeEvaluator.JudgeFile"/> on the fingerprinted baseline) must say
/// the same thing, and nothing may throw. A failing case prints its seed and case number to reproduce it.
/// </summary>
[Collection(SeededPropertyTests.Name)]
public sealed class FrontEndAgreementPropertyTests
{
    private const int Seed = 20261202;
    private const int Cases = 10_000;

    private static readonly string[] PathPatterns = ["src/Billing/", "/src/Shared/", "*.md", "docs/", "src/**/Api/", "/src/Shared/Clock.cs", "src/*/Generated/", "**"];
    private static readonly string[] SymbolPatterns =
    [
        "N:Contoso.Billing", "N:Contoso.Billing.Contracts", "T:Contoso.Shared.Clock", "T:Contoso.Shared.Registry",
        "M:Contoso.Shared.Clock.Now", "M:Contoso.Shared.Clock.Add(*)", "P:Contoso.Shared.Clock.Later", "T:Contoso.*.Api.**", "N:Contoso",
    ];

    private static readonly string[] Folders = ["src/Billing/", "src/Shared/", "src/Billing/Generated/", "src/billing/", "docs/", "src/Web/Api/", "", "src/Sh ared/", "src/Ünïcode/", "src/[x]/"];
    private static readonly string[] Names = ["Clock.cs", "clock.CS", "Registry.cs", "Invoice.cs", "a b.cs", "Ω.cs", "-x.cs", "#hash.cs"];
    private static readonly string[] Namespaces = ["Contoso.Shared", "Contoso.Billing", "Contoso.Billing.Contracts", "Contoso.Web.Api", "Other"];
    private static readonly string[] Types = ["Clock", "Registry", "Invoice", "IContract", "Api"];
    private static readonly string[] Symbols = ["DEBUG", "NET", "X"];
    private static readonly string[] Levels = ["edit", "body", "extend", "readonly"];

    [Fact]
    public void GeneratedEdits_HookGateAndAnalyzerAgreeAndNothingThrows()
    {
        var random = new Random(Seed);
        var disagreements = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var manifestJson = Manifest(random);
            var load = ManifestLoader.Load(manifestJson, "scopes.json");
            Assert.True(load.Manifest is not null, $"case {i}: generated manifest invalid: {string.Join("; ", load.Errors.Select(e => e.Message))}\n{manifestJson}");
            var manifest = load.Manifest!;
            var agent = manifest.FindAgent("a")!;
            var path = Pick(random, Folders) + Pick(random, Names);
            var before = Source(random);
            var after = Edit(random, before);
            var added = random.Next(10) == 0;
            if (!added && after == before)
            {
                after += "// touched\n"; // git has no modification without a change of content
            }

            var binary = after.Contains('\0', StringComparison.Ordinal);

            string Case() => $"seed {Seed}, case {i}: agent {agent.Name}, path '{path}', added {added}\n--- manifest\n{manifestJson}\n--- before\n{before}\n--- after\n{after}";

            var change = added
                ? new FileChange(path, path, ChangeStatus.Added, EntryKind.None, EntryKind.File, null, "new")
                : new FileChange(path, path, ChangeStatus.Modified, EntryKind.File, EntryKind.File, "old", "new");
            var evaluator = new ScopeEvaluator(manifest);
            IReadOnlyList<Finding> hook;
            try
            {
                hook = evaluator.Evaluate(new AgentIdentity(agent, IdentitySource.Option, "test"), "agent/a", [change], contents: new Contents(added ? null : before, after));
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"Evaluate threw on {Case()}", ex);
            }

            if (binary)
            {
                continue; // the analyzer never sees a file with a NUL byte as C# text: no parity to check
            }

            IReadOnlyList<Finding> analyzer;
            try
            {
                var header = new BaselineHeader("a", "test", "main", "a", "b", "c", "/repo", [string.Empty]);
                var baseline = DeclarationBaseline.Create(header, added ? [] : [(path, before)]);
                var comparison = baseline.Compare(path, after);
                analyzer = comparison is null ? [] : evaluator.JudgeFile(agent, comparison.Change, comparison.Diff);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"the analyzer's path threw on {Case()}", ex);
            }

            var expected = Describe(hook);
            var actual = Describe(analyzer);
            if (!expected.SequenceEqual(actual))
            {
                disagreements.Add($"{Case()}\n--- hook and gate\n{string.Join("\n", expected)}\n--- analyzer\n{string.Join("\n", actual)}");
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {Cases} cases disagree; the first:\n{disagreements.FirstOrDefault()}");
    }

    private static string Manifest(Random random)
    {
        string List(string[] pool, int max) => string.Join(", ", Enumerable.Range(0, random.Next(max + 1)).Select(_ => $"\"{Pick(random, pool)}\"").Distinct());
        var symbols = Levels
            .Select(level => (level, list: List(SymbolPatterns, 2)))
            .Where(x => x.list.Length > 0)
            .Select(x => $"\"{x.level}\": [{x.list}]");
        return $$"""
            {
              "version": 1,
              "settings": { "protectedPaths": ["/scopes.json", "/src/Shared/Protected/"] },
              "agents": {
                "a": {
                  "paths": [{{List(PathPatterns, 2)}}],
                  "deny": [{{List(PathPatterns, 1)}}],
                  "symbols": { {{string.Join(", ", symbols)}} },
                  "mode": "{{(random.Next(2) == 0 ? "block" : "warn")}}"
                }
              }
            }
            """;
    }

    private static string Source(Random random)
    {
        var text = new StringBuilder("using System;\n\n");
        for (var n = 0; n < 1 + random.Next(2); n++)
        {
            text.Append("namespace ").Append(Pick(random, Namespaces)).Append("\n{\n");
            for (var t = 0; t < 1 + random.Next(2); t++)
            {
                var name = Pick(random, Types);
                var partial = random.Next(4) == 0 ? "partial " : string.Empty;
                text.Append("    public ").Append(partial).Append(name.StartsWith('I') ? "interface " : "class ").Append(name).Append("\n    {\n");
                if (!name.StartsWith('I'))
                {
                    text.Append("        public int Now() => 1;\n");
                    text.Append("        public int Add(int x) { return x + 1; }\n");
                    text.Append("        public int Later { get; } = 2;\n");
                }
                else
                {
                    text.Append("        int Total();\n");
                }

                text.Append("    }\n");
            }

            text.Append("}\n");
        }

        return text.ToString();
    }

    private static string Edit(Random random, string source)
    {
        var text = source;
        for (var e = 0; e < 1 + random.Next(3); e++)
        {
            text = random.Next(11) switch
            {
                0 => ReplaceOne(random, text, "=> 1;", "=> 2;"),
                1 => ReplaceOne(random, text, "public int Now()", "public long Now()"),
                2 => ReplaceOne(random, text, "    {\n", "    {\n        public void Added() { }\n"),
                3 => ReplaceOne(random, text, "        public int Later { get; } = 2;\n", string.Empty),
                4 => Wrap(random, text, "        public int Add"),
                5 => Wrap(random, text, "    public "),
                6 => ReplaceOne(random, text, "return x + 1;", "return x + 2; // changed"),
                7 => ReplaceOne(random, text, "using System;", "using System;\nusing System.Linq;"),
                8 => ReplaceOne(random, text, "int Total();", "int Total(int discount);"),
                9 => random.Next(8) == 0 ? text + "\0" : ReplaceOne(random, text, "public int Add(int x)", "public int Add(int x, int y = 0)"),
                _ => ReplaceOne(random, text, "        public int Now", "        // a note\n        public int Now"),
            };
        }

        return text;
    }

    // Puts "#if SYMBOL" before one line that starts with the prefix and "#endif" after the line that ends it.
    private static string Wrap(Random random, string text, string prefix)
    {
        var lines = text.Split('\n').ToList();
        var starts = Enumerable.Range(0, lines.Count).Where(i => lines[i].StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (starts.Count == 0)
        {
            return text;
        }

        var at = starts[random.Next(starts.Count)];
        var end = at;
        if (lines[at].TrimEnd().EndsWith(';') || lines[at].TrimEnd().EndsWith('}'))
        {
            end = at;
        }
        else
        {
            var depth = 0;
            for (end = at; end < lines.Count; end++)
            {
                depth += lines[end].Count(c => c == '{') - lines[end].Count(c => c == '}');
                if (depth <= 0 && end > at)
                {
                    break;
                }
            }
        }

        var symbol = Pick(random, Symbols);
        var withElse = random.Next(3) == 0;
        lines.Insert(Math.Min(end + 1, lines.Count), withElse ? "#else\n#endif" : "#endif");
        lines.Insert(at, $"#if {symbol}");
        return string.Join("\n", lines);
    }

    private static string ReplaceOne(Random random, string text, string find, string replacement)
    {
        var positions = new List<int>();
        for (var at = text.IndexOf(find, StringComparison.Ordinal); at >= 0; at = text.IndexOf(find, at + 1, StringComparison.Ordinal))
        {
            positions.Add(at);
        }

        if (positions.Count == 0)
        {
            return text;
        }

        var chosen = positions[random.Next(positions.Count)];
        return string.Concat(text.AsSpan(0, chosen), replacement, text.AsSpan(chosen + find.Length));
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static List<string> Describe(IEnumerable<Finding> findings) =>
        findings.Select(f => $"{f.Id} {f.Severity} {f.Path}({f.Line},{f.Column}) {f.Symbol} [{f.Rule}] {f.Message}").ToList();

    private sealed class Contents(string? old, string @new) : FakeContents(old, @new);
}
