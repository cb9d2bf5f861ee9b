using System.IO;

namespace ScopeGuard.Git.Tests;

public sealed class AgentConfigTests
{
    [Fact]
    public void ReadAgentConfig_WorktreeAndRepositoryConfig_WorktreeConfigWins()
    {
        using var repo = TempRepo.Init();
        repo.Run("config", "extensions.worktreeConfig", "true");
        repo.Run("config", "scopeguard.agent", "payments");
        repo.Run("config", "--worktree", "scopeguard.agent", "billing");

        using var workspace = repo.Open();

        Assert.Equal("billing", repo.Run("config", "scopeguard.agent").TrimEnd('\n'));
        Assert.Equal(("billing", "worktree config"), workspace.ReadAgentConfig());
    }

    [Fact]
    public void ReadAgentConfig_ConfigWorktreeFileWithoutTheExtension_IsIgnoredLikeGit()
    {
        using var repo = TempRepo.Init();
        repo.Run("config", "scopeguard.agent", "payments");
        File.WriteAllText(Path.Combine(repo.WorkDir, ".git", "config.worktree"), "[scopeguard]\n\tagent = billing\n");

        using var workspace = repo.Open();

        Assert.Equal("payments", repo.Run("config", "scopeguard.agent").TrimEnd('\n'));
        Assert.Equal(("payments", "repository config"), workspace.ReadAgentConfig());
    }

    [Fact]
    public void ReadAgentConfig_RepositoryConfigOnly_IsRepositoryConfig()
    {
        using var repo = TempRepo.Init();
        repo.Run("config", "scopeguard.agent", "payments");

        using var workspace = repo.Open();

        Assert.Equal(("payments", "repository config"), workspace.ReadAgentConfig());
    }

    [Fact]
    public void ReadAgentConfig_IncludeIfGitdirInRepositoryConfig_FollowsTheIncludeLikeGit()
    {
        using var repo = TempRepo.Init();
        var included = Path.Combine(repo.Root, "agent.gitconfig");
        File.WriteAllText(included, "[scopeguard]\n\tagent = included\n");
        repo.Run("config", $"includeIf.gitdir:{repo.WorkDir}/.git.path", included);

        using var workspace = repo.Open();

        Assert.Equal("included", repo.Run("config", "scopeguard.agent").TrimEnd('\n'));
        Assert.Equal(("included", "repository config"), workspace.ReadAgentConfig());
    }

    [Fact]
    public void ReadAgentConfig_NothingConfigured_IsNulls()
    {
        using var repo = TempRepo.Init();

        using var workspace = repo.Open();

        Assert.Equal((null, null), workspace.ReadAgentConfig());
    }

    [Fact]
    public void ReadAgentConfig_LinkedWorktreeWithItsOwnConfig_UsesThatWorktreesConfig()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        repo.Run("config", "extensions.worktreeConfig", "true");
        repo.Run("config", "scopeguard.agent", "shared");
        repo.Run("config", "--worktree", "scopeguard.agent", "main-agent");
        var worktree = Path.Combine(repo.Root, "wt");
        repo.Run("worktree", "add", "-q", "-b", "agent/billing", worktree);
        repo.RunIn(worktree, "config", "--worktree", "scopeguard.agent", "billing");

        using var linked = repo.Open(startDirectory: worktree);
        using var main = repo.Open();

        Assert.Equal("billing", repo.RunIn(worktree, "config", "scopeguard.agent").TrimEnd('\n'));
        Assert.Equal(("billing", "worktree config"), linked.ReadAgentConfig());
        Assert.Equal(("main-agent", "worktree config"), main.ReadAgentConfig());
    }

    [Fact]
    public void ReadAgentConfig_LinkedWorktreeWithoutItsOwnValue_IgnoresTheMainWorktreesConfig()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        repo.Run("config", "extensions.worktreeConfig", "true");
        repo.Run("config", "scopeguard.agent", "shared");
        repo.Run("config", "--worktree", "scopeguard.agent", "main-agent");
        var worktree = Path.Combine(repo.Root, "wt");
        repo.Run("worktree", "add", "-q", "-b", "agent/other", worktree);

        // git worktree add copies the main worktree's config.worktree (since git 2.36); drop the copied value.
        repo.RunIn(worktree, "config", "--worktree", "--unset", "scopeguard.agent");

        using var linked = repo.Open(startDirectory: worktree);
        using var main = repo.Open();

        Assert.Equal("shared", repo.RunIn(worktree, "config", "scopeguard.agent").TrimEnd('\n'));
        Assert.Equal(("shared", "repository config"), linked.ReadAgentConfig());
        Assert.Equal(("main-agent", "worktree config"), main.ReadAgentConfig());
    }
}
