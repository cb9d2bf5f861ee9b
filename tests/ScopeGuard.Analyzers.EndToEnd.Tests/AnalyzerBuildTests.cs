using System;
using System.IO;
using ScopeGuard.Analyzers.EndToEnd.Tests.Support;

namespace ScopeGuard.Analyzers.EndToEnd.Tests;

/// <summary>
/// The packed analyzer in a real build: a sample project in a temporary repository, scopes.json committed
/// on main, the agent on its branch. Agent billing may write src/Sample/Billing/ and nothing of
/// T:Sample.Shared.Money (readonly).
/// </summary>
[Collection(PackedFeedGroup.Name)]
public sealed class AnalyzerBuildTests(PackedFeed feed)
{
    // Money.Add's identifier: line 9, column 18 of src/Sample/Shared/Money.cs.
    private const int AddLine = 9;
    private const int AddColumn = 18;

    private static readonly string EditedMoney = SampleRepo.Money.Replace("new(Amount + other.Amount)", "new(Amount + other.Amount + 0.01m)", StringComparison.Ordinal);

    [Fact]
    public void BlockMode_OutOfScopeMethodEdit_FailsTheBuildWithSG0002AtTheMethod_AndRevertingClearsIt()
    {
        var repo = new SampleRepo(feed, "block");
        Assert.Equal("    public Money Add(Money other) => new(Amount + other.Amount);", SampleRepo.Money.Split('\n')[AddLine - 1]);
        Assert.Equal(AddColumn, SampleRepo.Money.Split('\n')[AddLine - 1].IndexOf("Add", StringComparison.Ordinal) + 1);
        repo.Write(SampleRepo.MoneyPath, EditedMoney);

        // On main no agent is identified: a person working normally sees nothing.
        var onMain = repo.Build();
        Assert.True(onMain.ExitCode == 0, onMain.Output);
        Assert.Empty(onMain.ScopeGuard);

        // On the agent's branch the same edit fails the build, at the method.
        repo.Git("checkout -q -b agent/billing");
        var onBranch = repo.Build();
        AssertAnalyzerLoaded(onBranch);
        Assert.NotEqual(0, onBranch.ExitCode);
        var finding = Assert.Single(onBranch.ScopeGuard);
        Assert.Equal(("SG0002", "error"), (finding.Id, finding.Severity));
        Assert.Equal(repo.FullPath(SampleRepo.MoneyPath), finding.Path);
        Assert.Equal((AddLine, AddColumn), (finding.Line, finding.Column));
        Assert.StartsWith("agent 'billing' may not change 'M:Sample.Shared.Money.Add(Sample.Shared.Money)' (body changed): 'readonly T:Sample.Shared.Money' in agents.billing.symbols.readonly decides", finding.Message, StringComparison.Ordinal);

        // Building again changes nothing: the baseline is not rewritten (HEAD, index and base are
        // unchanged), and block mode keeps failing, because a failed compilation is never up to date.
        var baseline = Path.Combine(repo.Directory, ".git/scopeguard/analyzer/scopeguard.baseline");
        var written = File.GetLastWriteTimeUtc(baseline);
        var again = repo.Build();
        Assert.NotEqual(0, again.ExitCode);
        Assert.Equal(finding, Assert.Single(again.ScopeGuard));
        Assert.Equal(written, File.GetLastWriteTimeUtc(baseline));

        // Reverting the edit clears it; an edit inside the agent's paths is fine.
        repo.Git("checkout -q -- " + SampleRepo.MoneyPath);
        repo.Write(SampleRepo.InvoicePath, SampleRepo.Invoice.Replace("new(0m)", "new(1m)", StringComparison.Ordinal));
        var reverted = repo.Build();
        Assert.True(reverted.ExitCode == 0, reverted.Output);
        Assert.Empty(reverted.ScopeGuard);
    }

    [Fact]
    public void WarnMode_TheBuildSucceedsWithTheWarning_AndEditorConfigDecidesTheSeverity()
    {
        var repo = new SampleRepo(feed, "warn", mode: "warn");
        repo.Git("checkout -q -b agent/billing");
        repo.Write(SampleRepo.MoneyPath, EditedMoney);

        var warned = repo.Build();
        AssertAnalyzerLoaded(warned);
        Assert.True(warned.ExitCode == 0, warned.Output);
        var warning = Assert.Single(warned.ScopeGuard);
        Assert.Equal(("SG0002", "warning", AddLine, AddColumn), (warning.Id, warning.Severity, warning.Line, warning.Column));

        // .editorconfig overrides the manifest's mode, per ID...
        repo.Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.SG0002.severity = error\n");
        var raised = repo.Build();
        Assert.NotEqual(0, raised.ExitCode);
        Assert.Equal(("SG0002", "error"), (Assert.Single(raised.ScopeGuard).Id, Assert.Single(raised.ScopeGuard).Severity));

        // ...and for the whole ScopeGuard category.
        repo.Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_analyzer_diagnostic.category-ScopeGuard.severity = none\n");
        var silenced = repo.Build();
        Assert.True(silenced.ExitCode == 0, silenced.Output);
        Assert.Empty(silenced.ScopeGuard);
    }

    [Fact]
    public void InvalidManifest_SG0007AtItsLineAndColumnInScopesJson()
    {
        var repo = new SampleRepo(feed, "manifest");
        repo.Git("checkout -q -b agent/billing");
        var broken = SampleRepo.Manifest("block").Replace("\"paths\": [\"src/Sample/Billing/\"],", "\"paths\": [\"src/Sample/Billing/\"], \"colour\": 1,", StringComparison.Ordinal);
        repo.Write("scopes.json", broken);
        var lines = broken.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("colour", StringComparison.Ordinal)) + 1;
        var column = lines[line - 1].IndexOf("\"colour\"", StringComparison.Ordinal) + 1;
        Assert.Equal((7, 41), (line, column));

        var result = repo.Build();

        AssertAnalyzerLoaded(result);
        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.ScopeGuard);
        Assert.Equal(("SG0007", "error", repo.FullPath("scopes.json"), line, column), (error.Id, error.Severity, error.Path, error.Line, error.Column));
        Assert.Contains("unknown key \"colour\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UndeclaredAgentProperty_OneSG0007InScopesJsonAndNoSGB001()
    {
        var repo = new SampleRepo(feed, "bogus");
        repo.Git("checkout -q -b agent/billing");

        var result = repo.Build(extraArguments: "-p:ScopeGuardAgent=bogus");

        AssertAnalyzerLoaded(result);
        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.Diagnostics, d => d.Id.StartsWith("SG", StringComparison.Ordinal));
        Assert.Equal(("SG0007", "error", repo.FullPath("scopes.json"), 1, 1), (error.Id, error.Severity, error.Path, error.Line, error.Column));
        Assert.Contains("ScopeGuardAgent names agent \"bogus\", which scopes.json does not declare; declared agents: billing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoCli_OneClearWarningAndTheBuildPasses()
    {
        var repo = new SampleRepo(feed, "nocli", localTool: false);
        repo.Git("checkout -q -b agent/billing");
        repo.Write(SampleRepo.MoneyPath, EditedMoney);

        var result = repo.Build();

        Assert.True(result.ExitCode == 0, result.Output);
        var warning = Assert.Single(result.Diagnostics, d => d.Id == "SGB001");
        Assert.Equal("warning", warning.Severity);
        Assert.Contains("could not write the analyzer's baseline", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.ScopeGuard, d => d.Id != "SGB001");

        // It says which build of the package is running.
        Assert.StartsWith($"ScopeGuard.Analyzers {feed.Version} could not write", warning.Message, StringComparison.Ordinal);

        // It says what to do: the commands, the source-mapping entry, the properties.
        Assert.Contains("the scopeguard tool was not found", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'dotnet tool install scopeguard --prerelease'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'dotnet tool restore'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("<packageSource key=\"local-scopeguard\"><package pattern=\"ScopeGuard.*\" /><package pattern=\"scopeguard\" /></packageSource>", warning.Message, StringComparison.Ordinal);
        Assert.Contains("--tool-manifest REPOSITORY/.config/dotnet-tools.json", warning.Message, StringComparison.Ordinal);
        Assert.Contains("ScopeGuardCliPath", warning.Message, StringComparison.Ordinal);
        Assert.Contains("ScopeGuardDisabled=true", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalToolNotRestored_Build_OneWarningThatSaysDotnetToolRestore()
    {
        // A fresh clone: the manifest lists scopeguard, but no one ran dotnet tool restore (no such version is in the packages folder).
        var repo = new SampleRepo(feed, "unrestored", localTool: false);
        repo.Write(".config/dotnet-tools.json", "{\n  \"version\": 1,\n  \"isRoot\": true,\n  \"tools\": {\n    \"scopeguard\": { \"version\": \"0.0.1-never-restored\", \"commands\": [\"scopeguard\"] }\n  }\n}\n");
        repo.Git("add -A");
        repo.Git("commit -q -m \"scopeguard in the tool manifest\"");
        repo.Git("checkout -q -b agent/billing");

        var result = repo.Build();

        Assert.True(result.ExitCode == 0, result.Output);
        var warning = Assert.Single(result.Diagnostics, d => d.Id == "SGB001");
        Assert.Contains("the scopeguard tool was not found", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'dotnet tool restore' if the local tool manifest already lists scopeguard", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.ScopeGuard, d => d.Id != "SGB001");
    }

    [Fact]
    public void SourceMappedRepositoryWithPinnedSdk_DocumentedInstall_OutOfScopeEditFailsTheBuild()
    {
        // A repository as dotnet/* ones are: every package from one source only (packageSourceMapping),
        // and a global.json that pins an SDK this machine does not have.
        var repo = new SampleRepo(feed, "mapped", localTool: false);
        repo.Write("NuGet.config", MappedNuGetConfig(scopeGuardFeed: null));
        repo.Write("global.json", PinnedGlobalJson("8.0.100"));

        // What the README used to say fails there: the manifest template under the pinned SDK...
        var template = repo.Dotnet("new tool-manifest", check: false);
        Assert.NotEqual(0, template.ExitCode);
        Assert.Contains("A compatible .NET SDK was not found", template.Output, StringComparison.Ordinal);
        Assert.Contains("Requested SDK version: 8.0.100", template.Output, StringComparison.Ordinal);

        // ...and --add-source under source mapping (run outside the pinned folder, so the SDK resolves;
        // without --version, as the README had it, so NuGet asks the sources even when another test
        // already put this version in the packages folder).
        repo.Write(".config/dotnet-tools.json", "{\n  \"version\": 1,\n  \"isRoot\": true,\n  \"tools\": {}\n}\n");
        var refused = repo.Dotnet($"tool install scopeguard --tool-manifest \"{repo.FullPath(".config/dotnet-tools.json")}\" --add-source \"{feed.Feed}\"", check: false, workingDirectory: feed.Root);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("The --add-source option cannot be combined with package source mapping", refused.Output, StringComparison.Ordinal);

        // The documented steps: the feed in packageSources with its mapping, the manifest written by
        // hand, and dotnet tool install --tool-manifest from a folder outside the global.json's reach.
        repo.Write("NuGet.config", MappedNuGetConfig(scopeGuardFeed: feed.Feed));
        repo.Dotnet($"tool install scopeguard --prerelease --tool-manifest \"{repo.FullPath(".config/dotnet-tools.json")}\"", workingDirectory: feed.Root);
        var manifest = File.ReadAllText(repo.FullPath(".config/dotnet-tools.json"));
        Assert.Contains("\"scopeguard\"", manifest, StringComparison.Ordinal);
        Assert.Contains($"\"version\": \"{feed.Version}\"", manifest, StringComparison.Ordinal);

        // Whoever builds the repository has its pinned SDK: here that is this machine's, pinned exactly.
        var sdk = repo.Dotnet("--version", workingDirectory: feed.Root).Output.Trim();
        repo.Write("global.json", PinnedGlobalJson(sdk));
        repo.Git("add -A");
        repo.Git("commit -q -m \"Source mapping, pinned SDK, scopeguard local tool\"");
        repo.Git("checkout -q -b agent/billing");
        repo.Write(SampleRepo.MoneyPath, EditedMoney);

        var result = repo.Build();

        AssertAnalyzerLoaded(result);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SGB001");
        Assert.NotEqual(0, result.ExitCode);
        var finding = Assert.Single(result.ScopeGuard);
        Assert.Equal(("SG0002", "error", repo.FullPath(SampleRepo.MoneyPath), AddLine, AddColumn), (finding.Id, finding.Severity, finding.Path, finding.Line, finding.Column));
    }

    [Fact]
    public void NotAGitRepository_OneClearWarningAndTheBuildPasses()
    {
        var repo = new SampleRepo(feed, "nogit", git: false);

        var result = repo.Build();

        Assert.True(result.ExitCode == 0, result.Output);
        var warning = Assert.Single(result.Diagnostics, d => d.Id == "SGB001");
        Assert.Contains("not inside a git repository", warning.Message, StringComparison.Ordinal);
    }

    // <clear/>, everything from nuget.org only; with a feed, ScopeGuard's packages from it under the documented key.
    private static string MappedNuGetConfig(string? scopeGuardFeed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
            {(scopeGuardFeed is null ? "" : $"<add key=\"local-scopeguard\" value=\"{scopeGuardFeed}\" />")}
          </packageSources>
          <packageSourceMapping>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
            {(scopeGuardFeed is null ? "" : "<packageSource key=\"local-scopeguard\"><package pattern=\"ScopeGuard.*\" /><package pattern=\"scopeguard\" /></packageSource>")}
          </packageSourceMapping>
        </configuration>
        """;

    private static string PinnedGlobalJson(string version) => $$"""
        { "sdk": { "version": "{{version}}", "rollForward": "disable" } }
        """;

    // The analyzer ran: no CS9057 (built against a newer compiler than this SDK's), CS8032 (could not
    // be created) or AD0001 (threw). The positive findings above prove it reported.
    private static void AssertAnalyzerLoaded(BuildResult result)
    {
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "CS9057" or "CS8032" or "CS8033" or "AD0001");
        Assert.DoesNotContain("CS9057", result.Output, StringComparison.Ordinal);
    }
}
