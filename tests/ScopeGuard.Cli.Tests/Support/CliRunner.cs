using System.IO;

namespace ScopeGuard.Cli.Tests.Support;

/// <summary>What one in-process run of the CLI printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);

    public string[] OutputLines => Output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Gets everything printed, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}--- stderr ---\n{Error}";
}

/// <summary>Runs <see cref="CliApp.Run"/> in-process with an isolated context: no variable of the test process leaks in.</summary>
internal static class CliRunner
{
    public static CliResult Run(string currentDirectory, params string[] args) => RunWithInput(currentDirectory, string.Empty, args);

    /// <summary>Runs with <paramref name="repository"/> behind the git seam instead of a real repository; counts how often it was opened.</summary>
    public static CliResult RunWith(ScopeGuard.Git.IGitRepository repository, out int opened, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(string.Empty);
        var count = 0;
        var context = new CliContext(output, error, reader, System.IO.Path.GetTempPath(), _ => null)
        {
            OpenRepository = (_, _) =>
            {
                count++;
                return repository;
            },
        };
        var exitCode = CliApp.Run(args, context);
        opened = count;
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs with <paramref name="input"/> as standard input.</summary>
    public static CliResult RunWithInput(string currentDirectory, string input, params string[] args) =>
        RunWithEnvironment(currentDirectory, new System.Collections.Generic.Dictionary<string, string>(), input, args);

    /// <summary>Runs with these environment variables (and no other) and <paramref name="input"/> as standard input.</summary>
    public static CliResult RunWithEnvironment(string currentDirectory, System.Collections.Generic.IReadOnlyDictionary<string, string> environment, string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var context = new CliContext(
            output,
            error,
            reader,
            currentDirectory,
            name => environment.TryGetValue(name, out var value) ? value : null);
        var exitCode = CliApp.Run(args, context);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
