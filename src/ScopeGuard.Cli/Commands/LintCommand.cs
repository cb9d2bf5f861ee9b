using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using ScopeGuard.Cli.Checking;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary><c>scopeguard lint</c>: validates the manifest, and checks its member patterns against the declarations at HEAD.</summary>
internal sealed class LintCommand : Command
{
    public LintCommand(CliContext context)
        : base("lint", "Validate the manifest and check the scopes against the repository at HEAD: agents that may write the same files, paths or declarations (SG0100), patterns that match nothing (SG0101, SG0102), branch patterns git cannot hold (SG0103), protected paths or branches granted (SG0104), deny without effect (SG0105), paths all denied (SG0106). Exit 0 clean, 1 when anything is reported, 2 invalid manifest.")
    {
        Options.Add(ManifestOption);
        Options.Add(Format);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<string?> ManifestOption { get; } = CommonOptions.Manifest();

    internal Option<string> Format { get; } = CommonOptions.Format("text", "json", "sarif");

    private static Finding ToFinding(ManifestWarning warning) => new(
        warning.Id, FindingSeverity.Warning, null, warning.Path, warning.Position.Line, warning.Position.Column, null, "manifest", warning.Message);

    // The scope checks against HEAD: its files (SG0100 on files, SG0101 for paths), and its C# declarations
    // when a member pattern (SG0101, SG0102) or a writing symbol rule (SG0100 on declarations) needs them;
    // the pattern checks need no repository.
    private static (IReadOnlyList<Finding> Findings, string? Note) CheckScopes(ScopeManifest manifest, GitWorkspace? workspace)
    {
        var symbols = manifest.Agents.SelectMany(a => a.Symbols.Edit.Concat(a.Symbols.Body).Concat(a.Symbols.Extend).Concat(a.Symbols.ReadOnly)).ToList();
        var memberPatterns = symbols.Any(e => e.Pattern.Kind is not (SymbolKind.Namespace or SymbolKind.Type));
        var writingRules = manifest.Agents.Any(a => a.Symbols.Edit.Count + a.Symbols.Body.Count + a.Symbols.Extend.Count > 0);
        if (workspace?.HeadSha is not { } head)
        {
            var findings = ScopeLint.Check(manifest, null, null, new PathMatchOptions(workspace?.IgnoreCase ?? false));
            return (findings, "paths and symbols were checked on the patterns only: no repository with a commit here, so no file or declaration at HEAD was compared");
        }

        var files = workspace.TreeFiles(head, [string.Empty]).Select(f => f.Path).ToList();
        List<(string Path, DeclarationSet Set)>? parsed = memberPatterns || writingRules ? RepositoryTypes.Declarations(workspace, head) : null;
        var declarations = parsed?.SelectMany(f => f.Set.Declarations.Select(d => (f.Path, d.Id))).ToList();
        var result = ScopeLint.Check(manifest, files, writingRules ? declarations : null, new PathMatchOptions(workspace.IgnoreCase)).ToList();
        if (memberPatterns)
        {
            result.AddRange(PatternCoverage.Check(manifest, declarations!.Select(d => d.Id).ToList()));
        }

        return (result, null);
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

            var format = parseResult.GetValue(Format) ?? "text";
            var (load, _, label) = ManifestSource.LoadForQuery(manifestOption, workspace, context.CurrentDirectory);
            if (load.Manifest is null)
            {
                return ReportEmitter.ReportManifestErrors(context, load, label, "lint", format);
            }

            // A valid manifest may still hold entries that cannot be used as written or scopes that collide:
            // every finding makes the exit code 1, so CI can gate on lint.
            var (scopeFindings, note) = CheckScopes(load.Manifest, workspace);
            var findings = ManifestLint.Check(load.Manifest).Select(ToFinding).Concat(scopeFindings)
                .OrderBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Id, System.StringComparer.Ordinal).ToList();
            var errors = findings.Count(f => f.Severity == FindingSeverity.Error);
            var warnings = findings.Count - errors;
            if (format == "sarif")
            {
                var report = new CheckReport("lint", label, null, "lint checks the manifest, not an agent's work", null, ScopeMode.Warn, 0, findings)
                {
                    RepositoryRoot = workspace?.WorkTreeRoot,
                    Notes = note is null ? [] : [note],
                };
                SarifReporter.Write(context.Output, report, HelpLinks.From(context));
            }
            else if (format == "json")
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
                    json.WriteNumber("errors", errors);
                    json.WriteNumber("warnings", warnings);
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

                var summary = findings.Count == 0 ? string.Empty : errors == 0 ? $" ({warnings} warning(s))" : $" ({errors} error(s), {warnings} warning(s))";
                context.Output.WriteLine($"{label}: valid{summary}; {load.Manifest.Agents.Count} agent(s): {string.Join(", ", System.Linq.Enumerable.Select(load.Manifest.Agents, a => a.Name))}");
                if (note is not null)
                {
                    context.Error.WriteLine($"scopeguard: note: {note}");
                }
            }

            return findings.Count == 0 ? ExitCodes.Success : ExitCodes.Findings;
        }
        finally
        {
            workspace?.Dispose();
        }
    }
}
