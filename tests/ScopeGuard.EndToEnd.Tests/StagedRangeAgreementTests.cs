using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>
/// The pre-commit hook and the CI gate judge the same change the same way: seeded random edits to real
/// files in a real repository, checked staged (what the hook runs) and then, once committed, as a range
/// (what CI runs). The Core property test covers thousands of cases without git; this covers git's part.
/// </summary>
public sealed class StagedRangeAgreementTests
{
    private const int Seed = 4242;
    private const int Cases = 24;

    private const string Manifest = """
        {
          "version": 1,
          "settings": { "protectedPaths": ["/scopes.json"], "protectedBranches": ["main"] },
          "agents": {
            "billing": {
              "branches": ["agent/billing-*"],
              "paths": ["/src/Billing/"],
              "deny": ["/src/Billing/Generated/"],
              "symbols": { "body": ["T:Contoso.Shared.Clock"], "readonly": ["N:Contoso.Billing.Contracts"], "extend": ["T:Contoso.Shared.Registry"] }
            }
          }
        }
        """;

    private const string Shared = "namespace Contoso.Shared\n{\n    public class Clock\n    {\n        public int Now() => 1;\n    }\n\n    public class Registry\n    {\n        public int Count() => 1;\n    }\n}\n";
    private const string Contract = "namespace Contoso.Billing.Contracts\n{\n    public interface IInvoice\n    {\n        int Total();\n    }\n}\n";

    private static readonly string[] Files = ["src/Shared/Clock.cs", "src/Billing/Contracts/IInvoice.cs", "src/Billing/Generated/Dto.cs", "src/Billing/Invoice.cs", "src/Other/Odd name.cs", "docs/index.md"];

    [Fact]
    public void RandomEdits_StagedCheckAndRangeCheck_ReportTheSameFindings()
    {
        using var repo = TempRepo.Create(Manifest, install: false);
        repo.Write("src/Shared/Clock.cs", Shared);
        repo.Write("src/Billing/Contracts/IInvoice.cs", Contract);
        repo.Write("src/Other/Odd name.cs", Shared.Replace("Contoso.Shared", "Contoso.Other", StringComparison.Ordinal));
        repo.Write("src/Billing/Generated/Dto.cs", Contract.Replace("Contracts", "Generated", StringComparison.Ordinal));
        repo.Git("add", "--all");
        repo.Git("commit", "--quiet", "-m", "sources");
        var random = new Random(Seed);
        var kinds = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < Cases; i++)
        {
            var branch = $"agent/billing-{i}";
            repo.Git("checkout", "--quiet", "-b", branch, "main");
            foreach (var file in Files.OrderBy(_ => random.Next()).Take(1 + random.Next(3)))
            {
                var path = System.IO.Path.Combine(repo.Path, file);
                var text = System.IO.File.Exists(path) ? System.IO.File.ReadAllText(path) : string.Empty;
                var edited = Edit(random, text);
                repo.Write(file, edited == text ? text + "// touched\n" : edited);
            }

            repo.Git("add", "--all");
            var staged = Findings(repo.ReadOnlyTool(repo.Path, "check", "--staged", "--format", "json"), $"case {i} staged");
            repo.Git("commit", "--quiet", "--no-verify", "-m", $"case {i}");
            var range = Findings(repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--head", branch, "--format", "json"), $"case {i} range");

            Assert.True(staged.SequenceEqual(range), $"seed {Seed}, case {i}: staged and range disagree\n--- staged\n{string.Join("\n", staged)}\n--- range\n{string.Join("\n", range)}");
            kinds.UnionWith(staged.Select(f => f.Split(' ')[0]));
            repo.Git("checkout", "--quiet", "main");
        }

        // The cases must reach the findings that matter, or the agreement proves little.
        Assert.Superset(new HashSet<string> { "SG0001", "SG0002", "SG0003" }, kinds);
    }

    private static string Edit(Random random, string text) => random.Next(6) switch
    {
        0 => text.Replace("=> 1;", "=> 2;", StringComparison.Ordinal),
        1 => text.Replace("public int Now()", "public long Now()", StringComparison.Ordinal),
        2 => text.Replace("int Total();", "int Total(int discount);", StringComparison.Ordinal),
        3 => text.Replace("    public class Registry\n    {\n", "    public class Registry\n    {\n        public void Added() { }\n", StringComparison.Ordinal),
        4 => "#if DEBUG\n" + text + "#endif\n",
        _ => text + "// touched\n",
    };

    private static List<string> Findings(ProcessResult result, string what)
    {
        Assert.True(result.ExitCode is 0 or 1, $"{what}: {result}");
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("id").GetString()} {f.GetProperty("path").GetString()}({f.GetProperty("line").GetInt32()},{f.GetProperty("column").GetInt32()}) {f.GetProperty("symbol")} {f.GetProperty("message").GetString()}")
            .ToList();
    }
}
