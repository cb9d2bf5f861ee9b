using System.Threading.Tasks;
using ScopeGuard.Core;
using Verify = ScopeGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ScopeGuard.Analyzers.ScopeGuardAnalyzer>;

namespace ScopeGuard.Analyzers.Tests;

/// <summary>Issue 17: a pattern in the compiler's form (parameter types in full) names the member in the IDE too.</summary>
public sealed class CompilerIdTests
{
    private const string Path = "src/Shared/Shared.cs";

    private const string Base = """
        using System;
        using Contoso.Billing;

        namespace Contoso.Shared;

        public class Editable
        {
            public int Parse(ReadOnlySpan<char> text, Money money) => 1;

            public int Parse(ReadOnlySpan<char> text) => 1;
        }
        """;

    private const string Money = "namespace Contoso.Billing;\n\npublic class Money { }\n";

    // The method's ID as the compiler writes it: Money is declared in another file of the compilation.
    private static readonly string Manifest = Manifests.Default.Replace(
        "\"readonly\": [\"T:Contoso.Billing.Contracts.IInvoice\"]",
        "\"readonly\": [\"T:Contoso.Billing.Contracts.IInvoice\", \"M:Contoso.Shared.Editable.Parse(System.ReadOnlySpan{System.Char},Contoso.Billing.Money)\"]",
        System.StringComparison.Ordinal);

    [Fact]
    public async Task ReadonlyInCompilerForm_BodyChange_SG0002Async()
    {
        await new Scenario(Manifest)
            .File(Path, Base, Base.Replace("public int Parse(ReadOnlySpan<char> text, Money money) => 1;", "public int {|#0:Parse|}(ReadOnlySpan<char> text, Money money) => 2;", System.StringComparison.Ordinal))
            .File("src/Billing/Money.cs", Money, Money)
            .VerifyAsync(Verify.Diagnostic(DiagnosticIds.SymbolOutOfScope).WithLocation(0));
    }

    [Fact]
    public async Task ReadonlyInCompilerForm_OtherOverloadChanged_NoDiagnosticAsync()
    {
        await new Scenario(Manifest)
            .File(Path, Base, Base.Replace("public int Parse(ReadOnlySpan<char> text) => 1;", "public int Parse(ReadOnlySpan<char> text) => 2;", System.StringComparison.Ordinal))
            .File("src/Billing/Money.cs", Money, Money)
            .VerifyAsync();
    }
}
