using System;
using ScopeGuard.Cli.Tests.Support;

namespace ScopeGuard.Cli.Tests;

/// <summary>
/// lint and the compiler's IDs (issue 17): forms the compiler writes are accepted; the one ScopeGuard
/// cannot match (an extension block's generated name) is refused with the ID to write instead.
/// </summary>
public sealed class LintCompilerIdTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("P:Contoso.E.<G>$64B67F85FE78DDA587BDEEBA2FF0A5A2`1.Count", "write M:Contoso.E.get_Count``n(receiver)")]
    [InlineData("T:Contoso.E.<G>$64B67F85FE78DDA587BDEEBA2FF0A5A2`1", "write T:Contoso.E ")]
    public void Lint_ExtensionBlockGeneratedName_RefusedWithTheIdToWrite(string pattern, string instead)
    {
        directory.Write("scopes.json", Manifest(pattern));

        var result = CliRunner.Run(directory.Path, "lint", "--manifest", "scopes.json");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        var error = Assert.Single(result.ErrorLines, l => l.Contains(" error SG0007: ", StringComparison.Ordinal));
        Assert.Contains("extension block", error, StringComparison.Ordinal);
        Assert.Contains(instead, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("M:Program.{Main}$(System.String[])")]
    [InlineData("M:Contoso.Widget.System#IDisposable#Dispose")]
    [InlineData("M:Contoso.Widget.get_Total")]
    [InlineData("M:Contoso.Widget.Log(System.String,)")]
    [InlineData("M:Contoso.Widget.Log()")]
    [InlineData("M:Contoso.Widget.Jagged(System.Int32[0:,0:][])")]
    [InlineData("M:Contoso.Ext.op_Addition``1(System.Collections.Generic.List{``0},System.Collections.Generic.List{``0})")]
    public void Lint_CompilerIdForms_Accepted(string pattern)
    {
        directory.Write("scopes.json", Manifest(pattern));

        var result = CliRunner.Run(directory.Path, "lint", "--manifest", "scopes.json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
    }

    private static string Manifest(string pattern) =>
        "{ \"version\": 1, \"agents\": { \"a\": { \"branches\": [\"agent/a\"], \"paths\": [\"src/\"], \"symbols\": { \"readonly\": [\"" + pattern + "\"] } } } }";
}
