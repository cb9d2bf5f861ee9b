using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ScopeGuard.Core;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Cli.Reporting;

/// <summary>SARIF 2.1.0, as GitHub code scanning and other SARIF consumers ingest it.</summary>
internal static class SarifReporter
{
    private const string SourceRoot = "%SRCROOT%";

    public static void Write(TextWriter writer, CheckReport report, HelpLinks help)
    {
        var version = typeof(SarifReporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "ScopeGuard");
            json.WriteString("version", version);
            json.WriteString("semanticVersion", version);
            if (help.Information is { } information)
            {
                json.WriteString("informationUri", information);
            }

            json.WriteStartArray("rules");
            foreach (var id in DiagnosticIds.All)
            {
                WriteRule(json, id, help);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            if (report.RepositoryRoot is not null)
            {
                json.WriteStartObject("originalUriBaseIds");
                json.WriteStartObject(SourceRoot);
                json.WriteString("uri", new Uri(report.RepositoryRoot.TrimEnd('/') + "/").AbsoluteUri);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteStartObject("automationDetails");
            json.WriteString("id", report.Source == "lint" ? "scopeguard/lint/" : $"scopeguard/{report.Agent?.Name ?? "unknown"}/");
            json.WriteEndObject();
            json.WriteString("columnKind", "utf16CodeUnits");

            json.WriteStartArray("results");
            var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var finding in report.Findings)
            {
                WriteResult(json, finding, occurrences);
            }

            json.WriteEndArray();

            json.WriteStartObject("properties");
            json.WriteString("agent", report.Agent?.Name);
            json.WriteString("identity", report.IdentityReason);
            json.WriteString("manifest", report.ManifestLabel);
            json.WriteString("mode", Severities.Name(report.Mode));
            json.WriteEndObject();

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteRule(Utf8JsonWriter json, string id, HelpLinks help)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("name", RuleName(id));
        json.WriteStartObject("shortDescription");
        json.WriteString("text", DiagnosticIds.Title(id));
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", DiagnosticIds.Description(id));
        json.WriteEndObject();
        json.WriteStartObject("help");
        json.WriteString("text", $"{DiagnosticIds.Description(id)} How to fix: {DiagnosticIds.HowToFix(id).Replace("`", string.Empty, StringComparison.Ordinal)}.");
        // A SARIF log is read elsewhere (code scanning): it links only to a page published on the web
        // (SCOPEGUARD_HELP_URL) and otherwise carries the page itself.
        var published = help.Published(id);
        json.WriteString("markdown", published is not null
            ? $"{DiagnosticIds.Description(id)}\n\n**How to fix:** {DiagnosticIds.HowToFix(id)}.\n\n[{id}]({published})"
            : help.InstalledText(id) ?? $"{DiagnosticIds.Description(id)}\n\n**How to fix:** {DiagnosticIds.HowToFix(id)}.");
        json.WriteEndObject();
        if (published is not null)
        {
            json.WriteString("helpUri", published);
        }

        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", id is DiagnosticIds.ScopesOverlap or DiagnosticIds.PatternMatchesNothing or DiagnosticIds.PatternAmbiguous or DiagnosticIds.BranchRefConflict or DiagnosticIds.ProtectedGranted or DiagnosticIds.DenyWithoutEffect or DiagnosticIds.PathsAllDenied ? "warning" : "error");
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("category", DiagnosticIds.Category);
        json.WriteStartArray("tags");
        json.WriteStringValue("scope");
        json.WriteStringValue("agents");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, Dictionary<string, int> occurrences)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Id);
        json.WriteNumber("ruleIndex", IndexOf(finding.Id));
        json.WriteString("level", Severities.Name(finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", finding.Message);
        json.WriteEndObject();
        if (finding.Path is not null)
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", RelativeUri(finding.Path));
            json.WriteString("uriBaseId", SourceRoot);
            json.WriteEndObject();
            WriteRegion(json, finding);
            json.WriteEndObject();
            if (finding.Symbol is not null)
            {
                json.WriteStartArray("logicalLocations");
                json.WriteStartObject();
                json.WriteString("fullyQualifiedName", finding.Symbol);
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndArray();
            WriteRelated(json, finding);
        }

        // Stable across runs: what the finding is about, not where its line happens to be today.
        var key = $"{finding.Id}|{finding.Agent}|{finding.Path}|{finding.Symbol}|{finding.Rule}";
        occurrences[key] = occurrences.TryGetValue(key, out var seen) ? seen + 1 : 1;
        var hash = Convert.ToHexStringLower(SHA256.HashData(GitPathEncoding.Encode($"{key}|{occurrences[key]}")));
        json.WriteStartObject("partialFingerprints");
        json.WriteString("scopeguardFinding/v1", hash);
        json.WriteEndObject();

        json.WriteStartObject("properties");
        json.WriteString("agent", finding.Agent);
        json.WriteString("rule", finding.Rule);
        if (finding.Symbol is not null)
        {
            json.WriteString("symbol", finding.Symbol);
        }

        if (finding.Commit is not null)
        {
            json.WriteString("commit", finding.Commit);
        }

        if (finding.Removal is { } removal)
        {
            // Where the removed declaration stood: in the base file, which the region cannot name.
            json.WriteStartObject("removed");
            json.WriteNumber("oldLine", removal.OldPosition.Line);
            json.WriteNumber("oldColumn", removal.OldPosition.Column);
            json.WriteString("container", removal.Container?.ToString());
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    // A region in the head file. A removed declaration is not there, and its old line may hold another
    // declaration now, so its region is never that line: it is the identifier of the container it was
    // removed from (the container changed: it lost a member), or, when nothing that contained it is
    // left (or the file was deleted), an empty region at the start of the file, which belongs to no
    // declaration. The message says it was removed and where it stood.
    private static void WriteRegion(Utf8JsonWriter json, Finding finding)
    {
        var line = Math.Max(1, finding.Line);
        var column = Math.Max(1, finding.Column);
        json.WriteStartObject("region");
        json.WriteNumber("startLine", line);
        json.WriteNumber("startColumn", column);
        if (finding.Removal is { } removal)
        {
            json.WriteNumber("endLine", line);
            json.WriteNumber("endColumn", column + removal.ContainerNameLength);
        }
        else if (finding.End is { } end)
        {
            json.WriteNumber("endLine", end.Line);
            json.WriteNumber("endColumn", end.Column);
        }

        json.WriteEndObject();
    }

    // The first of two duplicates (a manifest key, an agent, a list item, a branch claimed twice).
    private static void WriteRelated(Utf8JsonWriter json, Finding finding)
    {
        if (finding.Related is not { } related || finding.Path is null)
        {
            return;
        }

        json.WriteStartArray("relatedLocations");
        json.WriteStartObject();
        json.WriteNumber("id", 1);
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", RelativeUri(finding.Path));
        json.WriteString("uriBaseId", SourceRoot);
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", related.Start.Line);
        json.WriteNumber("startColumn", related.Start.Column);
        json.WriteNumber("endLine", related.End.Line);
        json.WriteNumber("endColumn", related.End.Column);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("message");
        json.WriteString("text", "the first declaration");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static int IndexOf(string id)
    {
        for (var i = 0; i < DiagnosticIds.All.Count; i++)
        {
            if (DiagnosticIds.All[i] == id)
            {
                return i;
            }
        }

        return -1;
    }

    // Percent-encode each segment of a repository-relative path (spaces, '#', '%', unicode).
    // Percent-encoded UTF-8, as RFC 3986 wants; a byte that is not UTF-8 is percent-encoded as itself (%FF).
    private static string RelativeUri(string path)
    {
        var uri = new StringBuilder(path.Length + 8);
        foreach (var b in GitPathEncoding.Encode(path))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' or (byte)'/')
            {
                uri.Append((char)b);
            }
            else
            {
                uri.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return uri.ToString();
    }

    private static string RuleName(string id) => id switch
    {
        DiagnosticIds.PathOutOfScope => "PathOutOfScope",
        DiagnosticIds.SymbolOutOfScope => "SymbolOutOfScope",
        DiagnosticIds.SignatureChanged => "SignatureChangedInBodyScope",
        DiagnosticIds.ProtectedPath => "ProtectedPathChanged",
        DiagnosticIds.ProtectedBranch => "ProtectedBranchCommit",
        DiagnosticIds.UnknownAgent => "UnknownAgent",
        DiagnosticIds.ManifestInvalid => "ManifestInvalid",
        DiagnosticIds.ScopesOverlap => "ScopesOverlap",
        DiagnosticIds.PatternMatchesNothing => "PatternMatchesNothing",
        DiagnosticIds.PatternAmbiguous => "SymbolPatternAmbiguous",
        DiagnosticIds.BranchRefConflict => "BranchPatternsGitCannotHold",
        DiagnosticIds.ProtectedGranted => "ProtectedPathOrBranchGranted",
        DiagnosticIds.DenyWithoutEffect => "DenyWithoutEffect",
        DiagnosticIds.PathsAllDenied => "PathsAllDenied",
        _ => id,
    };
}
