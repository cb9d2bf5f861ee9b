using System;
using System.Collections.Generic;
using System.CommandLine;
using ScopeGuard.Cli.Checking;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Cli.Commands;

/// <summary>
/// <c>scopeguard check</c>: judges what is about to be committed (<c>--staged</c>, the pre-commit
/// hook), a pull request's range (<c>--base</c>, the CI gate), or what is being pushed
/// (<c>--pre-push</c>, the pre-push hook).
/// </summary>
internal sealed class CheckCommand : Command
{
    /// <summary>The formats <c>--format</c> accepts.</summary>
    public static readonly string[] Formats = ["text", "json", "sarif", "github", "markdown"];

    public CheckCommand(CliContext context)
        : base("check", "Check changes against the agent's scope: the staged changes (default), a range (--base), or a push (--pre-push).")
    {
        Options.Add(Staged);
        Options.Add(Base);
        Options.Add(Head);
        Options.Add(PrePush);
        Options.Add(Remote);
        Options.Add(ManifestFrom);
        Options.Add(PerCommit);
        Options.Add(AgentOption);
        Options.Add(Format);
        Options.Add(OutputFile);
        Options.Add(Mode);
        Options.Add(ManifestOption);
        Options.Add(Semantic);
        Options.Add(Solution);
        Options.Add(Build);
        Options.Add(NoCache);
        Options.Add(CacheStats);
        Validators.Add(result =>
        {
            // GetResult, not GetValue: GetValue throws here when --base lacks its value, which the parser reports itself.
            var hasBase = result.GetResult(Base) is not null;
            var sources = (result.GetValue(Staged) ? 1 : 0) + (hasBase ? 1 : 0) + (result.GetValue(PrePush) ? 1 : 0);
            if (sources > 1)
            {
                result.AddError("--staged, --base and --pre-push are different sources of changes: give one");
            }

            if (result.GetResult(Remote) is not null && !result.GetValue(PrePush))
            {
                result.AddError("--remote goes with --pre-push");
            }

            if (!hasBase && (result.GetResult(Head) is not null || result.GetResult(ManifestFrom) is not null || result.GetValue(PerCommit)))
            {
                result.AddError("--head, --manifest-from and --per-commit go with --base");
            }

            if (!hasBase && result.GetValue(Semantic))
            {
                result.AddError("--semantic goes with --base: it loads the solution, which a commit hook must not wait for");
            }

            if (!result.GetValue(Semantic) && (result.GetResult(Solution) is not null || result.GetValue(Build)))
            {
                result.AddError("--solution and --build go with --semantic");
            }
        });
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<bool> Staged { get; } = new("--staged")
    {
        Description = "Check the index against HEAD: what the next commit will contain (the default; what the pre-commit hook runs).",
    };

    internal Option<string?> Base { get; } = new("--base")
    {
        Description = "Check the range from the merge base of REF and --head to --head (a pull request), judged by the manifest at REF.",
        HelpName = "REF",
    };

    internal Option<string> Head { get; } = new("--head")
    {
        Description = "The head of the range checked with --base.",
        HelpName = "REF",
        DefaultValueFactory = _ => "HEAD",
    };

    internal Option<bool> PrePush { get; } = new("--pre-push")
    {
        Description = "Check every commit being pushed; reads git's pre-push lines from standard input (what the pre-push hook runs).",
    };

    internal Option<string?> Remote { get; } = new("--remote")
    {
        Description = "With --pre-push: the remote being pushed to (the pre-push hook's first argument); what it already has is not the pusher's work.",
        HelpName = "NAME",
    };

    internal Option<string> ManifestFrom { get; } = CreateManifestFrom();

    internal Option<bool> PerCommit { get; } = new("--per-commit")
    {
        Description = "Name the commit that introduced each finding (range checks).",
    };

    internal Option<string?> AgentOption { get; } = CommonOptions.Agent("Judge the changes as this agent (else SCOPEGUARD_AGENT, git config scopeguard.agent, then the branch; for --base: the CI source branch, then the branch).");

    internal Option<string[]> Format { get; } = CreateFormat();

    internal Option<string[]> OutputFile { get; } = new("--output")
    {
        Description = "Write the report of the --format before it to this file instead of standard output. Repeatable.",
        HelpName = "FILE",
        AllowMultipleArgumentsPerToken = false,
    };

    internal Option<ScopeMode?> Mode { get; } = CreateMode();

    internal Option<bool> NoCache { get; } = new("--no-cache")
    {
        Description = "Neither read nor write the declaration cache (.git/scopeguard/cache): parse every changed C# file.",
    };

    internal Option<bool> CacheStats { get; } = new("--cache-stats")
    {
        Description = "Say on standard error how many file versions the declaration cache knew and how many were read from git (or set SCOPEGUARD_CACHE_STATS=1).",
    };

    internal Option<string?> ManifestOption { get; } = CommonOptions.Manifest();

    internal Option<bool> Semantic { get; } = new("--semantic")
    {
        Description = "With --base: also load the solution and report code of other agents that the changes break (SG0010, as scopeguard impact does).",
    };

    internal Option<string?> Solution { get; } = SemanticOptions.Solution();

    internal Option<bool> Build { get; } = SemanticOptions.Build();

    private static Option<string[]> CreateFormat()
    {
        var option = new Option<string[]>("--format")
        {
            Description = "Output format: text, json, sarif, github or markdown. Repeatable; pair each with an --output after it.",
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => ["text"],
        };
        option.AcceptOnlyFromAmong(Formats);
        return option;
    }

    private static Option<string> CreateManifestFrom()
    {
        var option = new Option<string>("--manifest-from")
        {
            Description = "Which commit's scopes.json judges a range: base (default; an agent cannot widen its own scope) or head.",
            DefaultValueFactory = _ => "base",
        };
        option.AcceptOnlyFromAmong("base", "head");
        return option;
    }

    private static Option<ScopeMode?> CreateMode() => new("--mode")
    {
        Description = "Override the manifest's mode: block (findings are errors, exit 1) or warn (warnings, exit 0).",
        HelpName = "block|warn",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            var mode = Severities.ParseMode(text);
            if (mode is null)
            {
                result.AddError($"--mode takes block or warn, not '{text}'");
            }

            return mode;
        },
    };

    private int Execute(ParseResult parseResult, CliContext context)
    {
        var emitter = ReportEmitter.FromCommandLine(parseResult, context);
        using var git = context.OpenRepository(context.CurrentDirectory, context.Environment);
        var manifests = new ManifestSelector(git, parseResult.GetValue(ManifestOption), context.CurrentDirectory);
        var store = parseResult.GetValue(NoCache) ? null : git.OpenDeclarationCache(DeclarationCacheSize.CapBytes(context.Environment));

        // Without a store, a --per-commit check still keeps each blob's table for the run: it judges blobs again.
        var tables = store is not null || parseResult.GetValue(PerCommit) ? new DeclarationTables(store) : null;
        var pipeline = new CheckPipeline(git, new IdentitySelector(git, context, parseResult.GetValue(AgentOption)), parseResult.GetValue(Mode), parseResult.GetValue(PerCommit), tables);

        IEnumerable<CheckUnit> units = parseResult.GetValue(Base) is { } baseRef
            ? [ChangeSources.Range(git, manifests, context, baseRef, parseResult.GetValue(Head) ?? "HEAD", parseResult.GetValue(ManifestFrom) == "head")]
            : parseResult.GetValue(PrePush)
                ? ChangeSources.Push(git, manifests, context.Input, parseResult.GetValue(Remote))
                : [ChangeSources.Staged(git, manifests, context.Environment)];

        var exitCode = ExitCodes.Success;
        foreach (var unit in units)
        {
            if (unit.Manifest.Manifest is null)
            {
                return emitter.EmitManifestErrors(unit.Manifest.Load, unit.Manifest.Label, unit.Source);
            }

            var report = pipeline.Judge(unit);
            if (parseResult.GetValue(Semantic))
            {
                // Only here does the Workspace assembly load: SemanticCheck is the one type that uses it.
                var outcome = SemanticCheck.Run(git, unit, unit.Manifest.Manifest, report.Agent, parseResult.GetValue(Mode), parseResult.GetValue(Solution), parseResult.GetValue(Build), context);
                report = report with { Findings = [.. report.Findings, .. outcome.Findings], Notes = [.. report.Notes, .. outcome.Notes] };
            }

            emitter.Emit(report);
            exitCode = Math.Max(exitCode, report.ExitCode);
        }

        var trimmed = store?.Trim() ?? 0;
        // The environment variable reaches the checks git's hooks run.
        if (parseResult.GetValue(CacheStats) || context.Environment(DeclarationCacheSize.StatsVariable) == "1")
        {
            context.Error.WriteLine(DeclarationCacheSize.Statistics(tables, store, trimmed));
        }

        return exitCode;
    }
}
