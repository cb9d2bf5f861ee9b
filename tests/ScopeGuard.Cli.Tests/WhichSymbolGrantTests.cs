using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScopeGuard.Cli.Tests.Support;

namespace ScopeGuard.Cli.Tests;

/// <summary><c>which PATH</c> on a C# file: the symbol rules that decide for declarations in it, whatever the path says.</summary>
public sealed class WhichSymbolGrantTests : IDisposable
{
    private const string Manifest = """
        {
          "version": 1,
          "settings": { "protectedPaths": ["/scopes.json", "/src/Build/"] },
          "agents": {
            "tests": {
              "branches": ["agent/tests"],
              "paths": ["/tests/"],
              "symbols": {
                "body": ["T:Microsoft.Build.Tasks.Copy", "T:Microsoft.Build.Protected"],
                "readonly": ["M:Microsoft.Build.Tasks.Copy.Execute"]
              }
            },
            "tasks": {
              "branches": ["agent/tasks"],
              "paths": ["/src/Tasks/"],
              "symbols": { "readonly": ["T:Microsoft.Build.Tasks.Frozen"] }
            },
            "docs": { "branches": ["agent/docs"], "paths": ["/docs/"] }
          }
        }
        """;

    private const string Copy = """
        using System;

        namespace Microsoft.Build.Tasks
        {
            public class Copy
            {
                public int Retries { get; set; }

                public bool Execute() => true;

                private sealed class Inner
                {
                    private void M() { }
                }
            }

            internal static class Helper
            {
            }
        }
        """;

    private readonly TempRepo repo = TempRepo.Init(Manifest);

    public WhichSymbolGrantTests()
    {
        repo.Write("src/Tasks/Copy.cs", Copy);
    }

    public void Dispose() => repo.Dispose();

    [Fact]
    public void Which_AgentWithBodyRuleOnTypeInFile_SaysPartlyWithSymbolsLevelsAndRules()
    {
        var result = Which("src/Tasks/Copy.cs", "--agent", "tests");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.Equal(
            "src/Tasks/Copy.cs: partly: T:Microsoft.Build.Tasks.Copy at body (agents.tests.symbols.body: T:Microsoft.Build.Tasks.Copy), "
            + "M:Microsoft.Build.Tasks.Copy.Execute at readonly (agents.tests.symbols.readonly: M:Microsoft.Build.Tasks.Copy.Execute); "
            + "the rest not allowed (default deny)",
            result.Output.TrimEnd('\n'));
    }

    [Fact]
    public void Which_SymbolGrantAsJson_KeepsPathFieldsAndAddsPartlyAndSymbols()
    {
        var result = Which("src/Tasks/Copy.cs", "docs/a.md", "--agent", "tests", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var entries = json.RootElement.EnumerateArray().ToList();
        var copy = entries[0];
        Assert.Equal(("src/Tasks/Copy.cs", false, "not-granted", "default deny", true), (copy.GetProperty("path").GetString(), copy.GetProperty("allowed").GetBoolean(), copy.GetProperty("verdict").GetString(), copy.GetProperty("rule").GetString(), copy.GetProperty("partly").GetBoolean()));
        Assert.Equal(
            [
                ("T:Microsoft.Build.Tasks.Copy", "body", "agents.tests.symbols.body: T:Microsoft.Build.Tasks.Copy"),
                ("M:Microsoft.Build.Tasks.Copy.Execute", "readonly", "agents.tests.symbols.readonly: M:Microsoft.Build.Tasks.Copy.Execute"),
            ],
            copy.GetProperty("symbols").EnumerateArray().Select(s => (s.GetProperty("symbol").GetString(), s.GetProperty("access").GetString(), s.GetProperty("rule").GetString())).ToArray());
        Assert.False(entries[1].GetProperty("partly").GetBoolean());
        Assert.Empty(entries[1].GetProperty("symbols").EnumerateArray());
    }

    [Fact]
    public void Which_SymbolGrantForAllAgents_ListsThePartlyAgentWithItsSymbols()
    {
        var result = Which("src/Tasks/Copy.cs");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(
            "src/Tasks/Copy.cs: tasks (agents.tasks.paths: /src/Tasks/); partly: tests (T:Microsoft.Build.Tasks.Copy at body (agents.tests.symbols.body: T:Microsoft.Build.Tasks.Copy), "
            + "M:Microsoft.Build.Tasks.Copy.Execute at readonly (agents.tests.symbols.readonly: M:Microsoft.Build.Tasks.Copy.Execute); the rest not allowed (default deny))",
            result.Output.TrimEnd('\n'));
    }

    [Fact]
    public void Which_FileDeletedFromWorkingTree_IsReadAtHead()
    {
        repo.Git("add", "-A");
        repo.Git("commit", "--quiet", "-m", "copy");
        File.Delete(Path.Combine(repo.Path, "src", "Tasks", "Copy.cs"));

        var result = Which("src/Tasks/Copy.cs", "--agent", "tests");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.StartsWith("src/Tasks/Copy.cs: partly: T:Microsoft.Build.Tasks.Copy at body", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Which_CsFileNoSymbolRuleNames_IsJudgedByItsPathAlone()
    {
        repo.Write("src/Tasks/Other.cs", "namespace Microsoft.Build.Tasks;\n\npublic class Other { }\n");

        var result = Which("src/Tasks/Other.cs", "--agent", "tests");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.Equal("src/Tasks/Other.cs: not allowed (default deny)", result.Output.TrimEnd('\n'));
    }

    [Fact]
    public void Which_ReadonlyRuleInsideGrantedPath_SaysPartlyAndTheRestAllowed()
    {
        repo.Write("src/Tasks/Frozen.cs", "namespace Microsoft.Build.Tasks;\n\npublic class Frozen { }\n");

        var result = Which("src/Tasks/Frozen.cs", "--agent", "tasks");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.Equal(
            "src/Tasks/Frozen.cs: partly: T:Microsoft.Build.Tasks.Frozen at readonly (agents.tasks.symbols.readonly: T:Microsoft.Build.Tasks.Frozen); the rest allowed (agents.tasks.paths: /src/Tasks/)",
            result.Output.TrimEnd('\n'));
    }

    [Fact]
    public void Which_BodyRuleOnProtectedPath_IsNotPartlyAndNamesTheProtection()
    {
        repo.Write("src/Build/Protected.cs", "namespace Microsoft.Build;\n\npublic class Protected { }\n");

        var result = Which("src/Build/Protected.cs", "--agent", "tests");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.Equal("src/Build/Protected.cs: not allowed: protected (settings.protectedPaths: /src/Build/)", result.Output.TrimEnd('\n'));
    }

    [Fact]
    public void Which_BinaryCsFile_IsJudgedByItsPathAlone()
    {
        File.WriteAllBytes(Path.Combine(repo.Path, "src", "Tasks", "Copy.cs"), [0, 1, 2, 0, 255]);

        var result = Which("src/Tasks/Copy.cs", "--agent", "tests");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.Equal("src/Tasks/Copy.cs: not allowed (default deny)", result.Output.TrimEnd('\n'));
    }

    private CliResult Which(params string[] args) => CliRunner.Run(repo.Path, ["which", .. args]);
}
