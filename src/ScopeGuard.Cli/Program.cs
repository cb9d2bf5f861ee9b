using System;

namespace ScopeGuard.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var exitCode = CliApp.Run(args, CliContext.FromProcess());

        // A probe for start-up cost: which assemblies this command loaded (the hook's commands must not load
        // the semantic layer's: ScopeGuard.Workspace, MSBuild, Roslyn's workspaces).
        if (Environment.GetEnvironmentVariable("SCOPEGUARD_LIST_ASSEMBLIES") is "1" or "true")
        {
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                Console.Error.WriteLine($"scopeguard: loaded assembly {assembly.GetName().Name}");
            }
        }

        return exitCode;
    }
}
