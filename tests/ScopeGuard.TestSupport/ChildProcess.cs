using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace ScopeGuard.TestSupport;

/// <summary>What one child process printed and returned.</summary>
/// <param name="CommandLine">The command, its arguments and its working directory, for messages.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Standard output, exactly as printed.</param>
/// <param name="Stderr">Standard error, exactly as printed.</param>
/// <param name="Interleaved">Both streams line by line, in the order the lines arrived (each line ends in <c>\n</c>).</param>
public sealed record ChildProcessResult(string CommandLine, int ExitCode, string Stdout, string Stderr, string Interleaved);

/// <summary>Runs a real process with exactly the environment given (nothing inherited), no input but what is given, and a time limit.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="fileName"/> with each argument passed as it is.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="environment">Every variable the process gets (a null value is left out).</param>
    /// <param name="limit">How long it may run before it is killed.</param>
    /// <param name="input">What to write to its standard input, which is closed after.</param>
    /// <returns>What it printed and returned.</returns>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="limit"/>.</exception>
    public static ChildProcessResult Run(string fileName, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan limit, string? input = null)
    {
        var start = new ProcessStartInfo(fileName);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Run(start, string.Join(' ', start.ArgumentList), workingDirectory, environment, limit, input);
    }

    /// <summary>Runs <paramref name="fileName"/> with a command line that the platform splits into arguments.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">The arguments as one string, quoted where needed.</param>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="environment">Every variable the process gets (a null value is left out).</param>
    /// <param name="limit">How long it may run before it is killed.</param>
    /// <param name="input">What to write to its standard input, which is closed after.</param>
    /// <returns>What it printed and returned.</returns>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="limit"/>.</exception>
    public static ChildProcessResult Run(string fileName, string arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan limit, string? input = null) =>
        Run(new ProcessStartInfo(fileName, arguments), arguments, workingDirectory, environment, limit, input);

    private static ChildProcessResult Run(ProcessStartInfo start, string arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan limit, string? input)
    {
        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            if (value is not null)
            {
                start.Environment[name] = value;
            }
        }

        var commandLine = $"{start.FileName} {arguments}  (in {workingDirectory})";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {commandLine}");
        var interleaved = new StringBuilder();
        var stdout = Task.Run(() => Pump(process.StandardOutput, interleaved));
        var stderr = Task.Run(() => Pump(process.StandardError, interleaved));
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish within {limit.TotalSeconds} s:\n{Locked(interleaved)}");
        }

        process.WaitForExit();
        return new ChildProcessResult(commandLine, process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult(), Locked(interleaved));
    }

    private static string Locked(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }

    // Reads one stream to its end, keeping it exactly, and adds each whole line (as ReadLine splits them) to the shared log.
    private static string Pump(StreamReader reader, StringBuilder interleaved)
    {
        var all = new StringBuilder();
        var line = new StringBuilder();
        var buffer = new char[4096];
        var afterCarriageReturn = false;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            all.Append(buffer, 0, read);
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (c == '\n' && afterCarriageReturn)
                {
                    afterCarriageReturn = false;
                    continue;
                }

                afterCarriageReturn = c == '\r';
                if (c is '\n' or '\r')
                {
                    AppendLine(interleaved, line);
                }
                else
                {
                    line.Append(c);
                }
            }
        }

        if (line.Length > 0)
        {
            AppendLine(interleaved, line);
        }

        return all.ToString();
    }

    private static void AppendLine(StringBuilder interleaved, StringBuilder line)
    {
        lock (interleaved)
        {
            interleaved.Append(line).Append('\n');
        }

        line.Clear();
    }
}
