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
    public void HelpUri_PointsAtTheDiagnosticsPage()
    {
        foreach (var id in DiagnosticIds.All)
        {
            Assert.EndsWith($"/docs/diagnostics/{id}.md", DiagnosticIds.HelpUri(id));
        }
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
