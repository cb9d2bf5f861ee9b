using System;
using System.IO;
using System.Linq;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>A file name cannot split a finding over lines or escape from Markdown (issue 11, item 17).</summary>
public sealed class HostileNameTests
{
    private const string Name = "src/Shipping/a`b\nc <img src=x>.md";

    [Fact]
    public void CheckStaged_NameWithNewlineAndBacktick_TextFindingIsOneLineQuotedAsGitDoes()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Write(Name, "odd\n", billing);
        repo.GitIn(billing, "add", "--all");
        var gitShows = repo.GitIn(billing, "diff", "--cached", "--name-only").TrimEnd('\n');

        var result = repo.ReadOnlyTool(billing, "check", "--staged");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("\"src/Shipping/a`b\\nc <img src=x>.md\"", gitShows);
        var line = Assert.Single(result.Output.Split('\n'), l => l.Contains("error SG0001", StringComparison.Ordinal));
        Assert.Equal($"{gitShows}(1,1): error SG0001: agent 'billing' may not change {gitShows} (added): no pattern in its paths matches (default deny); its paths are /src/Billing/", line.TrimEnd('\r'));
    }

    [Fact]
    public void CheckStaged_NameWithNewlineAndBacktick_MarkdownKeepsItInOneCodeSpan()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Write(Name, "odd\n", billing);
        repo.GitIn(billing, "add", "--all");
        var markdown = Path.Combine(repo.Root, "report.md");

        var result = repo.ReadOnlyTool(billing, "check", "--staged", "--format", "markdown", "--output", markdown);

        Assert.True(result.ExitCode == 1, result.ToString());
        var rows = File.ReadAllLines(markdown).Where(l => l.StartsWith("| error |", StringComparison.Ordinal)).ToList();
        var row = Assert.Single(rows);
        Assert.Contains("| ``\"src/Shipping/a`b\\nc <img src=x>.md\"`` (1,1) |", row, StringComparison.Ordinal);
        Assert.True(row.Contains("may not change \"src/Shipping/a\\`b\\\\nc \\<img src=x\\>.md\" \\(added\\)", StringComparison.Ordinal), row);
    }

    // Names that are not UTF-8 (bytes 0xFE, 0xFF): .NET cannot spell them, so the shell makes them.
    private static void StageNonUtf8Names(TempRepo repo, string worktree, params string[] names)
    {
        var script = string.Join(" && ", names.Select(n => $"mkdir -p \"$(dirname \"$(printf '{n}')\")\" && printf 'x\\n' > \"$(printf '{n}')\""));
        var made = ProcessRunner.Run("bash", ["-c", script + " && git add --all"], worktree, repo.Environment);
        Assert.True(made.ExitCode == 0, made.ToString());
    }

    [Fact]
    public void CheckStaged_TwoNamesThatAreNotUtf8_AreTwoFindingsEachShownAsGitShowsIt()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        StageNonUtf8Names(repo, billing, "src/Shipping/a\\376b.cs", "src/Shipping/a\\377b.cs");
        var gitShows = repo.GitIn(billing, "diff", "--cached", "--name-only").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var result = repo.ReadOnlyTool(billing, "check", "--staged");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(["\"src/Shipping/a\\376b.cs\"", "\"src/Shipping/a\\377b.cs\""], gitShows);
        var lines = result.Output.Split('\n').Where(l => l.Contains("error SG0001", StringComparison.Ordinal)).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(gitShows.Select(name => $"{name}(1,1): error SG0001: agent 'billing' may not change {name} (added): no pattern in its paths matches (default deny); its paths are /src/Billing/"), lines);
        Assert.DoesNotContain("\uFFFD", result.Output, StringComparison.Ordinal);

        var commit = repo.Commit(billing, "-m", "not UTF-8");
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains(gitShows[1], commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckStaged_NotUtf8NameUnderADeniedFolder_IsDeniedAndOneInItsOwnFolderPasses()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        StageNonUtf8Names(repo, billing, "src/Billing/Generated/dto\\377.cs", "src/Billing/fine\\377.cs");

        var result = repo.ReadOnlyTool(billing, "check", "--staged");

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.Output.Split('\n'), l => l.Contains("error SG", StringComparison.Ordinal));
        Assert.StartsWith("\"src/Billing/Generated/dto\\377.cs\"(1,1): error SG0001:", line, StringComparison.Ordinal);
        Assert.Contains("/src/Billing/Generated/", line, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRange_NameThatIsNotUtf8_JsonAndGitHubCarryGitsQuotedFormAndSarifPercentEncodesTheByte()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        StageNonUtf8Names(repo, billing, "src/Shipping/a\\377b.cs");
        Assert.Equal(0, repo.TryGit(billing, null, "commit", "--no-verify", "-qm", "not UTF-8").ExitCode);
        var sarif = Path.Combine(repo.Root, "report.sarif");

        var json = repo.ReadOnlyTool(billing, "check", "--base", "main", "--head", "HEAD", "--format", "json");
        var github = repo.ReadOnlyTool(billing, "check", "--base", "main", "--head", "HEAD", "--format", "github");
        var sarifRun = repo.ReadOnlyTool(billing, "check", "--base", "main", "--head", "HEAD", "--format", "sarif", "--output", sarif);

        Assert.True(json.ExitCode == 1, json.ToString());
        using var report = System.Text.Json.JsonDocument.Parse(json.Stdout);
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("\"src/Shipping/a\\377b.cs\"", finding.GetProperty("path").GetString());
        Assert.Contains("::error file=\"src/Shipping/a\\377b.cs\",line=1,col=1,", github.Stdout, StringComparison.Ordinal);
        Assert.True(sarifRun.ExitCode == 1, sarifRun.ToString());
        Assert.Contains("\"uri\": \"src/Shipping/a%FFb.cs\"", File.ReadAllText(sarif), StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", json.Stdout + github.Stdout + File.ReadAllText(sarif), StringComparison.Ordinal);
    }
}
