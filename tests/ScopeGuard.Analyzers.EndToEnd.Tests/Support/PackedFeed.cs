using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ScopeGuard.Analyzers.EndToEnd.Tests.Support;

/// <summary>
/// Packs ScopeGuard.Analyzers and the scopeguard tool once per test run (dotnet pack of what the build
/// made) into a temporary folder feed, with a packages folder of its own so no user cache is touched.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public PackedFeed()
    {
        var metadata = typeof(PackedFeed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value!);
        RepositoryRoot = metadata["RepositoryRoot"];
        Configuration = metadata["Configuration"];
        Root = Path.Combine(Path.GetTempPath(), "sg-analyzer-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "packages");
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Packages);

        foreach (var project in new[] { "src/ScopeGuard.Analyzers/ScopeGuard.Analyzers.csproj", "src/ScopeGuard.Cli/ScopeGuard.Cli.csproj" })
        {
            var result = ProcessRunner.Run("dotnet", $"pack \"{Path.Combine(RepositoryRoot, project)}\" -c {Configuration} --no-build -o \"{Feed}\" -nodeReuse:false", RepositoryRoot);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed:\n{result.Output}");
            }
        }

        // The version comes from git when packing (eng/Version.targets): read it from what was packed.
        AnalyzerPackage = Directory.GetFiles(Feed, "ScopeGuard.Analyzers.*.nupkg").Single();
        Version = Path.GetFileNameWithoutExtension(AnalyzerPackage)["ScopeGuard.Analyzers.".Length..];
        ToolPackage = Path.Combine(Feed, $"scopeguard.{Version}.nupkg");
        if (!File.Exists(ToolPackage))
        {
            throw new InvalidOperationException($"the tool and the analyzer were packed with different versions: {string.Join(", ", Directory.GetFiles(Feed).Select(Path.GetFileName))}");
        }
    }

    public string RepositoryRoot { get; }

    public string Configuration { get; }

    public string Version { get; }

    public string Root { get; }

    public string Feed { get; }

    public string Packages { get; }

    public string AnalyzerPackage { get; }

    public string ToolPackage { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackedFeedGroup : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}
