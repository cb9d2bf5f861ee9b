using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ScopeGuard.Core;
using ScopeGuard.TestSupport;
using ScopeGuard.Workspace.Tests.Support;

namespace ScopeGuard.Workspace.Tests;

/// <summary>Solutions that do not load cleanly: the loader warns about what it skipped and refuses what it cannot analyze.</summary>
public sealed class SolutionLoaderTests
{
    private static string Project(string items) => "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n" + items + "</Project>\n";

    [Fact]
    public async Task Open_ProjectThatFailsToLoad_IsAWarningAndTheRestLoadsAsync()
    {
        using var folder = new TempFolder("sg-load-");
        folder.Write("Good/Good.csproj", Project(string.Empty));
        folder.Write("Good/A.cs", "public class A {}\n");
        folder.Write("Bad/Bad.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n");
        folder.Write("All.slnx", "<Solution>\n  <Project Path=\"Good/Good.csproj\" />\n  <Project Path=\"Bad/Bad.csproj\" />\n</Solution>\n");
        Dotnet.Run(folder.Path, "restore", "Good/Good.csproj");

        using var loaded = await SolutionLoader.OpenAsync(folder.FullPath("All.slnx"), null, CancellationToken.None);

        // The workspace keeps an empty project for the one it could not load; the other loads whole.
        Assert.Equal(["A.cs"], loaded.Solution.Projects.Single(p => p.Name == "Good").Documents.Select(d => d.Name).Where(n => n == "A.cs"));
        Assert.Empty(loaded.Solution.Projects.Where(p => p.Name == "Bad").SelectMany(p => p.Documents));
        Assert.Contains(loaded.Warnings, w => w.StartsWith("failed: ", StringComparison.Ordinal) && w.Contains("Bad.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_ProjectWithAMissingSdk_IsAClearErrorAsync()
    {
        using var folder = new TempFolder("sg-load-");
        folder.Write("A/A.csproj", "<Project Sdk=\"Nope.Sdk/1.0\">\n</Project>\n");

        var error = await Assert.ThrowsAsync<ScopeGuardException>(() => SolutionLoader.OpenAsync(folder.FullPath("A/A.csproj"), null, CancellationToken.None));

        Assert.Contains("the solution cannot be analyzed", error.Message, StringComparison.Ordinal);
        Assert.Contains("The SDK 'Nope.Sdk/1.0' specified could not be found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ProjectReferenceCycle_IsAClearErrorNamingTheCycleAsync()
    {
        using var folder = new TempFolder("sg-load-");
        folder.Write("A/A.csproj", Project("  <ItemGroup>\n    <ProjectReference Include=\"../B/B.csproj\" />\n  </ItemGroup>\n"));
        folder.Write("B/B.csproj", Project("  <ItemGroup>\n    <ProjectReference Include=\"../A/A.csproj\" />\n  </ItemGroup>\n"));
        folder.Write("C.slnx", "<Solution>\n  <Project Path=\"A/A.csproj\" />\n  <Project Path=\"B/B.csproj\" />\n</Solution>\n");

        var error = await Assert.ThrowsAsync<ScopeGuardException>(() => SolutionLoader.OpenAsync(folder.FullPath("C.slnx"), null, CancellationToken.None));

        Assert.Contains("the projects reference each other in a cycle (A.csproj → B.csproj → A.csproj)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_SeveralSolutionsAtTheRoot_AsksWhichToChoose()
    {
        using var folder = new TempFolder("sg-find-");
        folder.Write("One.sln", string.Empty);
        folder.Write("Two.slnx", "<Solution />\n");
        folder.Write("Three.csproj", "<Project />\n");

        var error = Assert.Throws<ScopeGuardException>(() => SolutionFinder.Find(folder.Path, null, folder.Path));

        Assert.Equal("several solutions at the repository root (One.sln, Two.slnx): choose one with --solution FILE", error.Message);
        Assert.Equal(Path.Combine(folder.Path, "Three.csproj"), SolutionFinder.Find(folder.Path, "Three.csproj", folder.Path));
    }
}
