using System.Collections.Generic;
using System.IO;

namespace ScopeGuard.Git.Tests;

/// <summary><c>GIT_INDEX_FILE</c>: the index git is committing, which for <c>commit -a</c> and <c>commit PATHS</c> is not <c>.git/index</c>.</summary>
public sealed class IndexFileTests
{
    // Copies the index git hands the hook, and records what git told it, so the test can replay the hook's view.
    private const string CaptureHook = """
        #!/bin/sh
        set -e
        cp "$GIT_INDEX_FILE" "$SCOPEGUARD_CAPTURE/index"
        cp "$(git rev-parse --git-dir)/index" "$SCOPEGUARD_CAPTURE/default-index"
        printf '%s' "$GIT_INDEX_FILE" > "$SCOPEGUARD_CAPTURE/GIT_INDEX_FILE"
        printf '%s' "${GIT_DIR-}" > "$SCOPEGUARD_CAPTURE/GIT_DIR"
        pwd > "$SCOPEGUARD_CAPTURE/cwd"

        """;

    [Fact]
    public void Open_AbsoluteGitIndexFile_SeesExactlyThatIndexsChanges()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.WriteFile("b.txt", "b\n");
        repo.CommitAll();
        var index = Path.Combine(repo.Root, "x", "idx");
        Directory.CreateDirectory(Path.GetDirectoryName(index)!);
        var environment = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = index };
        repo.RunIn(repo.WorkDir, environment, "read-tree", "HEAD");
        repo.WriteFile("a.txt", "a in the other index\n");
        repo.WriteFile("b.txt", "b changed but not staged anywhere\n");
        repo.RunIn(repo.WorkDir, environment, "add", "a.txt");

        using var alternative = repo.Open(environment);
        using var standard = repo.Open();

        Assert.Equal([new NameStatus('M', "a.txt", "a.txt")], NameStatus.Of(alternative.StagedChanges()));
        Assert.Equal(repo.RunIn(repo.WorkDir, environment, "rev-parse", ":a.txt").Trim(), alternative.StagedChanges()[0].NewBlobId);
        Assert.Equal("a in the other index\n"u8.ToArray(), alternative.ReadStaged("a.txt"));
        Assert.Equal(index, alternative.IndexFile);
        Assert.Empty(standard.StagedChanges());
        Assert.Equal("a\n"u8.ToArray(), standard.ReadStaged("a.txt"));
        Assert.Null(standard.IndexFile);
    }

    [Fact]
    public void Open_RelativeGitIndexFileFromWorkingTreeRoot_ResolvesFromThere()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        var environment = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = ".git/alt-index" };
        repo.RunIn(repo.WorkDir, environment, "read-tree", "HEAD");
        repo.WriteFile("new.txt", "new\n");
        repo.RunIn(repo.WorkDir, environment, "add", "new.txt");

        using var workspace = repo.Open(environment);

        Assert.Equal([new NameStatus('A', "new.txt", "new.txt")], NameStatus.Of(workspace.StagedChanges()));
        Assert.Equal(Path.Combine(repo.WorkDir, ".git", "alt-index"), workspace.IndexFile);
    }

    [Fact]
    public void Open_RelativeGitIndexFileFromSubdirectory_ResolvesFromWorkingTreeRootLikeGit()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("sub/a.txt", "a\n");
        repo.CommitAll();
        var environment = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = ".git/alt-index" };
        repo.RunIn(repo.WorkDir, environment, "read-tree", "HEAD");
        repo.WriteFile("sub/new.txt", "new\n");
        repo.RunIn(repo.WorkDir, environment, "add", "sub/new.txt");
        var subdirectory = repo.PathOf("sub");

        // git moves to the top of the working tree before it reads GIT_INDEX_FILE.
        var gitSays = NameStatus.ParseZ(repo.RunIn(subdirectory, environment, "diff", "--cached", "--name-status", "-z"));
        using var workspace = repo.Open(environment, subdirectory);

        Assert.Equal([new NameStatus('A', "sub/new.txt", "sub/new.txt")], gitSays);
        Assert.Equal(gitSays, NameStatus.Of(workspace.StagedChanges()));
        Assert.Equal(Path.Combine(repo.WorkDir, ".git", "alt-index"), workspace.IndexFile);
    }

    [Fact]
    public void PreCommitHook_CommitAll_SeesTheTemporaryIndexGitCommits()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("modified.txt", "m\n");
        repo.WriteFile("deleted.txt", "d\n");
        repo.WriteFile("staged.txt", "s\n");
        repo.WriteFile("untouched.txt", "u\n");
        repo.CommitAll();
        repo.InstallHook("pre-commit", CaptureHook);
        repo.WriteFile("staged.txt", "s staged\n");
        repo.Run("add", "staged.txt");
        repo.WriteFile("modified.txt", "m edited, not staged\n");
        repo.DeleteFile("deleted.txt");
        repo.WriteFile("untracked.txt", "not committed by -a\n");

        var hook = CommitThroughHook(repo, repo.WorkDir, "commit", "-a", "-q", "-m", "all");
        using var workspace = repo.Open(hook.Replay, hook.WorkingDirectory);
        using var standard = repo.Open(new Dictionary<string, string>(hook.Replay) { ["GIT_INDEX_FILE"] = hook.DefaultIndexCopy }, hook.WorkingDirectory);

        Assert.EndsWith("index.lock", hook.IndexFile, System.StringComparison.Ordinal);
        Assert.Equal(
            [new NameStatus('D', "deleted.txt", "deleted.txt"), new NameStatus('M', "modified.txt", "modified.txt"), new NameStatus('M', "staged.txt", "staged.txt")],
            hook.Committed);
        Assert.Equal(hook.Committed, NameStatus.Of(workspace.StagedChanges()));
        Assert.Equal([new NameStatus('M', "staged.txt", "staged.txt")], NameStatus.Of(standard.StagedChanges()));
    }

    [Fact]
    public void PreCommitHook_CommitPaths_SeesOnlyTheNamedPaths()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("staged.txt", "s\n");
        repo.WriteFile("named.txt", "n\n");
        repo.CommitAll();
        repo.InstallHook("pre-commit", CaptureHook);
        repo.WriteFile("staged.txt", "staged but not named\n");
        repo.Run("add", "staged.txt");
        repo.WriteFile("named.txt", "named on the command line\n");

        var hook = CommitThroughHook(repo, repo.WorkDir, "commit", "-q", "-m", "only", "--", "named.txt");
        using var workspace = repo.Open(hook.Replay, hook.WorkingDirectory);
        using var standard = repo.Open(new Dictionary<string, string>(hook.Replay) { ["GIT_INDEX_FILE"] = hook.DefaultIndexCopy }, hook.WorkingDirectory);

        Assert.Contains("next-index", hook.IndexFile, System.StringComparison.Ordinal);
        Assert.Equal([new NameStatus('M', "named.txt", "named.txt")], hook.Committed);
        Assert.Equal(hook.Committed, NameStatus.Of(workspace.StagedChanges()));
        Assert.Equal([new NameStatus('M', "staged.txt", "staged.txt")], NameStatus.Of(standard.StagedChanges()));
    }

    [Fact]
    public void PreCommitHook_PlainCommit_RelativeGitIndexFileAsGitPassesIt()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.WriteFile("c.txt", "c\n");
        repo.CommitAll();
        repo.InstallHook("pre-commit", CaptureHook);
        repo.WriteFile("a.txt", "a changed\n");
        repo.Run("add", "a.txt");
        repo.Run("mv", "c.txt", "d.txt");

        var hook = CommitThroughHook(repo, repo.WorkDir, "commit", "-q", "-m", "plain");

        // The real index outlives the commit, so open with exactly what git passed the hook (a relative path).
        var passed = new Dictionary<string, string>(hook.Replay) { ["GIT_INDEX_FILE"] = hook.IndexFile };
        using var workspace = repo.Open(passed, hook.WorkingDirectory);

        Assert.Equal(Path.Combine(".git", "index"), hook.IndexFile);
        Assert.Equal([new NameStatus('M', "a.txt", "a.txt"), new NameStatus('R', "c.txt", "d.txt")], hook.Committed);
        Assert.Equal(hook.Committed, NameStatus.Of(workspace.StagedChanges()));
    }

    [Fact]
    public void PreCommitHook_LinkedWorktree_SeesTheWorktreesIndexAndGitDir()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.WriteFile("b.txt", "b\n");
        repo.CommitAll();
        repo.InstallHook("pre-commit", CaptureHook);
        var worktree = Path.Combine(repo.Root, "wt");
        repo.Run("worktree", "add", "-q", "-b", "feature/wt", worktree);
        File.WriteAllText(Path.Combine(worktree, "a.txt"), "a in the worktree\n");
        File.WriteAllText(Path.Combine(worktree, "new.txt"), "new\n");
        repo.RunIn(worktree, "add", "new.txt");
        repo.WriteFile("b.txt", "edited in the main worktree, never committed\n");

        var hook = CommitThroughHook(repo, worktree, "commit", "-a", "-q", "-m", "in worktree");
        using var workspace = repo.Open(hook.Replay, hook.WorkingDirectory);

        Assert.Equal(Path.Combine(repo.WorkDir, ".git", "worktrees", "wt"), hook.GitDir);
        Assert.Equal(hook.GitDir, workspace.GitDirectory);
        Assert.Equal(worktree, workspace.WorkingDirectory);
        Assert.Equal("feature/wt", workspace.Branch);
        Assert.Equal([new NameStatus('M', "a.txt", "a.txt"), new NameStatus('A', "new.txt", "new.txt")], hook.Committed);
        Assert.Equal(hook.Committed, NameStatus.Of(workspace.StagedChanges()));
    }

    /// <summary>
    /// Runs a commit with <see cref="CaptureHook"/> installed, records what it committed, moves HEAD back
    /// (<c>reset --soft</c>) so HEAD is again what the hook saw, and returns the environment that replays the
    /// hook's view: <c>GIT_INDEX_FILE</c> naming the copied index, and git's <c>GIT_DIR</c> when it set one.
    /// </summary>
    private static HookView CommitThroughHook(TempRepo repo, string directory, params string[] commit)
    {
        var capture = Path.Combine(repo.Root, "capture-" + Path.GetRandomFileName());
        Directory.CreateDirectory(capture);
        repo.RunIn(directory, new Dictionary<string, string> { ["SCOPEGUARD_CAPTURE"] = capture }, commit);
        var committed = NameStatus.ParseZ(repo.RunIn(directory, "diff", "--name-status", "-z", "-M", "HEAD~1", "HEAD"));
        repo.RunIn(directory, "reset", "-q", "--soft", "HEAD~1");

        var indexFile = File.ReadAllText(Path.Combine(capture, "GIT_INDEX_FILE"));
        var gitDir = File.ReadAllText(Path.Combine(capture, "GIT_DIR"));
        var cwd = File.ReadAllText(Path.Combine(capture, "cwd")).TrimEnd('\n');
        var environment = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = Path.Combine(capture, "index") };
        if (gitDir.Length > 0)
        {
            environment["GIT_DIR"] = gitDir;
        }

        return new HookView(indexFile, gitDir, cwd, committed, environment, Path.Combine(capture, "default-index"));
    }

    /// <summary>What a pre-commit hook saw.</summary>
    /// <param name="IndexFile">GIT_INDEX_FILE as git set it.</param>
    /// <param name="GitDir">GIT_DIR as git set it (empty when unset).</param>
    /// <param name="WorkingDirectory">The hook's current directory.</param>
    /// <param name="Committed">What the commit changed (<c>git diff --name-status -M HEAD~1 HEAD</c>).</param>
    /// <param name="Replay">The environment that opens the hook's view: the copied GIT_INDEX_FILE and GIT_DIR.</param>
    /// <param name="DefaultIndexCopy">A copy of the working tree's ordinary index file at hook time.</param>
    private sealed record HookView(
        string IndexFile,
        string GitDir,
        string WorkingDirectory,
        IReadOnlyList<NameStatus> Committed,
        IReadOnlyDictionary<string, string> Replay,
        string DefaultIndexCopy);
}
