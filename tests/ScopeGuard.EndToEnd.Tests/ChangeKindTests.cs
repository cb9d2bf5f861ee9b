using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>Renames judge both paths, deletions judge theirs, and odd file names are named exactly.</summary>
public sealed class ChangeKindTests
{
    [Fact]
    public void Commit_RenameOutOfScope_IsRefusedOnTheNewPath()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        Directory.CreateDirectory(Path.Combine(billing, "src", "Shared"));
        repo.GitIn(billing, "mv", "src/Billing/Invoice.cs", "src/Shared/Invoice.cs");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains(
            "src/Shared/Invoice.cs(1,1): error SG0001: agent 'billing' may not change 'src/Shared/Invoice.cs' (renamed from 'src/Billing/Invoice.cs')",
            commit.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("src/Billing/Invoice.cs(1,1)", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_RenameIntoScope_IsRefusedOnTheOldPath()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.GitIn(billing, "mv", "src/Shipping/Shipment.cs", "src/Billing/Shipment.cs");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains(
            "src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing' may not change 'src/Shipping/Shipment.cs' (renamed to 'src/Billing/Shipment.cs')",
            commit.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("src/Billing/Shipment.cs(1,1)", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RenameWithEdits_IsStillDetectedAsARenameAndJudgesBothPaths()
    {
        using var repo = TempRepo.Create();
        var docs = repo.AddWorktree("agent/docs");
        repo.Write("src/Billing/Long.cs", string.Concat(Enumerable.Range(0, 40).Select(i => $"// line {i}\n")));
        repo.Git("add", "--all");
        repo.Git("commit", "--quiet", "--no-verify", "-m", "long file");
        repo.GitIn(docs, "merge", "--quiet", "--ff-only", "main");
        repo.GitIn(docs, "mv", "src/Billing/Long.cs", "docs/Long.md");
        repo.Append("docs/Long.md", "// one more line\n", docs);
        repo.GitIn(docs, "add", "--all");

        var (result, report) = repo.CheckJson(docs);

        Assert.True(result.ExitCode == 1, result.ToString());
        var finding = Assert.Single(report.GetProperty("findings").EnumerateArray());
        Assert.Equal("src/Billing/Long.cs", finding.GetProperty("path").GetString());
        Assert.Contains("(renamed to 'docs/Long.md')", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, report.GetProperty("filesChecked").GetInt32());
    }

    [Fact]
    public void Commit_RenameWithinScope_IsAccepted()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        Directory.CreateDirectory(Path.Combine(billing, "src", "Billing", "Model"));
        repo.GitIn(billing, "mv", "src/Billing/Invoice.cs", "src/Billing/Model/Invoice.cs");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode == 0, commit.ToString());
    }

    [Fact]
    public void Commit_DeletionOutOfScope_IsRefused()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.GitIn(billing, "rm", "--quiet", "src/Shipping/Shipment.cs");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing' may not change 'src/Shipping/Shipment.cs' (deleted)", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_DeletionInScope_IsAccepted()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.GitIn(billing, "rm", "--quiet", "src/Billing/Invoice.cs");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode == 0, commit.ToString());
    }

    [Fact]
    public void Commit_ModeChangeOutOfScope_IsRefused()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.GitIn(billing, "update-index", "--chmod=+x", "src/Shipping/Shipment.cs");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing' may not change 'src/Shipping/Shipment.cs' (mode changed)", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_OddFileNamesOutOfScope_AreRefusedAndNamedExactly()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        string[] names = ["src/Shipping/with space.cs", "src/Shipping/\"quoted\" 'name'.cs", "src/Shipping/Größe-日本.cs", "docs/tab\there.md"];
        foreach (var name in names)
        {
            repo.Write(name, "// odd\n", billing);
        }

        repo.GitIn(billing, "add", "--all");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode != 0, commit.ToString());

        // Names git quotes (a '"', a tab) are shown as git shows them, so each finding stays one line.
        string[] shown = ["src/Shipping/with space.cs", "\"src/Shipping/\\\"quoted\\\" 'name'.cs\"", "src/Shipping/Größe-日本.cs", "\"docs/tab\\there.md\""];
        foreach (var name in shown)
        {
            var quoted = name.StartsWith('"') ? name : $"'{name}'";
            Assert.Contains($"{name}(1,1): error SG0001: agent 'billing' may not change {quoted} (added)", commit.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Commit_OddFileNamesInScope_AreAccepted()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Write("src/Billing/with space and \"quotes\".cs", "// odd\n", billing);
        repo.Write("src/Billing/Größe-日本.cs", "// odd\n", billing);
        repo.GitIn(billing, "add", "--all");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Contains("2 file(s) checked (staged): 0 error(s)", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FileNameWithNewline_IsNamedExactlyInJson()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Write("src/Shipping/line\nbreak.cs", "// odd\n", billing);
        repo.GitIn(billing, "add", "--all");

        var (result, report) = repo.CheckJson(billing);

        Assert.True(result.ExitCode == 1, result.ToString());
        var finding = Assert.Single(report.GetProperty("findings").EnumerateArray());
        Assert.Equal("src/Shipping/line\nbreak.cs", finding.GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.String, finding.GetProperty("message").ValueKind);
    }

    [Fact]
    public void Check_UnicodeFileName_IsTheSamePathGitReports()
    {
        using var repo = TempRepo.Create();
        var docs = repo.AddWorktree("agent/docs");
        repo.Write("src/Billing/Größe.cs", "// odd\n", docs);
        repo.GitIn(docs, "add", "--all");
        var gitPath = repo.GitIn(docs, "-c", "core.quotepath=false", "diff", "--cached", "--name-only").TrimEnd('\n');

        var (_, report) = repo.CheckJson(docs);

        Assert.Equal(gitPath, Assert.Single(report.GetProperty("findings").EnumerateArray()).GetProperty("path").GetString());
    }
}
