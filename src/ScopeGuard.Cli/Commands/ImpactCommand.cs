using System.CommandLine;
using ScopeGuard.Cli.Checking;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core.Manifest;

namespace ScopeGuard.Cli.Commands;

/// <summary>
/// <c>scopeguard impact</c>: which code owned by other agents (or by none) a range's changes to C#
/// declarations break, found in the semantic model (SG0010). Loads the solution with MSBuildWorkspace,
/// so it is never on the hook's path.
/// </summary>
internal sealed class ImpactCommand : Command
{
    public ImpactCommand(CliContext context)
        : base("impact", "Find the code of other agents (or of none) that a range's changes to C# declarations break: call sites, overrides, implementations, derived types (SG0010).")
    {
        Options.Add(Base);
        Options.Add(Head);
        Options.Add(AgentOption);
        Options.Add(Format);
        Options.Add(OutputFile);
        Options.Add(Solution);
        Options.Add(Build);
        Options.Add(ManifestOption);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<string?> Base { get; } = new("--base")
    {
        Description = "The range starts at the merge base of REF and --head (default: the manifest's baseBranch); judged by the manifest at REF.",
        HelpName = "REF",
    };

    internal Option<string> Head { get; } = new("--head")
    {
        Description = "The head of the range.",
        HelpName = "REF",
        DefaultValueFactory = _ => "HEAD",
    };

    internal Option<string?> AgentOption { get; } = CommonOptions.Agent("The agent whose change it is (else the CI source branch, then the branch --head names).");

    internal Option<string[]> Format { get; } = SemanticOptions.Format();

    internal Option<string[]> OutputFile { get; } = SemanticOptions.Output();

    internal Option<string?> Solution { get; } = SemanticOptions.Solution();

    internal Option<bool> Build { get; } = SemanticOptions.Build();

    internal Option<string?> ManifestOption { get; } = CommonOptions.Manifest();

    private int Execute(ParseResult parseResult, CliContext context)
    {
        var emitter = ReportEmitter.FromCommandLine(parseResult, context);
        using var git = context.OpenRepository(context.CurrentDirectory, context.Environment);
        var manifests = new ManifestSelector(git, parseResult.GetValue(ManifestOption), context.CurrentDirectory);
        var head = parseResult.GetValue(Head) ?? "HEAD";
        var baseRef = parseResult.GetValue(Base) ?? manifests.ForWork(git.ResolveCommit(head)).Manifest?.Settings.BaseBranch ?? ManifestDefaults.BaseBranch;
        var unit = ChangeSources.Range(git, manifests, context, baseRef, head, manifestFromHead: false);
        if (unit.Manifest.Manifest is not { } manifest)
        {
            return emitter.EmitManifestErrors(unit.Manifest.Load, unit.Manifest.Label, unit.Source);
        }

        var identity = new IdentitySelector(git, context, parseResult.GetValue(AgentOption)).Decide(manifest, unit.Identity);
        var outcome = SemanticCheck.Run(git, unit, manifest, identity.Agent, null, parseResult.GetValue(Solution), parseResult.GetValue(Build), context);
        var report = new CheckReport(
            $"impact of {unit.Source}",
            unit.Manifest.Label,
            identity.Agent,
            identity.Reason,
            unit.TargetBranch,
            Core.Rules.Severities.EffectiveMode(manifest, identity.Agent, null),
            unit.Changes.Count,
            outcome.Findings)
        {
            Range = unit.Range,
            Notes = [.. unit.Manifest.Notes, .. unit.Notes, .. outcome.Notes],
            RepositoryRoot = git.WorkTreeRoot,
        };
        emitter.Emit(report);
        return report.ExitCode;
    }
}

/// <summary>The options <c>impact</c> and <c>check --semantic</c> share.</summary>
internal static class SemanticOptions
{
    public static Option<string[]> Format()
    {
        var option = new Option<string[]>("--format")
        {
            Description = "Output format: text, json, sarif, github or markdown. Repeatable; pair each with an --output after it.",
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => ["text"],
        };
        option.AcceptOnlyFromAmong(CheckCommand.Formats);
        return option;
    }

    public static Option<string[]> Output() => new("--output")
    {
        Description = "Write the report of the --format before it to this file instead of standard output. Repeatable.",
        HelpName = "FILE",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> Solution() => new("--solution")
    {
        Description = "The solution or project to load (.sln, .slnx, .csproj); default: the one at the repository root.",
        HelpName = "FILE",
    };

    public static Option<bool> Build() => new("--build")
    {
        Description = "Also compile the head in memory and attribute each new compiler error to the agent whose code it is in.",
    };
}
