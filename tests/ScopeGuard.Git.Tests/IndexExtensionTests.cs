using System.IO;
using System.Linq;
using ScopeGuard.Core.Changes;

namespace ScopeGuard.Git.Tests;

/// <summary>Split and sparse indexes (libgit2 cannot read them): the staged changes are read through git, the same as from a plain index.</summary>
public sealed class IndexExtensionTests
{
    private static readonly string Lines = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i} of a file with some content\n"));

    [Fact]
    public void StagedChanges_SplitIndex_SameAsPlainIndex()
    {
        using var repo = StagedWork();
        var (expected, manifest) = ReadPlain(repo);

        repo.Run("config", "core.splitIndex", "true");
        repo.Run("update-index", "--split-index");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(repo.WorkDir, ".git"), "sharedindex.*"));

        AssertSameThroughGit(repo, expected, manifest);
    }

    [Fact]
    public void StagedChanges_SparseIndex_SameAsPlainIndex()
    {
        using var repo = StagedWork();
        var (expected, manifest) = ReadPlain(repo);

        repo.Run("sparse-checkout", "init", "--cone", "--sparse-index");
        repo.Run("sparse-checkout", "set", "src/Billing", "src/Shared");
        Assert.Contains("other/", repo.Run("ls-files", "--sparse"));

        AssertSameThroughGit(repo, expected, manifest);
    }

    [Fact]
    public void ReadStaged_SparseIndexPathInCollapsedFolder_ReadsItsBlob()
    {
        using var repo = StagedWork();
        repo.Run("sparse-checkout", "init", "--cone", "--sparse-index");
        repo.Run("sparse-checkout", "set", "src/Billing");

        using var workspace = repo.Open();
        Assert.True(workspace.IndexNeedsGit);
        Assert.Equal("other\n"u8.ToArray(), workspace.ReadStaged("other/deep/o.txt"));
        Assert.Null(workspace.ReadStaged("other/deep/missing.txt"));
        Assert.Null(workspace.ReadStaged("other"));
    }

    [Fact]
    public void StagedChanges_SparseIndexNamedByGitIndexFile_SameAsPlainIndex()
    {
        using var repo = StagedWork();
        var (expected, manifest) = ReadPlain(repo);
        repo.Run("sparse-checkout", "init", "--cone", "--sparse-index");
        repo.Run("sparse-checkout", "set", "src/Billing", "src/Shared");

        // What git hands the pre-commit hook: libgit2 would load this index when it opens the repository.
        using var workspace = repo.Open(new System.Collections.Generic.Dictionary<string, string> { ["GIT_INDEX_FILE"] = ".git/index" });
        Assert.True(workspace.IndexNeedsGit);
        Assert.Equal(Path.Combine(repo.WorkDir, ".git", "index"), workspace.IndexFile);
        Assert.Equal(expected, workspace.StagedChanges());
        Assert.Equal(manifest, workspace.ReadStaged("scopes.json"));
    }

    [Fact]
    public void StagedChanges_SplitIndexBeforeFirstCommit_ReportsAllAdded()
    {
        using var repo = TempRepo.Init();
        repo.Run("config", "core.splitIndex", "true");
        repo.WriteFile("scopes.json", "{}\n");
        repo.WriteFile("src/a.txt", "a\n");
        repo.Run("add", "-A");

        using var workspace = repo.Open();
        Assert.True(workspace.IndexNeedsGit);
        Assert.Equal(
            [
                new FileChange("scopes.json", "scopes.json", ChangeStatus.Added, EntryKind.None, EntryKind.File, null, repo.Run("rev-parse", ":scopes.json").Trim()),
                new FileChange("src/a.txt", "src/a.txt", ChangeStatus.Added, EntryKind.None, EntryKind.File, null, repo.Run("rev-parse", ":src/a.txt").Trim()),
            ],
            workspace.StagedChanges());
    }

    // A commit on main, then staged work of every kind: add, modify, delete, rename, copy, mode change, symlink.
    private static TempRepo StagedWork()
    {
        var repo = TempRepo.Init();
        repo.WriteFile("scopes.json", "{ \"version\": 1 }\n");
        repo.WriteFile("src/Billing/Invoice.cs", Lines);
        repo.WriteFile("src/Billing/Old.txt", Lines + "old\n");
        repo.WriteFile("src/Billing/Gone.txt", "gone\n");
        repo.WriteFile("src/Billing/run.sh", "echo run\n");
        repo.WriteFile("src/Shared/Copied.txt", "short\n");
        repo.WriteFile("other/deep/o.txt", "other\n");
        repo.CommitAll();

        repo.WriteFile("scopes.json", "{ \"version\": 1, \"agents\": {} }\n");
        repo.WriteFile("src/Billing/Invoice.cs", Lines + "more\n");
        repo.WriteFile("src/Billing/Copy.cs", Lines);
        repo.Run("mv", "src/Billing/Old.txt", "src/Billing/New.txt");
        repo.Run("rm", "-q", "src/Billing/Gone.txt");
        repo.WriteFile("src/Billing/added.txt", "added\n");
        if (!System.OperatingSystem.IsWindows())
        {
            File.CreateSymbolicLink(repo.PathOf("src/Billing/link"), "added.txt");
        }

        repo.Run("add", "-A");
        repo.Run("update-index", "--chmod=+x", "src/Billing/run.sh");
        repo.Run("status", "--porcelain=v1");
        return repo;
    }

    private static (System.Collections.Generic.IReadOnlyList<FileChange> Changes, byte[]? Manifest) ReadPlain(TempRepo repo)
    {
        using var workspace = repo.Open();
        Assert.False(workspace.IndexNeedsGit);
        var changes = workspace.StagedChanges();
        Assert.Contains(changes, c => c.Status == ChangeStatus.Renamed);
        Assert.Contains(changes, c => c.Status == ChangeStatus.Copied);
        Assert.Contains(changes, c => c.Status == ChangeStatus.Deleted);
        Assert.Contains(changes, c => c.IsModeChange);
        return (changes, workspace.ReadStaged("scopes.json"));
    }

    private static void AssertSameThroughGit(TempRepo repo, System.Collections.Generic.IReadOnlyList<FileChange> expected, byte[]? manifest)
    {
        var index = Path.Combine(repo.WorkDir, ".git", "index");
        var before = File.ReadAllBytes(index);
        using (var workspace = repo.Open())
        {
            Assert.True(workspace.IndexNeedsGit);
            Assert.Equal(expected, workspace.StagedChanges());
            Assert.Equal(manifest, workspace.ReadStaged("scopes.json"));
            Assert.Equal("other\n"u8.ToArray(), workspace.ReadStaged("other/deep/o.txt"));
            Assert.Null(workspace.ReadStaged("nothing/here.txt"));
        }

        Assert.Equal(before, File.ReadAllBytes(index));
    }
}
