using System;
using System.IO;
using System.Linq;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>
/// Repositories libgit2 finds hard: split and sparse indexes (judged correctly), a bare repository
/// (a range works, a staged check is refused), a partial clone, SHA-256 and a branch name over
/// 1 KB. Every refusal is one line on standard error with exit code 2, never a stack trace.
/// </summary>
public sealed class RobustRepositoryTests
{
    [Fact]
    public void Commit_SparseIndexRepository_HookAcceptsInScopeAndRefusesOutOfScope()
    {
        using var repo = TempRepo.Create();
        repo.Git("checkout", "--quiet", "-b", "agent/billing");
        repo.Git("sparse-checkout", "init", "--cone", "--sparse-index");
        repo.Git("sparse-checkout", "set", "src");
        Assert.Contains("docs/", repo.Git("ls-files", "--sparse"), StringComparison.Ordinal);

        repo.Append("src/Billing/Invoice.cs", "// rounding\n");
        repo.Git("add", "src/Billing/Invoice.cs");
        var check = repo.ReadOnlyTool(repo.Path, "check", "--staged");
        Assert.True(check.ExitCode == 0, check.ToString());
        var accepted = repo.Commit(repo.Path);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Contains("1 file(s) checked (staged): 0 error(s), 0 warning(s); clean", accepted.Output, StringComparison.Ordinal);

        var before = repo.Head(repo.Path);
        repo.Append("src/Shipping/Shipment.cs", "// not billing's\n");
        repo.Git("add", "src/Shipping/Shipment.cs");
        var refused = repo.Commit(repo.Path);
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing' may not change 'src/Shipping/Shipment.cs' (modified)", refused.Output, StringComparison.Ordinal);
        Assert.Equal(before, repo.Head(repo.Path));
        Assert.Contains("docs/", repo.Git("ls-files", "--sparse"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckStaged_SplitIndex_JudgesStagedRenameWithoutWritingTheIndex()
    {
        using var repo = TempRepo.Create();
        repo.Git("checkout", "--quiet", "-b", "agent/billing");
        repo.Git("config", "core.splitIndex", "true");
        repo.Git("update-index", "--split-index");
        repo.Git("mv", "src/Shipping/Shipment.cs", "src/Billing/Shipment.cs");

        var (result, report) = repo.CheckJson(repo.Path);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1)", repo.ReadOnlyTool(repo.Path, "check", "--staged").Output, StringComparison.Ordinal);
        Assert.Contains("src/Billing/Shipment.cs", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckStaged_BareRepository_OneLineErrorExit2()
    {
        using var repo = TempRepo.Create(install: false);
        var bare = repo.AddBareRemote();

        var result = repo.Tool(bare, "check", "--staged");

        AssertOneLineError(result, "a bare repository has no index to check");
    }

    [Fact]
    public void CheckRange_BareRepository_JudgesTheRange()
    {
        using var repo = TempRepo.Create(install: false);
        var bare = repo.AddBareRemote();
        repo.Git("checkout", "--quiet", "-b", "agent/billing");
        repo.Append("src/Shipping/Shipment.cs", "// not billing's\n");
        repo.Git("commit", "--quiet", "-am", "out of scope");
        repo.Git("push", "--quiet", "origin", "agent/billing");
        var refs = repo.GitIn(bare, "for-each-ref");

        var result = repo.Tool(bare, "check", "--base", "main", "--head", "agent/billing");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing'", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 file(s) checked (range ", result.Output, StringComparison.Ordinal);
        Assert.Equal(refs, repo.GitIn(bare, "for-each-ref"));
    }

    [Fact]
    public void CheckRange_PartialCloneMissingBlobs_FetchesThemAndJudges()
    {
        using var repo = TempRepo.Create(install: false);
        var (clone, _) = PartialCloneWithRename(repo);

        var result = repo.ReadOnlyTool(clone, "check", "--base", "origin/main", "--head", "origin/agent/billing");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("error SG0001: agent 'billing' may not change 'src/Shipping/Shipment.cs' (renamed to 'src/Billing/Shipment.cs')", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRange_PartialCloneRemoteUnreachable_OneLineErrorExit2()
    {
        using var repo = TempRepo.Create(install: false);
        var (clone, _) = PartialCloneWithRename(repo);
        repo.GitIn(clone, "remote", "set-url", "origin", new Uri(Path.Combine(repo.Root, "gone.git")).AbsoluteUri);

        var result = repo.ReadOnlyTool(clone, "check", "--base", "origin/main", "--head", "origin/agent/billing");

        AssertOneLineError(result, "not present in this partial clone");
    }

    [Fact]
    public void CheckRange_BlobMissingOutsideAPartialClone_OneLineErrorExit2_NeverJudgedAsAnEmptyFile()
    {
        var manifest = Manifests.Standard.Replace(
            "\"paths\": [\"/src/Billing/\"],",
            "\"paths\": [\"/src/Billing/\"], \"symbols\": { \"readonly\": [\"T:Contoso.Billing.Invoice\"] },",
            StringComparison.Ordinal);
        Assert.NotEqual(Manifests.Standard, manifest);
        using var repo = TempRepo.Create(manifest, install: false);
        repo.Git("checkout", "--quiet", "-b", "agent/billing");
        repo.Write("src/Billing/Invoice.cs", "namespace Contoso.Billing;\n\npublic sealed class Invoice\n{\n    public decimal Total { get; init; }\n}\n");
        repo.Git("commit", "--quiet", "-am", "a member in a readonly type");
        var before = repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--no-cache");
        Assert.True(before.ExitCode == 1, before.ToString());

        // The new version's object leaves the store (a damaged repository, not a partial clone).
        var id = repo.Git("rev-parse", "HEAD:src/Billing/Invoice.cs").Trim();
        File.Delete(Path.Combine(repo.Path, ".git", "objects", id[..2], id[2..]));
        var result = repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--no-cache");

        AssertOneLineError(result, $"blob {id} is not in this repository");
    }

    [Fact]
    public void CheckStaged_Sha256Repository_OneLineUnsupportedExit2()
    {
        using var repo = TempRepo.Empty();
        var sha = Path.Combine(repo.Root, "sha256");
        repo.GitIn(repo.Root, "init", "--quiet", "--object-format=sha256", sha);
        File.WriteAllText(Path.Combine(sha, "scopes.json"), Manifests.Standard);
        repo.GitIn(sha, "add", "scopes.json");

        var result = repo.Tool(sha, "check", "--staged");

        AssertOneLineError(result, "SHA-256 repositories (git init --object-format=sha256) are not supported: ScopeGuard reads git through libgit2");
    }

    [Fact]
    public void CheckStaged_BranchNameOver1KB_OneLineErrorExit2()
    {
        using var repo = TempRepo.Create(install: false);
        var branch = "agent/billing/" + string.Join('/', Enumerable.Repeat(new string('x', 200), 6));
        repo.Git("checkout", "--quiet", "-b", branch);
        repo.Append("src/Billing/Invoice.cs", "// rounding\n");
        repo.Git("add", "--all");

        var staged = repo.ReadOnlyTool(repo.Path, "check", "--staged");
        AssertOneLineError(staged, "which cannot read reference names over 1024 bytes");

        repo.Git("commit", "--quiet", "--no-verify", "-m", "long");
        var range = repo.ReadOnlyTool(repo.Path, "check", "--base", "main");
        AssertOneLineError(range, "which cannot read reference names over 1024 bytes");
    }

    [Fact]
    public void CheckStaged_GitFailureWithDebug_PrintsTheStackTrace()
    {
        using var repo = TempRepo.Create(install: false);
        repo.Git("checkout", "--quiet", "-b", "agent/billing/" + string.Join('/', Enumerable.Repeat(new string('x', 200), 6)));

        var result = repo.ToolWith(repo.Path, new System.Collections.Generic.Dictionary<string, string?> { ["SCOPEGUARD_DEBUG"] = "1" }, "check", "--staged");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("scopeguard: error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("   at ", result.Stderr, StringComparison.Ordinal);
    }

    private static void AssertOneLineError(ProcessResult result, string expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        var stderr = result.Stderr.TrimEnd('\n', '\r');
        Assert.True(stderr.StartsWith("scopeguard: error: ", StringComparison.Ordinal), result.ToString());
        Assert.True(!stderr.Contains('\n', StringComparison.Ordinal), "more than one line:\n" + result);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    // origin (bare, filters allowed) has main and agent/billing, which moves Shipment.cs into Billing and edits it;
    // a blobless clone of it without a checkout has none of those blobs.
    private static (string Clone, string Server) PartialCloneWithRename(TempRepo repo)
    {
        var server = repo.AddBareRemote();
        repo.GitIn(server, "config", "uploadpack.allowFilter", "true");
        repo.GitIn(server, "config", "uploadpack.allowAnySHA1InWant", "true");
        repo.Git("checkout", "--quiet", "-b", "agent/billing");
        repo.Git("mv", "src/Shipping/Shipment.cs", "src/Billing/Shipment.cs");
        repo.Append("src/Billing/Shipment.cs", "// moved\n");
        repo.Git("commit", "--quiet", "-am", "move");
        repo.Git("push", "--quiet", "origin", "agent/billing");

        var clone = Path.Combine(repo.Root, "partial");
        repo.GitIn(repo.Root, "clone", "--quiet", "--filter=blob:none", "--no-checkout", new Uri(server).AbsoluteUri, clone);
        var missing = repo.GitIn(clone, "rev-list", "--objects", "--missing=print", "--all").Split('\n').Count(l => l.StartsWith('?'));
        Assert.True(missing > 0, "the clone has every blob: the test would prove nothing");
        return (clone, server);
    }
}
