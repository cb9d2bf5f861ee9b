using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScopeGuard.Cli.Agents;
using ScopeGuard.Cli.Tests.Support;
using ScopeGuard.Core.Manifest;

namespace ScopeGuard.Cli.Tests;

public sealed class InitTests
{
    [Fact]
    public void Init_NoSource_IsAUsageErrorAndWritesNothing()
    {
        using var repo = TempRepo.Init();

        var result = CliRunner.Run(repo.Path, "init");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("--from-codeowners [FILE] or --agents-from-folders DIR", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.FullPath("scopes.json")));
    }

    [Fact]
    public void Init_ExistingManifestWithoutForce_ExitsTwoAndLeavesItAlone()
    {
        using var repo = TempRepo.Init("{ \"mine\": true }");
        repo.Write("CODEOWNERS", "* @contoso/core\n");

        var refused = CliRunner.Run(repo.Path, "init", "--from-codeowners");

        Assert.Equal(ExitCodes.Error, refused.ExitCode);
        Assert.Contains("scopes.json already exists", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal("{ \"mine\": true }", File.ReadAllText(repo.FullPath("scopes.json")));

        var forced = CliRunner.Run(repo.Path, "init", "--from-codeowners", "--force");

        Assert.True(forced.ExitCode == ExitCodes.Success, forced.ToString());
        Assert.Contains("\"core\"", File.ReadAllText(repo.FullPath("scopes.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { ".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS" }, ".github/CODEOWNERS")]
    [InlineData(new[] { "CODEOWNERS", "docs/CODEOWNERS" }, "CODEOWNERS")]
    [InlineData(new[] { "docs/CODEOWNERS" }, "docs/CODEOWNERS")]
    public void Init_WithoutFile_ReadsCodeOwnersWhereGitHubLooksFirst(string[] present, string used)
    {
        using var repo = TempRepo.Init();
        foreach (var file in present)
        {
            repo.Write(file, $"/src/ @team-of-{file.Replace('/', '-').Replace('.', '-')}\n");
        }

        var result = CliRunner.Run(repo.Path, "init", "--from-codeowners");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains($"from {used},", result.Output, StringComparison.Ordinal);
        var manifest = Load(repo);
        Assert.Equal(AgentNames.Clean($"team-of-{used.Replace('/', '-').Replace('.', '-')}"), Assert.Single(manifest.Agents).Name);
    }

    [Fact]
    public void Init_NoCodeOwnersAnywhere_ExitsTwoNamingWhereItLooked()
    {
        using var repo = TempRepo.Init();

        var result = CliRunner.Run(repo.Path, "init", "--from-codeowners");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains(".github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.FullPath("scopes.json")));
    }

    [Fact]
    public void Init_LaterLineForAnotherOwner_IsDeniedToTheEarlierOwner()
    {
        using var repo = TempRepo.Init();
        repo.Write("owners.txt", "/src/ @contoso/core\n/src/Billing/ @contoso/billing\n");

        var result = CliRunner.Run(repo.Path, "init", "--from-codeowners", "owners.txt");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var manifest = Load(repo);
        var core = manifest.FindAgent("core")!;
        Assert.Equal(["/src/"], core.Paths.Select(p => p.Source));
        Assert.Equal(["/src/Billing/"], core.Deny.Select(p => p.Source));
        Assert.Empty(manifest.FindAgent("billing")!.Deny);
        Assert.Equal(["agent/core", "agent/core-*"], core.Branches.Select(b => b.Source));

        // Exact, so no note on a line and no lint warning; without a commit, lint says it compared patterns only.
        Assert.DoesNotContain("owners.txt", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", result.Error, StringComparison.Ordinal);
        Assert.All(result.ErrorLines, l => Assert.StartsWith("scopeguard: note: paths and symbols were checked on the patterns only", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Init_RealisticCodeOwnersWithGitHubAndMarkdownOwners_WritesAManifestLintFindsClean()
    {
        using var repo = TempRepo.Init();
        repo.Write(".github/CODEOWNERS", string.Join('\n',
            "*                    @contoso/core",
            "/.github/            @contoso/leads",
            "/.github/workflows/  @contoso/build",
            "/Directory.Build.props @contoso/build",
            "/build/              @contoso/build",
            "/src/Shipping/       @contoso/shipping @jane",
            "/src/Billing/        @contoso/billing",
            "*.md                 @contoso/docs",
            "/docs/               @contoso/docs",
            "/src/Gone/           @contoso/billing",
            ""));
        foreach (var file in new[] { "README.md", "Directory.Build.props", ".github/workflows/ci.yml", "build/pack.sh", "src/Shipping/Parcel.cs", "src/Billing/Invoice.cs", "src/Billing/README.md", "src/Core/Clock.cs", "docs/index.md" })
        {
            repo.Write(file, $"// {file}\n");
        }

        repo.CommitAll("files");

        var init = CliRunner.Run(repo.Path, "init", "--from-codeowners");

        Assert.True(init.ExitCode == ExitCodes.Success, init.ToString());
        Assert.DoesNotContain("warning", init.Error, StringComparison.Ordinal);

        // Lines entirely inside the protected paths go to no agent, and the note on each line says so.
        var notes = init.ErrorLines;
        Assert.Contains(notes, n => n.StartsWith(".github/CODEOWNERS:2: note: '/.github/' is protected: no agent writes it", StringComparison.Ordinal) && n.Contains("its owners review it through CODEOWNERS on GitHub (@contoso/leads)", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith(".github/CODEOWNERS:3: note: '/.github/workflows/' is protected: no agent writes it", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith(".github/CODEOWNERS:4: note: '/Directory.Build.props' is protected: no agent writes it", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith(".github/CODEOWNERS:10: note: '/src/Gone/' matches no file at HEAD", StringComparison.Ordinal) && n.Contains("not given to agent billing", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith(".github/CODEOWNERS:6: note: '/src/Shipping/' has 2 owners", StringComparison.Ordinal));
        Assert.DoesNotContain(notes, n => n.Contains("gives @contoso/leads back", StringComparison.Ordinal));

        var manifest = Load(repo);
        Assert.Null(manifest.FindAgent("leads"));
        Assert.Equal(["/build/"], manifest.FindAgent("build")!.Paths.Select(p => p.Source));
        Assert.Equal(["/src/Billing/"], manifest.FindAgent("billing")!.Paths.Select(p => p.Source));
        Assert.Equal(["*"], manifest.FindAgent("core")!.Paths.Select(p => p.Source));
        Assert.DoesNotContain(manifest.Agents.SelectMany(a => a.Deny), d => d.Source.StartsWith("/.github/", StringComparison.Ordinal) || d.Source == "/Directory.Build.props");
        Assert.Equal(["jane"], manifest.FindAgent("shipping")!.SharedWith.Select(s => s.Pattern));

        // The lint a person runs next is clean.
        var lint = CliRunner.Run(repo.Path, "lint");
        Assert.True(lint.ExitCode == ExitCodes.Success, lint.ToString());
        Assert.Equal(string.Empty, lint.Error);
    }

    [Fact]
    public void Init_OnlyProtectedLines_ExitsTwoAndWritesNothing()
    {
        using var repo = TempRepo.Init();
        repo.Write(".github/CODEOWNERS", "/.github/ @contoso/leads\n");
        repo.CommitAll("files");

        var result = CliRunner.Run(repo.Path, "init", "--from-codeowners");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains(".github/CODEOWNERS:1: note: '/.github/' is protected", result.Error, StringComparison.Ordinal);
        Assert.Contains("no agent to write; nothing was written", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.FullPath("scopes.json")));
    }

    [Fact]
    public void Init_LintStillWarns_ExitsZeroSayingTheFileWasWritten()
    {
        using var repo = TempRepo.Init();
        repo.Write("CODEOWNERS", "/src/ @contoso/core\n");
        repo.Write("src/a.cs", "class A {}\n");
        repo.Write("Lib.csproj", "<Project />\n");
        repo.CommitAll("files");

        // Two agents from folders, one of them empty of files at HEAD: lint's SG0101 remains.
        repo.Write("agents/api/.keep", string.Empty);
        repo.Write("agents/web/.keep", string.Empty);
        var result = CliRunner.Run(repo.Path, "init", "--agents-from-folders", "agents");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("SG0101", result.Error, StringComparison.Ordinal);
        Assert.Contains("scopes.json was written; lint's warnings", result.Output, StringComparison.Ordinal);
        Assert.Contains("Next steps:", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(repo.FullPath("scopes.json")));
    }

    [Fact]
    public void Init_LinesItCannotTranslate_AreNamedByFileAndLine()
    {
        using var repo = TempRepo.Init();
        repo.Write(".github/CODEOWNERS", string.Join('\n',
            "# owners",
            "*           @contoso/core",
            "/apps/      @octocat",
            "/apps/github",
            "!/apps/keep @octocat",
            "/tools/[Ll]egacy/ @contoso/core",
            "/src/       @contoso/core  # trailing comment",
            "/src/Api/   @contoso/api",
            "/src/Api/Internal/ @contoso/core",
            ""));

        var result = CliRunner.Run(repo.Path, "init", "--from-codeowners");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var notes = result.ErrorLines;
        Assert.Contains(notes, n => n.StartsWith(".github/CODEOWNERS:4: note: '/apps/github' has no owners", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith(".github/CODEOWNERS:5: note: not translated: '!' negation", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith(".github/CODEOWNERS:6: note: not translated: '[ ]' character ranges", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith(".github/CODEOWNERS:7: note: the text from '#' on is read as a comment", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith(".github/CODEOWNERS:9: note: '/src/Api/Internal/' gives @contoso/core back files that line 8", StringComparison.Ordinal));
        var manifest = Load(repo);
        var evaluator = new ScopeGuard.Core.Rules.ScopeEvaluator(manifest);
        Assert.All(manifest.Agents, a => Assert.False(evaluator.Decide(a, "apps/github/index.js").Allowed, a.Name));
        Assert.True(evaluator.Decide(manifest.FindAgent("octocat")!, "apps/main.js").Allowed);
        Assert.Contains("/apps/github", manifest.FindAgent("octocat")!.Deny.Select(d => d.Source));
        Assert.DoesNotContain(manifest.Agents, a => a.Paths.Any(p => p.Source.Contains('[', StringComparison.Ordinal) || p.Source.Contains('!', StringComparison.Ordinal)));
    }

    [Fact]
    public void Init_DirectChildrenPattern_DeniesTheFoldersBelow()
    {
        using var repo = TempRepo.Init();
        repo.Write("CODEOWNERS", "docs/* docs@contoso.com\n");

        var result = CliRunner.Run(repo.Path, "init", "--from-codeowners");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var docs = Load(repo).FindAgent("docs")!;
        Assert.Equal(["docs/*"], docs.Paths.Select(p => p.Source));
        Assert.Equal(["docs/*/"], docs.Deny.Select(p => p.Source));
    }

    [Theory]
    [InlineData("@contoso/billing-team", "billing-team")]
    [InlineData("@octocat", "octocat")]
    [InlineData("Jane.Doe@Example.com", "jane.doe")]
    [InlineData("@Contoso/Web+API", "web-api")]
    public void AgentNames_ForOwner_FollowsTheDocumentedMapping(string owner, string name) =>
        Assert.Equal(name, AgentNames.Assign([owner], AgentNames.ForOwner)[owner]);

    [Fact]
    public void AgentNames_TwoOwnersWithOneName_AreQualifiedThenNumbered()
    {
        var names = AgentNames.Assign(["@contoso/web", "@fabrikam/web", "@web", "web@contoso.com", "@Contoso/Web"], AgentNames.ForOwner);

        Assert.Equal("web", names["@contoso/web"]);
        Assert.Equal("fabrikam-web", names["@fabrikam/web"]);
        Assert.Equal("web-user", names["@web"]);
        Assert.Equal("web-contoso.com", names["web@contoso.com"]);
        Assert.Equal("web", names["@Contoso/Web"]);
    }

    [Fact]
    public void Init_AgentNameThatBeginsAnother_GetsNoSiblingBranches()
    {
        using var repo = TempRepo.Init();
        repo.Write("CODEOWNERS", "/web/ @contoso/web\n/web-api/ @contoso/web-api\n");

        var result = CliRunner.Run(repo.Path, "init", "--from-codeowners");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var manifest = Load(repo);
        Assert.Equal(["agent/web"], manifest.FindAgent("web")!.Branches.Select(b => b.Source));
        Assert.Equal(["agent/web-api", "agent/web-api-*"], manifest.FindAgent("web-api")!.Branches.Select(b => b.Source));
        Assert.Contains("agent web gets branch 'agent/web' only", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_FromFolders_OneAgentPerFolder()
    {
        using var repo = TempRepo.Init();
        repo.Write("src/Billing/a.cs", "class A {}\n");
        repo.Write("src/Shipping/b.cs", "class B {}\n");
        repo.Write("src/.hidden/c.cs", "class C {}\n");
        repo.Write("src/Weird[1]/d.cs", "class D {}\n");

        var result = CliRunner.Run(repo.FullPath("src"), "init", "--agents-from-folders", ".");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var manifest = Load(repo);
        Assert.Equal(["billing", "shipping", "weird-1"], manifest.Agents.Select(a => a.Name));
        Assert.Equal(["/src/Billing/"], manifest.FindAgent("billing")!.Paths.Select(p => p.Source));
        var weird = manifest.FindAgent("weird-1")!;
        Assert.True(weird.Paths[0].Pattern.Matches("src/Weird[1]/d.cs"));
        Assert.False(weird.Paths[0].Pattern.Matches("src/Weird1/d.cs"));
    }

    [Fact]
    public void Init_ProtectsTheManifestHooksGitHubAndBuildFilesThatExist()
    {
        using var repo = TempRepo.Init();
        repo.Write("Directory.Build.props", "<Project />\n");
        repo.Write("Directory.Packages.props", "<Project />\n");
        repo.Write("Build.targets", "<Project />\n");
        repo.Write("src/Directory.Build.targets", "<Project />\n");
        repo.Write("global.json", "{}\n");
        repo.Write(".githooks/pre-commit", "#!/bin/sh\n");
        repo.Write("CODEOWNERS", "* @contoso/core\n");
        repo.CommitAll("files");
        repo.Git("config", "core.hooksPath", "tools/hooks");

        var result = CliRunner.Run(repo.Path, "init", "--from-codeowners");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(
            ["/scopes.json", "/.github/", "/CODEOWNERS", "/tools/hooks/", "/.githooks/", "/global.json", "/Build.targets", "/Directory.Build.props", "/Directory.Packages.props", "/src/Directory.Build.targets"],
            Load(repo).Settings.ProtectedPaths.Select(p => p.Source));
        Assert.Equal(["main"], Load(repo).Settings.ProtectedBranches.Select(p => p.Source));
    }

    [Fact]
    public void Init_BaseBranch_IsTheOptionElseTheRemotesDefaultElseMainOrMaster()
    {
        using var repo = TempRepo.Init();
        repo.Write("CODEOWNERS", "* @contoso/core\n");
        repo.CommitAll("files");
        repo.Git("branch", "-m", "master");
        repo.Git("switch", "--quiet", "-c", "feature");

        Assert.True(CliRunner.Run(repo.Path, "init", "--from-codeowners").ExitCode == ExitCodes.Success);
        Assert.Equal("master", Load(repo).Settings.BaseBranch);

        repo.Git("update-ref", "refs/remotes/origin/trunk", "HEAD");
        repo.Git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk");
        Assert.True(CliRunner.Run(repo.Path, "init", "--from-codeowners", "--force").ExitCode == ExitCodes.Success);
        Assert.Equal("trunk", Load(repo).Settings.BaseBranch);

        Assert.True(CliRunner.Run(repo.Path, "init", "--from-codeowners", "--force", "--base", "develop").ExitCode == ExitCodes.Success);
        Assert.Equal("develop", Load(repo).Settings.BaseBranch);
        Assert.Equal(["develop"], Load(repo).Settings.ProtectedBranches.Select(p => p.Source));
    }

    [Fact]
    public void Init_PrintsLintsVerdictAndTheNextSteps()
    {
        using var repo = TempRepo.Init();
        repo.Write("CODEOWNERS", "* @contoso/core\n/docs/ @contoso/docs\n");

        var result = CliRunner.Run(repo.Path, "init", "--from-codeowners");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("scopes.json: valid; 2 agent(s): core, docs", result.Output, StringComparison.Ordinal);
        Assert.Contains("scopeguard install", result.Output, StringComparison.Ordinal);
        Assert.Contains("scopeguard agent new core", result.Output, StringComparison.Ordinal);
        Assert.Contains("scopeguard explain --agent core", result.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(repo.FullPath("scopes.json")));
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("docs/a.md", 3)]
    [InlineData("docs/b/c.md", 2)]
    [InlineData("src/x.cs", 2)]
    [InlineData("apps/github/y.js", 5)]
    [InlineData("apps/other/y.js", 4)]
    public void CodeOwnersFile_Decide_IsTheLastMatchingLine(string path, int line)
    {
        var file = CodeOwnersFile.Parse("# c\n*  @a\ndocs/* @b\n/apps/ @c\n/apps/github\n[x] @d\n", "CODEOWNERS");

        var rule = file.Decide(path);

        Assert.Equal(line, rule?.Line);
        Assert.Equal(line == 5, rule!.Owners.Count == 0);
        Assert.Equal(["@a", "@b", "@c"], file.Owners);
    }

    [Fact]
    public void Init_PatternWithABrace_IsEscapedSoTheManifestLoads()
    {
        using var repo = TempRepo.Init();
        repo.Write("CODEOWNERS", "/src/{legacy}/ @contoso/core\n");

        var result = CliRunner.Run(repo.Path, "init", "--from-codeowners");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var core = Load(repo).FindAgent("core")!;
        Assert.True(core.Paths[0].Pattern.Matches("src/{legacy}/a.cs"));
    }

    private static ScopeManifest Load(TempRepo repo)
    {
        var load = ManifestLoader.Load(File.ReadAllText(repo.FullPath("scopes.json")), "scopes.json");
        Assert.True(load.Manifest is not null, string.Join("\n", load.Errors));
        return load.Manifest!;
    }
}
