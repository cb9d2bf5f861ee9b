using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using LibGit2Sharp;

namespace ScopeGuard.Git.Tests;

/// <summary>
/// A real git repository in a fresh temporary folder, driven by the git CLI and deleted on dispose.
/// Layout: <c>Root/home</c> (an empty HOME, so no user config leaks in) and <c>Root/repo</c> (the working tree);
/// other folders under <see cref="Root"/> (worktrees, outside files) are cleaned up too.
/// </summary>
internal sealed class TempRepo : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    static TempRepo()
    {
        // In-process libgit2 (GitWorkspace) reads global/XDG/system config from the test process's HOME, not from
        // Home above: point it at a folder that never exists. A copy of this class that never opens repositories
        // in-process (for example, one that runs the CLI as a child process with HOME set) can drop this constructor.
        var nowhere = Path.Combine(Path.GetTempPath(), "scopeguard-git-tests-no-config-" + Guid.NewGuid().ToString("N"));
        GlobalSettings.SetConfigSearchPaths(ConfigurationLevel.Global, nowhere);
        GlobalSettings.SetConfigSearchPaths(ConfigurationLevel.Xdg, nowhere);
        GlobalSettings.SetConfigSearchPaths(ConfigurationLevel.System, nowhere);
        GlobalSettings.SetConfigSearchPaths(ConfigurationLevel.ProgramData, nowhere);
    }

    private TempRepo(string root)
    {
        Root = root;
        Home = Path.Combine(root, "home");
        WorkDir = Path.Combine(root, "repo");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(WorkDir);
    }

    /// <summary>Gets the temporary folder holding everything (real path, no symlinks).</summary>
    public string Root { get; }

    /// <summary>Gets the HOME every git call runs with.</summary>
    public string Home { get; }

    /// <summary>Gets the repository's working tree.</summary>
    public string WorkDir { get; }

    /// <summary>Creates a repository on <paramref name="branch"/> with a local identity and no commits.</summary>
    /// <param name="branch">The initial branch.</param>
    /// <returns>The repository.</returns>
    public static TempRepo Init(string branch = "main")
    {
        var root = RealPath(Directory.CreateTempSubdirectory("scopeguard-git-").FullName);
        var repo = new TempRepo(root);
        try
        {
            repo.Run("init", "-q", "-b", branch);
            repo.Run("config", "user.name", "ScopeGuard Tests");
            repo.Run("config", "user.email", "tests@scopeguard.invalid");
            return repo;
        }
        catch
        {
            repo.Dispose();
            throw;
        }
    }

    /// <summary>Resolves every symbolic link in an absolute path, like <c>realpath</c>.</summary>
    /// <param name="path">An absolute path.</param>
    /// <returns>The path with each existing link component replaced by its target.</returns>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full.Substring(root.Length).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.Exists && info.LinkTarget is not null)
            {
                current = info.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
            }
        }

        return current;
    }

    /// <summary>Runs git in the working tree.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>Standard output.</returns>
    public string Run(params string[] args) => RunIn(WorkDir, args);

    /// <summary>Runs git in <paramref name="directory"/>.</summary>
    /// <param name="directory">The working directory of the git process.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>Standard output.</returns>
    public string RunIn(string directory, params string[] args) => RunIn(directory, new Dictionary<string, string>(), args);

    /// <summary>Runs git in <paramref name="directory"/> with extra environment variables.</summary>
    /// <param name="directory">The working directory of the git process.</param>
    /// <param name="environment">Variables to add (they win over the isolation defaults).</param>
    /// <param name="args">The arguments.</param>
    /// <returns>Standard output.</returns>
    /// <exception cref="InvalidOperationException">git exited with a non-zero code; the message carries its stderr.</exception>
    public string RunIn(string directory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing from the calling process's git setup (a hook's GIT_DIR, the user's config) may leak in.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment.Remove("XDG_CONFIG_HOME");
        start.Environment["HOME"] = Home;
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start git");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"git {string.Join(' ', args)} (in {directory}) exited with {process.ExitCode}:{Environment.NewLine}{stderr}");
        }

        return stdout.GetAwaiter().GetResult();
    }

    /// <summary>Gets the absolute path of a working-tree-relative path.</summary>
    /// <param name="relativePath">A path with <c>/</c> separators.</param>
    /// <returns>The absolute path.</returns>
    public string PathOf(string relativePath) => Path.Combine(WorkDir, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes a UTF-8 text file (no BOM), creating folders.</summary>
    /// <param name="relativePath">The working-tree-relative path.</param>
    /// <param name="content">The text.</param>
    /// <returns>The absolute path.</returns>
    public string WriteFile(string relativePath, string content) => WriteBytes(relativePath, Utf8.GetBytes(content));

    /// <summary>Writes a file's bytes, creating folders.</summary>
    /// <param name="relativePath">The working-tree-relative path.</param>
    /// <param name="content">The bytes.</param>
    /// <returns>The absolute path.</returns>
    public string WriteBytes(string relativePath, byte[] content)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Deletes a working-tree file.</summary>
    /// <param name="relativePath">The working-tree-relative path.</param>
    public void DeleteFile(string relativePath) => File.Delete(PathOf(relativePath));

    /// <summary>Installs an executable hook script where git will run it (<c>git rev-parse --git-path hooks</c>).</summary>
    /// <param name="name">The hook name, e.g. <c>pre-commit</c>.</param>
    /// <param name="script">The script, starting with its <c>#!</c> line.</param>
    /// <returns>The absolute path of the hook.</returns>
    public string InstallHook(string name, string script)
    {
        var hooks = Path.GetFullPath(Path.Combine(WorkDir, Run("rev-parse", "--git-path", "hooks").TrimEnd('\n')));
        Directory.CreateDirectory(hooks);
        var path = Path.Combine(hooks, name);
        File.WriteAllText(path, script.ReplaceLineEndings("\n"), Utf8);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>Stages everything and commits.</summary>
    /// <param name="message">The commit message.</param>
    /// <returns>The new HEAD commit id.</returns>
    public string CommitAll(string message = "commit")
    {
        Run("add", "-A");
        Run("commit", "-q", "--no-verify", "-m", message);
        return Run("rev-parse", "HEAD").Trim();
    }

    /// <summary>Opens the repository with <see cref="GitWorkspace.Open"/>, never reading the test process's environment.</summary>
    /// <param name="environment">The variables <see cref="GitWorkspace.Open"/> sees; none by default.</param>
    /// <param name="startDirectory">Where to start; the working tree by default.</param>
    /// <returns>The workspace.</returns>
    public GitWorkspace Open(IReadOnlyDictionary<string, string>? environment = null, string? startDirectory = null) =>
        GitWorkspace.Open(startDirectory ?? WorkDir, name => environment is not null && environment.TryGetValue(name, out var value) ? value : null);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        // git writes its objects read-only; Windows refuses to delete those.
        if (OperatingSystem.IsWindows())
        {
            foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }
        }

        Directory.Delete(Root, recursive: true);
    }
}
