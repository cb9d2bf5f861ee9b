namespace ScopeGuard.Git.Tests;

public sealed class IgnoreCaseConfigTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    [InlineData("0", false)]
    public void IgnoreCase_CoreIgnoreCaseInRepositoryConfig_ReadsItAsGitDoes(string value, bool expected)
    {
        using var repo = TempRepo.Init();
        repo.Run("config", "core.ignorecase", value);

        using var workspace = repo.Open();

        Assert.Equal(expected ? "true" : "false", repo.Run("config", "--type=bool", "core.ignorecase").TrimEnd('\n'));
        Assert.Equal(expected, workspace.IgnoreCase);
    }

    [Fact]
    public void IgnoreCase_Unset_IsFalse()
    {
        using var repo = TempRepo.Init();

        using var workspace = repo.Open();

        Assert.Null(workspace.ReadConfig("core.ignorecase"));
        Assert.False(workspace.IgnoreCase);
    }

    [Fact]
    public void IgnoreCase_WorktreeConfigSaysTrue_WinsOverRepositoryConfig()
    {
        using var repo = TempRepo.Init();
        repo.Run("config", "extensions.worktreeConfig", "true");
        repo.Run("config", "core.ignorecase", "false");
        repo.Run("config", "--worktree", "core.ignorecase", "true");

        using var workspace = repo.Open();

        Assert.True(workspace.IgnoreCase);
    }

    [Fact]
    public void QuotePath_Unset_IsTrueAsInGit()
    {
        using var repo = TempRepo.Init();

        using var workspace = repo.Open();

        Assert.True(workspace.QuotePath);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    [InlineData("off", false)]
    public void QuotePath_CoreQuotePathInRepositoryConfig_ReadsItAsGitDoes(string value, bool expected)
    {
        using var repo = TempRepo.Init();
        repo.Run("config", "core.quotepath", value);

        using var workspace = repo.Open();

        Assert.Equal(expected, workspace.QuotePath);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("on", true)]
    [InlineData("2k", true)]
    [InlineData("maybe", null)]
    public void ParseBoolean_GitBooleanSpellings_AreReadAsGitDoes(string? value, bool? expected)
    {
        Assert.Equal(expected, GitWorkspace.ParseBoolean(value));
    }
}
