using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Core.Text;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Core.Tests.Symbols;

public sealed class ScopeEvaluatorSymbolTests
{
    private const string Json = """
        {
          "version": 1,
          "settings": { "protectedPaths": ["/scopes.json", "/hooks/"] },
          "agents": {
            "billing": {
              "branches": ["agent/billing"],
              "paths": ["/src/Billing/"],
              "symbols": {
                "edit": ["N:Contoso.Billing"],
                "body": ["T:Contoso.Shared.SystemClock", "T:Contoso.Shared.Registry"],
                "extend": ["T:Contoso.Shared.ServiceCollectionExtensions", "N:Contoso.Plugins"],
                "readonly": ["N:Contoso.Billing.Contracts"]
              }
            },
            "plain": { "branches": ["agent/plain"], "paths": ["/src/Billing/"] }
          }
        }
        """;

    private const string Clock = """
        namespace Contoso.Shared;

        public sealed class SystemClock
        {
            public long Ticks() => 1;

            public DateTime Now => DateTime.UtcNow;
        }
        """;

    private const string Other = """
        namespace Contoso.Shared;

        public sealed class Other
        {
            public void Run()
            {
                Work(1);
            }

            public int Count { get; set; }
        }
        """;

    private const string Contract = """
        namespace Contoso.Billing.Contracts;

        public interface IInvoice
        {
            decimal Total { get; }
        }
        """;

    private const string Extensions = """
        namespace Contoso.Shared;

        public static class ServiceCollectionExtensions
        {
            public static void AddClock(this object services)
            {
                Register(services);
            }
        }
        """;

    private static readonly ScopeManifest Manifest = LoadManifest();

    private readonly Blobs blobs = new();

    private static ScopeManifest LoadManifest()
    {
        var result = ManifestLoader.Load(Json, "scopes.json");
        Assert.True(result.Manifest is not null, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Manifest!;
    }

    private static AgentIdentity As(string agent) => new(Manifest.FindAgent(agent), IdentitySource.Option, "test");

    private IReadOnlyList<Finding> Check(params FileChange[] changes) => Check("billing", changes);

    private IReadOnlyList<Finding> Check(string agent, params FileChange[] changes) =>
        new ScopeEvaluator(Manifest).Evaluate(As(agent), "agent/" + agent, changes, contents: blobs);

    private IReadOnlyList<Finding> Evaluate(IBroughtVersions brought, params FileChange[] changes) =>
        new ScopeEvaluator(Manifest).Evaluate(As("billing"), "agent/billing", changes, contents: blobs, brought: brought);

    private static (string Id, string? Path, int Line, int Column, string? Symbol)[] Brief(IEnumerable<Finding> findings) =>
        findings.Select(f => (f.Id, f.Path, f.Line, f.Column, f.Symbol)).ToArray();

    private FileChange Modified(string path, string before, string after) =>
        new(path, path, ChangeStatus.Modified, EntryKind.File, EntryKind.File, blobs.Put(before), blobs.Put(after));

    private FileChange Added(string path, string text) =>
        new(path, path, ChangeStatus.Added, EntryKind.None, EntryKind.File, null, blobs.Put(text));

    private FileChange Deleted(string path, string text) =>
        new(path, path, ChangeStatus.Deleted, EntryKind.File, EntryKind.None, blobs.Put(text), null);

    private FileChange Renamed(string from, string to, string before, string after) =>
        new(to, from, ChangeStatus.Renamed, EntryKind.File, EntryKind.File, blobs.Put(before), blobs.Put(after));

    [Fact]
    public void Evaluate_BodyGrantOnSharedClassOutsidePaths_BodyChangeAllowed()
    {
        var findings = Check(Modified("src/Shared/SystemClock.cs", Clock, Clock.Replace("=> 1;", "=> 2;").Replace("DateTime.UtcNow", "DateTime.Now")));

        Assert.Empty(findings);
    }

    [Fact]
    public void Evaluate_BodyGrantOnSharedClassOutsidePaths_TriviaAllowed()
    {
        var findings = Check(Modified("src/Shared/SystemClock.cs", Clock, Clock.Replace("    public long Ticks()", "    /// <summary>Ticks.</summary>\n    public long Ticks()")));

        Assert.Empty(findings);
    }

    [Fact]
    public void Evaluate_BodyGrantSignatureChange_SG0003AtTheIdentifierWithRuleAndNearestGrant()
    {
        var findings = Check(Modified("src/Shared/SystemClock.cs", Clock, Clock.Replace("public long Ticks()", "internal long Ticks()")));

        Assert.Equal([("SG0003", "src/Shared/SystemClock.cs", 5, 19, "M:Contoso.Shared.SystemClock.Ticks")], Brief(findings));
        var finding = findings[0];
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal("billing", finding.Agent);
        Assert.Equal("agents.billing.symbols.body: T:Contoso.Shared.SystemClock", finding.Rule);
        Assert.Equal(
            "agent 'billing' may not change 'M:Contoso.Shared.SystemClock.Ticks' (signature changed): 'body T:Contoso.Shared.SystemClock' in agents.billing.symbols.body decides and it may change only implementations there; no rule of the agent allows it; a maintainer could grant \"edit\": [\"M:Contoso.Shared.SystemClock.Ticks\"]",
            finding.Message);
        Assert.Equal("docs/diagnostics/SG0003.md", DiagnosticIds.HelpPage(finding.Id));
    }

    // Issue 18: while a merge is in progress, a declaration identical to the other parent's is not the
    // committer's change; what the resolution itself changes still is.
    [Fact]
    public void Evaluate_MergeInProgressBringsAChangeOutsidePaths_OnlyTheResolutionsOwnChangeReported()
    {
        const string Path = "src/Shared/Other.cs";
        var theirs = Other.Replace("Work(1);", "Work(2);");
        var brought = new Brought(new() { [Path] = theirs });
        var own = theirs.Replace("public int Count { get; set; }", "public long Count { get; set; }");

        var asBrought = Evaluate(brought, Modified(Path, Other, theirs));
        var withOwn = Evaluate(brought, Modified(Path, Other, own));
        var withoutMerge = Check(Modified(Path, Other, own));

        Assert.Empty(asBrought);
        Assert.Equal([("SG0001", Path, 10, 17, "P:Contoso.Shared.Other.Count")], Brief(withOwn));
        Assert.Single(withoutMerge);
        Assert.Null(withoutMerge[0].Symbol);
    }

    [Fact]
    public void Evaluate_MergeInProgressForAPathOnlyAgent_AFileOnlyBroughtIsNotJudged()
    {
        const string Path = "src/Shared/Other.cs";
        var theirs = Other.Replace("Work(1);", "Work(2);");
        var brought = new Brought(new() { [Path] = theirs });

        Assert.Empty(new ScopeEvaluator(Manifest).Evaluate(As("plain"), "agent/plain", [Modified(Path, Other, theirs)], contents: blobs, brought: brought));
        Assert.Single(new ScopeEvaluator(Manifest).Evaluate(As("plain"), "agent/plain", [Modified(Path, Other, theirs.Replace("Work(2);", "Work(3);"))], contents: blobs, brought: brought));
    }

    // Issue 18: one change, one finding. A new parameter list gives the member a new ID (the diff lists
    // the old one removed, the new one added); under a body grant that is one signature change, reported
    // once at the member, not a second time at the class where the removal would be located.
    [Fact]
    public void Evaluate_BodyGrantParameterListChanged_OneSG0003AtTheMember()
    {
        var after = Clock.Replace("public long Ticks() => 1;", "public long Ticks(int offset) => offset;");

        var findings = Check(Modified("src/Shared/SystemClock.cs", Clock, after));

        Assert.Equal([("SG0003", "src/Shared/SystemClock.cs", 5, 17, "M:Contoso.Shared.SystemClock.Ticks")], Brief(findings));
        Assert.Contains("(signature changed)", findings[0].Message);
        Assert.Null(findings[0].Removal);
    }

    [Fact]
    public void Evaluate_BodyGrantOverloadAddedBesideAnExistingOne_AddedAndNothingElse()
    {
        var after = Clock.Replace("public long Ticks() => 1;", "public long Ticks() => 1;\n\n    public long Ticks(int offset) => offset;");

        var findings = Check(Modified("src/Shared/SystemClock.cs", Clock, after));

        Assert.Equal([("SG0003", "src/Shared/SystemClock.cs", 7, 17, "M:Contoso.Shared.SystemClock.Ticks(System.Int32)")], Brief(findings));
        Assert.Contains("(added)", findings[0].Message);
    }

    [Fact]
    public void Evaluate_ExtendParameterListChanged_OneSG0002AtTheMember()
    {
        var after = Extensions.Replace("AddClock(this object services)", "AddClock(this object services, bool fast)");

        var findings = Check(Modified("src/Shared/ServiceCollectionExtensions.cs", Extensions, after));

        Assert.Equal([("SG0002", "src/Shared/ServiceCollectionExtensions.cs", 5, 24, "M:Contoso.Shared.ServiceCollectionExtensions.AddClock(System.Object)")], Brief(findings));
    }

    // Issue 18, #if blocks: (a) a body-only edit of a member under #if DEBUG is a body change.
    [Fact]
    public void Evaluate_BodyGrantBodyEditOfMemberUnderIfDebug_NoFinding()
    {
        var before = Clock.Replace("    public long Ticks() => 1;", "#if DEBUG\n    public long Ticks()\n    {\n        return 1;\n    }\n#endif");

        Assert.Empty(Check(Modified("src/Shared/SystemClock.cs", before, before.Replace("return 1;", "return 2;"))));
    }

    // (b) a member added right after an #endif, or inside #if DEBUG, under extend: no neighbour changed.
    [Theory]
    [InlineData("    }\n#endif\n}", "    }\n#endif\n\n    public static void AddBilling(this object services) { }\n}")]
    [InlineData("#if DEBUG\n", "#if DEBUG\n    public static void AddBilling(this object services) { }\n\n")]
    [InlineData("    }\n#endif", "    }\n\n    public static void AddBilling(this object services) { }\n#endif")]
    public void Evaluate_ExtendMemberAddedNextToOrInsideIfDebug_NoFinding(string from, string to)
    {
        var before = Extensions.Replace("    public static void AddClock", "#if DEBUG\n    public static void AddClock").Replace("    }\n}", "    }\n#endif\n}");
        Assert.Contains(from, before, StringComparison.Ordinal);

        Assert.Empty(Check(Modified("src/Shared/ServiceCollectionExtensions.cs", before, before.Replace(from, to))));
    }

    // (c) wrapping a file in #if DEBUG removes nothing: where the agent may edit, nothing is reported.
    [Fact]
    public void Evaluate_FileWrappedInIfDebugUnderEditGrant_NoFinding()
    {
        const string Invoice = "namespace Contoso.Billing;\n\npublic sealed class Invoice\n{\n    public void Add(int amount) { }\n}\n";

        Assert.Empty(Check(Modified("src/Billing/Invoice.cs", Invoice, "#if DEBUG\n" + Invoice + "#endif\n")));
    }

    // (c) under a restrictive rule, the condition a declaration compiles under is part of its signature
    // (a release build no longer has it): wrapping is a signature change of what it wraps, never a removal.
    [Theory]
    [InlineData("src/Shared/SystemClock.cs", Clock, "SG0003")]
    [InlineData("src/Billing/Contracts/IInvoice.cs", Contract, "SG0002")]
    public void Evaluate_FileWrappedInIfDebugUnderRestrictiveRule_SignatureChangesNoRemoval(string path, string text, string id)
    {
        var findings = Check(Modified(path, text, "#if DEBUG\n" + text + "\n#endif\n"));

        Assert.NotEmpty(findings);
        Assert.Contains(findings, f => f.Id == id);
        Assert.All(findings, f => Assert.Contains("(signature changed)", f.Message, StringComparison.Ordinal));
        Assert.All(findings, f => Assert.Null(f.Removal));
    }

    // (c) moving one member into a conditional: that member's signature changed, nothing removed or added.
    [Fact]
    public void Evaluate_BodyGrantMemberMovedIntoIfDebug_OneSG0003AtTheMember()
    {
        var after = Clock.Replace("    public long Ticks() => 1;", "#if DEBUG\n    public long Ticks() => 1;\n#endif");

        var findings = Check(Modified("src/Shared/SystemClock.cs", Clock, after));

        Assert.Equal([("SG0003", "src/Shared/SystemClock.cs", 6, 17, "M:Contoso.Shared.SystemClock.Ticks")], Brief(findings));
        Assert.Contains("(signature changed)", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MethodRemovedWhereAnotherMethodNowStands_SG0002AtTheClassIdentifierNotTheOldLine()
    {
        const string Before = "namespace Contoso.Shared;\n\npublic static class ServiceCollectionExtensions\n{\n    public static void AddClock(this object services) { }\n\n    public static void AddTimer(this object services) { }\n}\n";
        const string After = "namespace Contoso.Shared;\n\npublic static class ServiceCollectionExtensions\n{\n    public static void AddTimer(this object services) { }\n}\n";

        var finding = Assert.Single(Check(Modified("src/Shared/ServiceCollectionExtensions.cs", Before, After)));

        Assert.Equal(("SG0002", "src/Shared/ServiceCollectionExtensions.cs", 3, 21, "M:Contoso.Shared.ServiceCollectionExtensions.AddClock(System.Object)"), Brief([finding])[0]);
        Assert.EndsWith("; removed: it stood at line 5 of the old file (reported at 'T:Contoso.Shared.ServiceCollectionExtensions', which contained it)", finding.Message);
        Assert.Equal(new Removal(new TextPosition(5, 24), DeclarationId.TryParse("T:Contoso.Shared.ServiceCollectionExtensions"), "ServiceCollectionExtensions".Length), finding.Removal);
    }

    [Fact]
    public void Evaluate_ReadonlyNamespaceInsideAgentPaths_SG0002NamingTheBroaderGrant()
    {
        var findings = Check(Modified("src/Billing/Contracts/IInvoice.cs", Contract, Contract.Replace("decimal Total { get; }", "decimal Total { get; set; }")));

        Assert.Equal([("SG0002", "src/Billing/Contracts/IInvoice.cs", 5, 13, "P:Contoso.Billing.Contracts.IInvoice.Total")], Brief(findings));
        Assert.Equal("agents.billing.symbols.readonly: N:Contoso.Billing.Contracts", findings[0].Rule);
        Assert.Equal(
            "agent 'billing' may not change 'P:Contoso.Billing.Contracts.IInvoice.Total' (signature changed): 'readonly N:Contoso.Billing.Contracts' in agents.billing.symbols.readonly decides and it may change nothing there; 'edit N:Contoso.Billing' (agents.billing.symbols.edit) would allow it, but the more specific or more restrictive 'readonly N:Contoso.Billing.Contracts' decides",
            findings[0].Message);
    }

    [Fact]
    public void Evaluate_ReadonlyNamespaceTriviaInsideAgentPaths_PathRuleAllowsIt()
    {
        var findings = Check(Modified("src/Billing/Contracts/IInvoice.cs", Contract, Contract.Replace("    decimal Total", "    // the total\n    decimal Total")));

        Assert.Empty(findings);
    }

    [Fact]
    public void Evaluate_ReadonlyNamespaceTriviaOutsideAgentPaths_OneSG0001()
    {
        var findings = Check(Modified("src/Shared/IInvoice.cs", Contract, Contract.Replace("    decimal Total", "    // the total\n    decimal Total")));

        Assert.Equal([("SG0001", "src/Shared/IInvoice.cs", 1, 1, (string?)null)], Brief(findings));
        Assert.Contains("whitespace or comments only", findings[0].Message);
    }

    [Fact]
    public void Evaluate_FileOutsidePathsWhereNoSymbolRuleAllowsAnything_OneSG0001WithTheCount()
    {
        var after = Other.Replace("Work(1);", "Work(2);").Replace("public int Count { get; set; }", "public long Count { get; set; }\n\n    public void Stop() { }");

        var findings = Check(Modified("src/Shared/Other.cs", Other, after));

        var finding = Assert.Single(findings);
        Assert.Equal(("SG0001", "src/Shared/Other.cs", (string?)null), (finding.Id, finding.Path, finding.Symbol));
        Assert.Contains("3 changed declaration(s), none of which a symbol rule of the agent allows", finding.Message);
    }

    [Fact]
    public void Evaluate_FileOutsidePathsWhereSomeDeclarationsAreGranted_ListsTheOthersOneByOne()
    {
        var before = Clock + "\n" + Other.Replace("namespace Contoso.Shared;\n", string.Empty);
        var after = before.Replace("=> 1;", "=> 2;").Replace("Work(1);", "Work(2);").Replace("public int Count", "public long Count");

        var findings = Check(Modified("src/Shared/Mixed.cs", before, after));

        Assert.Equal(
            ["M:Contoso.Shared.Other.Run", "P:Contoso.Shared.Other.Count"],
            findings.Select(f => f.Symbol).OrderBy(s => s, StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal("SG0001", f.Id));
    }

    [Fact]
    public void Evaluate_EditNamespaceInsideAgentPaths_AnythingGoes()
    {
        const string Before = "namespace Contoso.Billing;\n\npublic class Invoice\n{\n    public void Add(int amount) { }\n}\n";
        const string After = "namespace Contoso.Billing;\n\n[Serializable]\npublic sealed class Invoice\n{\n    public void Add(long amount) { Log(); }\n    public void Remove() { }\n}\n";

        Assert.Empty(Check(Modified("src/Billing/Invoice.cs", Before, After)));
    }

    [Fact]
    public void Evaluate_Extend_AddingAMemberAllowed()
    {
        var after = Extensions.Replace("    }\n}", "    }\n\n    public static void AddBilling(this object services) { }\n}");

        Assert.Empty(Check(Modified("src/Shared/ServiceCollectionExtensions.cs", Extensions, after)));
    }

    [Fact]
    public void Evaluate_Extend_ChangingAnExistingMemberSG0002()
    {
        var findings = Check(Modified("src/Shared/ServiceCollectionExtensions.cs", Extensions, Extensions.Replace("Register(services);", "Register(services, true);")));

        Assert.Equal([("SG0002", "src/Shared/ServiceCollectionExtensions.cs", 5, 24, "M:Contoso.Shared.ServiceCollectionExtensions.AddClock(System.Object)")], Brief(findings));
        Assert.Equal("agents.billing.symbols.extend: T:Contoso.Shared.ServiceCollectionExtensions", findings[0].Rule);
        Assert.Contains("'extend T:Contoso.Shared.ServiceCollectionExtensions' in agents.billing.symbols.extend decides and it may only add members, not change or remove existing ones", findings[0].Message);
    }

    [Fact]
    public void Evaluate_Extend_RemovingAnExistingMemberSG0002AtTheClass()
    {
        const string After = "namespace Contoso.Shared;\n\npublic static class ServiceCollectionExtensions\n{\n}\n";

        var findings = Check(Modified("src/Shared/ServiceCollectionExtensions.cs", Extensions, After));

        Assert.Equal([("SG0002", "src/Shared/ServiceCollectionExtensions.cs", 3, 21, "M:Contoso.Shared.ServiceCollectionExtensions.AddClock(System.Object)")], Brief(findings));
        Assert.Contains("(removed)", findings[0].Message);
        Assert.Contains("it stood at line 5 of the old file", findings[0].Message);
    }

    [Fact]
    public void Evaluate_ExtendOnNamespace_NewFileInTheNamespaceAllowed()
    {
        var findings = Check(Added("src/Billing/Plugins/Audit.cs", "namespace Contoso.Plugins;\n\npublic sealed class Audit { }\n"));

        Assert.Empty(findings);
    }

    [Fact]
    public void Evaluate_UnnamedDeclarationOutsidePaths_SG0001AtTheDeclaration()
    {
        var findings = Check(Modified("src/Shared/Other.cs", Other, Other.Replace("Work(1);", "Work(2);")));

        Assert.Equal([("SG0001", "src/Shared/Other.cs", 5, 17, "M:Contoso.Shared.Other.Run")], Brief(findings));
        Assert.Equal("default deny", findings[0].Rule);
        Assert.Equal(
            "agent 'billing' may not change 'M:Contoso.Shared.Other.Run' (body changed) in 'src/Shared/Other.cs': no symbol rule of the agent names it and the file is not in its paths (/src/Billing/)",
            findings[0].Message);
    }

    [Fact]
    public void Evaluate_UsingsChangedOutsidePaths_SG0001AtTheUsing()
    {
        var before = "using System;\n\n" + Clock;
        var after = "using System;\nusing System.Linq;\n\n" + Clock;

        var findings = Check(Modified("src/Shared/SystemClock.cs", before, after));

        Assert.Equal([("SG0001", "src/Shared/SystemClock.cs", 2, 1, (string?)null)], Brief(findings));
        Assert.Equal(
            "agent 'billing' may not change 'src/Shared/SystemClock.cs' (changed usings, extern aliases or file-level attributes): the file is not in its paths (/src/Billing/)",
            findings[0].Message);
    }

    [Fact]
    public void Evaluate_UsingsChangedInsidePaths_NoFinding()
    {
        Assert.Empty(Check(Modified("src/Billing/Contracts/IInvoice.cs", Contract, "using System;\n" + Contract)));
    }

    [Fact]
    public void Evaluate_TriviaOnlyChangesOutsidePaths_ExactlyOneSG0001()
    {
        var after = Other.Replace("Work(1);", "Work(1); // why").Replace("public int Count", "/// <summary>Count.</summary>\n    public int Count");

        var findings = Check(Modified("src/Shared/Other.cs", Other, after));

        Assert.Equal([("SG0001", "src/Shared/Other.cs", 1, 1, (string?)null)], Brief(findings));
        Assert.Equal("agent 'billing' may not change 'src/Shared/Other.cs' (whitespace or comments only): no pattern in its paths matches (default deny); its paths are /src/Billing/", findings[0].Message);
    }

    [Fact]
    public void Evaluate_LineEndingsOnlyOutsidePaths_ExactlyOneSG0001()
    {
        var findings = Check(Modified("src/Shared/Other.cs", Other, Other.Replace("\n", "\r\n")));

        Assert.Equal([("SG0001", "src/Shared/Other.cs", 1, 1, (string?)null)], Brief(findings));
    }

    [Fact]
    public void Evaluate_MembersReorderedOutsidePaths_ExactlyOneSG0001()
    {
        const string Before = "namespace N;\nclass C\n{\n    void A() { }\n    void B() { }\n}\n";
        const string After = "namespace N;\nclass C\n{\n    void B() { }\n    void A() { }\n}\n";

        Assert.Equal([("SG0001", "src/Shared/C.cs", 1, 1, (string?)null)], Brief(Check(Modified("src/Shared/C.cs", Before, After))));
    }

    [Fact]
    public void Evaluate_RenamedIntoScope_OnlyTheOldPathReported()
    {
        var findings = Check(Renamed("src/Shared/Other.cs", "src/Billing/Other.cs", Other, Other.Replace("Work(1);", "Work(2);")));

        Assert.Equal([("SG0001", "src/Shared/Other.cs", 1, 1, (string?)null)], Brief(findings));
        Assert.Contains("renamed to 'src/Billing/Other.cs'", findings[0].Message);
    }

    [Fact]
    public void Evaluate_RenamedOutOfScope_NewPathAndItsChangedDeclarationReported()
    {
        var findings = Check(Renamed("src/Billing/Other.cs", "src/Shared/Other.cs", Other, Other.Replace("Work(1);", "Work(2);")));

        Assert.Equal(
            [
                ("SG0001", "src/Shared/Other.cs", 1, 1, (string?)null),
                ("SG0001", "src/Shared/Other.cs", 5, 17, "M:Contoso.Shared.Other.Run"),
            ],
            Brief(findings));
        Assert.Contains("renamed from 'src/Billing/Other.cs'", findings[0].Message);
    }

    [Fact]
    public void Evaluate_RenamedBodyGrantedFileOutsidePaths_BothPathsReported()
    {
        var findings = Check(Renamed("src/Shared/SystemClock.cs", "src/Shared/Clock.cs", Clock, Clock));

        Assert.Equal(
            [("SG0001", "src/Shared/Clock.cs", 1, 1, (string?)null), ("SG0001", "src/Shared/SystemClock.cs", 1, 1, (string?)null)],
            Brief(findings).OrderBy(f => f.Path, StringComparer.Ordinal));
    }

    [Fact]
    public void Evaluate_DeletedFileOutsidePaths_OneFileLevelSG0001()
    {
        var findings = Check(Deleted("src/Shared/Other.cs", Other));

        Assert.Equal([("SG0001", "src/Shared/Other.cs", 1, 1, (string?)null)], Brief(findings));
        Assert.Equal("agent 'billing' may not change 'src/Shared/Other.cs' (deleted the file): the file is not in its paths (/src/Billing/)", findings[0].Message);
    }

    [Fact]
    public void Evaluate_DeletedBodyGrantedFile_FileLevelSG0001AndSG0003ForEachRemovedDeclaration()
    {
        var findings = Check(Deleted("src/Shared/SystemClock.cs", Clock));

        Assert.Equal(
            [
                ("SG0001", "src/Shared/SystemClock.cs", 1, 1, (string?)null),
                ("SG0003", "src/Shared/SystemClock.cs", 1, 1, "T:Contoso.Shared.SystemClock"),
                ("SG0003", "src/Shared/SystemClock.cs", 1, 1, "M:Contoso.Shared.SystemClock.Ticks"),
                ("SG0003", "src/Shared/SystemClock.cs", 1, 1, "P:Contoso.Shared.SystemClock.Now"),
            ],
            Brief(findings));
        Assert.Equal([3, 5, 7], findings.Skip(1).Select(f => f.Removal!.OldPosition.Line));
        Assert.EndsWith("; removed: it stood at line 5 of the old file (the file was deleted; reported at its line 1)", findings[2].Message);
    }

    [Fact]
    public void Evaluate_DeletedFileInsidePaths_NoFinding()
    {
        const string Invoice = "namespace Contoso.Billing;\n\npublic class Invoice { }\n";

        Assert.Empty(Check(Deleted("src/Billing/Invoice.cs", Invoice)));
    }

    [Fact]
    public void Evaluate_AddedFileOutsidePaths_OneFileLevelSG0001()
    {
        var findings = Check(Added("src/Shared/New.cs", "using System;\n\nnamespace Contoso.Shared;\n\npublic class New { public void Run() { } }\n"));

        Assert.Equal([("SG0001", "src/Shared/New.cs", 1, 1, (string?)null)], Brief(findings));
        Assert.Contains("(added the file)", findings[0].Message);
    }

    [Fact]
    public void Evaluate_PartialTypeAcrossTwoFilesWithBodyGrant_BodiesAllowedSignatureRefusedWhereItChanged()
    {
        const string PartOne = "namespace Contoso.Shared;\n\npublic partial class Registry\n{\n    public void Add(string name) { Store(name); }\n}\n";
        const string PartTwo = "namespace Contoso.Shared;\n\npartial class Registry\n{\n    public int Count() => items.Count;\n}\n";

        var bodies = Check(
            Modified("src/Shared/Registry.cs", PartOne, PartOne.Replace("Store(name);", "Store(name.Trim());")),
            Modified("src/Shared/Registry.Count.cs", PartTwo, PartTwo.Replace("items.Count", "items.Count + 0")));
        var signature = Check(
            Modified("src/Shared/Registry.cs", PartOne, PartOne.Replace("Store(name);", "Store(name.Trim());")),
            Modified("src/Shared/Registry.Count.cs", PartTwo, PartTwo.Replace("public int Count()", "public long Count()")));

        Assert.Empty(bodies);
        Assert.Equal([("SG0003", "src/Shared/Registry.Count.cs", 5, 17, "M:Contoso.Shared.Registry.Count")], Brief(signature));
    }

    [Fact]
    public void Evaluate_AgentWithoutSymbolRules_PathOnlyOneFindingPerFileWithoutReadingContents()
    {
        var findings = Check(
            "plain",
            Modified("src/Shared/Other.cs", Other, Other.Replace("Work(1);", "Work(2);").Replace("Count", "Total")),
            Modified("src/Shared/SystemClock.cs", Clock, Clock.Replace("=> 1;", "=> 2;")),
            Modified("src/Billing/Invoice.cs", "class A { }", "class B { }"));

        Assert.Equal(
            [("SG0001", "src/Shared/Other.cs", 1, 1, (string?)null), ("SG0001", "src/Shared/SystemClock.cs", 1, 1, (string?)null)],
            Brief(findings));
        Assert.Equal("agent 'plain' may not change 'src/Shared/Other.cs' (modified): no pattern in its paths matches (default deny); its paths are /src/Billing/", findings[0].Message);
        Assert.Equal(0, blobs.Reads);
    }

    [Fact]
    public void Evaluate_WithoutContents_PathOnlyEvenWithSymbolRules()
    {
        var findings = new ScopeEvaluator(Manifest).Evaluate(As("billing"), "agent/billing", [Modified("src/Shared/SystemClock.cs", Clock, Clock.Replace("=> 1;", "=> 2;"))]);

        Assert.Equal([("SG0001", "src/Shared/SystemClock.cs", 1, 1, (string?)null)], Brief(findings));
    }

    [Fact]
    public void Evaluate_BinaryCSharpContent_JudgedByThePathRule()
    {
        var binary = new byte[] { 0x4D, 0x5A, 0x00, 0x01, 0x02 };
        var outside = new FileChange("src/Shared/SystemClock.cs", "src/Shared/SystemClock.cs", ChangeStatus.Modified, EntryKind.File, EntryKind.File, blobs.Put(Clock), blobs.Put(binary));
        var inside = new FileChange("src/Billing/Blob.cs", "src/Billing/Blob.cs", ChangeStatus.Modified, EntryKind.File, EntryKind.File, blobs.Put("class A { }"), blobs.Put(binary));

        var findings = Check(outside, inside);

        // Inside its paths, the agent's body, extend and readonly rules cannot be checked against a
        // file that cannot be parsed: refused, saying why (issue 11).
        Assert.Equal([("SG0002", "src/Billing/Blob.cs", 1, 1, (string?)null), ("SG0001", "src/Shared/SystemClock.cs", 1, 1, (string?)null)], Brief(findings));
        Assert.Contains("(modified)", findings[1].Message);
        Assert.Contains("cannot be parsed as C# (it is binary: a NUL byte in its first 8,000 bytes)", findings[0].Message);
    }

    [Fact]
    public void Evaluate_BinaryCSharpRenamedIntoScope_OnlyTheOldPathReportedOnce()
    {
        var binary = new byte[] { 0x00, 0x01, 0x02 };
        var id = blobs.Put(binary);
        var change = new FileChange("src/Billing/Blob.cs", "src/Shared/Blob.cs", ChangeStatus.Renamed, EntryKind.File, EntryKind.File, id, id);

        var findings = Check(change);

        Assert.Equal([("SG0001", "src/Shared/Blob.cs", 1, 1, (string?)null)], Brief(findings));
    }

    [Fact]
    public void Evaluate_ModeChangeOnlyOutsidePaths_SG0001()
    {
        var id = blobs.Put(Clock);
        var change = new FileChange("src/Shared/SystemClock.cs", "src/Shared/SystemClock.cs", ChangeStatus.Modified, EntryKind.File, EntryKind.Executable, id, id);

        var findings = Check(change);

        Assert.Equal([("SG0001", "src/Shared/SystemClock.cs", 1, 1, (string?)null)], Brief(findings));
        Assert.Contains("(mode changed)", findings[0].Message);
    }

    [Fact]
    public void Evaluate_ProtectedCSharpPath_SG0004WhateverTheSymbols()
    {
        var findings = Check(Modified("hooks/Clock.cs", Clock, Clock.Replace("=> 1;", "=> 2;")));

        Assert.Equal([("SG0004", "hooks/Clock.cs", 1, 1, (string?)null)], Brief(findings));
    }

    [Fact]
    public void Evaluate_SyntaxErrorsAndConflictMarkers_StillJudgedByDeclaration()
    {
        var after = Clock.Replace("    public long Ticks() => 1;", "<<<<<<< HEAD\n    public long Ticks() => 1;\n=======\n    public long Ticks() => 2;\n>>>>>>> theirs");

        var findings = Check(Modified("src/Shared/SystemClock.cs", Clock, after));

        // The conflict markers and the other side (inactive text) belong to the declarations they precede.
        Assert.Equal(
            [
                ("SG0003", "src/Shared/SystemClock.cs", 6, 17, "M:Contoso.Shared.SystemClock.Ticks"),
                ("SG0003", "src/Shared/SystemClock.cs", 11, 21, "P:Contoso.Shared.SystemClock.Now"),
            ],
            Brief(findings));
    }

    [Fact]
    public void Evaluate_ExtendTargetRemoved_SG0002SayingOnlyAddingInsideIsAllowed()
    {
        var findings = Check(Modified("src/Shared/ServiceCollectionExtensions.cs", Extensions, "namespace Contoso.Shared;\n"));

        Assert.Equal(
            [
                ("SG0002", "src/Shared/ServiceCollectionExtensions.cs", 1, 11, "T:Contoso.Shared.ServiceCollectionExtensions"),
                ("SG0002", "src/Shared/ServiceCollectionExtensions.cs", 1, 11, "M:Contoso.Shared.ServiceCollectionExtensions.AddClock(System.Object)"),
            ],
            Brief(findings));
        Assert.All(findings, f => Assert.Equal("N:Contoso.Shared", f.Removal!.Container!.ToString()));
        Assert.Contains("'extend T:Contoso.Shared.ServiceCollectionExtensions' in agents.billing.symbols.extend decides and it may only add members inside it", findings[0].Message);
    }

    [Fact]
    public void Evaluate_ModeOverrideWarn_SymbolFindingsAreWarnings()
    {
        var findings = new ScopeEvaluator(Manifest).Evaluate(
            As("billing"),
            "agent/billing",
            [Modified("src/Shared/SystemClock.cs", Clock, Clock.Replace("public long", "internal long"))],
            ScopeMode.Warn,
            blobs);

        Assert.Equal(FindingSeverity.Warning, Assert.Single(findings).Severity);
    }

    [Fact]
    public void Evaluate_CSharpAndOtherFiles_FindingsInPathOrder()
    {
        var findings = Check(
            Modified("src/Shared/Other.cs", Other, Other.Replace("Work(1);", "Work(2);")),
            Modified("src/Shared/A.txt", "a", "b"),
            Modified("src/Shared/Z.txt", "a", "b"));

        Assert.Equal(["src/Shared/A.txt", "src/Shared/Other.cs", "src/Shared/Z.txt"], findings.Select(f => f.Path));
    }

    [Fact]
    public void Evaluate_ManyFilesOutsidePaths_EachJudgedOnItsOwn()
    {
        var changes = Enumerable.Range(0, 40)
            .Select(i => Modified($"src/Shared/F{i:00}.cs", $"namespace N;\nclass F{i} {{ void M() {{ A(); }} }}\n", $"namespace N;\nclass F{i} {{ void M() {{ B(); }} }}\n"))
            .ToArray();

        var findings = Check(changes);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => ($"src/Shared/F{i:00}.cs", $"M:N.F{i}.M")), findings.Select(f => (f.Path!, f.Symbol!)));
    }

    // Issue 11: code in an inactive #if branch is declarations, judged by the rules that cover them.
    [Theory]
    [InlineData("NET")]
    [InlineData("DEBUG")]
    [InlineData("!DEBUG && TRACE")]
    public void Evaluate_TypeAddedUnderIfIntoReadonlyNamespace_SG0002(string condition)
    {
        var text = $"#if {condition}\nnamespace Contoso.Billing.Contracts\n{{\n    public class Injected {{ }}\n}}\n#endif\n";

        var findings = Check(Added("src/Billing/Injected.cs", text));

        Assert.Equal(
            [
                ("SG0002", "src/Billing/Injected.cs", 2, 11, "N:Contoso.Billing.Contracts"),
                ("SG0002", "src/Billing/Injected.cs", 4, 18, "T:Contoso.Billing.Contracts.Injected"),
            ],
            Brief(findings));
    }

    [Fact]
    public void Evaluate_MemberAddedUnderIfDebugToReadonlyInterface_SG0002()
    {
        var findings = Check(Modified("src/Billing/Contracts/IInvoice.cs", Contract, Contract.Replace("    decimal Total { get; }\n", "    decimal Total { get; }\n#if DEBUG\n    void Hack();\n#endif\n")));

        Assert.Equal([("SG0002", "src/Billing/Contracts/IInvoice.cs", 7, 10, "M:Contoso.Billing.Contracts.IInvoice.Hack")], Brief(findings));
    }

    [Fact]
    public void Evaluate_PartialTypeUnderIfDebugAddsMemberToBodyType_SG0003()
    {
        var findings = Check(Added("src/Billing/ClockDebug.cs", "#if DEBUG\nnamespace Contoso.Shared;\n\npublic partial class SystemClock\n{\n    public void Reset() { }\n}\n#endif\n"));

        Assert.Equal(
            [
                ("SG0003", "src/Billing/ClockDebug.cs", 4, 22, "T:Contoso.Shared.SystemClock"),
                ("SG0003", "src/Billing/ClockDebug.cs", 6, 17, "M:Contoso.Shared.SystemClock.Reset"),
            ],
            Brief(findings));
    }

    [Fact]
    public void Evaluate_ExistingMemberUnderIfDebugChangedInExtendType_SG0002OnThatMember()
    {
        var before = Extensions.Replace("    public static void AddClock", "#if DEBUG\n    public static void Trace(this object services) => Log(1);\n#endif\n\n    public static void AddClock");

        var findings = Check(Modified("src/Shared/ServiceCollectionExtensions.cs", before, before.Replace("Log(1)", "Log(2)")));

        Assert.Equal([("SG0002", "src/Shared/ServiceCollectionExtensions.cs", 6, 24, "M:Contoso.Shared.ServiceCollectionExtensions.Trace(System.Object)")], Brief(findings));
    }

    // Issue 18: no false alarm on the neighbours of an #if region.
    [Fact]
    public void Evaluate_BodyEditOfMemberUnderIfDebugUnderBodyRule_NoFinding()
    {
        var before = Clock.Replace("    public long Ticks() => 1;", "#if DEBUG\n    public long Ticks() => 1;\n#endif");

        Assert.Empty(Check(Modified("src/Shared/SystemClock.cs", before, before.Replace("=> 1;", "=> 2;"))));
    }

    [Theory]
    [InlineData("#endif\n", "#endif\n\n    public static void AddQueue(this object services) { }\n")]
    [InlineData("#if DEBUG\n", "#if DEBUG\n    public static void AddQueue(this object services) { }\n")]
    public void Evaluate_MemberAddedAfterEndifOrInsideIfUnderExtend_NoFinding(string from, string to)
    {
        var before = Extensions.Replace("    public static void AddClock", "#if DEBUG\n    public static void Trace(this object services) => Log(1);\n#endif\n    public static void AddClock");

        Assert.Empty(Check(Modified("src/Shared/ServiceCollectionExtensions.cs", before, before.Replace(from, to))));
    }

    [Fact]
    public void Evaluate_FileWrappedInIfDebugUnderBodyRule_NoRemovalReported()
    {
        var findings = Check(Modified("src/Shared/SystemClock.cs", Clock, "#if DEBUG\n" + Clock + "\n#endif\n"));

        Assert.NotEmpty(findings);
        Assert.DoesNotContain(findings, f => f.Message.Contains("(removed)", StringComparison.Ordinal));
        Assert.All(findings, f => Assert.Contains("(signature changed)", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_EditInBranchNoSymbolsActivateUnderRestrictiveRules_SG0002SayingWhy()
    {
        var before = Contract.Replace("    decimal Total { get; }\n", "    decimal Total { get; }\n#if false\n    void Old();\n#endif\n");

        var findings = Check(Modified("src/Billing/Contracts/IInvoice.cs", before, before.Replace("void Old();", "void Hack();")));

        Assert.Equal([("SG0002", "src/Billing/Contracts/IInvoice.cs", 7, 1, (string?)null)], Brief(findings));
        Assert.Contains("code changed in an #if branch that no set of preprocessor symbols makes active", findings[0].Message, StringComparison.Ordinal);
    }

    // Issue 11 item 2: a file that cannot be parsed cannot be checked against restrictive rules.
    [Fact]
    public void Evaluate_NulByteFileInsidePathsWithReadonlyRule_SG0002Unparseable()
    {
        var after = Encoding.UTF8.GetBytes(Contract.Replace("    decimal Total { get; }\n", "    decimal Total { get; }\n    void Hack(); // \0\n"));

        var findings = Check(new FileChange("src/Billing/Contracts/IInvoice.cs", "src/Billing/Contracts/IInvoice.cs", ChangeStatus.Modified, EntryKind.File, EntryKind.File, blobs.Put(Contract), blobs.Put(after)));

        Assert.Equal([("SG0002", "src/Billing/Contracts/IInvoice.cs", 1, 1, (string?)null)], Brief(findings));
        Assert.Contains("the file cannot be parsed as C# (it is binary: a NUL byte in its first 8,000 bytes)", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("readonly N:Contoso.Billing.Contracts", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FileOver16MiBInsidePathsWithRestrictiveRules_SG0002Unparseable()
    {
        var after = new byte[SourceDecoding.MaxParsedBytes + 1];
        Encoding.UTF8.GetBytes(Contract).CopyTo(after, 0);
        after.AsSpan(Contract.Length).Fill((byte)' ');

        var findings = Check(Added("src/Billing/Contracts/IBig.cs", "placeholder") with { NewBlobId = blobs.Put(after) });

        Assert.Equal([("SG0002", "src/Billing/Contracts/IBig.cs", 1, 1, (string?)null)], Brief(findings));
        Assert.Contains("(it is over 16 MiB)", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NulByteFileForAgentWithoutSymbolRules_PathAlone()
    {
        var findings = Check("plain", Added("src/Billing/Blob.cs", "class A { }\0"));

        Assert.Empty(findings);
    }

    // The one fake Core allows itself: contents by blob ID, as a git source would hand them in.
    private sealed class Blobs : FakeContents;

    // The other parent of a merge in progress: its version of each path.
    private sealed class Brought(Dictionary<string, string?> versions) : IBroughtVersions
    {
        public IReadOnlyList<byte[]?> Read(string path) =>
            versions.TryGetValue(path, out var text) ? [text is null ? null : Encoding.UTF8.GetBytes(text)] : [];
    }
}
