using BenchmarkDotNet.Attributes;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Benchmarks;

/// <summary>The declaration diff of a 1,000-line file pair: parse both sides, list declarations, compare.</summary>
[MemoryDiagnoser]
public class DeclarationDiffBenchmarks
{
    private string oldText = string.Empty;
    private string newText = string.Empty;

    [Params(1_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        oldText = SourceGenerator.File(Lines, variant: 0);
        newText = SourceGenerator.File(Lines, variant: 1);
    }

    [Benchmark(Description = "Extract (one side)")]
    public DeclarationSet Extract() => DeclarationExtractor.Extract(newText);

    [Benchmark(Baseline = true, Description = "Diff (both sides)")]
    public FileDeclarationDiff Diff() => DeclarationDiff.Compare(oldText, newText);
}
