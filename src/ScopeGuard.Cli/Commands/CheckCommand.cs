using System.CommandLine;
using System.IO;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary><c>scopeguard check --staged</c>: judges what is about to be committed.</summary>
internal sealed class CheckCommand : Command
{
    public CheckCommand(CliContext context)
        : base("check", "Check changes against the agent's scope.")
    {
        Options.Add(Staged);
        Options.Add(AgentOption);
        Options.Add(Format);
        Options.Add(OutputFile);
        Options.Add(Mode);
        Options.Add(ManifestOption);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<bool> Staged { get; } = new("--staged")
    {
        Description = "Check the index against HEAD: what the next commit will contain (the default; what the pre-commit hook runs).",
    };

    internal Option<string?> AgentOption { get; } = CommonOptions.Agent("Judge the changes as this agent (else SCOPEGUARD_AGENT, git config scopeguard.agent, then the branch).");

    internal Option<string> Format { get; } = CommonOptions.Format("text", "json");

    internal Option<string?> OutputFile { get; } = new("--output")
    {
        Description = "Write the report to this file instead of standard output.",
        HelpName = "FILE",
    };

    internal Option<string?> Mode { get; } = CreateMode();

    internal Option<string?> ManifestOption { get; } = CommonOptions.Manifest();

    private static Option<string?> CreateMode()
    {
        var option = new Option<string?>("--mode")
        {
            Description = "Override the manifest's mode: block (findings are errors, exit 1) or warn (warnings, exit 0).",
        };
        option.AcceptOnlyFromAmong("block", "warn");
        return option;
    }

    private int Execute(ParseResult parseResult, CliContext context)
    {
        var json = parseResult.GetValue(Format) == "json";
        using var workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
        var (load, _, label) = ManifestSource.LoadForCheck(parseResult.GetValue(ManifestOption), workspace, context.CurrentDirectory);
        if (load.Manifest is null)
        {
            return ManifestErrorReporter.Report(context, load, json);
        }

        var manifest = load.Manifest;
        var branch = workspace.Branch;
        var (configAgent, configOrigin) = workspace.ReadAgentConfig();
        var identity = AgentIdentity.Resolve(
            manifest,
            new IdentityInputs(parseResult.GetValue(AgentOption), context.Environment("SCOPEGUARD_AGENT"), configAgent, configOrigin, branch));

        ScopeMode? modeOverride = parseResult.GetValue(Mode) switch
        {
            "block" => ScopeMode.Block,
            "warn" => ScopeMode.Warn,
            _ => null,
        };

        var changes = workspace.StagedChanges();
        var findings = new ScopeEvaluator(manifest).Evaluate(identity, branch, changes, modeOverride, workspace.Contents);
        var mode = modeOverride ?? identity.Agent?.Mode ?? manifest.Settings.Mode;
        var report = new CheckReport("staged", label, identity.Agent, identity.Reason, branch, mode, changes.Count, findings);

        var outputPath = parseResult.GetValue(OutputFile);
        if (outputPath is null)
        {
            Write(context.Output, report, json, context.Color);
        }
        else
        {
            var full = Path.GetFullPath(Path.Combine(context.CurrentDirectory, outputPath));
            using (var file = new StreamWriter(full, append: false, new System.Text.UTF8Encoding(false)))
            {
                Write(file, report, json, color: false);
            }

            context.Output.WriteLine($"scopeguard: {report.Errors} error(s), {report.Warnings} warning(s); report written to {outputPath}");
        }

        return report.ExitCode;
    }

    private static void Write(TextWriter writer, CheckReport report, bool json, bool color)
    {
        if (json)
        {
            JsonReporter.Write(writer, report);
        }
        else
        {
            TextReporter.Write(writer, report, color);
        }
    }
}
