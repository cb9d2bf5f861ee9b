using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ScopeGuard.Core;
using Verify = ScopeGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ScopeGuard.Analyzers.ScopeGuardAnalyzer>;

namespace ScopeGuard.Analyzers.Tests;

/// <summary>The manifest's mode sets the severity (block: error, warn: warning); .editorconfig overrides it.</summary>
public sealed class SeverityTests
{
    private const string Path = "src/Shared/Registry.cs";

    private const string Base = """
        namespace Contoso.Shared;

        public class Registry
        {
            public int Count() => 1;
        }
        """;

    private static readonly string Edited = Base.Replace("public int Count() => 1;", "public int {|#0:Count|}() => 10;");

    [Fact]
    public async Task BlockMode_ErrorAsync()
    {
        await VerifyAsync(Edited, Manifests.Default, null, Expected(DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task WarnMode_WarningAsync()
    {
        await VerifyAsync(Edited, Manifests.BillingWarns, null, Expected(DiagnosticSeverity.Warning));
    }

    [Fact]
    public async Task EditorConfigWarning_OverridesBlockModeAsync()
    {
        await VerifyAsync(Edited, Manifests.Default, "dotnet_diagnostic.SG0002.severity = warning", Expected(DiagnosticSeverity.Warning));
    }

    [Fact]
    public async Task EditorConfigNone_SilencesTheIdAsync()
    {
        await VerifyAsync(Base.Replace("public int Count() => 1;", "public int Count() => 10;"), Manifests.Default, "dotnet_diagnostic.SG0002.severity = none");
    }

    // Two overrides behave in the compiler but not in this test host (Roslyn's CompilationWithAnalyzers),
    // so the end-to-end test checks them in a real build: raising a warn-mode warning to an error
    // (reported as a warning-as-error, the build fails) and the category-wide
    // dotnet_analyzer_diagnostic.category-ScopeGuard.severity.

    private static DiagnosticResult Expected(DiagnosticSeverity severity) =>
        Verify.Diagnostic(DiagnosticIds.SymbolOutOfScope).WithLocation(0).WithSeverity(severity);

    private static Task VerifyAsync(string source, string manifest, string? editorConfig, params DiagnosticResult[] expected)
    {
        var scenario = new Scenario(manifest).File(Path, Base, source);
        if (editorConfig is not null)
        {
            scenario.EditorConfig($"root = true\n\n[*.cs]\n{editorConfig}\n");
        }

        return scenario.VerifyAsync(expected);
    }
}
