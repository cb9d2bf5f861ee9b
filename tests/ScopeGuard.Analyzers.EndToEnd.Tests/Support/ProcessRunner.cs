using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace ScopeGuard.Analyzers.EndToEnd.Tests.Support;

internal sealed record ProcessResult(int ExitCode, string Output)
{
    public string Tail(int lines = 40) => string.Join("\n", Output.Split('\n').TakeLast(lines));
}

/// <summary>Runs dotnet and git as a user would, with an environment free of the test host's MSBuild and git variables.</summary>
internal static class ProcessRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static ProcessResult Run(string fileName, string arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };

        foreach (var name in start.Environment.Keys.ToList())
        {
            // The test host runs under MSBuild and dotnet test; a nested build must not inherit that, nor git state or an agent.
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("GIT_", StringComparison.Ordinal)
                || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || name is "SCOPEGUARD_AGENT" or "NUGET_PACKAGES" or "DOTNET_HOST_PATH")
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "ScopeGuard Tests";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "tests@scopeguard.invalid";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var stdout = Task.Run(() => Pump(process.StandardOutput, output));
        var stderr = Task.Run(() => Pump(process.StandardError, output));
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {arguments} did not finish in {Timeout}:\n{output}");
        }

        Task.WaitAll(stdout, stderr);
        return new ProcessResult(process.ExitCode, output.ToString());
    }

    public static ProcessResult Git(string workingDirectory, string arguments)
    {
        var result = Run("git", arguments, workingDirectory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {arguments} failed ({result.ExitCode}):\n{result.Output}");
        }

        return result;
    }

    private static void Pump(StreamReader reader, StringBuilder output)
    {
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }
    }
}
