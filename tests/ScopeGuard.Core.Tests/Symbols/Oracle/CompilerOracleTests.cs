using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace ScopeGuard.Core.Tests.Symbols.Oracle;

/// <summary>
/// Differential tests against the compiler (issue 17): ScopeGuard's syntax-computed IDs must equal
/// Roslyn's <c>GetDocumentationCommentId()</c> for the same declarations, except for the documented
/// classes that need binding or have no syntax form; and every compiler ID, written as a readonly
/// pattern, must cover its declaration (or be refused with the ID to write instead).
/// </summary>
public sealed class CompilerOracleTests(ITestOutputHelper output)
{
    [Fact]
    public void Constructs_IdsAgreeWithCompiler()
    {
        var report = CompilerOracle.Run("constructs", ConstructCorpus.Files, kind: OutputKind.ConsoleApplication);
        Assert.True(report.CompilerErrors.Count == 0, string.Join("\n", report.CompilerErrors.Take(20)));

        // Everything in this corpus is written where syntax can know it, except what the allowed classes name;
        // every type it names is the corpus's or the SDK's, so resolution leaves no qualification to binding.
        Assert.DoesNotContain(report.Differences, d => d.Class == OracleDifferenceClass.NamespaceQualification);
        Verify(report, minimumAgreeing: 150);
    }

    [Fact]
    public void RepositorySources_IdsAgreeWithCompiler()
    {
        var root = Path.Combine(RepositoryRoot.Find(), "src");
        var files = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();

        // Core and the analyzer build against Roslyn: the test has it. The CLI's and Git's packages are
        // not referenced, so their declarations that use those types have no compiler answer (counted).
        var roslyn = Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.CodeAnalysis*.dll").Select(f => MetadataReference.CreateFromFile(f));
        var report = CompilerOracle.Run("repository src/", files, roslyn);
        Verify(report, minimumAgreeing: 1000);
    }

    [Fact]
    public void GeneratedProject_IdsAgreeWithCompiler()
    {
        var files = GeneratedCorpus.Create(seed: 17, files: 40);
        var report = CompilerOracle.Run("generated project", files);
        Assert.True(report.CompilerErrors.Count == 0, string.Join("\n", report.CompilerErrors.Take(20)));
        Assert.DoesNotContain(report.Differences, d => d.Class == OracleDifferenceClass.NamespaceQualification);
        Verify(report, minimumAgreeing: 2000);
    }

    [Theory]
    [InlineData("M:N.C.F(System.Collections.Generic.List{System.Int32})", "M:N.C.F(List{System.Int32})")]
    [InlineData("M:N.C.System#IDisposable#Dispose", "M:N.C.IDisposable#Dispose")]
    [InlineData("M:N.C.N#IGen{N#Foo}#Get(N.Foo)", "M:N.C.IGen{Foo}#Get(Foo)")]
    public void Unqualified_DifferOnlyInQualification_Equal(string compiler, string scopeGuard) =>
        Assert.Equal(CompilerOracle.Unqualified(compiler), CompilerOracle.Unqualified(scopeGuard));

    [Theory]
    [InlineData("M:N.C.F(System.Nullable{System.Int32})", "M:N.C.F(System.Int32)")]
    [InlineData("M:N.C.F(System.Int32[0:,0:][])", "M:N.C.F(System.Int32[][0:,0:])")]
    [InlineData("P:N.C.Cell(System.Int32)", "P:N.C.Item(System.Int32)")]
    public void Unqualified_DifferInMore_NotEqual(string compiler, string scopeGuard) =>
        Assert.NotEqual(CompilerOracle.Unqualified(compiler), CompilerOracle.Unqualified(scopeGuard));

    private void Verify(OracleReport report, int minimumAgreeing)
    {
        output.WriteLine(report.Summary());
        foreach (var group in report.Differences.GroupBy(d => d.Class).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {group.Key}: {group.Count()}, e.g. {string.Join("; ", group.Take(3).Select(d => d.CompilerId + " vs " + d.ScopeGuardId))}");
        }

        output.WriteLine(report.Details());
        Assert.True(report.Agreeing >= minimumAgreeing, $"only {report.Agreeing} IDs compared: the corpus did not compile as expected\n{report.Summary()}");
        Assert.True(!report.Mismatches.Any() && report.PatternFailures.Count == 0, report.Summary() + "\n" + report.Details());

        // Every compiler ID that ScopeGuard accepts covers its declaration, even where its ID is written
        // without namespaces (patterns match either form) or through a using alias (the resolved form).
        Assert.Equal(0, report.PatternsNeedingBinding);
    }
}
