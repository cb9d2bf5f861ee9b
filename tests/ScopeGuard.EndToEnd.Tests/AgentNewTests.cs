using System;
using System.IO;
using System.Linq;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>
/// <c>scopeguard agent new</c> and <c>agent remove</c> as processes on real repositories: what they refuse
/// (exit 2, nothing created or changed), what they undo when a step fails, and the repository shapes they
/// must handle (a relative <c>core.hooksPath</c>, a bare repository with worktrees, odd branch names).
/// </summary>
public sealed class AgentNewTests
{
    [Fact]
    public void AgentNew_UnknownAgent_ExitsTwoNamingTheAgentsAndCreatesNothing()
    {
        using var repo = AgentWorkflowTests.NewRepository();
        var before = AgentWorkflowTests.State(repo);

        var result = repo.Tool(repo.Path, "agent", "new", "payments");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no agent 'payments' in scopes.json at the merge base with main", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was created. The agents are: billing, shipping, docs", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, AgentWorkflowTests.State(repo));
    }

    [Theory]
    [InlineData("agent/billing/old", "agent/billing")]
    [InlineData("agent", "agent")]
    public void AgentNew_BranchGitCannotHoldBesideAnExistingOne_ExitsTwoAndCreatesNothing(string existing, string named)
    {
        using var repo = AgentWorkflowTests.NewRepository();
        repo.Git("branch", existing);
        var before = AgentWorkflowTests.State(repo);

        var result = repo.Tool(repo.Path, "agent", "new", "billing");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"cannot create branch 'agent/billing' for agent 'billing': branch '{existing}' exists, and git cannot hold both ('{named}' would have to be a file and a folder of refs at once); nothing was created", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, AgentWorkflowTests.State(repo));
    }

    [Fact]
    public void AgentNew_BranchNameGitRefuses_ExitsTwoAndCreatesNothing()
    {
        using var repo = AgentWorkflowTests.NewRepository(AgentWorkflowTests.Manifest.Replace("\"agent/docs\"", "\"agent/docs.lock\"", StringComparison.Ordinal));
        var before = AgentWorkflowTests.State(repo);

        var result = repo.Tool(repo.Path, "agent", "new", "docs");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("'agent/docs.lock' (the branch for agent 'docs') is not a branch name git accepts; nothing was created", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, AgentWorkflowTests.State(repo));
    }

    [Fact]
    public void AgentNew_BranchWithQuotesAndNonAscii_WorksAndTheHookJudgesTheAgent()
    {
        const string Branch = "agent/o'brien-\"ü\"";
        using var repo = AgentWorkflowTests.NewRepository(AgentWorkflowTests.Manifest.Replace("\"agent/docs\"", "\"agent/o'brien-\\\"ü\\\"\"", StringComparison.Ordinal));

        var result = repo.Tool(repo.Path, "agent", "new", "docs");
        var worktree = Path.Combine(repo.Root, "repo-docs");
        repo.Append("src/Billing/Invoice.cs", "// docs was here\n", worktree);
        var refused = repo.Commit(worktree, "-a");
        repo.GitIn(worktree, "checkout", "--", "src/Billing/Invoice.cs");
        repo.Append("docs/index.md", "more\n", worktree);
        var accepted = repo.Commit(worktree, "-a");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Branch, repo.GitIn(worktree, "branch", "--show-current").TrimEnd('\n'));
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("error SG0001: agent 'docs'", refused.Output, StringComparison.Ordinal);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
    }

    [Fact]
    public void AgentNew_ForeignHookInTheWay_UndoesTheBranchWorktreeConfigAndExclude()
    {
        using var repo = AgentWorkflowTests.NewRepository();
        repo.Write(".git/hooks/pre-commit", "#!/bin/sh\n# lefthook\nexit 0\n");
        File.SetUnixFileMode(Path.Combine(repo.Path, ".git", "hooks", "pre-commit"), (UnixFileMode)0b111_101_101);
        var before = AgentWorkflowTests.State(repo);

        var result = repo.Tool(repo.Path, "agent", "new", "billing");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("has a hook that is not ScopeGuard's (a hook manager's?)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Run 'scopeguard install --chain' to run both, then 'scopeguard agent new' again", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("agent new undid what it had done: restored info/exclude, turned extensions.worktreeConfig off again, removed the worktree, deleted the branch", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, AgentWorkflowTests.State(repo));
        Assert.False(Directory.Exists(Path.Combine(repo.Root, "repo-billing")));
    }

    [Fact]
    public void AgentNew_AfterInstallChain_HookManagerAndScopeGuardBothRunInTheNewWorktree()
    {
        using var repo = AgentWorkflowTests.NewRepository();
        repo.Write(".git/hooks/pre-commit", "#!/bin/sh\necho 'hook manager ran' >&2\nexit 0\n");
        File.SetUnixFileMode(Path.Combine(repo.Path, ".git", "hooks", "pre-commit"), (UnixFileMode)0b111_101_101);
        var chain = repo.Tool(repo.Path, "install", "--chain");

        var result = repo.Tool(repo.Path, "agent", "new", "billing");
        var worktree = Path.Combine(repo.Root, "repo-billing");
        var doctor = repo.ReadOnlyTool(worktree, "doctor");
        repo.Append("docs/index.md", "billing was here\n", worktree);
        var refused = repo.Commit(worktree, "-a");

        Assert.True(chain.ExitCode == 0, chain.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"ScopeGuard's hooks run there (from {Path.Combine(repo.Path, ".git", "hooks")})", result.Stdout, StringComparison.Ordinal);
        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        Assert.Contains("hook manager ran", refused.Output, StringComparison.Ordinal);
        Assert.Contains("docs/index.md(1,1): error SG0001: agent 'billing'", refused.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AgentNew_RelativeHooksPathWhoseCopyLacksTheHooks_PointsTheWorktreeAtTheInstalledOnes()
    {
        using var repo = AgentWorkflowTests.NewRepository();
        repo.Git("config", "core.hooksPath", ".githooks");
        var install = repo.Tool(repo.Path, "install");

        var result = repo.Tool(repo.Path, "agent", "new", "billing");
        var worktree = Path.Combine(repo.Root, "repo-billing");
        var doctor = repo.ReadOnlyTool(worktree, "doctor");
        var doctorMain = repo.ReadOnlyTool(repo.Path, "doctor");
        repo.Append("docs/index.md", "billing was here\n", worktree);
        var refused = repo.Commit(worktree, "-a");

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"set its own core.hooksPath (git config --worktree) to {Path.Combine(repo.Path, ".githooks")}", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(repo.Path, ".githooks"), repo.GitIn(worktree, "config", "--worktree", "--get", "core.hooksPath").TrimEnd('\n'));
        Assert.Equal(".githooks", repo.Git("config", "--get", "core.hooksPath").TrimEnd('\n'));
        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        Assert.True(doctorMain.ExitCode == 0, doctorMain.ToString());
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("docs/index.md(1,1): error SG0001: agent 'billing'", refused.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AgentNew_RelativeHooksPathAndNoHooksAnywhere_ExitsTwoAndUndoesEverything()
    {
        using var repo = AgentWorkflowTests.NewRepository();
        repo.Git("config", "core.hooksPath", ".githooks");
        var before = AgentWorkflowTests.State(repo);

        var result = repo.Tool(repo.Path, "agent", "new", "billing");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("core.hooksPath is '.githooks', a relative path", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Run 'scopeguard install' first", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, AgentWorkflowTests.State(repo));
    }

    [Fact]
    public void AgentNew_BareRepositoryWithWorktrees_MovesCoreBareSoEveryWorktreeStillWorks()
    {
        using var repo = AgentWorkflowTests.NewRepository();
        var bare = Path.Combine(repo.Root, "contoso.git");
        repo.GitIn(repo.Root, "clone", "--quiet", "--bare", repo.Path, bare);
        var main = Path.Combine(repo.Root, "contoso-main");
        repo.GitIn(bare, "worktree", "add", "--quiet", main, "main");

        var result = repo.Tool(main, "agent", "new", "billing");
        var worktree = Path.Combine(repo.Root, "contoso-billing");
        var statusNew = repo.TryGit(worktree, null, "status", "--porcelain");
        var statusMain = repo.TryGit(main, null, "status", "--porcelain");
        var doctor = repo.ReadOnlyTool(worktree, "doctor");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("moved core.bare to the main worktree's config.worktree, as git-worktree(1) requires", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("true", repo.GitIn(bare, "rev-parse", "--is-bare-repository").Trim());
        Assert.Equal("true", repo.GitIn(repo.Root, "config", "--file", Path.Combine(bare, "config.worktree"), "--get", "core.bare").Trim());
        Assert.True(statusNew.ExitCode == 0 && statusNew.Stdout.Length == 0, statusNew.ToString());
        Assert.True(statusMain.ExitCode == 0 && statusMain.Stdout.Length == 0, statusMain.ToString());
        Assert.True(doctor.ExitCode == 0, doctor.ToString());
    }

    [Fact]
    public void AgentNew_BranchExistsWithoutWorktree_TheWorktreeContinuesIt()
    {
        using var repo = AgentWorkflowTests.NewRepository();
        repo.Git("switch", "--quiet", "-c", "agent/docs");
        repo.Append("docs/index.md", "earlier work\n");
        var earlier = repo.CommitAll("earlier work");
        repo.Git("switch", "--quiet", "main");

        var result = repo.Tool(repo.Path, "agent", "new", "docs");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("branch agent/docs exists: the worktree uses it as it is", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(earlier, repo.Head(Path.Combine(repo.Root, "repo-docs")));
    }

    [Fact]
    public void AgentNew_PathTakenOrCardCommitted_ExitsTwoAndCreatesNothing()
    {
        using var repo = AgentWorkflowTests.NewRepository();
        repo.Write("taken/file.txt", "x\n", repo.Root);
        var before = AgentWorkflowTests.State(repo);

        var taken = repo.Tool(repo.Path, "agent", "new", "docs", "--path", "../taken");
        var afterTaken = AgentWorkflowTests.State(repo);
        repo.Write(".scopeguard/SCOPE.md", "committed\n");
        repo.CommitAll("a committed card");
        var committedBefore = AgentWorkflowTests.State(repo);
        var committed = repo.Tool(repo.Path, "agent", "new", "docs");

        Assert.True(taken.ExitCode == 2, taken.ToString());
        Assert.Contains($"'{Path.Combine(repo.Root, "taken")}' already exists and is not an empty folder; nothing was created", taken.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, afterTaken);
        Assert.True(committed.ExitCode == 2, committed.ToString());
        Assert.Contains(".scopeguard/SCOPE.md is committed at main", committed.Stderr, StringComparison.Ordinal);
        Assert.Equal(committedBefore, AgentWorkflowTests.State(repo));
    }

    [Fact]
    public void AgentNew_Card_IsIgnoredThroughTheInfoExcludeGitReadsThere()
    {
        using var repo = AgentWorkflowTests.NewRepository();

        var result = repo.Tool(repo.Path, "agent", "new", "docs");
        var worktree = Path.Combine(repo.Root, "repo-docs");
        var why = repo.GitIn(worktree, "check-ignore", "--verbose", ".scopeguard/SCOPE.md");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"{Path.Combine(repo.Path, ".git", "info", "exclude")}:", why, StringComparison.Ordinal);
        Assert.EndsWith(":/.scopeguard/SCOPE.md\t.scopeguard/SCOPE.md\n", why, StringComparison.Ordinal);
        Assert.Equal(string.Empty, repo.GitIn(worktree, "status", "--porcelain", "--untracked-files=all", "--ignored=no"));
    }

    [Fact]
    public void AgentNew_ScopeCardSetting_WritesTheCardThereAndNoCommitTakesIt()
    {
        using var repo = AgentWorkflowTests.NewRepository(WithScopeCard("docs/agent/SCOPE.md"));

        var result = repo.Tool(repo.Path, "agent", "new", "docs");
        var worktree = Path.Combine(repo.Root, "repo-docs");
        var card = Path.Combine(worktree, "docs", "agent", "SCOPE.md");
        var status = repo.GitIn(worktree, "status", "--porcelain", "--untracked-files=all");
        var exclude = File.ReadAllText(Path.Combine(repo.Path, ".git", "info", "exclude"));
        repo.Append("docs/index.md", "in scope\n", worktree);
        repo.GitIn(worktree, "add", "-A");
        var commit = repo.Commit(worktree);
        var committed = repo.GitIn(worktree, "show", "--name-only", "--format=", "HEAD");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("give the agent docs/agent/SCOPE.md to read", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("# Scope of agent `docs`", File.ReadAllText(card), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(worktree, ".scopeguard", "SCOPE.md")));
        Assert.Equal(string.Empty, status);
        Assert.Contains("\n/docs/agent/SCOPE.md\n", exclude, StringComparison.Ordinal);
        Assert.DoesNotContain("/.scopeguard/SCOPE.md", exclude, StringComparison.Ordinal);
        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Equal("docs/index.md\n", committed);
    }

    [Fact]
    public void AgentNew_ScopeCardSettingNamesATrackedFile_ExitsTwoAndCreatesNothing()
    {
        using var repo = AgentWorkflowTests.NewRepository(WithScopeCard("AGENTS.md"));
        repo.Write("AGENTS.md", "# How we work\n");
        repo.CommitAll("the team's instructions for agents");
        var before = AgentWorkflowTests.State(repo);

        var result = repo.Tool(repo.Path, "agent", "new", "docs");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("AGENTS.md is committed at main (settings.scopeCard in scopes.json", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was created", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, AgentWorkflowTests.State(repo));
        Assert.Equal("# How we work\n", File.ReadAllText(Path.Combine(repo.Path, "AGENTS.md")));
    }

    [Theory]
    [InlineData("/docs/SCOPE.md", "is absolute")]
    [InlineData("../SCOPE.md", "climbs out with '..'")]
    [InlineData("docs/../../SCOPE.md", "climbs out with '..'")]
    [InlineData(".git/SCOPE.md", "goes through a .git folder")]
    [InlineData("sub/.GIT/SCOPE.md", "goes through a .git folder")]
    [InlineData("docs/agent/", "ends with '/': name a file, not a folder")]
    [InlineData("docs//SCOPE.md", "has an empty or '.' folder")]
    [InlineData("docs/*.md", "holds '*': name one file literally")]
    [InlineData("", "is empty")]
    public void AgentNew_InvalidScopeCardSetting_ExitsTwoWithThePositionAndCreatesNothing(string value, string problem)
    {
        var manifest = WithScopeCard(value);
        var at = manifest.IndexOf("\"scopeCard\": ", StringComparison.Ordinal) + "\"scopeCard\": ".Length;
        var line = manifest[..at].Count(c => c == '\n') + 1;
        var column = at - manifest.LastIndexOf('\n', at - 1);
        using var repo = AgentWorkflowTests.NewRepository(manifest);
        var before = AgentWorkflowTests.State(repo);

        var result = repo.Tool(repo.Path, "agent", "new", "docs");
        var lint = repo.ReadOnlyTool(repo.Path, "lint");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"scopes.json({line},{column}): error SG0007: settings.scopeCard \"{value}\" {problem}", result.Stderr + result.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, AgentWorkflowTests.State(repo));
        Assert.True(lint.ExitCode == 2, lint.ToString());
        Assert.Contains($"scopes.json({line},{column}): error SG0007: settings.scopeCard", lint.Stdout + lint.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AgentNew_WildcardBranchPattern_CreatesABranchThePatternMatches()
    {
        using var repo = AgentWorkflowTests.NewRepository();

        var result = repo.Tool(repo.Path, "agent", "new", "shipping");
        var worktree = Path.Combine(repo.Root, "repo-shipping");
        var doctor = repo.ReadOnlyTool(worktree, "doctor");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("created branch agent/shipping/work from main", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("agent/shipping/work", repo.GitIn(worktree, "branch", "--show-current").Trim());
        Assert.True(doctor.ExitCode == 0, doctor.ToString());
    }

    [Fact]
    public void AgentNew_Claude_WritesTheGuardEntryAndKeepsItOutOfCommits()
    {
        using var repo = AgentWorkflowTests.NewRepository();

        var result = repo.Tool(repo.Path, "agent", "new", "docs", "--claude");
        var worktree = Path.Combine(repo.Root, "repo-docs");
        var settings = File.ReadAllText(Path.Combine(worktree, ".claude", "settings.json"));
        var status = repo.GitIn(worktree, "status", "--porcelain", "--untracked-files=all");
        repo.Append("docs/index.md", "more\n", worktree);
        repo.GitIn(worktree, "add", "-A");
        var commit = repo.Commit(worktree);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("wrote the pre-edit guard for Claude Code into", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("PreToolUse", settings, StringComparison.Ordinal);
        Assert.Contains("guard", settings, StringComparison.Ordinal);
        Assert.Equal(string.Empty, status);
        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Equal("docs/index.md\n", repo.GitIn(worktree, "diff-tree", "--no-commit-id", "--name-only", "-r", "HEAD"));
    }

    [Fact]
    public void AgentNew_ClaudeWithTrackedSettings_MergesTheEntryAndCommitsLeaveItOut()
    {
        using var repo = AgentWorkflowTests.NewRepository();
        repo.Write(".claude/settings.json", "{\n  \"permissions\": { \"allow\": [\"Bash(ls)\"] }\n}\n");
        repo.CommitAll("team Claude settings");

        var result = repo.Tool(repo.Path, "agent", "new", "docs", "--claude");
        var worktree = Path.Combine(repo.Root, "repo-docs");
        var settings = File.ReadAllText(Path.Combine(worktree, ".claude", "settings.json"));
        var status = repo.GitIn(worktree, "status", "--porcelain", "--untracked-files=all");
        repo.Append("docs/index.md", "more\n", worktree);
        var commit = repo.Commit(worktree, "-a");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("tracked: marked skip-worktree in this worktree", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Bash(ls)", settings, StringComparison.Ordinal);
        Assert.Contains("PreToolUse", settings, StringComparison.Ordinal);
        Assert.Equal(string.Empty, status);
        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Equal("docs/index.md\n", repo.GitIn(worktree, "diff-tree", "--no-commit-id", "--name-only", "-r", "HEAD"));
    }

    [Fact]
    public void AgentRemove_FromInsideTheWorktree_ExitsTwoAndRemovesNothing()
    {
        using var repo = AgentWorkflowTests.NewRepository();
        var created = repo.Tool(repo.Path, "agent", "new", "docs");
        var worktree = Path.Combine(repo.Root, "repo-docs");

        var result = repo.Tool(Path.Combine(worktree, "docs"), "agent", "remove", "docs", "--force");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"the current folder is inside '{worktree}', the worktree to remove; nothing was changed", result.Stderr, StringComparison.Ordinal);
        Assert.True(Directory.Exists(worktree));
    }

    private static string WithScopeCard(string path) =>
        AgentWorkflowTests.Manifest.Replace(
            "\"unknownAgent\": \"allow\",",
            $"\"unknownAgent\": \"allow\",\n    \"scopeCard\": \"{path}\",",
            StringComparison.Ordinal);
}
