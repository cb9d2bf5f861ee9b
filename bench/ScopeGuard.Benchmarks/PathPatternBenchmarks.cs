using System.Linq;
using BenchmarkDotNet.Attributes;
using ScopeGuard.Core.Patterns;

namespace ScopeGuard.Benchmarks;

/// <summary>Path decisions: the per-path cost on the hook's hot path.</summary>
[MemoryDiagnoser]
public class PathPatternBenchmarks
{
    private readonly PathPattern[] patterns = new[] { "/src/Billing/", "/tests/Billing/", "*.md", "/src/**/Generated/", "/docs/agents/billing.md" }.Select(PathPattern.Parse).ToArray();
    private readonly string[] paths = Enumerable.Range(0, 1_000).Select(i => $"src/Team{i % 17}/Feature{i % 29}/Sub{i % 5}/File{i}.cs").ToArray();

    [Benchmark(Description = "1,000 paths x 5 patterns")]
    public int Match()
    {
        var matched = 0;
        foreach (var path in paths)
        {
            foreach (var pattern in patterns)
            {
                if (pattern.Matches(path))
                {
                    matched++;
                    break;
                }
            }
        }

        return matched;
    }
}
