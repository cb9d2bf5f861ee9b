using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using ScopeGuard.Core;
using Verify = ScopeGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ScopeGuard.Analyzers.ScopeGuardAnalyzer>;

namespace ScopeGuard.Analyzers.Tests;

/// <summary>The four permission levels on symbols (edit, body, extend, readonly), for agent billing, in src/Shared (outside its paths).</summary>
public sealed class SymbolRuleTests
{
    private const string Path = "src/Shared/Shared.cs";

    private const string Base = """
        namespace Contoso.Shared;

        public class Editable
        {
            public int Value() => 1;
        }

        public class Clock
        {
            public int Now() => 1;
        }

        public class Registry
        {
            public int Count() => 1;

            public int Size() => 2;
        }

        public class Other
        {
            public int Value() => 2;
        }
        """;

    [Fact]
    public async Task Edit_SignatureChangeAndNewMember_NoDiagnosticAsync()
    {
        await VerifyAsync(Base
            .Replace("public int Value() => 1;", "public long Value(int x) => x;\n\n    public int Added() => 3;"));
    }

    [Fact]
    public async Task Body_BodyChange_NoDiagnosticAsync()
    {
        await VerifyAsync(Base.Replace("public int Now() => 1;", "public int Now() => 2 + 3;"));
    }

    [Fact]
    public async Task Body_SignatureChange_SG0003AtTheIdentifierAsync()
    {
        await VerifyAsync(
            Base.Replace("public int Now() => 1;", "public static int {|#0:Now|}() => 1;"),
            Verify.Diagnostic(DiagnosticIds.SignatureChanged).WithLocation(0)
                .WithMessage("agent 'billing' may not change 'M:Contoso.Shared.Clock.Now' (signature changed): 'body T:Contoso.Shared.Clock' in agents.billing.symbols.body decides and it may change only implementations there; no rule of the agent allows it; a maintainer could grant \"edit\": [\"M:Contoso.Shared.Clock.Now\"]"));
    }

    [Fact]
    public async Task Body_ParameterListChanged_OneSG0003AtTheMemberNotASecondAtTheClassAsync()
    {
        await VerifyAsync(
            Base.Replace("public int Now() => 1;", "public int {|#0:Now|}(int offset) => 1;"),
            Verify.Diagnostic(DiagnosticIds.SignatureChanged).WithLocation(0)
                .WithMessage("agent 'billing' may not change 'M:Contoso.Shared.Clock.Now' (signature changed): 'body T:Contoso.Shared.Clock' in agents.billing.symbols.body decides and it may change only implementations there; no rule of the agent allows it; a maintainer could grant \"edit\": [\"M:Contoso.Shared.Clock.Now\"]"));
    }

    [Fact]
    public async Task Body_NewMember_SG0003Async()
    {
        await VerifyAsync(Base.Replace("public int Now() => 1;", "public int Now() => 1;\n\n    public int {|SG0003:Later|}() => 2;"));
    }

    [Fact]
    public async Task Extend_NewMember_NoDiagnosticAsync()
    {
        await VerifyAsync(Base.Replace("public int Size() => 2;", "public int Size() => 2;\n\n    public int Added() => 3;"));
    }

    [Fact]
    public async Task Extend_ChangedMember_SG0002Async()
    {
        await VerifyAsync(Base.Replace("public int Count() => 1;", "public int {|SG0002:Count|}() => 10;"));
    }

    [Fact]
    public async Task Extend_RemovedMember_SG0002AtTheContainingTypeAsync()
    {
        // A removed declaration has no identifier left: the nearest container that is still there takes it.
        await VerifyAsync(Base
            .Replace("public class Registry", "public class {|#0:Registry|}")
            .Replace("    public int Size() => 2;\n", string.Empty)
            .Replace("public int Count() => 1;\n\n", "public int Count() => 1;\n"),
            Verify.Diagnostic(DiagnosticIds.SymbolOutOfScope).WithLocation(0));
    }

    // Issue 11, item 11: Size now stands on line 15, where the removed Count stood; the diagnostic
    // stays on the class, as the CLI's SARIF and annotations do, and says where Count stood.
    [Fact]
    public async Task Extend_RemovedMemberWhereAnotherNowStands_SG0002AtTheContainingTypeSayingTheOldLineAsync()
    {
        await VerifyAsync(
            Base
                .Replace("public class Registry", "public class {|#0:Registry|}")
                .Replace("    public int Count() => 1;\n\n", string.Empty),
            Verify.Diagnostic(DiagnosticIds.SymbolOutOfScope).WithLocation(0)
                .WithMessage("agent 'billing' may not change 'M:Contoso.Shared.Registry.Count' (removed): 'extend T:Contoso.Shared.Registry' in agents.billing.symbols.extend decides and it may only add members, not change or remove existing ones; no rule of the agent allows it; a maintainer could grant \"edit\": [\"M:Contoso.Shared.Registry.Count\"]; removed: it stood at line 15 of the old file (reported at 'T:Contoso.Shared.Registry', which contained it)"));
    }

    [Fact]
    public async Task TopLevelTypeRemovedNothingContainsIt_SG0001AtTheStartOfTheFileNotTheOldLineAsync()
    {
        await new Scenario(Manifests.Default)
            .File("src/Shared/Global.cs", "class Kept { }\n\nclass Gone { }\n", "{|#0:|}class Kept { }\n")
            .VerifyAsync(Verify.Diagnostic(DiagnosticIds.PathOutOfScope).WithLocation(0)
                .WithMessage("agent 'billing' may not change 'T:Gone' (removed) in 'src/Shared/Global.cs': no symbol rule of the agent names it and the file is not in its paths (src/Billing/); removed: it stood at line 3 of the old file (nothing that contained it is left; reported at line 1 of the file)"));
    }

    [Fact]
    public async Task Readonly_ChangeInsideOwnPaths_SG0002Async()
    {
        const string contract = """
            namespace Contoso.Billing.Contracts;

            public interface IInvoice
            {
                int Total();
            }
            """;

        // A new parameter list gives the method a new ID (the diff lists the old one removed, the new one
        // added), but it is one change: one SG0002 at the method, none at the interface (issue 18).
        await new Scenario(Manifests.Default)
            .File(
                "src/Billing/Contracts/IInvoice.cs",
                contract,
                contract.Replace("int Total();", "int {|SG0002:Total|}(int discount);"))
            .VerifyAsync();
    }

    [Fact]
    public async Task NoSymbolRule_OutsidePaths_SG0001AtTheIdentifierAsync()
    {
        await VerifyAsync(Base.Replace("public int Value() => 2;", "public int {|SG0001:Value|}() => 42;"));
    }

    [Fact]
    public async Task UsingAddedOutsidePaths_SG0001AtTheUsingAsync()
    {
        await VerifyAsync("{|SG0001:using System;|}\n\n" + Base);
    }

    [Fact]
    public async Task CommentOnlyChangeOutsidePaths_SG0001AtTheFirstLineAsync()
    {
        // Whitespace and comments outside the agent's paths are still a change to a file it may not write.
        await VerifyAsync(Base
            .Replace("namespace Contoso.Shared;", "{|SG0001:namespace Contoso.Shared;|}")
            .Replace("public int Value() => 2;", "public int Value() => 2; // why"));
    }

    [Fact]
    public async Task UnchangedFile_NoDiagnosticAsync()
    {
        await VerifyAsync(Base);
    }

    [Fact]
    public async Task ManyChanges_EachReportedOnceAsync()
    {
        await VerifyAsync(Base
            .Replace("public int Now() => 1;", "public static int {|SG0003:Now|}() => 1;")
            .Replace("public int Count() => 1;", "public int {|SG0002:Count|}() => 10;")
            .Replace("public int Value() => 2;", "public int {|SG0001:Value|}() => 42;"));
    }

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        new Scenario(Manifests.Default).File(Path, Base, source).VerifyAsync(expected);
}
