using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using ScopeGuard.Cli.Tests.Support;

namespace ScopeGuard.Cli.Tests.Conflicts;

public sealed class ConflictsWorkInProgressTests
{
    private const string Calc = """
        namespace Shop;

        public class Calc
        {
            public int First(int x)
            {
                return x + 1;
            }

            public int Second(int x)
            {
                return x + 2;
            }
        }

        """;

    [Fact]
    public void Staged_SameMemberAsAnotherAgentsBranch_WarnsAndExitsZero()
    {
        using var repo = Prepare(settings: string.Empty);

        var result = repo.Run("--staged");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("warning SG0110: agents \"b\" (agent/b) and \"a\" (agent/a): both changed the same member; same member: M:Shop.Calc.First(System.Int32) (staged: changed; a: changed)", result.Output, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Staged_SameMemberWithConflictsBlock_IsAnErrorAndExitsOne()
    {
        using var repo = Prepare(settings: "\"conflicts\": \"block\"");

        var result = repo.Run("--staged", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("SG0110", finding.GetProperty("id").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("M:Shop.Calc.First(System.Int32)", finding.GetProperty("symbol").GetString());
    }

    [Fact]
    public void Staged_OtherMemberOfAnotherFile_IsClean()
    {
        using var repo = ConflictsRepo.Create(new Dictionary<string, string> { ["src/Calc.cs"] = Calc, ["src/Other.cs"] = "namespace Shop;\n\npublic class Other\n{\n}\n" }, ["a", "b"], "\"conflicts\": \"block\"");
        repo.Branch("a", new Dictionary<string, string?> { ["src/Calc.cs"] = Calc.Replace("x + 1", "x + 10", System.StringComparison.Ordinal) });
        repo.Repo.Git("checkout", "-q", "-b", "agent/b", "main");
        repo.Repo.Write("src/Other.cs", "namespace Shop;\n\npublic class Other\n{\n    public int Value => 1;\n}\n");
        repo.Repo.Git("add", "-A");

        var result = repo.Run("--staged");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.DoesNotContain("SG0110", result.Output, System.StringComparison.Ordinal);
    }

    [Fact]
    public void PrePush_PushedCommitsChangeAMemberAnotherAgentChanged_BlockedWithConflictsBlock()
    {
        using var repo = Prepare(settings: "\"conflicts\": \"block\"");
        repo.Repo.Git("commit", "-q", "--no-verify", "-m", "b");
        var head = repo.Repo.Head(repo.Path);
        var input = $"refs/heads/agent/b {head} refs/heads/agent/b {new string('0', 40)}\n";

        var result = CliRunner.RunWithInput(repo.Path, input, "conflicts", "--pre-push", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("M:Shop.Calc.First(System.Int32)", finding.GetProperty("symbol").GetString());
    }

    [Fact]
    public void Conflicts_PairsAndStaged_ChangeNothingInTheRepository()
    {
        using var repo = Prepare(settings: string.Empty);
        repo.Branch("c", new Dictionary<string, string?> { ["src/Calc.cs"] = Calc.Replace("x + 1", "x + 30", System.StringComparison.Ordinal) });
        repo.Repo.Git("checkout", "-q", "agent/b");
        var before = Snapshot(repo.Repo);

        var pairs = repo.Run("--format", "json");
        var staged = repo.Run("--staged");

        Assert.True(pairs.ExitCode == ExitCodes.Findings, pairs.ToString());
        Assert.True(staged.ExitCode == ExitCodes.Success, staged.ToString());
        Assert.Contains("\"level\": \"conflict\"", pairs.Output, System.StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(repo.Repo));
    }

    // Agent a changed Calc.First on its branch; agent b, on its own branch, has a change to First staged.
    private static ConflictsRepo Prepare(string settings)
    {
        var repo = ConflictsRepo.Create(new Dictionary<string, string> { ["src/Calc.cs"] = Calc }, ["a", "b", "c"], settings);
        repo.Branch("a", new Dictionary<string, string?> { ["src/Calc.cs"] = Calc.Replace("x + 1", "x + 10", System.StringComparison.Ordinal) });
        repo.Repo.Git("checkout", "-q", "-b", "agent/b", "main");
        repo.Repo.Write("src/Calc.cs", Calc.Replace("x + 1", "x + 20", System.StringComparison.Ordinal));
        repo.Repo.Git("add", "-A");
        return repo;
    }

    private static string Snapshot(TempRepo repo) => string.Join(
        "\n---\n",
        System.Convert.ToHexString(File.ReadAllBytes(Path.Combine(repo.Path, ".git", "index"))),
        File.ReadAllText(Path.Combine(repo.Path, ".git", "config")),
        repo.Git("for-each-ref"),
        repo.Git("worktree", "list", "--porcelain"),
        repo.Git("status", "--porcelain=v2", "--branch"),
        repo.Git("stash", "list"));
}
