using System;
using System.Collections.Generic;
using System.IO;

namespace ScopeGuard.TestSupport;

/// <summary>
/// A real git repository in a temp folder of its own, driven by the git CLI in an isolated environment and deleted
/// on dispose. Layout: <c>Root/home</c> (an empty HOME, so no user config leaks in), <c>Root/repo</c> (the main
/// worktree); other folders under <see cref="Root"/> (linked worktrees, a bare remote, outside files) go with it.
/// The test projects' own repository classes derive from this one and add what only they need.
/// </summary>
public class GitSandbox : IDisposable
{
    /// <summary>How long one git command may run.</summary>
    public static readonly TimeSpan GitLimit = TimeSpan.FromSeconds(90);

    private readonly TempFolder folder;

    /// <summary>Initializes a new instance of the <see cref="GitSandbox"/> class: the folders, no repository yet.</summary>
    /// <param name="prefix">How the temp folder's name starts.</param>
    /// <param name="environment">
    /// Makes the environment of every process from <see cref="Root"/> and <see cref="Home"/>;
    /// <see cref="TestEnvironment.IsolatedGit"/> of the test process's variables by default.
    /// </param>
    protected GitSandbox(string prefix, Func<string, string, IReadOnlyDictionary<string, string?>>? environment = null)
    {
        folder = new TempFolder(prefix);
        Root = folder.Path;
        Home = System.IO.Path.Combine(Root, "home");
        Path = System.IO.Path.Combine(Root, "repo");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Path);
        Environment = environment is null ? TestEnvironment.IsolatedGit(Home) : environment(Root, Home);
    }

    /// <summary>Gets the temp folder holding everything (its real path, no symlinks).</summary>
    public string Root { get; }

    /// <summary>Gets the HOME every process runs with.</summary>
    public string Home { get; }

    /// <summary>Gets the main worktree.</summary>
    public string Path { get; }

    /// <summary>Gets the environment every process starts with.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>Gets the absolute path of a path relative to <paramref name="worktree"/>.</summary>
    /// <param name="relativePath">A path with <c>/</c> separators.</param>
    /// <param name="worktree">The worktree; the main one by default.</param>
    /// <returns>The absolute path.</returns>
    public string FullPath(string relativePath, string? worktree = null) => FileTree.PathIn(worktree ?? Path, relativePath);

    /// <summary>Writes a text file (UTF-8, no BOM, the text as given), creating folders.</summary>
    /// <param name="relativePath">A path with <c>/</c> separators.</param>
    /// <param name="text">The text.</param>
    /// <param name="worktree">The worktree; the main one by default.</param>
    /// <returns>The absolute path.</returns>
    public string Write(string relativePath, string text, string? worktree = null) => FileTree.Write(worktree ?? Path, relativePath, text);

    /// <summary>Writes a file's bytes, creating folders.</summary>
    /// <param name="relativePath">A path with <c>/</c> separators.</param>
    /// <param name="bytes">The bytes.</param>
    /// <param name="worktree">The worktree; the main one by default.</param>
    /// <returns>The absolute path.</returns>
    public string WriteBytes(string relativePath, byte[] bytes, string? worktree = null) => FileTree.WriteBytes(worktree ?? Path, relativePath, bytes);

    /// <summary>Appends text (UTF-8, no BOM) to a file.</summary>
    /// <param name="relativePath">A path with <c>/</c> separators.</param>
    /// <param name="text">The text.</param>
    /// <param name="worktree">The worktree; the main one by default.</param>
    public void Append(string relativePath, string text, string? worktree = null) => FileTree.Append(worktree ?? Path, relativePath, text);

    /// <summary>Runs git in the main worktree.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>Standard output.</returns>
    /// <exception cref="InvalidOperationException">git failed; the message carries what it printed.</exception>
    public string Git(params string[] args) => GitIn(Path, args);

    /// <summary>Runs git in <paramref name="directory"/>.</summary>
    /// <param name="directory">The working directory of the git process.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>Standard output.</returns>
    /// <exception cref="InvalidOperationException">git failed; the message carries what it printed.</exception>
    public string GitIn(string directory, params string[] args) => GitWith(directory, null, args);

    /// <summary>Runs git in <paramref name="directory"/> with extra variables.</summary>
    /// <param name="directory">The working directory of the git process.</param>
    /// <param name="extra">Variables over <see cref="Environment"/> (a null value removes one).</param>
    /// <param name="args">The arguments.</param>
    /// <returns>Standard output.</returns>
    /// <exception cref="InvalidOperationException">git failed; the message carries what it printed.</exception>
    public string GitWith(string directory, IReadOnlyDictionary<string, string?>? extra, params string[] args)
    {
        var result = RunGit(directory, extra, args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"git failed:\n$ {result.CommandLine}\nexit {result.ExitCode}\n--- stdout ---\n{result.Stdout}\n--- stderr ---\n{result.Stderr}");
        }

        return result.Stdout;
    }

    /// <summary>Runs git in <paramref name="directory"/>, whatever its exit code.</summary>
    /// <param name="directory">The working directory of the git process.</param>
    /// <param name="extra">Variables over <see cref="Environment"/> (a null value removes one).</param>
    /// <param name="args">The arguments.</param>
    /// <returns>What git printed and returned.</returns>
    public ChildProcessResult RunGit(string directory, IReadOnlyDictionary<string, string?>? extra, params string[] args) =>
        ChildProcess.Run("git", args, directory, With(extra), GitLimit);

    /// <summary>Gets the environment for one process: <see cref="Environment"/> with <paramref name="extra"/> over it (a null value removes a variable).</summary>
    /// <param name="extra">The variables to set.</param>
    /// <returns>The environment.</returns>
    public IReadOnlyDictionary<string, string?> With(IReadOnlyDictionary<string, string?>? extra) => TestEnvironment.With(Environment, extra);

    /// <summary>Stages everything in the main worktree and commits it, running no hook.</summary>
    /// <param name="message">The commit message.</param>
    /// <returns>The new HEAD commit id.</returns>
    public string CommitAll(string message = "commit")
    {
        Git("add", "-A");
        Git("commit", "-q", "--no-verify", "-m", message);
        return Head(Path);
    }

    /// <summary>Gets the id of HEAD in <paramref name="directory"/>.</summary>
    /// <param name="directory">A worktree.</param>
    /// <returns>The commit id.</returns>
    public string Head(string directory) => GitIn(directory, "rev-parse", "HEAD").Trim();

    /// <summary>Adds a linked worktree under <see cref="Root"/> on a new branch.</summary>
    /// <param name="branch">The new branch.</param>
    /// <returns>The worktree's folder.</returns>
    public string AddWorktree(string branch)
    {
        var worktree = System.IO.Path.Combine(Root, "wt-" + branch.Replace('/', '-'));
        Git("worktree", "add", "--quiet", "-b", branch, worktree);
        return worktree;
    }

    /// <summary>Makes a bare repository beside this one, adds it as <c>origin</c> and pushes main to it.</summary>
    /// <returns>The bare repository's folder.</returns>
    public string AddBareRemote()
    {
        var remote = System.IO.Path.Combine(Root, "remote.git");
        GitIn(Root, "init", "--quiet", "--bare", "-b", "main", remote);
        Git("remote", "add", "origin", remote);
        Git("push", "--quiet", "origin", "main");
        return remote;
    }

    /// <summary>Gets the folder git runs hooks from in <paramref name="worktree"/>, as git itself says.</summary>
    /// <param name="worktree">A worktree.</param>
    /// <returns>The absolute path.</returns>
    public string HooksDirectory(string worktree) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(worktree, GitIn(worktree, "rev-parse", "--git-path", "hooks").TrimEnd('\n')));

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Makes the main worktree an empty repository on <paramref name="branch"/> with a local identity that signs nothing.</summary>
    /// <param name="branch">The initial branch.</param>
    protected void InitRepository(string branch = "main")
    {
        Git("init", "--quiet", "-b", branch);
        Git("config", "user.name", "ScopeGuard Tests");
        Git("config", "user.email", "tests@scopeguard.invalid");
        Git("config", "commit.gpgsign", "false");
    }

    /// <summary>Deletes the temp folder.</summary>
    /// <param name="disposing">Whether <see cref="Dispose()"/> was called.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            folder.Dispose();
        }
    }
}
