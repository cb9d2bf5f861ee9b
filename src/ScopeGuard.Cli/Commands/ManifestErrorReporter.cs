using System.IO;
using System.Text;
using System.Text.Json;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Cli.Commands;

/// <summary>Reports an invalid manifest as SG0007 findings located in the file, and returns exit code 2.</summary>
internal static class ManifestErrorReporter
{
    public static int Report(CliContext context, ManifestLoadResult result, bool json)
    {
        if (json)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", JsonReporter.SchemaVersion);
                writer.WriteNull("agent");
                writer.WriteString("error", "manifest invalid");
                writer.WriteStartArray("findings");
                foreach (var error in result.Errors)
                {
                    JsonReporter.WriteFinding(writer, ToFinding(error));
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            context.Output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        }

        foreach (var error in result.Errors)
        {
            context.Error.WriteLine(error.ToString());
        }

        context.Error.WriteLine($"scopeguard: the manifest is invalid ({result.Errors.Count} error(s)); nothing was checked. See {DiagnosticIds.HelpUri(DiagnosticIds.ManifestInvalid)}");
        return ExitCodes.Error;
    }

    private static Finding ToFinding(ManifestError error) => new(
        DiagnosticIds.ManifestInvalid,
        FindingSeverity.Error,
        null,
        error.Path,
        error.Position.Line,
        error.Position.Column,
        null,
        "manifest",
        error.Message);
}
