using System.IO;
using System.Text.Json;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Cli.Reporting;

/// <summary>
/// The stable JSON shape of <c>check --format json</c> (documented in docs/cli.md):
/// top level <c>version</c>, <c>agent</c>, <c>identity</c>, <c>branch</c>, <c>mode</c>, <c>manifest</c>,
/// <c>source</c>, <c>filesChecked</c>, <c>errors</c>, <c>warnings</c>, <c>findings</c>; each finding
/// <c>id</c>, <c>severity</c>, <c>path</c>, <c>line</c>, <c>column</c>, <c>symbol</c>, <c>rule</c>, <c>message</c>, <c>helpUri</c>,
/// and for a removed declaration <c>removed</c> (<c>oldLine</c>, <c>oldColumn</c>, <c>container</c>).
/// </summary>
internal static class JsonReporter
{
    public const int SchemaVersion = 1;

    public static void Write(TextWriter writer, CheckReport report, HelpLinks help)
    {
        JsonOutput.Write(writer, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", SchemaVersion);
            WriteNullable(json, "agent", report.Agent?.Name);
            if (report.Error is not null)
            {
                json.WriteString("error", report.Error);
            }

            json.WriteString("identity", report.IdentityReason);
            WriteNullable(json, "branch", report.Branch);
            json.WriteString("mode", Severities.Name(report.Mode));
            json.WriteString("manifest", report.ManifestLabel);
            json.WriteString("source", report.Source);
            json.WriteNumber("filesChecked", report.FilesChecked);
            if (report.Range is { } range)
            {
                json.WriteStartObject("range");
                json.WriteString("base", range.BaseRef);
                json.WriteString("baseCommit", range.BaseSha);
                json.WriteString("head", range.HeadRef);
                json.WriteString("headCommit", range.HeadSha);
                json.WriteString("mergeBase", range.MergeBaseSha);
                json.WriteNumber("commits", range.Commits);
                json.WriteEndObject();
            }

            json.WriteStartArray("notes");
            foreach (var note in report.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteNumber("errors", report.Errors);
            json.WriteNumber("warnings", report.Warnings);
            json.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                WriteFinding(json, finding, help);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public static void WriteFinding(Utf8JsonWriter json, Finding finding, HelpLinks help)
    {
        json.WriteStartObject();
        json.WriteString("id", finding.Id);
        json.WriteString("severity", Severities.Name(finding.Severity));
        WriteNullable(json, "path", finding.Path is null ? null : GitPathQuoting.ForMachine(finding.Path));
        json.WriteNumber("line", finding.Line);
        json.WriteNumber("column", finding.Column);
        if (finding.End is { } end)
        {
            // Where the manifest value ends (the position after its closing quote or bracket).
            json.WriteNumber("endLine", end.Line);
            json.WriteNumber("endColumn", end.Column);
        }

        if (finding.Related is { } related)
        {
            // The first of two duplicates, in the same file.
            json.WriteStartObject("related");
            json.WriteNumber("line", related.Start.Line);
            json.WriteNumber("column", related.Start.Column);
            json.WriteNumber("endLine", related.End.Line);
            json.WriteNumber("endColumn", related.End.Column);
            json.WriteEndObject();
        }

        WriteNullable(json, "symbol", finding.Symbol);
        json.WriteString("rule", finding.Rule);
        json.WriteString("message", finding.Message);
        json.WriteString("helpUri", help.For(finding.Id));
        WriteNullable(json, "commit", finding.Commit);
        if (finding.Removal is { } removal)
        {
            // A removed declaration is located at its surviving container (or 1:1); where it stood
            // is in the base file.
            json.WriteStartObject("removed");
            json.WriteNumber("oldLine", removal.OldPosition.Line);
            json.WriteNumber("oldColumn", removal.OldPosition.Column);
            WriteNullable(json, "container", removal.Container?.ToString());
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    public static void WriteNullable(Utf8JsonWriter json, string name, string? value) => JsonOutput.WriteNullable(json, name, value);
}
