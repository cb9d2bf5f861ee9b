namespace ScopeGuard.Core.Tests;

/// <summary>
/// The seeded property tests each keep a core busy for many seconds; they run alone, after the other
/// tests, so tests with a deadline (the wildmatch backtracking guards) never share the machine with them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeededPropertyTests
{
    public const string Name = "Seeded property tests";
}
