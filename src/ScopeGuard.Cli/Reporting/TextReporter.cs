using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
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
            writer.WriteLine(FormatFinding(finding, color, report.QuotePath));
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

    // One finding, one line: the path as git quotes it (a name with a line break, a tab or an escape
    // sequence cannot split the line or drive the terminal), and no raw control character in the message.
    public static string FormatFinding(Finding finding, bool color, bool quotePath = false)
    {
        var severity = Severities.Name(finding.Severity);
        if (color)
        {
            severity = finding.Severity switch
            {
                FindingSeverity.Error => $"\u001b[31m{severity}\u001b[0m",
                FindingSeverity.Note => $"\u001b[36m{severity}\u001b[0m",
                _ => $"\u001b[33m{severity}\u001b[0m",
            };
        }

        var origin = finding.Path is null
            ? "scopeguard"
            : string.Create(CultureInfo.InvariantCulture, $"{GitPathQuoting.Quote(finding.Path, quotePath)}({finding.Line},{finding.Column})");
        var commit = finding.Commit is null ? string.Empty : $" [commit {finding.Commit[..Math.Min(10, finding.Commit.Length)]}]";
        return $"{origin}: {severity} {finding.Id}: {OneLine(finding.Message)}{commit}";
    }

    // Messages quote paths already (GitPathQuoting.InMessage); this catches any control character left.
    internal static string OneLine(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 || c == 0x7F)
            {
                var builder = new StringBuilder(text.Length + 8);
                foreach (var d in text)
                {
                    builder.Append(d < 0x20 || d == 0x7F ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)d:x2}") : d.ToString());
                }

                return builder.ToString();
            }
        }

        return text;
    }

    public static string Describe(AgentScope agent)
    {
        var paths = agent.Paths.Count == 0 ? "no paths" : string.Join(", ", agent.Paths.Select(p => p.Pattern.Text));
        var deny = agent.Deny.Count == 0 ? string.Empty : $"; never: {string.Join(", ", agent.Deny.Select(p => p.Pattern.Text))}";
        return paths + deny;
    }
}
