using System.Collections.Generic;
using System.IO;
using ScopeGuard.Cli;

namespace ScopeGuard.Workspace.Tests.Support;

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>Runs the CLI in-process (the semantic layer then shares the test process's MSBuild registration).</summary>
internal static class InProcessCli
{
    public static CliResult Run(string currentDirectory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(string.Empty);
        var environment = new Dictionary<string, string>();
        var context = new CliContext(output, error, input, currentDirectory, name => environment.GetValueOrDefault(name));
        var exitCode = CliApp.Run(args, context);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
