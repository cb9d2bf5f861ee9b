using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LibGit2Sharp;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Git.Tests;

/// <summary>
/// A real git repository in a fresh temporary folder (<see cref="GitSandbox"/>), under the names these tests use,
/// that also opens it in-process with <see cref="GitWorkspace"/>.
/// </summary>
internal sealed class TempRepo : GitSandbox
{
    static TempRepo()
    {
        // In-process libgit2 (GitWorkspace) reads global/XDG/system config from the test process's HOME, not from
        // Home: point it at a folder that never exists.
        var nowhere = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scopeguard-git-tests-no-config-" + Guid.NewGuid().ToString("N"));
        GlobalSettings.SetConfigSearchPaths(ConfigurationLevel.Global, nowhere);
        GlobalSettings.SetConfigSearchPaths(ConfigurationLevel.Xdg, nowhere);
        GlobalSettings.SetConfigSearchPaths(ConfigurationLevel.System, nowhere);
        GlobalSettings.SetConfigSearchPaths(ConfigurationLevel.ProgramData, nowhere);
    }

    private TempRepo()
        : base("scopeguard-git-")
    {
    }

    /// <summary>Gets the repository's working tree.</summary>
    public string WorkDir => Path;

    /// <summary>Creates a repository on <paramref name="branch"/> with a local identity and no commits.</summary>
    /// <param name="branch">The initial branch.</param>
    /// <returns>The repository.</returns>
    public static TempRepo Init(string branch = "main")
    {
        var repo = new TempRepo();
        try
        {
            repo.InitRepository(branch);
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
    public static string RealPath(string path) => FileTree.RealPath(path);

    /// <summary>Runs git in the working tree.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>Standard output.</returns>
    public string Run(params string[] args) => Git(args);

    /// <summary>Runs git in <paramref name="directory"/>.</summary>
    /// <param name="directory">The working directory of the git process.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>Standard output.</returns>
    public string RunIn(string directory, params string[] args) => GitIn(directory, args);

    /// <summary>Runs git in <paramref name="directory"/> with extra environment variables.</summary>
    /// <param name="directory">The working directory of the git process.</param>
    /// <param name="environment">Variables to add (they win over the isolation defaults).</param>
    /// <param name="args">The arguments.</param>
    /// <returns>Standard output.</returns>
    /// <exception cref="InvalidOperationException">git exited with a non-zero code; the message carries its stderr.</exception>
    public string RunIn(string directory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        GitWith(directory, environment.ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal), args);

    /// <summary>Gets the absolute path of a working-tree-relative path.</summary>
    /// <param name="relativePath">A path with <c>/</c> separators.</param>
    /// <returns>The absolute path.</returns>
    public string PathOf(string relativePath) => FullPath(relativePath);

    /// <summary>Writes a UTF-8 text file (no BOM), creating folders.</summary>
    /// <param name="relativePath">The working-tree-relative path.</param>
    /// <param name="content">The text.</param>
    /// <returns>The absolute path.</returns>
    public string WriteFile(string relativePath, string content) => Write(relativePath, content);

    /// <summary>Deletes a working-tree file.</summary>
    /// <param name="relativePath">The working-tree-relative path.</param>
    public void DeleteFile(string relativePath) => File.Delete(PathOf(relativePath));

    /// <summary>Installs an executable hook script where git will run it (<c>git rev-parse --git-path hooks</c>).</summary>
    /// <param name="name">The hook name, e.g. <c>pre-commit</c>.</param>
    /// <param name="script">The script, starting with its <c>#!</c> line.</param>
    /// <returns>The absolute path of the hook.</returns>
    public string InstallHook(string name, string script)
    {
        var hooks = HooksDirectory(WorkDir);
        var path = FileTree.Write(hooks, name, script.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>Opens the repository with <see cref="GitWorkspace.Open"/>, never reading the test process's environment.</summary>
    /// <param name="environment">The variables <see cref="GitWorkspace.Open"/> sees; none by default.</param>
    /// <param name="startDirectory">Where to start; the working tree by default.</param>
    /// <returns>The workspace.</returns>
    public GitWorkspace Open(IReadOnlyDictionary<string, string>? environment = null, string? startDirectory = null) =>
        GitWorkspace.Open(startDirectory ?? WorkDir, name => environment is not null && environment.TryGetValue(name, out var value) ? value : null);
}
