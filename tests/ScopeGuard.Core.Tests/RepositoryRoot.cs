namespace ScopeGuard.Core.Tests;

/// <summary>The checkout the tests were built from (<see cref="TestSupport.RepositoryRoot"/>), under the name these tests use.</summary>
internal static class RepositoryRoot
{
    public static string Find() => TestSupport.RepositoryRoot.Find();
}
