using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Cli.Tests.Reporting;

// Issue 11, item 11: a removed declaration is reported where it is still true in the head file (its
// surviving container, or the start of the file), never at its old line, which another declaration
// may hold now.
public sealed class RemovalLocationTests
{
    private static readonly HelpLinks Help = new(null, AppContext.BaseDirectory);

    private const string Json = """
        {
          "version": 1,
          "agents": {
            "billing": {
              "branches": ["agent/billing"],
              "paths": ["/src/"],
              "symbols": { "readonly": ["N:Contoso"] }
            }
          }
        }
        """;

    private const string Before = "namespace Contoso;\n\npublic class Billing\n{\n    public void Charge() { }\n\n    public void Refund() { }\n}\n";

    // Refund now stands at line 5, where Charge stood.
    private const string After = "namespace Contoso;\n\npublic class Billing\n{\n    public void Refund() { }\n}\n";

    private static readonly ScopeManifest Manifest = ManifestLoader.Load(Json, "scopes.json").Manifest!;

    private static Finding Judge(string path, string? before, string? after)
    {
        var change = new FileChange(path, path, before is null ? ChangeStatus.Added : after is null ? ChangeStatus.Deleted : ChangeStatus.Modified, before is null ? EntryKind.None : EntryKind.File, after is null ? EntryKind.None : EntryKind.File, before is null ? null : "1111111111111111111111111111111111111111", after is null ? null : "2222222222222222222222222222222222222222");
        var agent = Manifest.FindAgent("billing")!;
        return Assert.Single(new ScopeEvaluator(Manifest).JudgeFile(agent, change, DeclarationDiff.Compare(before, after)));
    }

    private static CheckReport ReportFor(Finding finding) =>
        new("staged changes", "scopes.json", Manifest.FindAgent("billing"), "--agent", "agent/billing", ScopeMode.Block, 1, [finding]);

    private static JsonElement SarifResult(Finding finding)
    {
        using var writer = new StringWriter();
        SarifReporter.Write(writer, ReportFor(finding), Help);
        using var log = JsonDocument.Parse(writer.ToString());
        return log.RootElement.GetProperty("runs")[0].GetProperty("results")[0].Clone();
    }

    private static JsonElement Region(JsonElement result) =>
        result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");

    [Fact]
    public void GitHubAnnotation_MethodRemovedWhereAnotherMethodNowStands_AnnotatesTheClassIdentifier()
    {
        var finding = Judge("src/Billing.cs", Before, After);

        var annotation = GitHubReporter.Annotation(finding);

        Assert.StartsWith("::error file=src/Billing.cs,line=3,col=14,endColumn=21,title=SG0002::agent 'billing' may not change 'M:Contoso.Billing.Charge' (removed)", annotation, StringComparison.Ordinal);
        Assert.EndsWith("; removed: it stood at line 5 of the old file (reported at 'T:Contoso.Billing', which contained it)", annotation, StringComparison.Ordinal);
        Assert.DoesNotContain("line=5", annotation, StringComparison.Ordinal);
    }

    [Fact]
    public void GitHubAnnotation_TopLevelTypeRemovedNothingContainsIt_LineOneWithoutColumn()
    {
        var finding = Judge("other/Types.cs", "class Kept { }\n\nclass Gone { }\n", "class Kept { }\n");

        var annotation = GitHubReporter.Annotation(finding);

        Assert.StartsWith("::error file=other/Types.cs,line=1,title=SG0001::", annotation, StringComparison.Ordinal);
        Assert.EndsWith("; removed: it stood at line 3 of the old file (nothing that contained it is left; reported at line 1 of the file)", annotation, StringComparison.Ordinal);
    }

    [Fact]
    public void SarifReporter_MethodRemovedWhereAnotherMethodNowStands_RegionIsTheClassIdentifierAndTheMessageSaysRemoved()
    {
        var result = SarifResult(Judge("src/Billing.cs", Before, After));

        var region = Region(result);
        Assert.Equal((3, 14, 3, 21), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(), region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32()));
        Assert.Equal("Billing", After.Split('\n')[2][13..20]);
        Assert.Contains("(removed)", result.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("removed: it stood at line 5 of the old file", result.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var removed = result.GetProperty("properties").GetProperty("removed");
        Assert.Equal((5, 17, "T:Contoso.Billing"), (removed.GetProperty("oldLine").GetInt32(), removed.GetProperty("oldColumn").GetInt32(), removed.GetProperty("container").GetString()));
    }

    [Fact]
    public void SarifReporter_DeletedFile_EmptyRegionAtTheStartOfTheOldPath()
    {
        var change = new FileChange("src/Billing.cs", "src/Billing.cs", ChangeStatus.Deleted, EntryKind.File, EntryKind.None, "1111111111111111111111111111111111111111", null);
        var findings = new ScopeEvaluator(Manifest).JudgeFile(Manifest.FindAgent("billing")!, change, DeclarationDiff.Compare(Before, null));
        var charge = findings.Single(f => f.Symbol == "M:Contoso.Billing.Charge");

        var region = Region(SarifResult(charge));

        Assert.Equal((1, 1, 1, 1), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(), region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32()));
        Assert.Contains("removed: it stood at line 5 of the old file (the file was deleted; reported at its line 1)", charge.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SarifReporter_ChangedDeclaration_RegionUnchangedWithoutEnd()
    {
        var finding = Judge("src/Billing.cs", Before, Before.Replace("public void Refund() { }", "public void Refund() { Log(); }", StringComparison.Ordinal));

        var region = Region(SarifResult(finding));

        Assert.Equal((7, 17), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32()));
        Assert.False(region.TryGetProperty("endColumn", out _));
    }

    [Fact]
    public void JsonReporter_MethodRemoved_LocatedAtTheClassWithTheOldLineInRemoved()
    {
        using var writer = new StringWriter();
        JsonReporter.Write(writer, ReportFor(Judge("src/Billing.cs", Before, After)), Help);

        using var report = JsonDocument.Parse(writer.ToString());
        var finding = report.RootElement.GetProperty("findings")[0];
        Assert.Equal((3, 14), (finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32()));
        var removed = finding.GetProperty("removed");
        Assert.Equal((5, 17, "T:Contoso.Billing"), (removed.GetProperty("oldLine").GetInt32(), removed.GetProperty("oldColumn").GetInt32(), removed.GetProperty("container").GetString()));
    }
}
