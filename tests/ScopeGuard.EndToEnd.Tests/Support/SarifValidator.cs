using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ScopeGuard.EndToEnd.Tests.Support;

/// <summary>
/// Microsoft's SARIF validator (npm package @microsoft/sarif-multitool), run on ScopeGuard's output
/// with the default SARIF rules and GitHub's ingestion rules. .ci/run installs it and names it in
/// SCOPEGUARD_SARIF_MULTITOOL; elsewhere it is installed once into a cache folder with npm.
/// </summary>
internal static class SarifValidator
{
    private const string Version = "5.7.0";
    private static readonly Lazy<string> Tool = new(Locate);

    /// <summary>Validates a SARIF file and returns the error and warning results the validator reports.</summary>
    public static IReadOnlyList<string> Problems(string sarifFile, string workDirectory)
    {
        var output = Path.Combine(workDirectory, Path.GetFileNameWithoutExtension(sarifFile) + ".validation.sarif");
        var run = ProcessRunner.Run(
            Tool.Value,
            ["validate", sarifFile, "--output", output, "--log", "ForceOverwrite", "--rule-kind", "Sarif;Gh", "--level", "Error;Warning;Note"],
            workDirectory,
            new Dictionary<string, string?>
            {
                ["PATH"] = Environment.GetEnvironmentVariable("PATH"),
                ["HOME"] = workDirectory,
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            });
        if (run.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException($"the SARIF validator failed to run:\n{run}");
        }

        using var log = JsonDocument.Parse(File.ReadAllText(output));
        var problems = new List<string>();
        foreach (var result in log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
        {
            // Notes are advice (e.g. "provide version control provenance"); errors and warnings are defects.
            var level = result.TryGetProperty("level", out var l) ? l.GetString() : "warning";
            if (level is "error" or "warning")
            {
                var arguments = result.GetProperty("message").TryGetProperty("arguments", out var a) ? string.Join(" | ", a.EnumerateArray().Select(x => x.GetString())) : string.Empty;
                problems.Add($"{result.GetProperty("ruleId").GetString()} {level}: {arguments}");
            }
        }

        return problems;
    }

    private static string Locate()
    {
        var named = Environment.GetEnvironmentVariable("SCOPEGUARD_SARIF_MULTITOOL");
        if (!string.IsNullOrEmpty(named) && File.Exists(named))
        {
            return named;
        }

        var home = Environment.GetEnvironmentVariable("HOME") ?? Path.GetTempPath();
        var folder = Path.Combine(home, ".cache", "scopeguard-ci", "sarif");
        var binary = Path.Combine(folder, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");
        if (!File.Exists(binary))
        {
            Directory.CreateDirectory(folder);
            var install = ProcessRunner.Run(
                "npm",
                ["install", "--no-audit", "--no-fund", "--silent", $"@microsoft/sarif-multitool@{Version}"],
                folder,
                new Dictionary<string, string?> { ["PATH"] = Environment.GetEnvironmentVariable("PATH"), ["HOME"] = home });
            if (install.ExitCode != 0 || !File.Exists(binary))
            {
                throw new InvalidOperationException($"the SARIF validator is not installed and npm could not install it (run .ci/run, or npm install @microsoft/sarif-multitool@{Version}):\n{install}");
            }
        }

        // npm does not run the package's own chmod script unless allowed to.
        File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | UnixFileMode.UserExecute);
        return binary;
    }
}
