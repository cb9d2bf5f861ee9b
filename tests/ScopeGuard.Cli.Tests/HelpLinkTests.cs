using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScopeGuard.Cli.Tests.Support;
using ScopeGuard.Core;

namespace ScopeGuard.Cli.Tests;

/// <summary>
/// The help links the CLI prints: the page installed beside the tool (a <c>file:</c> URI) unless the user
/// sets <c>SCOPEGUARD_HELP_URL</c>; reports read elsewhere (SARIF, Markdown) link only to an http(s) root.
/// </summary>
public sealed class HelpLinkTests : IDisposable
{
    private const string Manifest = """
        {
          "version": 1,
          "agents": { "docs": { "branches": ["agent/docs"], "paths": ["/docs/"] } }
        }
        """;

    // The folder the tool runs from in this test's build output: scopeguard.dll is copied here.
    private static readonly string ToolDirectory = Path.GetDirectoryName(typeof(CliApp).Assembly.Location)!;

    private readonly TempRepo repo = TempRepo.Init(Manifest);

    public HelpLinkTests()
    {
        repo.Git("add", "-A");
        repo.Git("commit", "--quiet", "-m", "manifest");
        repo.Git("switch", "--quiet", "-c", "agent/docs");
        repo.Write("src/Out.cs", "class Out { }\n");
        repo.Git("add", "-A");
    }

    public void Dispose() => repo.Dispose();

    [Fact]
    public void HelpLinks_EveryIdWithoutHelpUrl_IsAnInstalledFileBesideTheToolTitledWithTheId()
    {
        var help = new HelpLinks(null, ToolDirectory);

        foreach (var id in DiagnosticIds.All)
        {
            var link = new Uri(help.For(id));
            Assert.True(link.IsFile, $"{id}: {link}");
            Assert.True(File.Exists(link.LocalPath), $"{id}: {link.LocalPath} does not exist");
            Assert.Equal(Path.Combine(ToolDirectory, "docs", "diagnostics", id + ".md"), link.LocalPath);
            Assert.Equal($"# {id}: {DiagnosticIds.Title(id)}", File.ReadLines(link.LocalPath).First());
        }
    }

    [Fact]
    public void Check_TextAndJsonWithoutHelpUrl_LinkToTheInstalledPage()
    {
        var text = Run([], "check", "--staged");
        var json = Run([], "check", "--staged", "--format", "json");

        Assert.True(text.ExitCode == ExitCodes.Findings, text.ToString());
        var helpLine = Assert.Single(text.OutputLines, l => l.StartsWith("  help: ", StringComparison.Ordinal));
        var textLink = new Uri(helpLine["  help: ".Length..].Split(' ')[0]);
        Assert.True(textLink.IsFile && File.Exists(textLink.LocalPath), helpLine);
        using var document = JsonDocument.Parse(json.Output);
        var finding = Assert.Single(document.RootElement.GetProperty("findings").EnumerateArray());
        var jsonLink = new Uri(finding.GetProperty("helpUri").GetString()!);
        Assert.Equal(Path.Combine(ToolDirectory, "docs", "diagnostics", "SG0001.md"), jsonLink.LocalPath);
        Assert.True(File.Exists(jsonLink.LocalPath));
    }

    [Fact]
    public void Check_JsonWithHelpUrl_LinksUnderTheUsersBase()
    {
        var json = Run(new() { ["SCOPEGUARD_HELP_URL"] = "https://git.example.com/me/scopeguard/blob/v1" }, "check", "--staged", "--format", "json");

        using var document = JsonDocument.Parse(json.Output);
        var finding = Assert.Single(document.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("https://git.example.com/me/scopeguard/blob/v1/docs/diagnostics/SG0001.md", finding.GetProperty("helpUri").GetString());
    }

    [Fact]
    public void Check_SarifWithoutHelpUrl_HasNoHelpUriAndCarriesEachPagesText()
    {
        var sarif = Run([], "check", "--staged", "--format", "sarif");

        Assert.DoesNotContain("helpUri", sarif.Output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(sarif.Output);
        var information = new Uri(document.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("informationUri").GetString()!);
        Assert.True(information.IsFile && Directory.Exists(information.LocalPath), information.ToString());
        var rules = document.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(DiagnosticIds.All, rules.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rules, rule =>
        {
            var id = rule.GetProperty("id").GetString()!;
            Assert.Equal(File.ReadAllText(Path.Combine(ToolDirectory, "docs", "diagnostics", id + ".md")), rule.GetProperty("help").GetProperty("markdown").GetString());
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("help").GetProperty("text").GetString()));
        });
    }

    [Fact]
    public void Check_SarifWithFileHelpUrl_HasNoHelpUri()
    {
        var sarif = Run(new() { ["SCOPEGUARD_HELP_URL"] = "file:///opt/scopeguard/" }, "check", "--staged", "--format", "sarif");

        Assert.DoesNotContain("helpUri", sarif.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SarifWithHttpsHelpUrl_EveryRulesHelpUriIsItsPageUnderTheBase()
    {
        var sarif = Run(new() { ["SCOPEGUARD_HELP_URL"] = "https://docs.example.com/scopeguard/" }, "check", "--staged", "--format", "sarif");

        using var document = JsonDocument.Parse(sarif.Output);
        var rules = document.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.All(rules, rule => Assert.Equal(
            $"https://docs.example.com/scopeguard/docs/diagnostics/{rule.GetProperty("id").GetString()}.md",
            rule.GetProperty("helpUri").GetString()));
    }

    [Fact]
    public void Check_MarkdownWithoutHelpUrl_LinksToNoFileOfThisMachine()
    {
        var markdown = Run([], "check", "--staged", "--format", "markdown");

        Assert.Contains("SG0001", markdown.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("file:", markdown.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("](", markdown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MarkdownWithHttpsHelpUrl_LinksEachIdToItsPage()
    {
        var markdown = Run(new() { ["SCOPEGUARD_HELP_URL"] = "https://docs.example.com/scopeguard/" }, "check", "--staged", "--format", "markdown");

        Assert.Contains("| error | [SG0001](https://docs.example.com/scopeguard/docs/diagnostics/SG0001.md) |", markdown.Output, StringComparison.Ordinal);
        Assert.Contains("[More](https://docs.example.com/scopeguard/docs/diagnostics/SG0001.md)", markdown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HelpUrlThatIsNotAnAbsoluteUrl_IsIgnoredForTheInstalledPage()
    {
        var json = Run(new() { ["SCOPEGUARD_HELP_URL"] = "docs.example.com/scopeguard" }, "check", "--staged", "--format", "json");

        using var document = JsonDocument.Parse(json.Output);
        var link = new Uri(Assert.Single(document.RootElement.GetProperty("findings").EnumerateArray()).GetProperty("helpUri").GetString()!);
        Assert.True(link.IsFile && File.Exists(link.LocalPath), link.ToString());
    }

    [Fact]
    public void Doctor_HelpUrlThatIsNotAnAbsoluteUrl_SaysItIsIgnoredAndWhereThePagesAre()
    {
        var doctor = Run(new() { ["SCOPEGUARD_HELP_URL"] = "docs.example.com/scopeguard" }, "doctor");

        Assert.Contains($"help:      pages installed in {Path.Combine(ToolDirectory, "docs", "diagnostics")}", doctor.Output, StringComparison.Ordinal);
        Assert.Contains("note: SCOPEGUARD_HELP_URL is 'docs.example.com/scopeguard', not an absolute URL: ignored", doctor.Output, StringComparison.Ordinal);
    }

    private CliResult Run(Dictionary<string, string> environment, params string[] args) =>
        CliRunner.RunWithEnvironment(repo.Path, environment, string.Empty, args);
}
