using System;
using System.IO;
using System.Linq;
using System.Text;
using ScopeGuard.Core;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Cli.Reporting;

/// <summary>A pull-request comment or step summary: verdict, table of findings, how to fix.</summary>
/// <remarks>
/// File names, branch names and messages come from the change being judged, so they are text, never
/// markup: a path is shown as git quotes it inside a code span whose fence is longer than any run of
/// backticks in it, and every other piece of text escapes the characters Markdown (and GitHub's
/// flavour) would read as emphasis, links, images, HTML, entities, math or table cells.
/// </remarks>
internal static class MarkdownReporter
{
    public static void Write(TextWriter writer, CheckReport report, HelpLinks help)
    {
        var icon = report.Errors > 0 ? "❌" : report.Warnings > 0 ? "⚠️" : "✅";
        writer.WriteLine($"## {icon} ScopeGuard: {report.Verdict}");
        writer.WriteLine();
        var who = report.Agent is null ? "no agent" : $"agent **{Text(report.Agent.Name)}**";
        writer.WriteLine($"{who} ({Text(report.IdentityReason)}), mode `{Severities.Name(report.Mode)}`, judged by {Text(report.ManifestLabel)}.");
        if (report.Range is { } range)
        {
            writer.WriteLine($"Checked {range.Commits} commit(s), `{Short(range.MergeBaseSha)}..{Short(range.HeadSha)}` ({Text(range.BaseRef)}...{Text(range.HeadRef)}): {report.FilesChecked} file(s), {report.Errors} error(s), {report.Warnings} warning(s).");
        }
        else
        {
            writer.WriteLine($"{report.FilesChecked} file(s) checked ({report.Source}): {report.Errors} error(s), {report.Warnings} warning(s).");
        }

        foreach (var note in report.Notes)
        {
            writer.WriteLine();
            writer.WriteLine($"> **Note:** {Text(note)}");
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
            var location = finding.Path is null ? string.Empty : $"{Code(GitPathQuoting.Quote(finding.Path, report.QuotePath))} ({finding.Line},{finding.Column})";
            var symbol = finding.Symbol is null ? string.Empty : Code(finding.Symbol);
            var commit = withCommits ? $" {(finding.Commit is null ? string.Empty : Short(finding.Commit))} |" : string.Empty;
            writer.WriteLine($"| {severity} | {Link(finding.Id, finding.Id, help)} | {location} | {symbol} |{commit} {Text(finding.Message)} |");
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

    // Punctuation that can start markup somewhere in GitHub Markdown: emphasis and strikethrough
    // (* _ ~), code (`), links and images ([ ] ( ) !), HTML and autolinks (< >), entities (&), math ($),
    // table cells (|), and the escape itself (\). Escaped, each is shown as itself.
    private const string Markup = "\\`*_~[]()!<>&$|#{}";

    // Plain text in a table cell or a line: markup characters escaped, one line.
    internal static string Text(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '_' && i > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]))
            {
                // Between two letters or digits an underscore can neither open nor close emphasis
                // (CommonMark's flanking rules): GITHUB_HEAD_REF stays readable in the raw text.
                builder.Append(c);
            }
            else if (Markup.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\').Append(c);
            }
            else if (c is '\r' or '\n' or '\t')
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // A code span that nothing inside can close: the fence is one backtick longer than the longest
    // run of backticks in the text, with a space inside each end when the text starts or ends with a
    // backtick or a space (CommonMark strips one). A pipe is escaped for the table (GitHub reads \| in
    // a code span in a table as |); line breaks cannot occur: callers pass paths as git quotes them.
    internal static string Code(string text)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = text.Length > 0 && (text[0] is '`' or ' ' || text[^1] is '`' or ' ') ? " " : string.Empty;
        var body = text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        return fence + pad + body + pad + fence;
    }
}
