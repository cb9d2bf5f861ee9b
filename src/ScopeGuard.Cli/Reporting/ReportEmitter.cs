using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Cli.Reporting;

/// <summary>
/// Writes each report in every requested format, to standard output or its file: check results and an
/// invalid manifest alike, so a script reading <c>--format json</c> (or SARIF, GitHub, Markdown) always
/// gets a document, whichever source of changes was checked.
/// </summary>
internal sealed class ReportEmitter
{
    private readonly CliContext context;
    private readonly List<(string Format, string? File)> outputs;

    private ReportEmitter(CliContext context, List<(string Format, string? File)> outputs)
    {
        this.context = context;
        this.outputs = outputs;
    }

    /// <summary>
    /// Pairs each <c>--output</c> with the <c>--format</c> before it, in command-line order, and refuses
    /// before anything runs an output that cannot be written (a missing folder, a folder).
    /// </summary>
    public static ReportEmitter FromCommandLine(ParseResult parseResult, CliContext context)
    {
        var pairs = new List<(string Format, string? File)>();
        string? pendingOutput = null;
        var tokens = parseResult.Tokens;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            var name = tokens[i].Value;
            var value = tokens[i + 1].Value;
            if (name == "--format")
            {
                pairs.Add((value, pendingOutput));
                pendingOutput = null;
                i++;
            }
            else if (name == "--output")
            {
                if (pairs.Count > 0 && pairs[^1].File is null)
                {
                    pairs[^1] = (pairs[^1].Format, value);
                }
                else if (pairs.Count == 0 && pendingOutput is null)
                {
                    pendingOutput = value;
                }
                else
                {
                    throw new ScopeGuardException($"--output {value} has no --format of its own before it: write --format FORMAT --output FILE for each report");
                }

                i++;
            }
        }

        if (pairs.Count == 0)
        {
            pairs.Add(("text", pendingOutput));
        }
        else if (pendingOutput is not null)
        {
            throw new ScopeGuardException($"--output {pendingOutput} comes before any --format: write --format FORMAT --output FILE");
        }

        if (pairs.Count(p => p.File is null) > 1)
        {
            throw new ScopeGuardException("only one report can go to standard output: give the other formats an --output FILE each");
        }

        foreach (var file in pairs.Select(p => p.File).OfType<string>())
        {
            var full = Path.GetFullPath(Path.Combine(context.CurrentDirectory, file));
            if (Directory.Exists(full))
            {
                throw new ScopeGuardException($"--output {file} is a folder: name a file to write the report to");
            }

            if (!Directory.Exists(Path.GetDirectoryName(full)))
            {
                throw new ScopeGuardException($"--output {file}: the folder '{Path.GetDirectoryName(full)}' does not exist; create it first");
            }
        }

        return new ReportEmitter(context, pairs);
    }

    /// <summary>Writes one check's report in every format.</summary>
    public void Emit(CheckReport report)
    {
        foreach (var (format, file) in outputs)
        {
            if (file is null)
            {
                if (report.Error is null || format != "text")
                {
                    Write(context.Output, report, format, context.Color);
                }

                continue;
            }

            var full = Path.GetFullPath(Path.Combine(context.CurrentDirectory, file));
            using (var writer = new StreamWriter(full, append: false, new UTF8Encoding(false)))
            {
                Write(writer, report, format, color: false);
            }

            if (outputs.All(o => o.File is not null) && report.Error is null)
            {
                context.Output.WriteLine($"scopeguard: {report.Errors} error(s), {report.Warnings} warning(s); {report.Verdict}; {format} report written to {file}");
            }
        }
    }

    /// <summary>
    /// Reports an invalid manifest: SG0007 findings located in the file, in every requested format, and
    /// on standard error in compiler format. Returns exit code 2.
    /// </summary>
    public int EmitManifestErrors(ManifestLoadResult load, string manifestLabel, string source)
    {
        Emit(ManifestErrorReport(load, manifestLabel, source));
        return ReportManifestErrors(context, load);
    }

    /// <summary>
    /// Reports an invalid manifest for the commands that print one report (<c>lint</c>, <c>which</c>):
    /// the same JSON document as <c>check</c> on standard output when <paramref name="json"/>, and the
    /// errors in compiler format on standard error. Returns exit code 2.
    /// </summary>
    public static int ReportManifestErrors(CliContext context, ManifestLoadResult load, string manifestLabel, string source, bool json)
    {
        if (json)
        {
            JsonReporter.Write(context.Output, ManifestErrorReport(load, manifestLabel, source), HelpLinks.From(context));
        }

        return ReportManifestErrors(context, load);
    }

    /// <summary>As <see cref="ReportManifestErrors(CliContext, ManifestLoadResult, string, string, bool)"/>, with the report on standard output as JSON or SARIF when <paramref name="format"/> says so.</summary>
    public static int ReportManifestErrors(CliContext context, ManifestLoadResult load, string manifestLabel, string source, string format)
    {
        if (format == "sarif")
        {
            SarifReporter.Write(context.Output, ManifestErrorReport(load, manifestLabel, source), HelpLinks.From(context));
            return ReportManifestErrors(context, load);
        }

        return ReportManifestErrors(context, load, manifestLabel, source, format == "json");
    }

    private static CheckReport ManifestErrorReport(ManifestLoadResult load, string manifestLabel, string source) =>
        new(source, manifestLabel, null, "not decided: the manifest is invalid", null, ScopeMode.Block, 0, load.Errors.Select(ToFinding).ToList())
        {
            Error = "manifest invalid",
        };

    private static int ReportManifestErrors(CliContext context, ManifestLoadResult load)
    {
        foreach (var error in load.Errors)
        {
            context.Error.WriteLine(error.ToString());
        }

        context.Error.WriteLine($"scopeguard: the manifest is invalid ({load.Errors.Count} error(s)); nothing was checked. See {HelpLinks.From(context).For(DiagnosticIds.ManifestInvalid)}");
        return ExitCodes.Error;
    }

    private void Write(TextWriter writer, CheckReport report, string format, bool color)
    {
        var help = HelpLinks.From(context);
        switch (format)
        {
            case "json": JsonReporter.Write(writer, report, help); break;
            case "sarif": SarifReporter.Write(writer, report, help); break;
            case "github": GitHubReporter.Write(writer, report, context.Environment("GITHUB_STEP_SUMMARY"), help); break;
            case "markdown": MarkdownReporter.Write(writer, report, help); break;
            default: TextReporter.Write(writer, report, color, help); break;
        }
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
        error.Message)
    {
        End = error.End == error.Position ? null : error.End,
        Related = error.Related,
    };
}
