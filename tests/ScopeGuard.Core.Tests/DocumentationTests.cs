using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace ScopeGuard.Core.Tests;

public sealed class DocumentationTests
{
    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void ReadmeDiagnosticsTable_MatchesIdsAndTitles()
    {
        var rows = File.ReadAllLines(Path.Combine(Root, "README.md"))
            .Select(line => Regex.Match(line, @"^\| \[(SG\d{4})\]\(docs/diagnostics/(SG\d{4})\.md\) \| [^|]+ \| ([^|]+) \|"))
            .Where(m => m.Success)
            .ToList();

        Assert.Equal(DiagnosticIds.All, rows.Select(m => m.Groups[1].Value));
        foreach (var row in rows)
        {
            Assert.Equal(row.Groups[1].Value, row.Groups[2].Value);
            Assert.Equal(DiagnosticIds.Title(row.Groups[1].Value), row.Groups[3].Value.Trim());
        }
    }

    [Fact]
    public void EveryDiagnosticId_HasAPageTitledWithItsIdAndTitle()
    {
        foreach (var id in DiagnosticIds.All)
        {
            var page = Path.Combine(Root, "docs", "diagnostics", id + ".md");
            Assert.True(File.Exists(page), $"missing {page}");
            Assert.Equal($"# {id}: {DiagnosticIds.Title(id)}", File.ReadLines(page).First());
        }
    }

    [Fact]
    public void HelpPage_EveryId_IsAnExistingPageRelativeToTheRepositoryRoot()
    {
        foreach (var id in DiagnosticIds.All)
        {
            Assert.True(File.Exists(Path.Combine(Root, DiagnosticIds.HelpPage(id))), DiagnosticIds.HelpPage(id));
        }
    }

    [Theory]
    [InlineData("https://docs.example.com/scopeguard/", "https://docs.example.com/scopeguard/docs/diagnostics/SG0002.md")]
    [InlineData("https://docs.example.com/scopeguard", "https://docs.example.com/scopeguard/docs/diagnostics/SG0002.md")]
    [InlineData("https://github.com/me/scopeguard/blob/main/?x=1#top", "https://github.com/me/scopeguard/blob/main/docs/diagnostics/SG0002.md")]
    [InlineData("file:///opt/scopeguard/", "file:///opt/scopeguard/docs/diagnostics/SG0002.md")]
    public void HelpUri_WithBase_IsThePageUnderTheBaseFolder(string baseUri, string expected)
    {
        Assert.Equal(expected, DiagnosticIds.HelpUri("SG0002", baseUri));
    }

    [Fact]
    public void HelpUri_WithoutBase_IsTheRelativePageNotAnInventedSite()
    {
        Assert.Equal("docs/diagnostics/SG0001.md", DiagnosticIds.HelpUri("SG0001", null));
        Assert.Equal("docs/diagnostics/SG0001.md", DiagnosticIds.HelpUri("SG0001", string.Empty));
    }

    [Fact]
    public void HelpUri_RelativeBase_Throws()
    {
        Assert.Throws<System.ArgumentException>(() => DiagnosticIds.HelpUri("SG0001", "docs.example.com/scopeguard"));
    }

    [Theory]
    [InlineData("https://docs.example.com/", true)]
    [InlineData("http://intranet/scopeguard", true)]
    [InlineData("file:///opt/scopeguard/", false)]
    [InlineData("docs.example.com", false)]
    [InlineData(null, false)]
    public void IsPublishedHelpBase_OnlyHttpAndHttps_AreTrue(string? baseUri, bool expected)
    {
        Assert.Equal(expected, DiagnosticIds.IsPublishedHelpBase(baseUri));
    }

    [Fact]
    public void Readme_StartsWithTheDemoAndTestCommands()
    {
        var commands = File.ReadAllLines(Path.Combine(Root, "README.md"))
            .SkipWhile(l => l != "```sh")
            .Skip(1)
            .TakeWhile(l => l != "```")
            .Select(l => l.Split('#')[0].Trim())
            .ToList();

        Assert.Equal(["dotnet run --project src/ScopeGuard.Cli -- demo", "dotnet test"], commands);
    }
}
