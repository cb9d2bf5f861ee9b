using System.CommandLine;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary><c>scopeguard lint</c>: validates the manifest and says so.</summary>
internal sealed class LintCommand : Command
{
    public LintCommand(CliContext context)
        : base("lint", "Validate the manifest (syntax, keys, patterns, branch claims).")
    {
        Options.Add(ManifestOption);
        Options.Add(Format);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<string?> ManifestOption { get; } = CommonOptions.Manifest();

    internal Option<string> Format { get; } = CommonOptions.Format("text", "json");

    private static Finding ToFinding(ManifestWarning warning) => new(
        warning.Id, FindingSeverity.Warning, null, warning.Path, warning.Position.Line, warning.Position.Column, null, "manifest", warning.Message);

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

            // A valid manifest may still hold entries that cannot be used as written: warnings, exit 0.
            var warnings = ManifestLint.Check(load.Manifest);
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
                    json.WriteNumber("warnings", warnings.Count);
                    json.WriteStartArray("findings");
                    foreach (var warning in warnings)
                    {
                        JsonReporter.WriteFinding(json, ToFinding(warning), help);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
            }
            else
            {
                // Compiler format on standard error, as manifest errors are printed; the verdict on standard output.
                foreach (var warning in warnings)
                {
                    context.Error.WriteLine(warning.ToString());
                }

                var summary = warnings.Count == 0 ? string.Empty : $" ({warnings.Count} warning(s))";
                context.Output.WriteLine($"{label}: valid{summary}; {load.Manifest.Agents.Count} agent(s): {string.Join(", ", System.Linq.Enumerable.Select(load.Manifest.Agents, a => a.Name))}");
            }

            return ExitCodes.Success;
        }
        finally
        {
            workspace?.Dispose();
        }
    }
}
