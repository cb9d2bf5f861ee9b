using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.TestSupport;
using ScopeGuard.Workspace.Tests.Support;

namespace ScopeGuard.Workspace.Tests;

/// <summary>
/// The hook's commands never load the semantic layer: the real scopeguard process lists the assemblies
/// it loaded (<c>SCOPEGUARD_LIST_ASSEMBLIES=1</c>).
/// </summary>
public sealed class StartupTests
{
    private static readonly string[] SemanticAssemblies = ["ScopeGuard.Workspace", "Microsoft.Build", "Microsoft.Build.Locator", "Microsoft.CodeAnalysis.Workspaces", "Microsoft.CodeAnalysis.Workspaces.MSBuild"];

    [Fact]
    public void CheckStagedAndConflicts_DoNotLoadTheWorkspaceMSBuildOrRoslynWorkspaceAssemblies()
    {
        using var repo = new Repository();
        repo.Write("src/A.cs", "class A { }\n");
        repo.Git("add", "-A");

        var check = repo.Tool("check", "--staged");
        repo.CommitAll("a C# file");
        repo.Git("checkout", "--quiet", "-b", "agent/lib");
        repo.Write("src/Lib/B.cs", "class B { }\n");
        repo.CommitAll("agent lib's work");
        repo.Git("checkout", "--quiet", "main");
        var conflicts = repo.Tool("conflicts");
        var impact = repo.Tool("impact", "--base", "HEAD~1");

        Assert.True(check.ExitCode == 0, check.Interleaved);
        var checkLoaded = Loaded(check.Stderr);
        Assert.Contains("ScopeGuard.Core", checkLoaded);
        Assert.Empty(checkLoaded.Intersect(SemanticAssemblies));

        // conflicts without --semantic (the pre-push hook's command) stays off the semantic layer too.
        Assert.True(conflicts.ExitCode == 0, conflicts.Interleaved);
        Assert.Contains("1 agent branch(es)", conflicts.Stdout, StringComparison.Ordinal);
        Assert.Empty(Loaded(conflicts.Stderr).Intersect(SemanticAssemblies));

        // The probe sees the semantic layer when a command uses it (this one stops at "no solution").
        Assert.Equal(2, impact.ExitCode);
        Assert.Contains("no solution or project", impact.Stderr, StringComparison.Ordinal);
        Assert.Contains("ScopeGuard.Workspace", Loaded(impact.Stderr));
    }

    private static List<string> Loaded(string stderr) =>
        stderr.Split('\n').Where(l => l.StartsWith("scopeguard: loaded assembly ", StringComparison.Ordinal)).Select(l => l["scopeguard: loaded assembly ".Length..].Trim()).ToList();

    private sealed class Repository : GitSandbox
    {
        public Repository()
            : base("sg-startup-")
        {
            InitRepository();
            Write("scopes.json", ImpactSolution.Manifest);
            CommitAll("manifest");
        }

        public ChildProcessResult Tool(params string[] args)
        {
            var environment = With(new Dictionary<string, string?> { ["SCOPEGUARD_LIST_ASSEMBLIES"] = "1", ["SCOPEGUARD_AGENT"] = null });
            return ChildProcess.Run(Dotnet.Host, [System.IO.Path.Combine(AppContext.BaseDirectory, "scopeguard.dll"), .. args], Path, environment, Dotnet.Limit);
        }
    }
}
