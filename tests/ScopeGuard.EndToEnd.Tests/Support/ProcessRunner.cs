using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace ScopeGuard.EndToEnd.Tests.Support;

/// <summary>What one process printed and returned.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Gets standard output and standard error together (git sends hook output to standard error).</summary>
    public string Output => Stdout + Stderr;

    public override string ToString() => $"$ {CommandLine}\nexit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs a real process with exactly the environment given (nothing inherited), and a time limit.</summary>
internal static class ProcessRunner
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public static ProcessResult Run(string fileName, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string?> environment, string? input = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            if (value is not null)
            {
                start.Environment[name] = value;
            }
        }

        var commandLine = $"{fileName} {string.Join(' ', start.ArgumentList)}  (in {workingDirectory})";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {commandLine}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish within {Limit.TotalSeconds} s");
        }

        process.WaitForExit();
        return new ProcessResult(commandLine, process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
