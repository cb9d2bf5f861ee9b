using System.Threading.Tasks;
using ScopeGuard.Core;
using Verify = ScopeGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ScopeGuard.Analyzers.ScopeGuardAnalyzer>;

namespace ScopeGuard.Analyzers.Tests;

/// <summary>A new partial part of a type, in a file the agent may write, changes that type: in the IDE too.</summary>
public sealed class PartialPartTests
{
    private const string Manifest = """
        {
          "version": 1,
          "agents": {
            "billing": { "paths": ["src/Billing/"] },
            "shipping": { "paths": ["src/Shipping/"] }
          }
        }
        """;

    private const string Box = "namespace Contoso.Shipping;\n\npublic partial class Box\n{\n    public int Size => 1;\n}\n";

    [Fact]
    public async Task NewPartPartOfATypeWhoseOtherPartIsOutsideThePaths_SG0002AtTheTypeAsync()
    {
        await new Scenario(Manifest)
            .File("src/Shipping/Box.cs", Box, Box)
            .File("src/Billing/BoxHijack.cs", null, "namespace Contoso.Shipping;\n\npublic partial class {|#0:Box|}\n{\n    public int Hijack() => 42;\n}\n")
            .VerifyAsync(Verify.Diagnostic(DiagnosticIds.SymbolOutOfScope).WithLocation(0)
                .WithMessage("agent 'billing' may not add a part to partial type 'T:Contoso.Shipping.Box': a new part changes the type, whose other parts live in 'src/Shipping/Box.cs', outside its paths, and no symbol rule of the agent names it; a maintainer could grant \"extend\": [\"T:Contoso.Shipping.Box\"]"));
    }

    [Fact]
    public async Task NewPartOfATypeDeclaredOnlyInTheAgentsPaths_NoDiagnosticAsync()
    {
        await new Scenario(Manifest)
            .File("src/Billing/Ledger.cs", Box.Replace("Shipping", "Billing").Replace("Box", "Ledger"), Box.Replace("Shipping", "Billing").Replace("Box", "Ledger"))
            .File("src/Billing/Ledger.More.cs", null, "namespace Contoso.Billing;\n\npublic partial class Ledger\n{\n    public int Lines() => 0;\n}\n")
            .VerifyAsync();
    }
}
