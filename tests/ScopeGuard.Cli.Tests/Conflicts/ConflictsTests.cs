using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ScopeGuard.Cli.Tests.Conflicts;

public sealed class ConflictsTests
{
    private const string Calc = """
        namespace Shop;

        public partial class Calc
        {
            public int First(int x)
            {
                var a = x;
                var b = a;
                var c = b;
                var d = c;
                var e = d;
                return e + 1;
            }

            public int Second(int x)
            {
                return x + 2;
            }

            public int Third(int x)
            {
                return x + 3;
            }
        }

        """;

    [Fact]
    public void Conflicts_SamePartialMethodChangedInDifferentFilesOfThePartialClass_ReportsSameMember()
    {
        using var repo = ConflictsRepo.Create(
            new Dictionary<string, string>
            {
                ["src/Invoice.cs"] = "namespace Shop;\n\npublic partial class Invoice\n{\n    partial void OnTotal(int x);\n}\n",
                ["src/Invoice.Impl.cs"] = "namespace Shop;\n\npublic partial class Invoice\n{\n    partial void OnTotal(int x)\n    {\n        System.Console.WriteLine(x);\n    }\n}\n",
            },
            ["a", "b"]);
        repo.Branch("a", new Dictionary<string, string?> { ["src/Invoice.cs"] = "namespace Shop;\n\npublic partial class Invoice\n{\n    [System.Obsolete]\n    partial void OnTotal(int x);\n}\n" });
        repo.Branch("b", new Dictionary<string, string?> { ["src/Invoice.Impl.cs"] = "namespace Shop;\n\npublic partial class Invoice\n{\n    partial void OnTotal(int x)\n    {\n        System.Console.WriteLine(x + 1);\n    }\n}\n" });

        var result = repo.Run("--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var pair = Assert.Single(json.RootElement.GetProperty("pairs").EnumerateArray());
        Assert.Equal("member", pair.GetProperty("level").GetString());
        Assert.False(pair.GetProperty("trialMerged").GetBoolean()); // no path in common: nothing git could conflict on
        var member = Assert.Single(pair.GetProperty("members").EnumerateArray());
        Assert.Equal("M:Shop.Invoice.OnTotal(System.Int32)", member.GetProperty("id").GetString());
        Assert.Equal("src/Invoice.cs", member.GetProperty("firstPath").GetString());
        Assert.Equal("src/Invoice.Impl.cs", member.GetProperty("secondPath").GetString());
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("SG0110", finding.GetProperty("id").GetString());
        Assert.Equal("M:Shop.Invoice.OnTotal(System.Int32)", finding.GetProperty("symbol").GetString());
    }

    [Fact]
    public void Conflicts_PartialPartsInNestedAndFileScopedNamespaces_AreTheSameType()
    {
        using var repo = ConflictsRepo.Create(
            new Dictionary<string, string>
            {
                ["src/Invoice.cs"] = "namespace Shop\n{\n    namespace Billing\n    {\n        public partial class Invoice\n        {\n            public partial int Total();\n        }\n    }\n}\n",
                ["src/Invoice.Impl.cs"] = "namespace Shop.Billing;\n\npublic partial class Invoice\n{\n    public partial int Total() => 1;\n}\n",
            },
            ["a", "b"]);
        repo.Branch("a", new Dictionary<string, string?> { ["src/Invoice.cs"] = "namespace Shop\n{\n    namespace Billing\n    {\n        public partial class Invoice\n        {\n            public partial int Total(); // the sum\n            public partial int Tax();\n        }\n    }\n}\n" });
        repo.Branch("b", new Dictionary<string, string?> { ["src/Invoice.Impl.cs"] = "namespace Shop.Billing;\n\npublic partial class Invoice\n{\n    public partial int Total() => 2;\n\n    public partial int Tax() => 0;\n}\n" });

        var result = repo.Run("--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var pair = Assert.Single(json.RootElement.GetProperty("pairs").EnumerateArray());
        Assert.Equal("member", pair.GetProperty("level").GetString());
        var member = Assert.Single(pair.GetProperty("members").EnumerateArray());
        Assert.Equal("M:Shop.Billing.Invoice.Tax", member.GetProperty("id").GetString());
    }

    [Fact]
    public void Conflicts_MemberRenamedOnOneBranchAndEditedOnTheOther_ReportsSameMemberNamingTheRename()
    {
        using var repo = ConflictsRepo.Create(new Dictionary<string, string> { ["src/Calc.cs"] = Calc }, ["a", "b"]);
        repo.Branch("a", new Dictionary<string, string?> { ["src/Calc.cs"] = Calc.Replace("public int First(int x)", "public int Initial(int x)", System.StringComparison.Ordinal) });
        repo.Branch("b", new Dictionary<string, string?> { ["src/Calc.cs"] = Calc.Replace("return e + 1;", "return e + 100;", System.StringComparison.Ordinal) });

        var result = repo.Run("--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var pair = Assert.Single(json.RootElement.GetProperty("pairs").EnumerateArray());
        Assert.True(pair.GetProperty("trialMerged").GetBoolean());
        Assert.Equal("member", pair.GetProperty("level").GetString()); // git merges the two lines cleanly
        var member = Assert.Single(pair.GetProperty("members").EnumerateArray());
        Assert.Equal("M:Shop.Calc.First(System.Int32)", member.GetProperty("id").GetString());
        Assert.Equal("renamed to M:Shop.Calc.Initial(System.Int32)", member.GetProperty("firstChange").GetString());
        Assert.Equal("changed", member.GetProperty("secondChange").GetString());
    }

    [Fact]
    public void Conflicts_SameLineChangedOnTwoBranches_TrialMergeReportsTextualConflict()
    {
        using var repo = ConflictsRepo.Create(new Dictionary<string, string> { ["README.md"] = "one\ntwo\nthree\n" }, ["a", "b"]);
        repo.Branch("a", new Dictionary<string, string?> { ["README.md"] = "ONE by a\ntwo\nthree\n" });
        repo.Branch("b", new Dictionary<string, string?> { ["README.md"] = "ONE by b\ntwo\nthree\n" });

        var text = repo.Run();
        var json = repo.Run("--format", "json");

        Assert.True(text.ExitCode == ExitCodes.Findings, text.ToString());
        Assert.Contains("README.md(1,1): warning SG0110: agents \"a\" (agent/a) and \"b\" (agent/b): the trial merge (git merge-tree) leaves a textual conflict here (CONFLICT (contents))", text.Output, System.StringComparison.Ordinal);
        Assert.Contains("a         .         CONFLICT", text.Output, System.StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Output);
        var file = Assert.Single(document.RootElement.GetProperty("pairs")[0].GetProperty("files").EnumerateArray());
        Assert.Equal("conflict", file.GetProperty("level").GetString());
    }

    [Fact]
    public void Conflicts_FileOnOneBranchFolderOnTheOther_NoPathInCommonStillTrialMergedAndConflicts()
    {
        using var repo = ConflictsRepo.Create(new Dictionary<string, string> { ["README.md"] = "base\n" }, ["a", "b"]);
        repo.Branch("a", new Dictionary<string, string?> { ["tools"] = "a file\n" });
        repo.Branch("b", new Dictionary<string, string?> { ["tools/run.sh"] = "a folder\n" });

        var result = repo.Run("--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var pair = Assert.Single(json.RootElement.GetProperty("pairs").EnumerateArray());
        Assert.Equal("conflict", pair.GetProperty("level").GetString());
    }

    [Fact]
    public void Conflicts_FiveAgents_MatrixAndMergeOrderAsComputedByHand()
    {
        using var repo = ConflictsRepo.Create(
            new Dictionary<string, string> { ["shared/notes.txt"] = "1\n2\n3\n", ["src/Calc.cs"] = Calc, ["docs/intro.md"] = "intro\n" },
            ["a", "b", "c", "d", "e"]);
        repo.Branch("a", new Dictionary<string, string?> { ["shared/notes.txt"] = "1 by a\n2\n3\n" });
        repo.Branch("b", new Dictionary<string, string?>
        {
            ["shared/notes.txt"] = "1 by b\n2\n3\n",
            ["src/Calc.cs"] = Calc.Replace("var a = x;", "var a = x * 2;", System.StringComparison.Ordinal),
        });
        repo.Branch("c", new Dictionary<string, string?> { ["src/Calc.cs"] = Calc.Replace("return e + 1;", "return e - 1;", System.StringComparison.Ordinal) });
        repo.Branch("d", new Dictionary<string, string?>
        {
            ["src/Calc.cs"] = Calc.Replace("return x + 3;", "return x - 3;", System.StringComparison.Ordinal),
            ["docs/d.md"] = "d\n",
        });
        repo.Branch("e", new Dictionary<string, string?> { ["docs/e.md"] = "e\n" });

        var result = repo.Run("--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var matrix = json.RootElement.GetProperty("matrix");
        Assert.Equal(["a", "b", "c", "d", "e"], matrix.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        var levels = matrix.GetProperty("levels").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Null ? "." : c.GetString()).ToArray()).ToArray();
        string[][] expected =
        [
            [".", "conflict", "none", "none", "none"],
            ["conflict", ".", "member", "file", "none"],
            ["none", "member", ".", "file", "none"],
            ["none", "file", "file", ".", "folder"],
            ["none", "none", "none", "folder", "."],
        ];
        Assert.Equal(expected, levels);

        // Weights with the branches still waiting: e 1, then d 20, then c 100, then a and b 1000 each (a changed fewer files).
        Assert.Equal(["e", "d", "c", "a", "b"], json.RootElement.GetProperty("mergeOrder").EnumerateArray().Select(o => o.GetProperty("label").GetString()));

        var text = repo.Run("--format", "markdown");
        Assert.True(text.Output.Contains("| **b** | **conflict** |   | member | file | - |", System.StringComparison.Ordinal), text.Output);
    }

    [Fact]
    public void Conflicts_AgentsOption_LimitsThePairs()
    {
        using var repo = ConflictsRepo.Create(new Dictionary<string, string> { ["README.md"] = "one\n" }, ["a", "b", "c"]);
        repo.Branch("a", new Dictionary<string, string?> { ["README.md"] = "a\n" });
        repo.Branch("b", new Dictionary<string, string?> { ["README.md"] = "b\n" });
        repo.Branch("c", new Dictionary<string, string?> { ["other.md"] = "c\n" });

        var result = repo.Run("--agents", "a,c", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(["a", "c"], json.RootElement.GetProperty("matrix").GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public void Conflicts_WorktreeBoundByAgentConfig_IsALaneEvenOnAnUnmatchedBranch()
    {
        using var repo = ConflictsRepo.Create(new Dictionary<string, string> { ["README.md"] = "one\n" }, ["a", "b"]);
        repo.Branch("a", new Dictionary<string, string?> { ["README.md"] = "a\n" });
        var worktree = System.IO.Path.Combine(repo.Repo.Root, "wt-b");
        repo.Repo.Git("worktree", "add", "-q", "-b", "wip/experiment", worktree, "main");
        repo.Repo.Git("config", "extensions.worktreeConfig", "true");
        repo.Repo.GitIn(worktree, "config", "--worktree", "scopeguard.agent", "b");
        File.WriteAllText(System.IO.Path.Combine(worktree, "README.md"), "b\n");
        repo.Repo.GitIn(worktree, "commit", "-q", "--no-verify", "-am", "b");

        var result = repo.Run("--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var pair = Assert.Single(json.RootElement.GetProperty("pairs").EnumerateArray());
        Assert.Equal("b", pair.GetProperty("second").GetString());
        Assert.Equal("conflict", pair.GetProperty("level").GetString());
    }

    [Fact]
    public void Conflicts_NoOverlap_ExitsZero()
    {
        using var repo = ConflictsRepo.Create(new Dictionary<string, string> { ["README.md"] = "one\n" }, ["a", "b"]);
        repo.Branch("a", new Dictionary<string, string?> { ["a.md"] = "a\n" });
        repo.Branch("b", new Dictionary<string, string?> { ["b.md"] = "b\n" });

        var result = repo.Run();

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("1. a (agent/a): overlaps none of those after it", result.Output, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Conflicts_BadBase_ExitsTwo()
    {
        using var repo = ConflictsRepo.Create(new Dictionary<string, string> { ["README.md"] = "one\n" }, ["a"]);

        var result = repo.Run("--base", "no-such-branch");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("--base 'no-such-branch' names no commit in this repository", result.Error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Conflicts_UnknownAgentInAgentsOption_ExitsTwo()
    {
        using var repo = ConflictsRepo.Create(new Dictionary<string, string> { ["README.md"] = "one\n" }, ["a", "b"]);

        var result = repo.Run("--agents", "a,zed");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("--agents: \"zed\" is not an agent of the manifest (agents: a, b)", result.Error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Conflicts_InvalidConflictsSettingOnTheBase_ExitsTwoAtLineAndColumn()
    {
        using var repo = ConflictsRepo.Create(new Dictionary<string, string> { ["README.md"] = "one\n" }, ["a"], "\"conflicts\": \"sometimes\"");

        var result = repo.Run();

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("scopes.json(3,30): error SG0007: settings.conflicts must be \"warn\" or \"block\", not \"sometimes\"", result.Error, System.StringComparison.Ordinal);
    }
}
