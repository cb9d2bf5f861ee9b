using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScopeGuard.Cli.Tests.Support;

namespace ScopeGuard.Cli.Tests.Conflicts;

/// <summary>A real repository with a committed manifest on main and helpers to make agent branches from it.</summary>
internal sealed class ConflictsRepo : IDisposable
{
    private ConflictsRepo(TempRepo repo) => Repo = repo;

    public TempRepo Repo { get; }

    public string Path => Repo.Path;

    /// <summary>Makes the repository: a manifest naming <paramref name="agents"/> (branch <c>agent/NAME</c>, paths everything) and the base files, committed on main.</summary>
    public static ConflictsRepo Create(IReadOnlyDictionary<string, string> files, string[] agents, string settings = "")
    {
        var manifest = "{\n  \"version\": 1,\n" + (settings.Length == 0 ? string.Empty : $"  \"settings\": {{ {settings} }},\n")
            + "  \"agents\": {\n"
            + string.Join(",\n", agents.Select(a => $"    \"{a}\": {{ \"branches\": [\"agent/{a}\"], \"paths\": [\"/**\"] }}"))
            + "\n  }\n}\n";
        var repo = TempRepo.Init(manifest);
        foreach (var (path, text) in files)
        {
            repo.Write(path, text);
        }

        repo.CommitAll("base");
        return new ConflictsRepo(repo);
    }

    /// <summary>Makes branch <c>agent/NAME</c> from main with these files written (null deletes), and goes back to main.</summary>
    public void Branch(string agent, IReadOnlyDictionary<string, string?> files)
    {
        Repo.Git("checkout", "-q", "-b", "agent/" + agent, "main");
        foreach (var (path, text) in files)
        {
            if (text is null)
            {
                File.Delete(Repo.FullPath(path));
            }
            else
            {
                Repo.Write(path, text);
            }
        }

        Repo.CommitAll(agent);
        Repo.Git("checkout", "-q", "main");
    }

    public CliResult Run(params string[] args) => CliRunner.Run(Path, ["conflicts", .. args]);

    public void Dispose() => Repo.Dispose();
}
