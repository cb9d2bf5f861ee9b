using System;
using System.Globalization;
using System.IO;
using System.Linq;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Cli.Reporting;

/// <summary>Compiler-format lines (<c>path(line,col): error SG0001: …</c>) and a short summary.</summary>
internal static class TextReporter
{
    public static void Write(TextWriter writer, CheckReport report, bool color, HelpLinks help)
    {
        foreach (var finding in report.Findings)
        {
            writer.WriteLine(FormatFinding(finding, color));
        }

        var who = report.Agent is null
            ? $"no agent ({report.IdentityReason})"
            : $"agent '{report.Agent.Name}' ({report.IdentityReason})";
        writer.WriteLine($"scopeguard: {who}; mode {Severities.Name(report.Mode)}; judged by {report.ManifestLabel}");
        if (report.Agent is not null)
        {
            writer.WriteLine($"  may write: {Describe(report.Agent)}");
        }

        var verdict = report.Verdict;
        foreach (var note in report.Notes)
        {
            writer.WriteLine($"  note: {note}");
        }

        writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {report.FilesChecked} file(s) checked ({report.Source}): {report.Errors} error(s), {report.Warnings} warning(s); {verdict}"));
        if (report.Findings.Count > 0)
        {
            var ids = string.Join(", ", report.Findings.Select(f => f.Id).Distinct().OrderBy(i => i, System.StringComparer.Ordinal));
            writer.WriteLine($"  help: {string.Join(" ", report.Findings.Select(f => f.Id).Distinct().OrderBy(i => i, System.StringComparer.Ordinal).Select(help.For))} ({ids})");
        }
    }

    public static string FormatFinding(Finding finding, bool color)
    {
        var severity = Severities.Name(finding.Severity);
        if (color)
        {
            severity = finding.Severity == FindingSeverity.Error ? $"\u001b[31m{severity}\u001b[0m" : $"\u001b[33m{severity}\u001b[0m";
        }

        var origin = finding.Path is null
            ? "scopeguard"
            : string.Create(CultureInfo.InvariantCulture, $"{finding.Path}({finding.Line},{finding.Column})");
        var commit = finding.Commit is null ? string.Empty : $" [commit {finding.Commit[..Math.Min(10, finding.Commit.Length)]}]";
        return $"{origin}: {severity} {finding.Id}: {finding.Message}{commit}";
    }

    public static string Describe(AgentScope agent)
    {
        var paths = agent.Paths.Count == 0 ? "no paths" : string.Join(", ", agent.Paths.Select(p => p.Pattern.Text));
        var deny = agent.Deny.Count == 0 ? string.Empty : $"; never: {string.Join(", ", agent.Deny.Select(p => p.Pattern.Text))}";
        return paths + deny;
    }
}
