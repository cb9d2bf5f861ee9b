using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using ScopeGuard.Analyzers.EndToEnd.Tests.Support;

namespace ScopeGuard.Analyzers.EndToEnd.Tests;

[Collection(PackedFeedGroup.Name)]
public sealed class PackageLayoutTests(PackedFeed feed)
{
    [Fact]
    public void AnalyzerPackage_AnalyzerAndCoreUnderAnalyzersTargetsInBuildAndBuildTransitive()
    {
        using var package = ZipFile.OpenRead(feed.AnalyzerPackage);
        var files = package.Entries.Select(e => e.FullName)
            .Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml")
            .OrderBy(n => n, StringComparer.Ordinal);

        Assert.Equal(
            [
                "PACKAGE.md",
                "ScopeGuard.Analyzers.nuspec",
                "analyzers/dotnet/cs/ScopeGuard.Analyzers.dll",
                "analyzers/dotnet/cs/ScopeGuard.Core.dll",
                "build/ScopeGuard.Analyzers.Version.props",
                "build/ScopeGuard.Analyzers.props",
                "build/ScopeGuard.Analyzers.targets",
                "buildTransitive/ScopeGuard.Analyzers.props",
                "buildTransitive/ScopeGuard.Analyzers.targets",
            ],
            files);
    }

    [Fact]
    public void AnalyzerPackage_IsADevelopmentDependencyWithoutDependencies()
    {
        using var package = ZipFile.OpenRead(feed.AnalyzerPackage);
        using var stream = package.GetEntry("ScopeGuard.Analyzers.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");

        Assert.Equal("true", metadata.Elements().Single(e => e.Name.LocalName == "developmentDependency").Value);
        Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName == "dependencies");
    }

    [Theory]
    [InlineData("ScopeGuard.Analyzers.dll")]
    [InlineData("ScopeGuard.Core.dll")]
    public void AnalyzerAssemblies_ReferenceARoslynTheSdkCompilerLoads(string assembly)
    {
        // The SDK 10.0.401 compiler is Roslyn 5.9: an analyzer built against a newer Roslyn is dropped
        // with only warning CS9057, and the build then passes without any check.
        using var package = ZipFile.OpenRead(feed.AnalyzerPackage);
        using var buffer = new MemoryStream();
        using (var stream = package.GetEntry("analyzers/dotnet/cs/" + assembly)!.Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        using var pe = new PEReader(buffer);
        var reader = pe.GetMetadataReader();
        var roslyn = reader.AssemblyReferences.Select(reader.GetAssemblyReference)
            .Where(r => reader.GetString(r.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(roslyn);
        Assert.All(roslyn, r => Assert.True(r.Version <= new Version(5, 9, 0, 0), $"{reader.GetString(r.Name)} {r.Version} is newer than the SDK's compiler (5.9)"));
        Assert.DoesNotContain(reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)), n => n.StartsWith("LibGit2Sharp", StringComparison.Ordinal) || n.StartsWith("System.CommandLine", StringComparison.Ordinal));
    }

    [Fact]
    public void ToolPackage_IsTheScopeguardCommand()
    {
        using var package = ZipFile.OpenRead(feed.ToolPackage);
        var names = package.Entries.Select(e => e.FullName).ToList();

        Assert.Contains("tools/net10.0/any/scopeguard.dll", names);
        using var stream = package.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open();
        var command = XDocument.Load(stream).Descendants().Single(e => e.Name.LocalName == "Command");
        Assert.Equal("scopeguard", command.Attribute("Name")!.Value);
    }

    [Fact]
    public void ToolPackage_ShipsEveryDiagnosticsPageBesideScopeguardDll()
    {
        using var package = ZipFile.OpenRead(feed.ToolPackage);
        var pages = Directory.GetFiles(Path.Combine(feed.RepositoryRoot, "docs", "diagnostics"), "*.md");

        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            // The CLI links to docs/diagnostics/ID.md next to its own assembly (HelpLinks).
            var entry = package.GetEntry($"tools/net10.0/any/docs/diagnostics/{Path.GetFileName(page)}");
            Assert.True(entry is not null, $"{Path.GetFileName(page)} is not in the tool package");
            using var reader = new StreamReader(entry.Open());
            Assert.Equal(File.ReadAllText(page), reader.ReadToEnd());
        }
    }
}
