using System;
using System.IO;

namespace ScopeGuard.Cli;

/// <summary>What a command may touch of the outside world, injected so commands run in-process in tests.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, TextReader input, string currentDirectory, Func<string, string?> environment)
    {
        Output = output;
        Error = error;
        Input = input;
        CurrentDirectory = currentDirectory;
        Environment = environment;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public TextReader Input { get; }

    public string CurrentDirectory { get; }

    public Func<string, string?> Environment { get; }

    /// <summary>
    /// Gets how <c>check</c> opens the repository it judges (start folder, environment): git itself by
    /// default; tests of the command's own branches hand in another <see cref="ScopeGuard.Git.IGitRepository"/>.
    /// </summary>
    public Func<string, Func<string, string?>, ScopeGuard.Git.IGitRepository> OpenRepository { get; init; } =
        (directory, environment) => ScopeGuard.Git.GitWorkspace.Open(directory, environment);

    /// <summary>Gets a value indicating whether output may use ANSI colour: a terminal, and NO_COLOR unset.</summary>
    public bool Color { get; init; }

    /// <summary>Gets a value indicating whether standard error is a terminal (a progress bar may redraw a line there).</summary>
    public bool ErrorIsTerminal { get; init; }

    public static CliContext FromProcess() => new(
        Console.Out,
        Console.Error,
        Console.In,
        System.Environment.CurrentDirectory,
        System.Environment.GetEnvironmentVariable)
    {
        Color = !Console.IsOutputRedirected && string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("NO_COLOR")),
        ErrorIsTerminal = !Console.IsErrorRedirected,
    };
}
