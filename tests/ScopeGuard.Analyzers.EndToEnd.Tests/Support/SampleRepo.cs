using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Analyzers.EndToEnd.Tests.Support;

/// <summary>A compiler diagnostic as dotnet build prints it.</summary>
internal sealed record BuildDiagnostic(string Path, int Line, int Column, string Severity, string Id, string Message);

internal sealed record BuildResult(int ExitCode, string Output, IReadOnlyList<BuildDiagnostic> Diagnostics)
{
    public IEnumerable<BuildDiagnostic> ScopeGuard => Diagnostics.Where(d => d.Id.StartsWith("SG", StringComparison.Ordinal));
}

/// <summary>
/// A sample solution in a temporary git repository that uses the packed analyzer from the folder feed:
/// scopes.json committed on main, one class library, and (optionally) the scopeguard tool in a local tool manifest.
/// </summary>
internal sealed partial class SampleRepo
{
    public const string MoneyPath = "src/Sample/Shared/Money.cs";
    public const string InvoicePath = "src/Sample/Billing/Invoice.cs";

    public const string Money = """
        namespace Sample.Shared;

        public sealed class Money
        {
            public decimal Amount { get; }

            public Money(decimal amount) => Amount = amount;

            public Money Add(Money other) => new(Amount + other.Amount);
        }
        """;

    public const string Invoice = """
        using Sample.Shared;

        namespace Sample.Billing;

        public sealed class Invoice
        {
            public Money Total() => new(0m);
        }
        """;

    private readonly PackedFeed feed;

    public SampleRepo(PackedFeed feed, string name, string mode = "block", bool localTool = true, bool git = true)
    {
        this.feed = feed;
        Directory = Path.Combine(feed.Root, name);
        System.IO.Directory.CreateDirectory(Directory);
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="scopeguard-feed" value="{feed.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="scopeguard-feed">
                  <package pattern="ScopeGuard.Analyzers" />
                  <package pattern="scopeguard" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        Write("scopes.json", Manifest(mode));
        Write(".gitignore", "bin/\nobj/\n");
        Write("src/Sample/Sample.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ScopeGuard.Analyzers" Version="{feed.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        Write(MoneyPath, Money);
        Write(InvoicePath, Invoice);

        if (localTool)
        {
            Dotnet("new tool-manifest");
            Dotnet($"tool install scopeguard --version {feed.Version}");
        }

        if (git)
        {
            ProcessRunner.Git(Directory, "init -q -b main");
            ProcessRunner.Git(Directory, "add -A");
            ProcessRunner.Git(Directory, "commit -q -m \"Sample on main with scopes.json\"");
        }
    }

    public string Directory { get; }

    public static string Manifest(string mode) => $$"""
        {
          "version": 1,
          "settings": { "mode": "{{mode}}", "baseBranch": "main" },
          "agents": {
            "billing": {
              "branches": ["agent/billing"],
              "paths": ["src/Sample/Billing/"],
              "symbols": { "readonly": ["T:Sample.Shared.Money"] }
            }
          }
        }
        """;

    public string FullPath(string relative) => FileTree.PathIn(Directory, relative);

    public void Write(string relative, string text) => FileTree.Write(Directory, relative, text.ReplaceLineEndings("\n"));

    public void Git(string arguments) => ProcessRunner.Git(Directory, arguments);

    public BuildResult Build(string project = "src/Sample/Sample.csproj", string extraArguments = "") =>
        // No compiler server: each build loads the analyzer afresh, and no process outlives the test.
        Parse(Dotnet($"build {project} -p:UseSharedCompilation=false -nodeReuse:false -clp:NoSummary {extraArguments}", check: false));

    /// <summary>
    /// What an IDE runs on loading a project and after many edits: the Compile target with the global
    /// properties Roslyn's and the project system's design-time builds set, and no compiler run.
    /// </summary>
    public BuildResult DesignTimeBuild(string project) =>
        Parse(Dotnet($"msbuild {project} -t:Compile -p:DesignTimeBuild=true -p:BuildingProject=false -p:BuildProjectReferences=false -p:SkipCompilerExecution=true -p:ProvideCommandLineArgs=true -p:UseSharedCompilation=false -nodeReuse:false -nologo", check: false));

    private static BuildResult Parse(ProcessResult result)
    {
        var diagnostics = result.Output.Split('\n')
            .Select(line => DiagnosticLine().Match(line.TrimEnd('\r')))
            .Where(m => m.Success)
            .Select(m => new BuildDiagnostic(m.Groups["path"].Value, m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0, m.Groups["column"].Success ? int.Parse(m.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0, m.Groups["severity"].Value, m.Groups["id"].Value, m.Groups["message"].Value))
            .Distinct()
            .ToList();
        return new BuildResult(result.ExitCode, result.Output, diagnostics);
    }

    public ProcessResult Dotnet(string arguments, bool check = true, string? workingDirectory = null)
    {
        var result = ProcessRunner.Run("dotnet", arguments, workingDirectory ?? Directory, new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = feed.Packages,

            // dotnet tool run remembers where it found each local tool in DOTNET_CLI_HOME/.dotnet/toolResolverCache;
            // an entry left by an earlier run (same version, packages folder since deleted) would make it fail.
            ["DOTNET_CLI_HOME"] = Path.Combine(feed.Root, "cli-home"),
        });
        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {arguments} failed ({result.ExitCode}):\n{result.Tail()}");
        }

        return result;
    }

    // path(line,col): error ID: message [project]   (MSBuild's own warnings have no line: path : warning ID: message)
    [GeneratedRegex(@"^\s*(?<path>[^\s(][^(]*?)(\((?<line>\d+),(?<column>\d+)\))?\s*:\s*(?<severity>error|warning) (?<id>[A-Z]+\d+)\s*:\s*(?<message>.*?)(\s+\[[^\]]+\])?$")]
    private static partial Regex DiagnosticLine();
}
