using System;
using System.IO;
using System.Linq;
using LibGit2Sharp;
using ScopeGuard.Core;
using ScopeGuard.Core.Changes;

namespace ScopeGuard.Git.Tests;

/// <summary>Repositories shaped unlike a plain clone: bare, partial (blobless), SHA-256, and one with a very long branch name.</summary>
public sealed class RepositoryShapeTests
{
    private static readonly string Lines = string.Concat(Enumerable.Range(1, 40).Select(i => $"line {i} of a file with some content\n"));

    [Fact]
    public void StagedChanges_BareRepository_ThrowsNoIndexToCheck()
    {
        using var repo = WithBranch();
        var bare = Clone(repo, "--bare", repo.WorkDir, "bare.git");

        using var workspace = GitWorkspace.Open(bare, _ => null);
        var error = Assert.Throws<ScopeGuardException>(() => workspace.StagedChanges());
        Assert.Contains("a bare repository has no index to check", error.Message, StringComparison.Ordinal);
        Assert.Throws<ScopeGuardException>(() => workspace.ReadStaged("a.txt"));
    }

    [Fact]
    public void CommitChanges_BareRepository_SameAsInTheWorkingClone()
    {
        using var repo = WithBranch();
        var bare = Clone(repo, "--bare", repo.WorkDir, "bare.git");
        var head = repo.Run("rev-parse", "agent").Trim();
        var mergeBase = repo.Run("merge-base", "main", "agent").Trim();

        using var working = repo.Open();
        using var workspace = GitWorkspace.Open(bare, _ => null);
        Assert.Null(workspace.WorkTreeRoot);
        Assert.Equal(working.WorkingDirectory, working.WorkTreeRoot);
        Assert.Equal(mergeBase, workspace.MergeBase(workspace.ResolveCommit("main")!, workspace.ResolveCommit("agent")!));
        Assert.Equal(working.CommitChanges(mergeBase, head), workspace.CommitChanges(mergeBase, head));
        Assert.Equal(Lines + "51\n", System.Text.Encoding.UTF8.GetString(workspace.ReadAt(head, "moved/big.txt")!));
    }

    [Fact]
    public void CommitChanges_PartialCloneMissingBlobs_FetchesThemAndDetectsTheRename()
    {
        using var repo = WithBranch();
        var (clone, missingBefore) = PartialClone(repo);
        var head = repo.Run("rev-parse", "agent").Trim();
        var mergeBase = repo.Run("merge-base", "main", "agent").Trim();
        var refsBefore = repo.RunIn(clone, "for-each-ref");

        using (var workspace = GitWorkspace.Open(clone, _ => null))
        {
            Assert.Equal("origin", workspace.PromisorRemote);
            var changes = workspace.CommitChanges(mergeBase, head);
            var renamed = Assert.Single(changes, c => c.Status == ChangeStatus.Renamed);
            Assert.Equal(("big.txt", "moved/big.txt"), (renamed.OldPath, renamed.Path));
            Assert.Equal(Lines + "51\n", System.Text.Encoding.UTF8.GetString(workspace.Contents.ReadNew(renamed)!));
            Assert.Equal("manifest at main\n", System.Text.Encoding.UTF8.GetString(workspace.ReadAt(mergeBase, "scopes.json")!));
        }

        Assert.True(Missing(repo, clone) < missingBefore);
        Assert.Equal(refsBefore, repo.RunIn(clone, "for-each-ref"));
        Assert.False(File.Exists(Path.Combine(clone, ".git", "FETCH_HEAD")));
    }

    [Fact]
    public void CommitChanges_PartialCloneRemoteUnreachable_ThrowsOneLineSayingNotPresent()
    {
        using var repo = WithBranch();
        var (clone, _) = PartialClone(repo);
        repo.RunIn(clone, "remote", "set-url", "origin", "file://" + Path.Combine(repo.Root, "gone.git"));
        var head = repo.Run("rev-parse", "agent").Trim();
        var mergeBase = repo.Run("merge-base", "main", "agent").Trim();

        using var workspace = GitWorkspace.Open(clone, _ => null);
        var error = Assert.Throws<ScopeGuardException>(() => workspace.CommitChanges(mergeBase, head));
        Assert.Contains("not present in this partial clone", error.Message, StringComparison.Ordinal);
        Assert.Contains("'origin'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Open_Sha256Repository_SaysUnsupportedByLibgit2()
    {
        using var repo = TempRepo.Init();
        var sha = Path.Combine(repo.Root, "sha256");
        repo.RunIn(repo.Root, "init", "-q", "--object-format=sha256", sha);

        var error = Assert.Throws<ScopeGuardException>(() => GitWorkspace.Open(sha, _ => null));
        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Contains("libgit2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Branch_NameOver1KB_ExplainedAsLibgit2Limit()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        var part = new string('x', 200);
        var branch = "agent/" + string.Join('/', Enumerable.Repeat(part, 6));
        repo.Run("checkout", "-q", "-b", branch);

        using var workspace = repo.Open();
        var failure = Record.Exception(() => workspace.Branch);
        Assert.IsAssignableFrom<LibGit2SharpException>(failure);
        var explained = GitFailures.Explain(failure);
        Assert.NotNull(explained);
        Assert.Contains("1024 bytes", explained, StringComparison.Ordinal);
        Assert.Contains($"{("refs/heads/" + branch).Length} bytes long", explained, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', explained);
    }

    // main with a manifest and a big file; branch "agent" moves the big file and edits it (a rename that needs both blobs).
    private static TempRepo WithBranch()
    {
        var repo = TempRepo.Init();
        repo.WriteFile("scopes.json", "manifest at main\n");
        repo.WriteFile("big.txt", Lines);
        repo.CommitAll();
        repo.Run("checkout", "-q", "-b", "agent");
        Directory.CreateDirectory(repo.PathOf("moved"));
        repo.Run("mv", "big.txt", "moved/big.txt");
        File.AppendAllText(repo.PathOf("moved/big.txt"), "51\n");
        repo.WriteFile("scopes.json", "manifest at agent\n");
        repo.CommitAll();
        repo.Run("checkout", "-q", "main");
        return repo;
    }

    private static string Clone(TempRepo repo, params string[] args)
    {
        repo.RunIn(repo.Root, ["clone", "-q", .. args]);
        return Path.Combine(repo.Root, args[^1]);
    }

    // A blobless clone of the repository over file:// (the server side allows filters); main is checked out, agent's blobs are missing.
    private static (string Clone, int Missing) PartialClone(TempRepo repo)
    {
        var server = Clone(repo, "--bare", repo.WorkDir, "server.git");
        repo.RunIn(server, "config", "uploadpack.allowFilter", "true");
        repo.RunIn(server, "config", "uploadpack.allowAnySHA1InWant", "true");
        var clone = Clone(repo, "--filter=blob:none", "--no-checkout", new Uri(server).AbsoluteUri, "partial");
        repo.RunIn(clone, "branch", "-q", "agent", "origin/agent");
        var missing = Missing(repo, clone);
        Assert.True(missing > 0, "the clone has every blob: the test would prove nothing");
        return (clone, missing);
    }

    private static int Missing(TempRepo repo, string clone) =>
        repo.RunIn(clone, "rev-list", "--objects", "--missing=print", "--all").Split('\n').Count(l => l.StartsWith('?'));
}
