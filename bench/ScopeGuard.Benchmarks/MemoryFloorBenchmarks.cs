using BenchmarkDotNet.Attributes;

namespace ScopeGuard.Benchmarks;

/// <summary>
/// The floor under <see cref="ManifestLoadBenchmarks"/>: no ScopeGuard code, only what any loader that
/// builds and keeps a manifest's object graph must do. Per agent it allocates what the loader allocates
/// (about 8 KB in 160 objects: 80 small nodes, each holding an array of 16 to 200 bytes), links each object into a
/// graph that stays alive until the load ends, and reads each back once, as validation does. At 800
/// agents that is 6 MB, which stays in the processor's caches and dies in gen0; at 8,000 it is 64 MB,
/// which does not, and survives into gen1 and gen2 collections. The ratio of the two medians is what the
/// memory hierarchy and the garbage collector alone make of ten times the work.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MemoryFloorBenchmarks
{
    // Object sizes (payload bytes) per agent, roughly the loader's mix: many small records and nodes,
    // some strings and lists, a few larger pattern objects.
    private static readonly int[] Sizes = BuildSizes();

    [Params(800, 8_000)]
    public int Agents { get; set; }

    [Benchmark(Description = "allocate, link and read a manifest-sized graph")]
    public long Graph()
    {
        Node? head = null;
        for (var a = 0; a < Agents; a++)
        {
            Node? agent = null;
            foreach (var size in Sizes)
            {
                agent = new Node(new byte[size], agent);
            }

            head = new Node(new byte[16], head) { Child = agent };
        }

        // One read of every object, as validation reads every value once.
        long sum = 0;
        for (var agent = head; agent is not null; agent = agent.Next)
        {
            for (var node = agent.Child; node is not null; node = node.Next)
            {
                sum += node.Payload.Length + node.Payload[0];
            }
        }

        return sum;
    }

    private static int[] BuildSizes()
    {
        var sizes = new System.Collections.Generic.List<int>();
        for (var i = 0; i < 80; i++)
        {
            sizes.Add(i % 10 == 0 ? 200 : i % 3 == 0 ? 48 : 16);
        }

        return [.. sizes];
    }

    private sealed class Node(byte[] payload, Node? next)
    {
        public byte[] Payload { get; } = payload;

        public Node? Next { get; } = next;

        public Node? Child { get; init; }
    }
}
