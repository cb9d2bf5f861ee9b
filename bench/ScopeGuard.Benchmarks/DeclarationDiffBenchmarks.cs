using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Benchmarks;

/// <summary>The declaration diff of a 1,000-line file pair: parse both sides, list declarations, compare.</summary>
[MemoryDiagnoser]
public class DeclarationDiffBenchmarks
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, DocumentationMode.None);
    private string oldText = string.Empty;
    private string newText = string.Empty;
    private string conditionalText = string.Empty;

    [Params(1_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        oldText = SourceGenerator.File(Lines, variant: 0);
        newText = SourceGenerator.File(Lines, variant: 1);

        // The same file with one #if DEBUG / #else member pair per type: parsed once per branch.
        conditionalText = newText.Replace(
            "    public void Dispose() => lines.Clear();",
            "#if DEBUG\n    public void Trace() { }\n#else\n    public void Trace() => lines.Clear();\n#endif\n    public void Dispose() => lines.Clear();",
            System.StringComparison.Ordinal);
    }

    // The floor under Extract: Roslyn's parse alone, with the options the extractor uses, and no walk.
    [Benchmark(Description = "Parse only (one side)")]
    public SyntaxNode Parse() => CSharpSyntaxTree.ParseText(newText, Options).GetRoot();

    [Benchmark(Description = "Extract (one side)")]
    public DeclarationSet Extract() => DeclarationExtractor.Extract(newText);

    [Benchmark(Description = "Extract (one side, an #if/#else per type)")]
    public DeclarationSet ExtractConditional() => DeclarationExtractor.Extract(conditionalText);

    [Benchmark(Baseline = true, Description = "Diff (both sides)")]
    public FileDeclarationDiff Diff() => DeclarationDiff.Compare(oldText, newText);
}
