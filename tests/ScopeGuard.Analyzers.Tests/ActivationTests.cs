using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using ScopeGuard.Core;
using Verify = ScopeGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ScopeGuard.Analyzers.ScopeGuardAnalyzer>;

namespace ScopeGuard.Analyzers.Tests;

/// <summary>When the analyzer speaks at all: an identified agent, not disabled, a baseline; manifest errors once, in scopes.json.</summary>
public sealed class ActivationTests
{
    private const string Path = "src/Shared/Other.cs";

    private const string Base = """
        namespace Contoso.Shared;

        public class Other
        {
            public int Value() => 2;
        }
        """;

    private const string Edited = """
        namespace Contoso.Shared;

        public class Other
        {
            public int {|SG0001:Value|}() => 42;
        }
        """;

    private static readonly ManifestMarkup Invalid = new("""
        {
          "version": 1,
          "agents": {
            "billing": { "paths": ["src/Billing/"], {|#0:"colour"|}: "blue" }
          }
        }
        """);

    // Two declarations of one thing: the error is at the second, with the first as an additional location.
    private static readonly ManifestMarkup Duplicates = new("""
        {
          "version": 1,
          "agents": {
            "billing": { "branches": [{|#0:"agent/billing"|}], "paths": [{|#2:"src/Billing/"|}, {|#3:"src/Billing/"|}] },
            "docs": { "branches": [{|#1:"agent/billing"|}], "paths": ["docs/"] }
          }
        }
        """);

    [Fact]
    public async Task AgentIdentified_EditOutOfScope_ReportedAsync()
    {
        // The positive case the silent ones below are measured against.
        await VerifyAsync(Edited, Manifests.Default);
    }

    [Fact]
    public async Task NoAgent_NothingReportedEvenForAnInvalidManifestAsync()
    {
        await new Scenario(Invalid.Text, agent: null).File(Path, Base, Edited.Replace("{|SG0001:Value|}", "Value")).VerifyAsync();
    }

    [Fact]
    public async Task EmptyAgent_NothingReportedAsync()
    {
        await new Scenario(Manifests.Default, agent: string.Empty).File(Path, Base, Edited.Replace("{|SG0001:Value|}", "Value")).VerifyAsync();
    }

    [Fact]
    public async Task Disabled_NothingReportedAsync()
    {
        await new Scenario(Manifests.Default).Property("ScopeGuardDisabled", "true").File(Path, Base, Edited.Replace("{|SG0001:Value|}", "Value")).VerifyAsync();
    }

    [Fact]
    public async Task NoBaseline_NothingReportedAsync()
    {
        // Without the baseline nothing says what changed; the MSBuild targets warned why it is missing.
        await new Scenario(Manifests.Default) { WithBaseline = false }.File(Path, Base, Edited.Replace("{|SG0001:Value|}", "Value")).VerifyAsync();
    }

    [Fact]
    public async Task ManifestInvalid_SG0007InScopesJsonOncePerCompilationAsync()
    {
        // Two syntax trees, one report: the span of the unknown key in scopes.json.
        await new Scenario(Invalid.Text)
            .File(Path, Base, Edited.Replace("{|SG0001:Value|}", "Value"))
            .File("src/Shared/Second.cs", null, "namespace Contoso.Shared;\n\npublic class Second\n{\n}\n")
            .VerifyAsync(Invalid.At(Verify.Diagnostic(DiagnosticIds.ManifestInvalid), 0)
                .WithMessage("unknown key \"colour\" in agent \"billing\"; expected one of: description, branches, paths, deny, symbols, mode, sharedWith"));
    }

    [Fact]
    public async Task ManifestDuplicates_SG0007SpansTheSecondWithTheFirstAsAdditionalLocationAsync()
    {
        await new Scenario(Duplicates.Text)
            .File(Path, Base, Base)
            .VerifyAsync(
                Duplicates.At(Duplicates.At(Verify.Diagnostic(DiagnosticIds.ManifestInvalid), 1), 0)
                    .WithMessage("branch pattern \"agent/billing\" is claimed by agent \"billing\" (4:31) and agent \"docs\": one branch must identify one agent"),
                Duplicates.At(Duplicates.At(Verify.Diagnostic(DiagnosticIds.ManifestInvalid), 3), 2)
                    .WithMessage("\"src/Billing/\" is listed twice in agents.billing.paths (first at 4:59)"));
    }

    [Fact]
    public async Task AgentNotInManifest_SG0007Async()
    {
        await new Scenario(Manifests.Default, agent: "shipping")
            .File(Path, Base, Base)
            .VerifyAsync(Verify.Diagnostic(DiagnosticIds.ManifestInvalid).WithSpan(Scenario.ManifestPath, 1, 1, 1, 1)
                .WithMessage("ScopeGuardAgent names agent \"shipping\", which scopes.json does not declare; declared agents: billing, docs"));
    }

    private static Task VerifyAsync(string source, string scopesJson, params DiagnosticResult[] expected) =>
        new Scenario(scopesJson).File(Path, Base, source).VerifyAsync(expected);
}
