using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using ScopeGuard.Core.Baseline;
using Verify = ScopeGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ScopeGuard.Analyzers.ScopeGuardAnalyzer>;

namespace ScopeGuard.Analyzers.Tests;

/// <summary>
/// One compilation as the MSBuild targets would hand it to the analyzer: the sources (with markup for
/// the expected diagnostics), scopes.json and the baseline as AdditionalFiles, the agent in a global
/// analyzer config.
/// </summary>
internal sealed class Scenario
{
    public const string Root = "/repo";
    public const string ManifestPath = Root + "/scopes.json";
    public const string BaselinePath = Root + "/src/obj/scopeguard/" + DeclarationBaseline.FileName;

    private readonly List<(string Path, string? Base, string? Current)> files = [];
    private readonly List<string> globalLines = [];
    private readonly List<(string Path, string Text)> editorConfigs = [];

    public Scenario(string manifest, string? agent = "billing")
    {
        Manifest = manifest;
        if (agent is not null)
        {
            globalLines.Add($"build_property.ScopeGuardAgent = {agent}");
        }
    }

    public string Manifest { get; set; }

    public bool WithBaseline { get; set; } = true;

    public IReadOnlyList<string> BaselineScopes { get; set; } = [string.Empty];

    /// <summary>Adds a file: its text at the base (null: new file) and now (null: only at the base, not compiled).</summary>
    public Scenario File(string path, string? @base, string? current)
    {
        files.Add((path, @base, current));
        return this;
    }

    public Scenario Property(string name, string value)
    {
        globalLines.Add($"build_property.{name} = {value}");
        return this;
    }

    public Scenario EditorConfig(string text)
    {
        editorConfigs.Add((Root + "/.editorconfig", text));
        return this;
    }

    public string BaselineText()
    {
        var header = new BaselineHeader("billing", "test", "main", new string('a', 40), new string('b', 40), new string('c', 40), Root, BaselineScopes);
        var bases = files.Where(f => f.Base is not null).Select(f => (f.Path, f.Base!)).ToList();
        return DeclarationBaseline.Create(header, bases).Write();
    }

    public Task VerifyAsync(params DiagnosticResult[] expected)
    {
        var test = new Verify.Test();
        foreach (var (path, _, current) in files.Where(f => f.Current is not null))
        {
            test.TestState.Sources.Add(($"{Root}/{path}", current!));
        }

        test.TestState.AdditionalFiles.Add((ManifestPath, Manifest));
        if (WithBaseline)
        {
            test.TestState.AdditionalFiles.Add((BaselinePath, BaselineText()));
        }

        var global = new StringBuilder("is_global = true\n");
        foreach (var line in globalLines)
        {
            global.Append(line).Append('\n');
        }

        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", global.ToString()));
        foreach (var config in editorConfigs)
        {
            test.TestState.AnalyzerConfigFiles.Add(config);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }
}
