using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using ScopeGuard.Core;

namespace ScopeGuard.Analyzers.Tests;

public sealed class DescriptorTests
{
    private static readonly DiagnosticDescriptor[] All = [.. new ScopeGuardAnalyzer().SupportedDiagnostics];

    [Fact]
    public void SupportedDiagnostics_AreTheAnalyzersFourIds()
    {
        Assert.Equal(
            [DiagnosticIds.PathOutOfScope, DiagnosticIds.SymbolOutOfScope, DiagnosticIds.SignatureChanged, DiagnosticIds.ManifestInvalid],
            All.Select(d => d.Id));
    }

    [Fact]
    public void EveryDescriptor_IsAnEnabledErrorInTheScopeGuardCategoryWithThePlainMessageFormat()
    {
        foreach (var descriptor in All)
        {
            Assert.Equal("ScopeGuard", descriptor.Category);
            Assert.Equal("{0}", descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault);
        }
    }

    [Fact]
    public void EveryDescriptorTitle_IsDistinctAndIsTheHeadingOfItsPageAndItsReadmeRow()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var titles = All.Select(d => d.Title.ToString(CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(titles.Count, titles.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var descriptor in All)
        {
            var title = descriptor.Title.ToString(CultureInfo.InvariantCulture);
            Assert.False(string.IsNullOrWhiteSpace(title), descriptor.Id);
            var page = Path.Combine(RepositoryRoot(), "docs", "diagnostics", descriptor.Id + ".md");
            Assert.Equal($"# {descriptor.Id}: {title}", File.ReadLines(page).First());
            var row = Assert.Single(readme, l => l.StartsWith($"| [{descriptor.Id}](", StringComparison.Ordinal));
            Assert.Equal(title, row.Split('|')[3].Trim());
        }
    }

    [Fact]
    public void EveryDescriptorDescription_IsADistinctSentenceLongerThanItsTitle()
    {
        var descriptions = All.Select(d => d.Description.ToString(CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(descriptions.Count, descriptions.Distinct(StringComparer.Ordinal).Count());
        foreach (var descriptor in All)
        {
            var description = descriptor.Description.ToString(CultureInfo.InvariantCulture);
            Assert.EndsWith(".", description, StringComparison.Ordinal);
            Assert.True(description.Length > descriptor.Title.ToString(CultureInfo.InvariantCulture).Length + 20, descriptor.Id);
        }
    }

    [Fact]
    public void EveryDescriptorHelpLink_IsItsPagePathRelativeToTheDocsRootAndThePageExists()
    {
        foreach (var descriptor in All)
        {
            Assert.Equal($"docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(RepositoryRoot(), descriptor.HelpLinkUri)), descriptor.HelpLinkUri);
        }
    }

    [Fact]
    public void EveryDescriptor_HasADocumentationPageThatMentionsTheAnalyzer()
    {
        foreach (var descriptor in All)
        {
            var page = Path.Combine(RepositoryRoot(), "docs", "diagnostics", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"{page} is missing");
            Assert.Contains("analyzer", File.ReadAllText(page), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void ReleaseTracking_ListsEveryDescriptorWithItsSeverity()
    {
        var unshipped = File.ReadAllLines(Path.Combine(RepositoryRoot(), "src", "ScopeGuard.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var rows = unshipped.Where(l => l.StartsWith("SG", StringComparison.Ordinal)).Select(l => l.Split('|').Select(c => c.Trim()).ToArray()).ToList();

        Assert.Equal(All.Select(d => d.Id), rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal(("ScopeGuard", "Error"), (r[1], r[2])));
    }

    private static string RepositoryRoot() => TestSupport.RepositoryRoot.Find();
}
