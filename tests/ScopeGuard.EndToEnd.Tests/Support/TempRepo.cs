using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace ScopeGuard.EndToEnd.Tests.Support;

/// <summary>
/// A real git repository in its own temp folder, driven by the git CLI and the real scopeguard
/// process. Every process gets the same controlled environment: a private HOME, no system or
/// global git config, no GIT_* variables from the test runner, and a PATH without any
/// scopeguard other than the one under test.
/// </summary>
internal sealed class TempRepo : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private TempRepo()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sg-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Home = System.IO.Path.Combine(Root, "home");
        Path = System.IO.Path.Combine(Root, "repo");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Path);
        Directory.CreateDirectory(System.IO.Path.Combine(Root, "tmp"));
        Environment = BaseEnvironment(Root, Home);
    }

    /// <summary>Gets the folder holding the repository, its worktrees and HOME.</summary>
    public string Root { get; }

    public string Home { get; }

    /// <summary>Gets the main worktree.</summary>
    public string Path { get; }

    /// <summary>Gets the environment every process starts with.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>
    /// Makes a repository on main with the manifest and the project files committed by a person
    /// (before the hook exists), then installs the hook with the real tool unless told not to.
    /// </summary>
    public static TempRepo Create(string manifest = Manifests.Standard, bool install = true)
    {
        var repo = Empty();
        repo.Write("scopes.json", manifest);
        foreach (var (path, text) in Manifests.ProjectFiles)
        {
            repo.Write(path, text);
        }

        repo.Git("add", "--all");
        repo.Git("commit", "--quiet", "-m", "Project and scopes.json");
        if (install)
        {
            var installed = repo.Tool(repo.Path, "install");
            if (installed.ExitCode != 0)
            {
                throw new InvalidOperationException($"scopeguard install failed:\n{installed}");
            }
        }

        return repo;
    }

    /// <summary>Makes an empty repository on main (no commits), with a local user.</summary>
    public static TempRepo Empty()
    {
        var repo = new TempRepo();
        repo.Git("init", "--quiet", "-b", "main");
        repo.Git("config", "user.name", "ScopeGuard Tests");
        repo.Git("config", "user.email", "tests@example.invalid");
        repo.Git("config", "commit.gpgsign", "false");
        return repo;
    }

    /// <summary>Writes a file (UTF-8, no BOM) under <paramref name="worktree"/> (default: the main worktree).</summary>
    public string Write(string relativePath, string text, string? worktree = null) =>
        WriteBytes(relativePath, Utf8NoBom.GetBytes(text), worktree);

    public string WriteBytes(string relativePath, byte[] bytes, string? worktree = null)
    {
        var full = System.IO.Path.Combine(worktree ?? Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Append(string relativePath, string text, string? worktree = null) =>
        File.AppendAllText(System.IO.Path.Combine(worktree ?? Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar)), text, Utf8NoBom);

    /// <summary>Adds a linked worktree on a new branch and returns its folder.</summary>
    public string AddWorktree(string branch)
    {
        var folder = System.IO.Path.Combine(Root, "wt-" + branch.Replace('/', '-'));
        Git("worktree", "add", "--quiet", "-b", branch, folder);
        return folder;
    }

    /// <summary>Makes a bare repository beside this one, adds it as <c>origin</c> and pushes main to it.</summary>
    /// <returns>The bare repository's folder.</returns>
    public string AddBareRemote()
    {
        var remote = System.IO.Path.Combine(Root, "remote.git");
        GitIn(Root, "init", "--quiet", "--bare", "-b", "main", remote);
        Git("remote", "add", "origin", remote);
        var push = TryGit(Path, null, "push", "--quiet", "origin", "main");
        if (push.ExitCode != 0)
        {
            throw new InvalidOperationException($"git push origin main failed:\n{push}");
        }

        return remote;
    }

    /// <summary>Runs git in the main worktree; throws when it fails.</summary>
    public string Git(params string[] args) => GitIn(Path, args);

    /// <summary>Runs git in <paramref name="directory"/>; throws when it fails.</summary>
    public string GitIn(string directory, params string[] args)
    {
        var result = TryGit(directory, null, args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"git failed:\n{result}");
        }

        return result.Stdout;
    }

    public ProcessResult TryGit(string directory, IReadOnlyDictionary<string, string?>? extra, params string[] args) =>
        ProcessRunner.Run("git", args, directory, With(extra));

    /// <summary>Runs <c>git commit -m MESSAGE ARGS…</c> in <paramref name="directory"/>: the real hook decides.</summary>
    public ProcessResult Commit(string directory, params string[] args) => CommitWith(directory, null, args);

    public ProcessResult CommitWith(string directory, IReadOnlyDictionary<string, string?>? extra, params string[] args) =>
        TryGit(directory, extra, ["commit", "-m", "change", .. args]);

    public string Head(string directory) => GitIn(directory, "rev-parse", "HEAD").Trim();

    /// <summary>Gets how reports name the manifest that judges work on a branch that left main at its current tip.</summary>
    public string BaseManifestLabel() => $"scopes.json at the merge base with main ({GitIn(Path, "rev-parse", "main").Trim()[..10]})";

    /// <summary>Gets the folder git runs hooks from in <paramref name="worktree"/>, as git itself says.</summary>
    public string HooksDirectory(string worktree) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(worktree, GitIn(worktree, "rev-parse", "--git-path", "hooks").TrimEnd('\n')));

    /// <summary>Runs the real tool (no snapshot: for commands that may write, like install).</summary>
    public ProcessResult Tool(string directory, params string[] args) => ToolWith(directory, null, args);

    public ProcessResult ToolWith(string directory, IReadOnlyDictionary<string, string?>? extra, params string[] args) =>
        ScopeGuardTool.Run(directory, With(extra), args);

    /// <summary>
    /// Runs a read-only command of the real tool (check, doctor, which, lint) and asserts that it
    /// changed neither <c>git status</c> nor a byte of the index.
    /// </summary>
    public ProcessResult ReadOnlyTool(string directory, params string[] args) => ReadOnlyToolWith(directory, null, args);

    public ProcessResult ReadOnlyToolWith(string directory, IReadOnlyDictionary<string, string?>? extra, params string[] args)
    {
        var before = RepoSnapshot.Take(this, directory);
        var result = ToolWith(directory, extra, args);
        var after = RepoSnapshot.Take(this, directory);
        before.AssertSameAs(after, result);
        return result;
    }

    /// <summary>Runs <c>check --staged --format json ARGS…</c> read-only and parses the report.</summary>
    public (ProcessResult Result, JsonElement Report) CheckJson(string directory, IReadOnlyDictionary<string, string?>? extra = null, params string[] args)
    {
        var result = ReadOnlyToolWith(directory, extra, ["check", "--staged", "--format", "json", .. args]);
        try
        {
            using var document = JsonDocument.Parse(result.Stdout);
            return (result, document.RootElement.Clone());
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"check did not print JSON ({ex.Message}):\n{result}", ex);
        }
    }

    /// <summary>Gets the environment for one process: the base plus <paramref name="extra"/> (a null value removes a variable).</summary>
    public IReadOnlyDictionary<string, string?> With(IReadOnlyDictionary<string, string?>? extra)
    {
        if (extra is null)
        {
            return Environment;
        }

        var merged = new Dictionary<string, string?>(Environment, StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            merged[name] = value;
        }

        return merged;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Root))
            {
                foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(file, FileAttributes.Normal);
                }

                Directory.Delete(Root, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>
    /// Gets PATH without any folder that holds a scopeguard executable, so a globally installed
    /// tool can never stand in for the build under test.
    /// </summary>
    public static string SafePath()
    {
        var inherited = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        var kept = inherited.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(d => !File.Exists(System.IO.Path.Combine(d, "scopeguard")) && !File.Exists(System.IO.Path.Combine(d, "scopeguard.exe")))
            .Distinct(StringComparer.Ordinal);
        return string.Join(System.IO.Path.PathSeparator, kept);
    }

    private static Dictionary<string, string?> BaseEnvironment(string root, string home)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PATH"] = SafePath(),
            ["HOME"] = home,
            ["XDG_CONFIG_HOME"] = System.IO.Path.Combine(home, ".config"),
            ["TMPDIR"] = System.IO.Path.Combine(root, "tmp"),
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_EDITOR"] = "true",
            ["LANG"] = "C.UTF-8",
            ["LC_ALL"] = "C.UTF-8",
            ["NO_COLOR"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };

        // The apphost finds the runtime through DOTNET_ROOT (PATH plays no part): point it at the
        // runtime that runs these tests, wherever that is installed.
        environment["DOTNET_ROOT"] = ScopeGuardTool.DotnetRoot;
        return environment;
    }
}
