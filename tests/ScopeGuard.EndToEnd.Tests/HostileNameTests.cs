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
}
