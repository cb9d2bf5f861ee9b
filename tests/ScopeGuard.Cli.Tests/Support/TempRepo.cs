using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace ScopeGuard.Cli.Tests.Support;

/// <summary>A git repository in a temp folder, made with the real git CLI and an isolated HOME.</summary>
internal sealed class TempRepo : IDisposable
{
    private readonly TempDirectory root = new();

    private TempRepo()
    {
        Home = System.IO.Path.Combine(root.Path, "home");
        Path = System.IO.Path.Combine(root.Path, "repo");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Path);
    }

    /// <summary>Gets the working tree's root.</summary>
    public string Path { get; }

    public string Home { get; }

    /// <summary>Makes an empty repository on branch main, with scopes.json written (not committed) when given.</summary>
    public static TempRepo Init(string? manifest = null)
    {
        var repo = new TempRepo();
        repo.Git("init", "--quiet", "-b", "main");
        repo.Git("config", "user.name", "ScopeGuard Tests");
        repo.Git("config", "user.email", "tests@example.invalid");
        if (manifest is not null)
        {
            repo.Write("scopes.json", manifest);
        }

        return repo;
    }

    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text, new UTF8Encoding(false));
        return full;
    }

    /// <summary>Runs git in the repository and returns its standard output; throws when git fails.</summary>
    public string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["HOME"] = Home;
        start.Environment["XDG_CONFIG_HOME"] = System.IO.Path.Combine(Home, ".config");
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start git");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.GetAwaiter().GetResult()}");
        }

        return stdout;
    }

    public void Dispose() => root.Dispose();
}
