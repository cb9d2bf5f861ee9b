using System;

namespace ScopeGuard.Bench.Hello;

/// <summary>Prints one line and exits: the start-up cost every .NET command pays.</summary>
internal static class Program
{
    private static void Main() => Console.WriteLine("hello");
}
