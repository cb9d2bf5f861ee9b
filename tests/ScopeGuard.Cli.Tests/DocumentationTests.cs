using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ScopeGuard.Cli.Tests.Support;
using ScopeGuard.Core.Manifest;

namespace ScopeGuard.Cli.Tests;

/// <summary>The documentation says what the tool does: commands that exist, manifests that work, output as printed.</summary>
public sealed class DocumentationTests
{
    private static readonly string Root = FindRoot();

    private static readonly HashSet<string> Prose = new(StringComparer.Ordinal)
    {
        "a", "and", "as", "at", "executable", "only", "by", "can", "checks", "does", "exits", "finds", "for", "from", "has", "in", "is", "itself",
        "knows", "needs", "on", "or", "prints", "reads", "refuses", "reports", "runs", "says", "that", "the", "to", "tool",
        "uses", "was", "when", "with", "writes",
    };

    public static TheoryData<string> ExampleManifests => new() { "README.md", "scopes.example.json" };

    [Fact]
    public void Docs_EveryScopeguardCommandTheyName_IsACommandOfTheCli()
    {
        var commands = CliApp.Build(new CliContext(TextWriter.Null, TextWriter.Null, TextReader.Null, Root, _ => null))
            .Subcommands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(Root, "README.md"))
            .Concat(Directory.GetFiles(Path.Combine(Root, "src"), "PACKAGE.md", SearchOption.AllDirectories))
            .ToList();

        // "scopeguard VERB", and "`scopeguard` VERB" where the next word is not ordinary prose
        // ("`scopeguard` is a .NET tool", "the `scopeguard` tool").
        var named = files
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"(?<![-/""\w])scopeguard(`?) ([a-z][a-z-]*)")
                .Where(m => m.Groups[1].Value.Length == 0 || !Prose.Contains(m.Groups[2].Value))
                .Select(m => (File: Path.GetRelativePath(Root, f), Verb: m.Groups[2].Value)))
            .ToList();

        Assert.Contains(named, n => n.Verb == "check");
        Assert.Empty(named.Where(n => !commands.Contains(n.Verb)).Select(n => $"{n.File}: scopeguard {n.Verb}"));
    }

    [Theory]
    [MemberData(nameof(ExampleManifests))]
    public void ExampleManifest_EveryBranchItNames_CanExistInOneRepositoryAtOnce(string file)
    {
        var manifest = LoadExample(file);
        using var repo = TempRepo.Init();
        repo.Write("a.txt", "a\n");
        repo.Git("add", "-A");
        repo.Git("commit", "--quiet", "-m", "a");

        var patterns = manifest.Agents.SelectMany(a => a.Branches).Concat(manifest.Settings.ProtectedBranches).ToList();
        Assert.NotEmpty(patterns);
        foreach (var entry in patterns)
        {
            // A branch the pattern matches: each wildcard stands for one name part.
            var branch = Regex.Replace(entry.Source, @"\*\*|\*|\?", "x");
            Assert.True(entry.Pattern.Matches(branch), $"{entry.Source} does not match {branch}");
            var exit = GitExitCode(repo, "update-ref", $"refs/heads/{branch}", "HEAD");
            Assert.True(exit == 0, $"{file}: git cannot create branch '{branch}' ({entry.Origin}: {entry.Source}) beside the others: {string.Join(", ", patterns.Select(p => p.Source))}");
        }
    }

    [Theory]
    [InlineData(".config/dotnet-tools.json")]
    [InlineData("dotnet-tools.json")]
    public void ScopesExample_LocalToolManifestWhereverTheSdkWritesIt_IsProtected(string path)
    {
        var manifest = LoadExample("scopes.example.json");

        Assert.Contains(manifest.Settings.ProtectedPaths, p => p.Pattern.Matches(path));
    }

    [Fact]
    public void CliMd_ProtectedBranchExample_IsTheLineCheckPrintsForTheExampleManifest()
    {
        var documented = Assert.Single(File.ReadAllLines(Path.Combine(Root, "docs", "cli.md")), l => l.Contains(": error SG0005: ", StringComparison.Ordinal));
        using var repo = TempRepo.Init(File.ReadAllText(Path.Combine(Root, "scopes.example.json")));
        repo.Git("add", "-A");
        repo.Git("commit", "--quiet", "-m", "manifest");
        repo.Write("docs/guide.md", "# Guide\n");
        repo.Git("add", "-A");

        var result = CliRunner.Run(repo.Path, "check", "--staged", "--agent", "docs");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.Equal(documented, result.OutputLines[0]);
    }

    [Fact]
    public void CliMd_UnknownAgentLocation_IsWhereCheckReportsSg0006()
    {
        Assert.Contains("SG0006 at `scopes.json(1,1)`", File.ReadAllText(Path.Combine(Root, "docs", "cli.md")).ReplaceLineEndings(" "), StringComparison.Ordinal);
        using var repo = TempRepo.Init("""{ "version": 1, "settings": { "unknownAgent": "block" }, "agents": { "docs": { "branches": ["agent/docs"], "paths": ["/docs/"] } } }""");
        repo.Git("add", "-A");
        repo.Git("commit", "--quiet", "-m", "manifest");
        repo.Git("switch", "--quiet", "-c", "feature/x");
        repo.Write("docs/guide.md", "# Guide\n");
        repo.Git("add", "-A");

        var result = CliRunner.Run(repo.Path, "check", "--staged");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.StartsWith("scopes.json(1,1): error SG0006: ", result.OutputLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BaseWithoutManifest_ExitsTwoAndNamesTheManifestOption()
    {
        using var repo = TempRepo.Init();
        repo.Write("a.txt", "a\n");
        repo.Git("add", "-A");
        repo.Git("commit", "--quiet", "-m", "a");
        repo.Git("switch", "--quiet", "-c", "agent/docs");
        repo.Write("docs/guide.md", "# Guide\n");
        repo.Git("add", "-A");
        repo.Git("commit", "--quiet", "-m", "guide");

        var result = CliRunner.Run(repo.Path, "check", "--base", "main");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Contains("--manifest FILE", result.Error, StringComparison.Ordinal);
    }

    private static ScopeManifest LoadExample(string file)
    {
        var text = File.ReadAllText(Path.Combine(Root, file));
        if (file == "README.md")
        {
            // The manifest shown under "## The manifest".
            text = string.Join('\n', text.Split('\n')
                .SkipWhile(l => l.TrimEnd() != "## The manifest")
                .SkipWhile(l => l.TrimEnd() != "```json")
                .Skip(1)
                .TakeWhile(l => l.TrimEnd() != "```"));
        }

        var load = ManifestLoader.Load(text, file);
        Assert.True(load.Manifest is not null, string.Join("\n", load.Errors));
        return load.Manifest!;
    }

    private static int GitExitCode(TempRepo repo, params string[] args)
    {
        try
        {
            repo.Git(args);
            return 0;
        }
        catch (InvalidOperationException)
        {
            return 1;
        }
    }

    private static string FindRoot() => TestSupport.RepositoryRoot.Find();
}
