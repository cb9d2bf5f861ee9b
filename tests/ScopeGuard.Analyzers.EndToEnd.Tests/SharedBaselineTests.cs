using System;
using System.IO;
using ScopeGuard.Analyzers.EndToEnd.Tests.Support;

namespace ScopeGuard.Analyzers.EndToEnd.Tests;

/// <summary>
/// The baseline is one file per git working tree, shared by its projects, and what an IDE does all the
/// time (design-time builds after 'git status' refreshed the index) never starts the CLI.
/// </summary>
[Collection(PackedFeedGroup.Name)]
public sealed class SharedBaselineTests(PackedFeed feed)
{
    private const string OtherProject = "src/Other/Other.csproj";

    [Fact]
    public void TwoProjects_OneBaselineInTheGitDirectory_IndexRefreshStartsNoCli_CommitKeepsTheFile()
    {
        var repo = new SampleRepo(feed, "shared");
        repo.Write(OtherProject, File.ReadAllText(repo.FullPath("src/Sample/Sample.csproj")));
        repo.Write("src/Other/Thing.cs", "namespace Other;\n\npublic sealed class Thing\n{\n}\n");
        repo.Git("add -A");
        repo.Git("commit -q -m \"A second project\"");
        repo.Git("checkout -q -b agent/billing");
        var baseline = repo.FullPath(".git/scopeguard/analyzer/scopeguard.baseline");
        var stamp = repo.FullPath(".git/scopeguard/analyzer/baseline.stamp");

        var first = repo.Build();
        var second = repo.Build(OtherProject);

        // One baseline for both, in the git directory (never in the working tree), with both projects' files.
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Output + second.Output);
        Assert.DoesNotContain(first.Diagnostics, d => d.Id == "SGB001");
        var text = File.ReadAllText(baseline);
        Assert.Contains(" " + SampleRepo.MoneyPath + "\n", text, StringComparison.Ordinal);
        Assert.Contains(" src/Other/Thing.cs\n", text, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.FullPath("src/Sample/obj/Debug/net10.0/scopeguard/scopeguard.baseline")));
        Assert.Equal(string.Empty, ProcessRunner.Git(repo.Directory, "status --porcelain --untracked-files=all").Output.Trim());

        // 'git status' (and anything else that rewrites the index) in the IDE: design-time builds of both
        // projects do not start the CLI (the stamp, touched only after the CLI ran, stays as it was).
        var stamped = Age(stamp);
        var written = Age(baseline);
        ProcessRunner.Git(repo.Directory, "status --porcelain");
        File.SetLastWriteTimeUtc(repo.FullPath(".git/index"), DateTime.UtcNow);
        var designTime = repo.DesignTimeBuild("src/Sample/Sample.csproj");
        var designTimeOther = repo.DesignTimeBuild(OtherProject);
        Assert.True(designTime.ExitCode == 0 && designTimeOther.ExitCode == 0, designTime.Output + designTimeOther.Output);
        Assert.Equal(stamped, File.GetLastWriteTimeUtc(stamp));
        Assert.Equal(written, File.GetLastWriteTimeUtc(baseline));

        // A commit on the agent's branch moves HEAD, not the merge base: the CLI runs once (for both
        // projects) and leaves the baseline as it was, so nothing compiles again because of it.
        repo.Write(SampleRepo.InvoicePath, SampleRepo.Invoice.Replace("new(0m)", "new(1m)", StringComparison.Ordinal));
        repo.Git("commit -q -am \"Agent work\"");
        var afterCommit = repo.DesignTimeBuild("src/Sample/Sample.csproj");
        Assert.True(afterCommit.ExitCode == 0, afterCommit.Output);
        var restamped = File.GetLastWriteTimeUtc(stamp);
        Assert.NotEqual(stamped, restamped);
        Assert.Equal(written, File.GetLastWriteTimeUtc(baseline));
        var otherAfterCommit = repo.DesignTimeBuild(OtherProject);
        Assert.True(otherAfterCommit.ExitCode == 0, otherAfterCommit.Output);
        Assert.Equal(restamped, File.GetLastWriteTimeUtc(stamp));
    }

    [Fact]
    public void LinkedWorktree_ItsOwnBaselineInItsOwnGitDirectory_AndTheAnalyzerJudgesThere()
    {
        var repo = new SampleRepo(feed, "linked");
        var worktree = Path.Combine(feed.Root, "linked-agent");
        repo.Git($"worktree add -q -b agent/billing \"{worktree}\"");
        File.WriteAllText(Path.Combine(worktree, SampleRepo.MoneyPath), SampleRepo.Money.Replace("new(Amount + other.Amount)", "new(Amount + other.Amount + 0.01m)", StringComparison.Ordinal));

        var inWorktree = repo.Dotnet("build src/Sample/Sample.csproj -p:UseSharedCompilation=false -nodeReuse:false -clp:NoSummary", check: false, workingDirectory: worktree);
        var inMain = repo.Build();

        // The worktree's HEAD is its own: its baseline is in .git/worktrees/NAME/, rooted at the worktree.
        Assert.NotEqual(0, inWorktree.ExitCode);
        Assert.Contains("error SG0002", inWorktree.Output, StringComparison.Ordinal);
        var linked = File.ReadAllText(repo.FullPath(".git/worktrees/linked-agent/scopeguard/analyzer/scopeguard.baseline"));
        Assert.Contains("\nroot " + worktree.Replace('\\', '/') + "\n", linked, StringComparison.Ordinal);
        Assert.True(inMain.ExitCode == 0, inMain.Output);
        var main = File.ReadAllText(repo.FullPath(".git/scopeguard/analyzer/scopeguard.baseline"));
        Assert.Contains("\nroot " + repo.Directory.Replace('\\', '/') + "\n", main, StringComparison.Ordinal);
    }

    // Timestamps compared exactly: a rewrite or a touch always changes them (the file system keeps sub-second times).
    private static DateTime Age(string path)
    {
        Assert.True(File.Exists(path), path);
        return File.GetLastWriteTimeUtc(path);
    }
}
