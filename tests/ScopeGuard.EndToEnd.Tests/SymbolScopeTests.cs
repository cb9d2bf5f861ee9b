using System;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>Symbol scopes over real commits of a generated C# repository, through the real CLI and hook.</summary>
public sealed class SymbolScopeTests
{
    private const string Manifest = """
        {
          "version": 1,
          "settings": { "protectedPaths": ["/scopes.json"], "protectedBranches": ["main"] },
          "agents": {
            "billing": {
              "branches": ["agent/billing"],
              "paths": ["/src/Billing/"],
              "symbols": {
                "edit": ["N:Contoso.Billing"],
                "body": ["T:Contoso.Shared.SystemClock"],
                "extend": ["T:Contoso.Shared.ServiceCollectionExtensions"],
                "readonly": ["N:Contoso.Billing.Contracts"]
              }
            }
          }
        }
        """;

    private const string Clock = """
        namespace Contoso.Shared;

        public sealed class SystemClock
        {
            public System.DateTimeOffset Now => System.DateTimeOffset.UtcNow;

            public int Ticks()
            {
                return 1;
            }
        }
        """;

    private const string Extensions = """
        namespace Contoso.Shared;

        public static class ServiceCollectionExtensions
        {
            public static int AddBilling(this object services) => 1;
        }
        """;

    private const string Contract = """
        namespace Contoso.Billing.Contracts;

        public interface IInvoice
        {
            decimal Total { get; }
        }
        """;

    private const string Shipment = """
        namespace Contoso.Shipping;

        public sealed class Shipment
        {
            public int Weight() => 1;
        }
        """;

    private static TempRepo CreateRepo()
    {
        var repo = TempRepo.Empty();
        repo.Write("scopes.json", Manifest);
        repo.Write("src/Shared/SystemClock.cs", Clock);
        repo.Write("src/Shared/ServiceCollectionExtensions.cs", Extensions);
        repo.Write("src/Billing/Contracts/IInvoice.cs", Contract);
        repo.Write("src/Billing/Invoice.cs", "namespace Contoso.Billing;\n\npublic sealed class Invoice\n{\n}\n");
        repo.Write("src/Shipping/Shipment.cs", Shipment);
        repo.Git("add", "--all");
        repo.Git("commit", "--quiet", "-m", "Project");
        var installed = repo.Tool(repo.Path, "install");
        Assert.True(installed.ExitCode == 0, installed.ToString());
        return repo;
    }

    private static void Edit(TempRepo repo, string worktree, string path, string from, string to)
    {
        var full = System.IO.Path.Combine(worktree, path);
        var text = System.IO.File.ReadAllText(full);
        Assert.Contains(from, text, StringComparison.Ordinal);
        repo.Write(path, text.Replace(from, to, StringComparison.Ordinal), worktree);
    }

    [Fact]
    public void Range_RealCommitsEditingBodiesSignaturesAndMembers_ExactFindings()
    {
        using var repo = CreateRepo();
        var billing = repo.AddWorktree("agent/billing");

        // 1. A body edit under a body grant, in a file outside billing's paths: allowed.
        Edit(repo, billing, "src/Shared/SystemClock.cs", "return 1;", "return 2;");
        Assert.True(repo.Commit(billing, "-a").ExitCode == 0);

        // 2. A new member under an extend grant: allowed.
        Edit(repo, billing, "src/Shared/ServiceCollectionExtensions.cs", "    public static int AddBilling(this object services) => 1;\n", "    public static int AddBilling(this object services) => 1;\n\n    public static int AddInvoices(this object services) => 2;\n");
        Assert.True(repo.Commit(billing, "-a").ExitCode == 0);

        // 3. Commits the hook would refuse, made with --no-verify: the gate must find each.
        Edit(repo, billing, "src/Shared/SystemClock.cs", "public int Ticks()", "public long Ticks()");
        Edit(repo, billing, "src/Shared/ServiceCollectionExtensions.cs", "public static int AddBilling(this object services) => 1;", "public static int AddBilling(this object services) => 3;");
        Edit(repo, billing, "src/Billing/Contracts/IInvoice.cs", "decimal Total { get; }", "decimal Total { get; set; }");
        Edit(repo, billing, "src/Shipping/Shipment.cs", "public int Weight() => 1;", "public int Weight() => 2;");
        Assert.True(repo.Commit(billing, "-a", "--no-verify").ExitCode == 0);

        var result = repo.ReadOnlyTool(billing, "check", "--base", "main", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var report = JsonDocument.Parse(result.Stdout);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("id").GetString()} {f.GetProperty("path").GetString()}({f.GetProperty("line").GetInt32()},{f.GetProperty("column").GetInt32()}) {f.GetProperty("symbol").GetString()}")
            .ToArray();
        Assert.Equal(
            [
                "SG0002 src/Billing/Contracts/IInvoice.cs(5,13) P:Contoso.Billing.Contracts.IInvoice.Total",
                "SG0002 src/Shared/ServiceCollectionExtensions.cs(5,23) M:Contoso.Shared.ServiceCollectionExtensions.AddBilling(System.Object)",
                "SG0003 src/Shared/SystemClock.cs(7,17) M:Contoso.Shared.SystemClock.Ticks",
                "SG0001 src/Shipping/Shipment.cs(5,16) M:Contoso.Shipping.Shipment.Weight",
            ],
            findings);
        var sg0003 = report.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "SG0003");
        Assert.Equal("agents.billing.symbols.body: T:Contoso.Shared.SystemClock", sg0003.GetProperty("rule").GetString());
        Assert.Contains("agent 'billing'", sg0003.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("a maintainer could grant \"edit\": [\"M:Contoso.Shared.SystemClock.Ticks\"]", sg0003.GetProperty("message").GetString(), StringComparison.Ordinal);
        var readOnly = report.RootElement.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("path").GetString() == "src/Billing/Contracts/IInvoice.cs");
        Assert.Contains("'edit N:Contoso.Billing' (agents.billing.symbols.edit) would allow it", readOnly.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_SignatureChangeUnderABodyGrant_IsRefusedByTheHookWithSG0003AtTheIdentifier()
    {
        using var repo = CreateRepo();
        var billing = repo.AddWorktree("agent/billing");
        Edit(repo, billing, "src/Shared/SystemClock.cs", "public int Ticks()", "public int Ticks(int scale)");

        var commit = repo.Commit(billing, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        // One change, one finding (issue 18): the member's signature changed, reported once at the member.
        Assert.Contains("src/Shared/SystemClock.cs(7,16): error SG0003: agent 'billing' may not change 'M:Contoso.Shared.SystemClock.Ticks' (signature changed)", commit.Output, StringComparison.Ordinal);
        Assert.Single(commit.Output.Split('\n'), l => l.Contains(": error SG", StringComparison.Ordinal));
    }

    // Issue 11: a type in a readonly namespace, hidden from a parse without symbols by #if NET.
    [Fact]
    public void Commit_TypeAddedUnderIfNetIntoReadonlyNamespace_IsRefusedByTheHookWithSG0002()
    {
        using var repo = CreateRepo();
        var billing = repo.AddWorktree("agent/billing");
        repo.Write("src/Billing/Injected.cs", "#if NET\nnamespace Contoso.Billing.Contracts\n{\n    public class Injected { }\n}\n#endif\n", billing);
        repo.GitIn(billing, "add", "src/Billing/Injected.cs");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Billing/Injected.cs(4,18): error SG0002: agent 'billing' may not change 'T:Contoso.Billing.Contracts.Injected' (added)", commit.Output, StringComparison.Ordinal);
    }

    // Issue 11: a file with a NUL byte cannot be parsed, so the readonly rule cannot be checked in it.
    [Fact]
    public void Commit_NulByteFileAddingMemberToReadonlyInterface_IsRefusedByTheHookWithSG0002()
    {
        using var repo = CreateRepo();
        var billing = repo.AddWorktree("agent/billing");
        var text = Contract.Replace("    decimal Total { get; }\n", "    decimal Total { get; }\n\n    void Hack(); // \0\n", StringComparison.Ordinal);
        repo.WriteBytes("src/Billing/Contracts/IInvoice.cs", System.Text.Encoding.UTF8.GetBytes(text), billing);

        var commit = repo.Commit(billing, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Billing/Contracts/IInvoice.cs(1,1): error SG0002: agent 'billing' may not change 'src/Billing/Contracts/IInvoice.cs': the file cannot be parsed as C# (it is binary: a NUL byte in its first 8,000 bytes)", commit.Output, StringComparison.Ordinal);
    }

    // Issue 11, item 11: the removed member's old line (5) holds the member added in its place, so a
    // region there would point at code the agent may write. The removal is reported at its class.
    [Fact]
    public void Range_MemberRemovedWhereAnAddedMemberNowStands_SarifRegionOverlapsNoOtherDeclaration()
    {
        using var repo = CreateRepo();
        var billing = repo.AddWorktree("agent/billing");
        Edit(repo, billing, "src/Shared/ServiceCollectionExtensions.cs", "public static int AddBilling(this object services) => 1;", "public static int AddInvoices(this object services) => 1;");
        Assert.True(repo.Commit(billing, "-a", "--no-verify").ExitCode == 0);
        var sarif = System.IO.Path.Combine(repo.Root, "removal.sarif");

        var result = repo.ReadOnlyTool(billing, "check", "--base", "main", "--format", "sarif", "--output", sarif, "--format", "github");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(SarifValidator.Problems(sarif, repo.Root));
        using var log = JsonDocument.Parse(System.IO.File.ReadAllText(sarif));
        var removal = Assert.Single(log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Equal("M:Contoso.Shared.ServiceCollectionExtensions.AddBilling(System.Object)", removal.GetProperty("properties").GetProperty("symbol").GetString());
        Assert.Contains("(removed)", removal.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("removed: it stood at line 5 of the old file", removal.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var region = removal.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        var (startLine, startColumn, endLine, endColumn) = (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(), region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32());
        Assert.Equal((3, 21, 3, 48), (startLine, startColumn, endLine, endColumn));

        // Every declaration in the head file either contains the region (the class and the namespace
        // it was removed from) or does not overlap it.
        var head = System.IO.File.ReadAllText(System.IO.Path.Combine(billing, "src/Shared/ServiceCollectionExtensions.cs"));
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(head);
        var text = tree.GetText();
        var start = text.Lines[startLine - 1].Start + startColumn - 1;
        var span = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, text.Lines[endLine - 1].Start + endColumn - 1);
        Assert.Equal("ServiceCollectionExtensions", text.ToString(span));
        var declarations = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax>().ToList();
        Assert.Equal(3, declarations.Count);
        Assert.All(declarations, d => Assert.True(d.Span.Contains(span) || !d.Span.OverlapsWith(span), $"{d.Kind()} at {d.GetLocation().GetLineSpan()} overlaps the removal's region"));
        Assert.Contains(declarations, d => d is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax && !d.Span.OverlapsWith(span) && tree.GetLineSpan(d.Span).StartLinePosition.Line == 4);

        Assert.Contains("::error file=src/Shared/ServiceCollectionExtensions.cs,line=3,col=21,endColumn=48,title=SG0002::agent 'billing' may not change 'M:Contoso.Shared.ServiceCollectionExtensions.AddBilling(System.Object)' (removed)", result.Stdout, StringComparison.Ordinal);
    }

    // A deleted file has no head text: each removal is at 1:1 of the old path, an empty region that
    // belongs to no declaration, and its message gives the line it stood on.
    [Fact]
    public void Range_BodyGrantedFileDeleted_SarifRemovalsAreEmptyRegionsAtTheStartAndValid()
    {
        using var repo = CreateRepo();
        var billing = repo.AddWorktree("agent/billing");
        repo.GitIn(billing, "rm", "--quiet", "src/Shared/SystemClock.cs");
        Assert.True(repo.Commit(billing, "--no-verify").ExitCode == 0);
        var sarif = System.IO.Path.Combine(repo.Root, "deleted.sarif");

        var result = repo.ReadOnlyTool(billing, "check", "--base", "main", "--format", "sarif", "--output", sarif);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(SarifValidator.Problems(sarif, repo.Root));
        using var log = JsonDocument.Parse(System.IO.File.ReadAllText(sarif));
        var removals = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("properties").TryGetProperty("removed", out _))
            .ToList();
        Assert.Equal(
            [("T:Contoso.Shared.SystemClock", 3), ("P:Contoso.Shared.SystemClock.Now", 5), ("M:Contoso.Shared.SystemClock.Ticks", 7)],
            removals.Select(r => (r.GetProperty("properties").GetProperty("symbol").GetString(), r.GetProperty("properties").GetProperty("removed").GetProperty("oldLine").GetInt32())));
        Assert.All(removals, r =>
        {
            var region = r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
            Assert.Equal((1, 1, 1, 1), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(), region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32()));
            Assert.Contains("(the file was deleted; reported at its line 1)", r.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Symbols_ListsTheIdsToCopyIntoTheManifest()
    {
        using var repo = CreateRepo();

        var result = repo.ReadOnlyTool(repo.Path, "symbols", "src/Shared/SystemClock.cs");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                "src/Shared/SystemClock.cs(1,11): N:Contoso.Shared",
                "src/Shared/SystemClock.cs(3,21): T:Contoso.Shared.SystemClock",
                "src/Shared/SystemClock.cs(5,34): P:Contoso.Shared.SystemClock.Now",
                "src/Shared/SystemClock.cs(7,16): M:Contoso.Shared.SystemClock.Ticks",
            ],
            result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
