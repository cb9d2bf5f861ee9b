using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ScopeGuard.Analyzers.EndToEnd.Tests.Support;

namespace ScopeGuard.Analyzers.EndToEnd.Tests;

/// <summary>
/// Versions from git (eng/Version.targets): a version per commit, so the NuGet cache never hands out
/// another build under the same version. Real git repositories and real dotnet pack.
/// </summary>
[Collection(PackedFeedGroup.Name)]
public sealed partial class VersionTests(PackedFeed feed)
{
    [Fact]
    public void Pack_TwoCommits_TwoVersionsEachNamingItsCommit()
    {
        var repo = Path.Combine(feed.Root, "versions");
        WriteVersionedLibrary(repo);
        ProcessRunner.Git(repo, "init -q -b main");
        ProcessRunner.Git(repo, "add -A");
        ProcessRunner.Git(repo, "commit -q -m one");
        var first = Pack(repo, "first");
        var firstSha = ProcessRunner.Git(repo, "rev-parse --short=10 HEAD").Output.Trim();

        File.WriteAllText(Path.Combine(repo, "Two.cs"), "namespace Versioned; public static class Two { }\n");
        ProcessRunner.Git(repo, "add -A");
        ProcessRunner.Git(repo, "commit -q -m two");
        var second = Pack(repo, "second");
        var secondSha = ProcessRunner.Git(repo, "rev-parse --short=10 HEAD").Output.Trim();

        Assert.Equal($"0.1.0-dev.1.g{firstSha}", first);
        Assert.Equal($"0.1.0-dev.2.g{secondSha}", second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Pack_ReleaseTagAtHead_TheReleaseVersion()
    {
        var repo = Path.Combine(feed.Root, "release");
        WriteVersionedLibrary(repo);
        ProcessRunner.Git(repo, "init -q -b main");
        ProcessRunner.Git(repo, "add -A");
        ProcessRunner.Git(repo, "commit -q -m release");
        ProcessRunner.Git(repo, "tag v0.1.0");

        Assert.Equal("0.1.0", Pack(repo, "release"));
    }

    [Fact]
    public void Pack_ShallowCloneAndNoGit_StillPackWithVersionsThatSaySo()
    {
        var origin = Path.Combine(feed.Root, "shallow-origin");
        WriteVersionedLibrary(origin);
        ProcessRunner.Git(origin, "init -q -b main");
        ProcessRunner.Git(origin, "add -A");
        ProcessRunner.Git(origin, "commit -q -m one");
        File.WriteAllText(Path.Combine(origin, "Two.cs"), "namespace Versioned; public static class Two { }\n");
        ProcessRunner.Git(origin, "add -A");
        ProcessRunner.Git(origin, "commit -q -m two");
        var shallow = Path.Combine(feed.Root, "shallow");
        ProcessRunner.Git(feed.Root, $"clone -q --depth 1 \"file://{origin}\" \"{shallow}\"");
        var sha = ProcessRunner.Git(shallow, "rev-parse --short=10 HEAD").Output.Trim();

        // A source tarball: the same files, no .git.
        var tarball = Path.Combine(feed.Root, "tarball");
        WriteVersionedLibrary(tarball);

        Assert.Equal($"0.1.0-dev.1.g{sha}.shallow", Pack(shallow, "shallow"));
        Assert.Equal("0.1.0-dev.0.nogit", Pack(tarball, "tarball"));
    }

    [Fact]
    public void ToolVersion_InstalledFromThePackage_NamesThePackageVersionAndTheCommit()
    {
        var repo = new SampleRepo(feed, "tool-version");

        var result = repo.Dotnet("tool run scopeguard -- --version");

        // 0.1.0-dev.HEIGHT.gSHA+FULLSHA: the package's version, then the whole commit id it was built from.
        var printed = result.Output.Trim().Split('\n').Last().Trim();
        var match = VersionLine().Match(printed);
        Assert.True(match.Success, printed);
        Assert.Equal(feed.Version, match.Groups["version"].Value);
        Assert.StartsWith(match.Groups["short"].Value, match.Groups["full"].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void AnalyzerPackage_VersionProps_HoldsThePackageVersion()
    {
        using var package = ZipFile.OpenRead(feed.AnalyzerPackage);
        using var stream = package.GetEntry("build/ScopeGuard.Analyzers.Version.props")!.Open();

        var version = XDocument.Load(stream).Descendants().Single(e => e.Name.LocalName == "ScopeGuardAnalyzersVersion").Value;

        Assert.Equal(feed.Version, version);
        Assert.Matches(@"^0\.1\.0(-dev\.\d+\.g[0-9a-f]{10}(\.shallow)?|-dev\.0\.nogit)?$", version);
    }

    // A class library whose Directory.Build files take the version from ScopeGuard's own eng/Version.targets.
    private void WriteVersionedLibrary(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project>\n  <PropertyGroup>\n    <VersionPrefix>0.1.0</VersionPrefix>\n  </PropertyGroup>\n</Project>\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), $"<Project>\n  <Import Project=\"{Path.Combine(feed.RepositoryRoot, "eng", "Version.targets")}\" />\n</Project>\n");
        File.WriteAllText(Path.Combine(directory, "Versioned.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n");
        File.WriteAllText(Path.Combine(directory, "One.cs"), "namespace Versioned; public static class One { }\n");
        File.WriteAllText(Path.Combine(directory, ".gitignore"), "bin/\nobj/\nout*/\n");
    }

    private string Pack(string directory, string name)
    {
        var output = Path.Combine(directory, "out-" + name);
        var result = ProcessRunner.Run("dotnet", $"pack -c Release -o \"{output}\" -nodeReuse:false -p:UseSharedCompilation=false", directory, new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = feed.Packages,
            ["DOTNET_CLI_HOME"] = Path.Combine(feed.Root, "cli-home"),
        });
        Assert.True(result.ExitCode == 0, result.Tail());
        var package = Assert.Single(Directory.GetFiles(output, "Versioned.*.nupkg"));
        return Path.GetFileNameWithoutExtension(package)["Versioned.".Length..];
    }

    [GeneratedRegex(@"^(?<version>\d+\.\d+\.\d+(-dev\.\d+\.g(?<short>[0-9a-f]{10})(\.shallow)?)?)\+(?<full>[0-9a-f]{40})$")]
    private static partial Regex VersionLine();
}
