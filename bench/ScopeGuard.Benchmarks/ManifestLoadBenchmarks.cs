using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ScopeGuard.Core.Manifest;

namespace ScopeGuard.Benchmarks;

/// <summary>
/// Loading and validating scopes.json as the number of agents grows: the load must stay near-linear
/// (issue 11, item 16: 8,000 agents within 20x the time of 800). Each agent has a literal branch and a
/// wildcard below it, two paths, a deny and a symbol rule.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ManifestLoadBenchmarks
{
    private string text = string.Empty;

    [Params(800, 8_000)]
    public int Agents { get; set; }

    [GlobalSetup]
    public void Setup() => text = Generate(Agents);

    [Benchmark(Description = "ManifestLoader.Load")]
    public ManifestLoadResult Load() => ManifestLoader.Load(text, "scopes.json");

    internal static string Generate(int agents)
    {
        var builder = new StringBuilder("{\n  \"version\": 1,\n  \"agents\": {\n");
        for (var i = 0; i < agents; i++)
        {
            var name = "agent" + i.ToString(CultureInfo.InvariantCulture);
            builder.Append(i == 0 ? string.Empty : ",\n")
                .Append("    \"").Append(name).Append("\": { \"branches\": [\"agent/").Append(name).Append("\", \"agent/").Append(name).Append("/*\"], ")
                .Append("\"paths\": [\"src/").Append(name).Append("/\", \"tests/").Append(name).Append("/\"], ")
                .Append("\"deny\": [\"src/").Append(name).Append("/Generated/\"], ")
                .Append("\"symbols\": { \"edit\": [\"N:Contoso.").Append(name).Append("\"] } }");
        }

        return builder.Append("\n  }\n}\n").ToString();
    }
}
