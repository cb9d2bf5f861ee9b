using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using ScopeGuard.Cli.Checking;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary><c>scopeguard lint</c>: validates the manifest, and checks its member patterns against the declarations at HEAD.</summary>
internal sealed class LintCommand : Command
{
    public LintCommand(CliContext context)
        : base("lint", "Validate the manifest (syntax, keys, patterns, branch claims) and warn about member patterns that match no declaration at HEAD (SG0101) or more than one (SG0102).")
    {
        Options.Add(ManifestOption);
        Options.Add(Format);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<string?> ManifestOption { get; } = CommonOptions.Manifest();

    internal Option<string> Format { get; } = CommonOptions.Format("text", "json");

    private static Finding ToFinding(ManifestWarning warning) => new(
        warning.Id, FindingSeverity.Warning, null, warning.Path, warning.Position.Line, warning.Position.Column, null, "manifest", warning.Message);

    // The member patterns (M:, P:, F:, E:) of every agent against HEAD's C# files; nothing is read when
    // there are none.
    private static (IReadOnlyList<Finding> Findings, string? Note) CheckPatterns(ScopeManifest manifest, GitWorkspace? workspace)
    {
        var any = manifest.Agents.Any(a => a.Symbols.Edit.Concat(a.Symbols.Body).Concat(a.Symbols.Extend).Concat(a.Symbols.ReadOnly)
            .Any(e => e.Pattern.Kind is not (SymbolKind.Namespace or SymbolKind.Type)));
        if (!any)
        {
            return ([], null);
        }

        if (workspace?.HeadSha is not { } head)
        {
            return ([], "member patterns were not checked against declarations: no repository with a commit here");
        }

        var declarations = RepositoryTypes.Declarations(workspace, head).SelectMany(f => f.Set.Declarations).Select(d => d.Id).ToList();
        return (PatternCoverage.Check(manifest, declarations), null);
    }

    private int Execute(ParseResult parseResult, CliContext context)
    {
        var manifestOption = parseResult.GetValue(ManifestOption);
        GitWorkspace? workspace = null;
        try
        {
            try
            {
                workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
            }
            catch (ScopeGuardException) when (manifestOption is not null)
            {
                // A manifest file can be linted anywhere.
            }

            var (load, _, label) = ManifestSource.LoadForQuery(manifestOption, workspace, context.CurrentDirectory);
            if (load.Manifest is null)
            {
                return ReportEmitter.ReportManifestErrors(context, load, label, "lint", parseResult.GetValue(Format) == "json");
            }

            // A valid manifest may still hold entries that cannot be used as written (SG0103), and member
            // patterns that match nothing at HEAD or are ambiguous (SG0101, SG0102): warnings, exit 0.
            var (patternFindings, note) = CheckPatterns(load.Manifest, workspace);
            var findings = ManifestLint.Check(load.Manifest).Select(ToFinding).Concat(patternFindings).ToList();
            if (parseResult.GetValue(Format) == "json")
            {
                // The shape of every manifest report (check's and lint's errors alike), with what lint adds.
                var agents = load.Manifest.Agents.Count;
                var help = HelpLinks.From(context);
                JsonOutput.Write(context.Output, json =>
                {
                    json.WriteStartObject();
                    json.WriteNumber("version", JsonReporter.SchemaVersion);
                    json.WriteString("manifest", label);
                    json.WriteString("source", "lint");
                    json.WriteBoolean("valid", true);
                    json.WriteNumber("agents", agents);
                    json.WriteNumber("errors", 0);
                    json.WriteNumber("warnings", findings.Count);
                    json.WriteStartArray("findings");
                    foreach (var finding in findings)
                    {
                        JsonReporter.WriteFinding(json, finding, help);
                    }

                    json.WriteEndArray();
                    JsonOutput.WriteNullable(json, "note", note);
                    json.WriteEndObject();
                });
            }
            else
            {
                // Compiler format on standard error, as manifest errors are printed; the verdict on standard output.
                foreach (var finding in findings)
                {
                    context.Error.WriteLine(TextReporter.FormatFinding(finding, color: false));
                }

                var summary = findings.Count == 0 ? string.Empty : $" ({findings.Count} warning(s))";
                context.Output.WriteLine($"{label}: valid{summary}; {load.Manifest.Agents.Count} agent(s): {string.Join(", ", System.Linq.Enumerable.Select(load.Manifest.Agents, a => a.Name))}");
                if (note is not null)
                {
                    context.Error.WriteLine($"scopeguard: note: {note}");
                }
            }

            return ExitCodes.Success;
        }
        finally
        {
            workspace?.Dispose();
        }
    }
}
