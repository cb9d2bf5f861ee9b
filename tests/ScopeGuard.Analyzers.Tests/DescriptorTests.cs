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
    public void EveryDescriptor_TakesTitleCategoryAndHelpFromCore()
    {
        foreach (var descriptor in All)
        {
            Assert.Equal(DiagnosticIds.Title(descriptor.Id), descriptor.Title.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(DiagnosticIds.Description(descriptor.Id), descriptor.Description.ToString(CultureInfo.InvariantCulture));
            Assert.Equal("ScopeGuard", descriptor.Category);
            Assert.Equal($"https://github.com/scopeguard/scopeguard/blob/main/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
            Assert.Equal("{0}", descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault);
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

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ScopeGuard.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ScopeGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
