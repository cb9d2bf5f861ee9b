using System;
using System.IO;
using System.Linq;
using ScopeGuard.Cli.Tests.Support;
using ScopeGuard.Core.Baseline;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Cli.Tests;

/// <summary><c>scopeguard baseline</c> on real repositories: what the MSBuild targets hand to the analyzer.</summary>
public sealed class BaselineCommandTests : IDisposable
{
    private const string Manifest = """
        {
          "version": 1,
          "settings": { "baseBranch": "main" },
          "agents": { "billing": { "branches": ["agent/billing"], "paths": ["src/App/Billing/"] } }
        }
        """;

    private const string Clock = "namespace App;\n\npublic class Clock\n{\n    public int Now() => 1;\n}\n";

    private readonly TempRepo repo = TempRepo.Init(Manifest);

    public BaselineCommandTests()
    {
        repo.Write("src/App/Clock.cs", Clock);
        repo.Write("src/Other/Far.cs", "class Far { }\n");
        repo.Write("README.md", "not C#\n");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "base");
    }

    public void Dispose() => repo.Dispose();

    [Fact]
    public void AgentBranch_RecordsTheBaseDeclarationsUnderTheFolderAndTheAgent()
    {
        var mainSha = repo.Git("rev-parse", "HEAD").Trim();
        repo.Git("checkout", "-q", "-b", "agent/billing");
        repo.Write("src/App/Clock.cs", Clock.Replace("=> 1", "=> 2", StringComparison.Ordinal));
        repo.Write("src/App/New.cs", "class New { }\n");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "agent work");

        var result = CliRunner.Run(repo.Path, "baseline", "--output", "obj/b/scopeguard.baseline", "--under", "src/App", "--inputs", "obj/b/inputs", "--agent-output", "obj/b/agent");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("baseline written: 1 C# file(s)", result.Output, StringComparison.Ordinal);
        var baseline = DeclarationBaseline.Parse(File.ReadAllText(Path.Combine(repo.Path, "obj/b/scopeguard.baseline")));
        Assert.Equal("billing", baseline.Header.Agent);
        Assert.Equal(mainSha, baseline.Header.MergeBase);
        Assert.Equal(["src/App/"], baseline.Header.Scopes);
        Assert.StartsWith("ScopeGuard ", baseline.Header.Generator, StringComparison.Ordinal);
        Assert.Equal(["src/App/Clock.cs"], baseline.Files.Select(f => f.Path));
        Assert.Equal(Fingerprint.Of(Clock), baseline.Find("src/App/Clock.cs")!.TextFingerprint);
        Assert.Null(baseline.Compare("src/App/Clock.cs", Clock));
        Assert.Equal(ChangeStatus.Added, baseline.Compare("src/App/New.cs", "class New { }\n")!.Change.Status);
        Assert.Equal("billing\n", File.ReadAllText(Path.Combine(repo.Path, "obj/b/agent")));
        var inputs = File.ReadAllLines(Path.Combine(repo.Path, "obj/b/inputs"));
        Assert.Contains(inputs, l => l.EndsWith(Path.Combine(".git", "HEAD"), StringComparison.Ordinal));
        Assert.Contains(inputs, l => l.EndsWith(Path.Combine("refs", "heads", "main"), StringComparison.Ordinal));
        Assert.Contains(inputs, l => l.EndsWith("scopes.json", StringComparison.Ordinal));
    }

    [Fact]
    public void MainMovesOn_TheMergeBaseIsRecorded()
    {
        var forkSha = repo.Git("rev-parse", "HEAD").Trim();
        repo.Git("checkout", "-q", "-b", "agent/billing");
        repo.Git("checkout", "-q", "main");
        repo.Write("src/App/Clock.cs", Clock.Replace("=> 1", "=> 3", StringComparison.Ordinal));
        repo.Git("commit", "-q", "-am", "main moves on");
        repo.Git("checkout", "-q", "agent/billing");

        var result = CliRunner.Run(repo.Path, "baseline", "--output", "b");

        Assert.True(result.ExitCode == 0, result.ToString());
        var baseline = DeclarationBaseline.Parse(File.ReadAllText(Path.Combine(repo.Path, "b")));
        Assert.Equal(forkSha, baseline.Header.MergeBase);
        Assert.NotEqual(forkSha, baseline.Header.BaseCommit);
        Assert.Null(baseline.Compare("src/App/Clock.cs", Clock));
        Assert.Equal(["src/App/Clock.cs", "src/Other/Far.cs"], baseline.Files.Select(f => f.Path));
    }

    [Fact]
    public void StaleLocalMain_AgentMergedOriginMain_OthersChangesAreInTheBase()
    {
        // A clone whose local main lags origin/main: someone else pushed a change to main.
        var (other, pushed) = PushFromAnotherClone("src/Other/Far.cs", "class Far { int pushed; }\n");
        repo.Git("checkout", "-q", "-b", "agent/billing");
        repo.Write("src/App/Clock.cs", Clock.Replace("=> 1", "=> 2", StringComparison.Ordinal));
        repo.Git("commit", "-q", "-am", "agent work");
        repo.Git("fetch", "-q", "origin");
        repo.Git("merge", "-q", "--no-edit", "origin/main");
        var staleMain = repo.Git("rev-parse", "main").Trim();

        var result = CliRunner.Run(repo.Path, "baseline", "--output", "b", "--inputs", "inputs");

        Assert.True(result.ExitCode == 0, result.ToString());
        var baseline = DeclarationBaseline.Parse(File.ReadAllText(Path.Combine(repo.Path, "b")));
        Assert.NotEqual(staleMain, pushed);
        Assert.Contains(File.ReadAllLines(Path.Combine(repo.Path, "inputs")), l => l.EndsWith(Path.Combine("refs", "remotes", "origin", "main"), StringComparison.Ordinal));
        Assert.Equal(pushed, baseline.Header.MergeBase);
        Assert.Equal(("origin/main", pushed), (baseline.Header.BaseRef, baseline.Header.BaseCommit));
        Assert.Null(baseline.Compare("src/Other/Far.cs", "class Far { int pushed; }\n"));
        Assert.NotNull(baseline.Compare("src/App/Clock.cs", Clock.Replace("=> 1", "=> 2", StringComparison.Ordinal)));
        other.Dispose();
    }

    [Fact]
    public void StaleLocalMain_ExplicitBase_KeepsItsMeaning()
    {
        var forkSha = repo.Git("rev-parse", "HEAD").Trim();
        var (other, _) = PushFromAnotherClone("src/Other/Far.cs", "class Far { int pushed; }\n");
        repo.Git("checkout", "-q", "-b", "agent/billing");
        repo.Git("fetch", "-q", "origin");
        repo.Git("merge", "-q", "--no-edit", "origin/main");

        var result = CliRunner.Run(repo.Path, "baseline", "--output", "b", "--base", "main");

        Assert.True(result.ExitCode == 0, result.ToString());
        var baseline = DeclarationBaseline.Parse(File.ReadAllText(Path.Combine(repo.Path, "b")));
        Assert.Equal(("main", forkSha), (baseline.Header.BaseRef, baseline.Header.MergeBase));
        other.Dispose();
    }

    [Fact]
    public void RebaseStoppedOnAConflict_TheAgentIsTheBranchBeingRebasedAndTheBaseIsOnto()
    {
        // Local main lags origin/main, whose new commit changes the line the agent changed too.
        var (other, pushed) = PushFromAnotherClone("src/App/Clock.cs", Clock.Replace("=> 1", "=> 3", StringComparison.Ordinal));
        repo.Git("checkout", "-q", "-b", "agent/billing");
        repo.Write("src/App/Clock.cs", Clock.Replace("=> 1", "=> 2", StringComparison.Ordinal));
        repo.Git("commit", "-q", "-am", "agent work");
        repo.Git("fetch", "-q", "origin");
        var rebase = repo.TryGit("rebase", "origin/main");
        Assert.True(rebase.ExitCode != 0, rebase.Stderr);
        Assert.Equal(string.Empty, repo.TryGit("symbolic-ref", "-q", "HEAD").Stdout);

        var result = CliRunner.Run(repo.Path, "baseline", "--output", "b", "--agent-output", "agent");

        Assert.True(result.ExitCode == 0, result.ToString());
        var baseline = DeclarationBaseline.Parse(File.ReadAllText(Path.Combine(repo.Path, "b")));
        Assert.Equal("billing", baseline.Header.Agent);
        Assert.Contains("the branch being rebased", baseline.Header.AgentReason, StringComparison.Ordinal);
        Assert.Equal("billing\n", File.ReadAllText(Path.Combine(repo.Path, "agent")));
        Assert.Equal(pushed, baseline.Header.MergeBase);
        other.Dispose();
    }

    [Fact]
    public void SameState_NotRewritten()
    {
        repo.Git("checkout", "-q", "-b", "agent/billing");
        var file = Path.Combine(repo.Path, "b");
        Assert.Equal(0, CliRunner.Run(repo.Path, "baseline", "--output", "b").ExitCode);
        File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var again = CliRunner.Run(repo.Path, "baseline", "--output", "b");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("baseline unchanged", again.Output, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(file));
    }

    [Fact]
    public void CommitOnTheAgentBranch_SameMergeBase_BaselineLeftAsItWas()
    {
        repo.Git("checkout", "-q", "-b", "agent/billing");
        var file = Path.Combine(repo.Path, "b");
        Assert.Equal(0, CliRunner.Run(repo.Path, "baseline", "--output", "b").ExitCode);
        var before = File.ReadAllText(file);
        var firstHead = repo.Git("rev-parse", "HEAD").Trim();
        File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        repo.Write("src/App/Billing/Invoice.cs", "class Invoice { }\n");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "agent work");

        var again = CliRunner.Run(repo.Path, "baseline", "--output", "b");

        // HEAD moved, the merge base did not: nothing the analyzer reads changed, so neither does the file
        // (rewriting it would make every project of the repository compile again).
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("baseline unchanged", again.Output, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(file));
        Assert.Equal(before, File.ReadAllText(file));
        Assert.Equal(firstHead, DeclarationBaseline.Parse(before).Header.Head);
        Assert.NotEqual(firstHead, repo.Git("rev-parse", "HEAD").Trim());
    }

    [Fact]
    public void AgentIdentifiedNow_SameMergeBase_Rewritten()
    {
        Assert.Equal(0, CliRunner.Run(repo.Path, "baseline", "--output", "b").ExitCode);
        repo.Git("checkout", "-q", "-b", "agent/billing");

        var other = CliRunner.Run(repo.Path, "baseline", "--output", "b");

        // The same merge base (the branch has no commit yet), but now an agent is identified.
        Assert.True(other.ExitCode == 0, other.ToString());
        Assert.Contains("baseline written", other.Output, StringComparison.Ordinal);
        Assert.Equal("billing", DeclarationBaseline.Parse(File.ReadAllText(Path.Combine(repo.Path, "b"))).Header.Agent);
    }

    [Fact]
    public void Inputs_ListGitsRefsButNotTheIndex()
    {
        repo.Git("checkout", "-q", "-b", "agent/billing");

        var result = CliRunner.Run(repo.Path, "baseline", "--output", "b", "--inputs", "inputs");

        // 'git status' rewrites the index to refresh its stat data; the baseline never depends on it.
        Assert.True(result.ExitCode == 0, result.ToString());
        var inputs = File.ReadAllLines(Path.Combine(repo.Path, "inputs"));
        Assert.Contains(inputs, l => l.EndsWith(Path.Combine(".git", "HEAD"), StringComparison.Ordinal));
        Assert.Contains(inputs, l => l.EndsWith(Path.Combine("refs", "heads", "agent", "billing"), StringComparison.Ordinal));
        Assert.DoesNotContain(inputs, l => l.EndsWith(Path.Combine(".git", "index"), StringComparison.Ordinal));
    }

    [Fact]
    public void ParallelRuns_OneOutput_AllSucceedAndTheBaselineIsWhole()
    {
        repo.Git("checkout", "-q", "-b", "agent/billing");

        // As projects built in parallel do: the same command at once, each with its own agent file.
        var results = Enumerable.Range(0, 6).AsParallel().WithDegreeOfParallelism(6)
            .Select(i => CliRunner.Run(repo.Path, "baseline", "--output", "shared/b", "--inputs", "shared/inputs", "--agent-output", $"shared/agent{i}"))
            .ToList();

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Single(results, r => r.Output.Contains("baseline written", StringComparison.Ordinal));
        var baseline = DeclarationBaseline.Parse(File.ReadAllText(Path.Combine(repo.Path, "shared", "b")));
        Assert.Equal(["src/App/Clock.cs", "src/Other/Far.cs"], baseline.Files.Select(f => f.Path));
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(repo.Path, "shared")), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void NoAgent_RecordsWhyAndAnEmptyName()
    {
        var result = CliRunner.Run(repo.Path, "baseline", "--output", "b", "--agent-output", "agent");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("no agent", result.Output, StringComparison.Ordinal);
        Assert.Null(DeclarationBaseline.Parse(File.ReadAllText(Path.Combine(repo.Path, "b"))).Header.Agent);
        Assert.Equal("\n", File.ReadAllText(Path.Combine(repo.Path, "agent")));
    }

    [Fact]
    public void InvalidWorkingTreeManifest_TheAgentComesFromTheManifestAtHead()
    {
        repo.Git("checkout", "-q", "-b", "agent/billing");
        repo.Write("scopes.json", "{ \"version\": 1, ");

        var result = CliRunner.Run(repo.Path, "baseline", "--output", "b");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("is invalid", result.Error, StringComparison.Ordinal);
        Assert.Equal("billing", DeclarationBaseline.Parse(File.ReadAllText(Path.Combine(repo.Path, "b"))).Header.Agent);
    }

    [Fact]
    public void UndeclaredAgentNamed_BaselineWrittenWithTheNameForTheAnalyzerToReport()
    {
        repo.Git("checkout", "-q", "-b", "agent/billing");

        var result = CliRunner.Run(repo.Path, "baseline", "--output", "b", "--agent", "bogus", "--agent-output", "agent");

        Assert.True(result.ExitCode == 0, result.ToString());
        var header = DeclarationBaseline.Parse(File.ReadAllText(Path.Combine(repo.Path, "b"))).Header;
        Assert.Equal("bogus", header.Agent);
        Assert.Contains("--agent names agent \"bogus\", which scopes.json does not declare", header.AgentReason, StringComparison.Ordinal);
        Assert.Equal("bogus\n", File.ReadAllText(Path.Combine(repo.Path, "agent")));
    }

    [Fact]
    public void UnknownBase_Exit2AndSaysWhat()
    {
        var result = CliRunner.Run(repo.Path, "baseline", "--output", "b", "--base", "nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--base 'nope' names no commit", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(repo.Path, "b")));
    }

    [Fact]
    public void NotAGitRepository_Exit2()
    {
        using var folder = new TempDirectory();

        var result = CliRunner.Run(folder.Path, "baseline", "--output", "b");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not inside a git repository", result.Error, StringComparison.Ordinal);
    }

    // Makes origin (a bare repository) from this repository's main, commits a change to main in another
    // clone and pushes it: this clone's main now lags origin/main until it fetches and merges.
    private (TempDirectory Other, string Pushed) PushFromAnotherClone(string path, string text)
    {
        var other = new TempDirectory();
        var remote = Path.Combine(other.Path, "remote.git");
        var clone = Path.Combine(other.Path, "clone");
        repo.Git("init", "-q", "--bare", "-b", "main", remote);
        repo.Git("remote", "add", "origin", remote);
        repo.Git("push", "-q", "origin", "main");
        repo.Git("clone", "-q", remote, clone);
        File.WriteAllText(Path.Combine(clone, path), text);
        repo.Git("-C", clone, "-c", "user.name=Other", "-c", "user.email=other@example.invalid", "commit", "-q", "-am", "someone else's change");
        repo.Git("-C", clone, "push", "-q", "origin", "main");
        return (other, repo.Git("-C", clone, "rev-parse", "HEAD").Trim());
    }
}
