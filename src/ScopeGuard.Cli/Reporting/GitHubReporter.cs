using System;
using System.IO;
using System.Linq;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Cli.Reporting;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=…,line=…::…</c>). GitHub shows at most 10
/// error and 10 warning annotations per step, so the rest are summarized in one line and the full
/// table goes to the step summary (<c>GITHUB_STEP_SUMMARY</c>) when it is set.
/// </summary>
internal static class GitHubReporter
{
    public const int MaxAnnotationsPerLevel = 10;

    public static void Write(TextWriter writer, CheckReport report, string? stepSummaryFile, HelpLinks help)
    {
        foreach (var note in report.Notes)
        {
            writer.WriteLine($"::warning title=ScopeGuard::{Escape(note)}");
        }

        var errors = report.Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        var warnings = report.Findings.Where(f => f.Severity == FindingSeverity.Warning).ToList();
        var notes = report.Findings.Where(f => f.Severity == FindingSeverity.Note).ToList();
        foreach (var finding in errors.Take(MaxAnnotationsPerLevel).Concat(warnings.Take(MaxAnnotationsPerLevel)).Concat(notes.Take(MaxAnnotationsPerLevel)))
        {
            writer.WriteLine(Annotation(finding));
        }

        var hidden = Math.Max(0, errors.Count - MaxAnnotationsPerLevel) + Math.Max(0, warnings.Count - MaxAnnotationsPerLevel) + Math.Max(0, notes.Count - MaxAnnotationsPerLevel);
        if (hidden > 0)
        {
            writer.WriteLine($"::notice title=ScopeGuard::{Escape($"{hidden} more finding(s) are not annotated (GitHub shows 10 errors and 10 warnings per step); see the step summary or the SARIF report.")}");
        }

        writer.WriteLine($"ScopeGuard: {report.Errors} error(s), {report.Warnings} warning(s); {report.Verdict}");
        if (!string.IsNullOrEmpty(stepSummaryFile))
        {
            using var summary = new StreamWriter(stepSummaryFile, append: true, new System.Text.UTF8Encoding(false));
            MarkdownReporter.Write(summary, report, help);
        }
    }

    public static string Annotation(Finding finding)
    {
        // GitHub's workflow command for a note is "notice".
        var command = finding.Severity == FindingSeverity.Note ? "notice" : Severities.Name(finding.Severity);
        var properties = finding.Path is null
            ? $"title={Property(finding.Id)}"
            : $"file={Property(GitPathQuoting.ForMachine(finding.Path))},{Position(finding)},title={Property(finding.Id)}";
        return $"::{command} {properties}::{Escape(finding.Message)}";
    }

    // A removed declaration is annotated at the identifier of the container it was removed from, or
    // at line 1 without a column when nothing that contained it is left: never at its old line, which
    // may hold another declaration now. The message says where it stood.
    private static string Position(Finding finding) => finding.Removal switch
    {
        // A manifest value: its span (GitHub takes endColumn only on a one-line span).
        null when finding.End is { } end && end.Line == finding.Line => $"line={finding.Line},col={finding.Column},endLine={end.Line},endColumn={end.Column}",
        null when finding.End is { } end => $"line={finding.Line},col={finding.Column},endLine={end.Line}",
        null => $"line={finding.Line},col={finding.Column}",
        { Container: null } => $"line={finding.Line}",
        { } removal => $"line={finding.Line},col={finding.Column},endColumn={finding.Column + removal.ContainerNameLength}",
    };

    // Workflow command escaping: data escapes %, CR and LF; properties also ':' and ','.
    public static string Escape(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string Property(string value) =>
        Escape(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
