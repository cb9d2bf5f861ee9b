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
        Assert.Equal(string.Empty, result.Error);
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
        Assert.Contains("/apps/github", manifest.FindAgent("core")!.Deny.Select(d => d.Source));
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

    private static ScopeManifest Load(TempRepo repo)
    {
        var load = ManifestLoader.Load(File.ReadAllText(repo.FullPath("scopes.json")), "scopes.json");
        Assert.True(load.Manifest is not null, string.Join("\n", load.Errors));
        return load.Manifest!;
    }
}
