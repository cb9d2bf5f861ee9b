using System;
using System.IO;
using System.Linq;

namespace ScopeGuard.Git.Tests;

public sealed class ReadOnlyTests
{
    [Fact]
    public void GitWorkspace_EveryRead_LeavesIndexRefsConfigAndStatusByteForByteUnchanged()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.WriteFile("b.txt", "b\n");
        repo.WriteFile("c.txt", "c\n");
        repo.CommitAll();
        repo.Run("config", "scopeguard.agent", "billing");
        repo.Run("branch", "agent/billing/x");
        repo.WriteFile("a.txt", "a staged\n");
        repo.Run("add", "a.txt");
        repo.Run("mv", "c.txt", "renamed.txt");
        repo.WriteFile("b.txt", "b unstaged\n");
        repo.WriteFile("untracked.txt", "untracked\n");

        // Let git settle its own index stat cache first, so the only writer left would be the code under test.
        repo.Run("status", "--porcelain=v1");
        var before = Snapshot(repo);

        using (var workspace = repo.Open())
        {
            Assert.NotEmpty(workspace.StagedChanges());
            Assert.Equal(("billing", "repository config"), workspace.ReadAgentConfig());
            Assert.NotEmpty(workspace.HooksDirectory);
            Assert.NotNull(workspace.ReadAtHead("a.txt"));
            Assert.NotNull(workspace.ReadStaged("a.txt"));
            Assert.Equal("main", workspace.Branch);
            Assert.Equal("sub/x.txt", workspace.ToRepositoryPath("x.txt", repo.PathOf("sub")));
        }

        Assert.Equal(before, Snapshot(repo));
    }

    private static string Snapshot(TempRepo repo)
    {
        var gitDir = Path.Combine(repo.WorkDir, ".git");

        // Read the files before running git again; --no-optional-locks keeps status itself from refreshing the index.
        var index = Convert.ToHexString(File.ReadAllBytes(Path.Combine(gitDir, "index")));
        var config = Convert.ToHexString(File.ReadAllBytes(Path.Combine(gitDir, "config")));
        var files = string.Join('\n', Directory.EnumerateFiles(gitDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(gitDir, f))
            .Order(StringComparer.Ordinal));
        var status = repo.Run("--no-optional-locks", "status", "--porcelain=v1", "-z");
        var refs = repo.Run("for-each-ref");
        return string.Join("\n--\n", index, config, files, status, refs);
    }
}
