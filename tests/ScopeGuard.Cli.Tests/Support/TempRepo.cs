using System.Collections.Generic;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Cli.Tests.Support;

/// <summary>A git repository in a temp folder, made with the real git CLI and an isolated HOME (<see cref="GitSandbox"/>).</summary>
internal sealed class TempRepo : GitSandbox
{
    private TempRepo()
        : base("sg-cli-")
    {
    }

    /// <summary>Makes an empty repository on branch main, with scopes.json written (not committed) when given.</summary>
    public static TempRepo Init(string? manifest = null)
    {
        var repo = new TempRepo();
        try
        {
            repo.InitRepository();
        }
        catch
        {
            repo.Dispose();
            throw;
        }

        if (manifest is not null)
        {
            repo.Write("scopes.json", manifest);
        }

        return repo;
    }

    /// <summary>Runs git in the repository without throwing (for commands expected to fail, like a conflicted merge or rebase).</summary>
    public (int ExitCode, string Stdout, string Stderr) TryGit(params string[] args)
    {
        var result = RunGit(Path, new Dictionary<string, string?> { ["GIT_EDITOR"] = "true" }, args);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }
}
