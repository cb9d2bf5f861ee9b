using System;
using System.IO;
using System.Linq;
using ScopeGuard.Core;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Cli.Reporting;

/// <summary>A pull-request comment or step summary: verdict, table of findings, how to fix.</summary>
internal static class MarkdownReporter
{
    public static void Write(TextWriter writer, CheckReport report, HelpLinks help)
    {
        var icon = report.Errors > 0 ? "❌" : report.Warnings > 0 ? "⚠️" : "✅";
        writer.WriteLine($"## {icon} ScopeGuard: {report.Verdict}");
        writer.WriteLine();
        var who = report.Agent is null ? "no agent" : $"agent **{Cell(report.Agent.Name)}**";
        writer.WriteLine($"{who} ({Cell(report.IdentityReason)}), mode `{Severities.Name(report.Mode)}`, judged by {Cell(report.ManifestLabel)}.");
        if (report.Range is { } range)
        {
            writer.WriteLine($"Checked {range.Commits} commit(s), `{Short(range.MergeBaseSha)}..{Short(range.HeadSha)}` ({Cell(range.BaseRef)}...{Cell(range.HeadRef)}): {report.FilesChecked} file(s), {report.Errors} error(s), {report.Warnings} warning(s).");
        }
        else
        {
            writer.WriteLine($"{report.FilesChecked} file(s) checked ({report.Source}): {report.Errors} error(s), {report.Warnings} warning(s).");
        }

        foreach (var note in report.Notes)
        {
            writer.WriteLine();
            writer.WriteLine($"> **Note:** {Cell(note)}");
        }

        if (report.Findings.Count == 0)
        {
            writer.WriteLine();
            writer.WriteLine("Everything changed is inside the agent's scope.");
            return;
        }

        var withCommits = report.Findings.Any(f => f.Commit is not null);
        writer.WriteLine();
        writer.WriteLine(withCommits ? "| | ID | Location | Symbol | Commit | Message |" : "| | ID | Location | Symbol | Message |");
        writer.WriteLine(withCommits ? "|---|---|---|---|---|---|" : "|---|---|---|---|---|");
        foreach (var finding in report.Findings)
        {
            var severity = Severities.Name(finding.Severity);
            var location = finding.Path is null ? string.Empty : $"`{Cell(finding.Path)}` ({finding.Line},{finding.Column})";
            var symbol = finding.Symbol is null ? string.Empty : $"`{Cell(finding.Symbol)}`";
            var commit = withCommits ? $" {(finding.Commit is null ? string.Empty : Short(finding.Commit))} |" : string.Empty;
            writer.WriteLine($"| {severity} | {Link(finding.Id, finding.Id, help)} | {location} | {symbol} |{commit} {Cell(finding.Message)} |");
        }

        writer.WriteLine();
        writer.WriteLine("### How to fix");
        writer.WriteLine();
        foreach (var id in report.Findings.Select(f => f.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal))
        {
            writer.WriteLine($"- **{id}** ({DiagnosticIds.Title(id)}): {DiagnosticIds.HowToFix(id)}.{(help.Published(id) is { } page ? $" [More]({page})" : string.Empty)}");
        }
    }

    // A comment or step summary is read on another machine: it links only to pages published on the web
    // (SCOPEGUARD_HELP_URL), never to this machine's files.
    private static string Link(string text, string id, HelpLinks help) => help.Published(id) is { } page ? $"[{text}]({page})" : text;

    private static string Short(string sha) => sha.Length > 10 ? sha[..10] : sha;

    // Table cells: no line breaks, no unescaped pipes.
    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
