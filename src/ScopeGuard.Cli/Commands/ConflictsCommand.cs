using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using ScopeGuard.Cli.Checking;
using ScopeGuard.Cli.Conflicts;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary>
/// <c>scopeguard conflicts</c>: which agents' branches change the same files and C# members, and which
/// would conflict when merged (a trial merge with <c>git merge-tree</c>), as a ranked list, a matrix and a
/// suggested merge order. With <c>--staged</c> or <c>--pre-push</c>: the same question for one agent's
/// work in progress against the other agents' branches.
/// </summary>
internal sealed class ConflictsCommand : Command
{
    public static readonly string[] Formats = ["text", "json", "markdown", "sarif"];

    public ConflictsCommand(CliContext context)
        : base("conflicts", "Predict conflicts between agents' branches: files and C# members both changed, and a trial merge (git merge-tree) of every pair; --staged / --pre-push: this agent's work in progress against the others.")
    {
        Options.Add(Base);
        Options.Add(Agents);
        Options.Add(Staged);
        Options.Add(PrePush);
        Options.Add(Remote);
        Options.Add(AgentOption);
        Options.Add(Format);
        Options.Add(ManifestOption);
        Options.Add(Semantic);
        Options.Add(Solution);
        Options.Add(NoCache);
        Options.Add(CacheStats);
        Validators.Add(result =>
        {
            if (result.GetValue(Staged) && result.GetValue(PrePush))
            {
                result.AddError("--staged and --pre-push are different sources of work: give one");
            }

            if (result.GetResult(Remote) is not null && !result.GetValue(PrePush))
            {
                result.AddError("--remote goes with --pre-push");
            }

            if (result.GetResult(AgentOption) is not null && !result.GetValue(Staged) && !result.GetValue(PrePush))
            {
                result.AddError("--agent goes with --staged or --pre-push (for pairs of branches, use --agents)");
            }

            if (result.GetValue(Semantic) && (result.GetValue(Staged) || result.GetValue(PrePush)))
            {
                result.AddError("--semantic compares agents' branches (it loads the solution, which a hook must not wait for): leave out --staged / --pre-push");
            }

            if (result.GetResult(Solution) is not null && !result.GetValue(Semantic))
            {
                result.AddError("--solution goes with --semantic");
            }
        });
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<string?> Base { get; } = new("--base")
    {
        Description = "The branch the agents' branches are merged into (default: the manifest's settings.baseBranch). Each branch's work starts at its merge base with it; the manifest is the one committed there.",
        HelpName = "REF",
    };

    internal Option<string?> Agents { get; } = new("--agents")
    {
        Description = "Compare only these agents' branches (comma-separated names).",
        HelpName = "A,B,...",
    };

    internal Option<bool> Staged { get; } = new("--staged")
    {
        Description = "Compare what is staged (this agent's next commit) with the other agents' branches.",
    };

    internal Option<bool> PrePush { get; } = new("--pre-push")
    {
        Description = "Compare the commits being pushed (git's pre-push lines on standard input) with the other agents' branches.",
    };

    internal Option<string?> Remote { get; } = new("--remote")
    {
        Description = "With --pre-push: the remote being pushed to.",
        HelpName = "NAME",
    };

    internal Option<string?> AgentOption { get; } = CommonOptions.Agent("With --staged / --pre-push: whose work it is (else SCOPEGUARD_AGENT, git config scopeguard.agent, then the branch).");

    internal Option<string> Format { get; } = CommonOptions.Format(Formats);

    internal Option<string?> ManifestOption { get; } = CommonOptions.Manifest();

    internal Option<bool> Semantic { get; } = new("--semantic")
    {
        Description = "Also load the solution (MSBuildWorkspace) and count as an overlap a member one agent's branch changed that another agent's branch newly calls or references.",
    };

    internal Option<string?> Solution { get; } = SemanticOptions.Solution();

    internal Option<bool> NoCache { get; } = new("--no-cache")
    {
        Description = "Neither read nor write the declaration cache (.git/scopeguard/cache, shared with check): parse every C# file whose members are compared.",
    };

    internal Option<bool> CacheStats { get; } = new("--cache-stats")
    {
        Description = "Say on standard error how many file versions the declaration cache knew and how many were parsed (or set SCOPEGUARD_CACHE_STATS=1).",
    };

    private int Execute(ParseResult parseResult, CliContext context)
    {
        using var git = context.OpenRepository(context.CurrentDirectory, context.Environment);
        var merges = git as IMergePreview ?? throw new ScopeGuardException("conflicts needs a git repository it can run git merge-tree in");
        var manifests = new ManifestSelector(git, parseResult.GetValue(ManifestOption), context.CurrentDirectory);

        // The declaration tables check keeps (by blob ID, full tables only); without the store, this run's memory.
        var store = parseResult.GetValue(NoCache) ? null : git.OpenDeclarationCache(DeclarationCacheSize.CapBytes(context.Environment));
        var tables = new DeclarationTables(store);
        var exitCode = parseResult.GetValue(Staged) || parseResult.GetValue(PrePush)
            ? WorkInProgress(parseResult, context, git, merges, manifests, tables)
            : Pairs(parseResult, context, git, merges, manifests, tables);

        var trimmed = store?.Trim() ?? 0;
        if (parseResult.GetValue(CacheStats) || context.Environment(DeclarationCacheSize.StatsVariable) == "1")
        {
            context.Error.WriteLine(DeclarationCacheSize.Statistics(tables, store, trimmed));
        }

        return exitCode;
    }

    private int Pairs(ParseResult parseResult, CliContext context, IGitRepository git, IMergePreview merges, ManifestSelector manifests, DeclarationTables tables)
    {
        var format = parseResult.GetValue(Format) ?? "text";
        var baseName = parseResult.GetValue(Base) ?? manifests.ForWork(git.HeadSha).Manifest?.Settings.BaseBranch ?? ManifestDefaults.BaseBranch;
        var baseSha = git.ResolveCommit(baseName) ?? throw new ScopeGuardException(
            $"{(parseResult.GetValue(Base) is null ? "the base branch" : "--base")} '{baseName}' names no commit in this repository: name the branch the agents' work is merged into (--base REF)");
        var choice = manifests.FromOption()
            ?? manifests.AtCommit(baseSha, $"{ManifestLoader.FileName} at {baseName} ({ManifestSelector.Short(baseSha)})")
            ?? throw new ScopeGuardException($"{baseName} ({ManifestSelector.Short(baseSha)}) has no {ManifestLoader.FileName}: the agents and their branches are read from the base branch's manifest; commit one there, or name one with --manifest FILE");
        if (choice.Manifest is not { } manifest)
        {
            return ReportEmitter.ReportManifestErrors(context, choice.Load, choice.Label, "conflicts", format == "json");
        }

        var notes = new List<string>(choice.Notes);
        var lanes = LaneFinder.Only(LaneFinder.Find(git, merges, manifest, baseName, baseSha, notes), manifest, parseResult.GetValue(Agents));
        var changes = lanes.Select(l => (l, git.CommitChanges(l.MergeBase, l.Tip))).ToList();
        var works = LaneReader.Read(changes, git.Contents, tables);
        var pairs = ConflictAnalysis.Compare(works, merges);
        if (parseResult.GetValue(Semantic))
        {
            // Only here does the semantic layer load (SemanticCheck is the one class that reaches it).
            var overlaps = SemanticCheck.Overlaps(git, changes, parseResult.GetValue(Solution), context, notes);
            pairs = ConflictAnalysis.WithSemantic(pairs, overlaps);
        }

        var findings = pairs.SelectMany(p => ConflictFindings.For(p, FindingSeverity.Warning)).ToList();
        var report = new ConflictReport(baseName, baseSha, choice.Label, works, pairs, ConflictAnalysis.MergeOrder(works, pairs), findings, notes)
        {
            RepositoryRoot = git.WorkTreeRoot,
        };
        report.Write(context.Output, format, HelpLinks.From(context));
        return report.Overlaps ? ExitCodes.Findings : ExitCodes.Success;
    }

    // One agent's work in progress (what is staged, or each ref being pushed) against every other agent's
    // branch: the same sources, identity and manifest as the hooks (ChangeSources, IdentitySelector).
    private int WorkInProgress(ParseResult parseResult, CliContext context, IGitRepository git, IMergePreview merges, ManifestSelector manifests, DeclarationTables tables)
    {
        var emitter = ReportEmitter.FromCommandLine(parseResult, context);
        var identities = new IdentitySelector(git, context, parseResult.GetValue(AgentOption));
        IEnumerable<CheckUnit> units = parseResult.GetValue(Staged)
            ? [ChangeSources.Staged(git, manifests, context.Environment)]
            : ChangeSources.Push(git, manifests, context.Input, parseResult.GetValue(Remote));

        var exitCode = ExitCodes.Success;
        foreach (var unit in units)
        {
            if (unit.Manifest.Manifest is not { } manifest)
            {
                return emitter.EmitManifestErrors(unit.Manifest.Load, unit.Manifest.Label, unit.Source);
            }

            var identity = identities.Decide(manifest, unit.Identity);
            var notes = new List<string>([.. unit.Manifest.Notes, .. unit.Notes]);
            var baseName = parseResult.GetValue(Base) ?? manifest.Settings.BaseBranch;
            var baseSha = git.ResolveCommit(baseName) ?? git.BranchTips(baseName).Select(t => t.Sha).FirstOrDefault();
            var others = new List<Lane>();
            if (baseSha is null)
            {
                notes.Add($"there is no base branch '{baseName}' here: no other agent's branch to compare with");
            }
            else
            {
                others = LaneFinder.Only(LaneFinder.Find(git, merges, manifest, baseName, baseSha, notes), manifest, parseResult.GetValue(Agents))
                    .Where(l => l.Agent != identity.Agent?.Name && l.Tip != git.HeadSha).ToList();
            }

            if (identity.Agent is null)
            {
                notes.Add("no agent identified: the work is compared with every agent's branch");
            }

            var mine = new Lane(identity.Agent?.Name ?? "(this work)", unit.Source, git.Branch is { } b ? "refs/heads/" + b : "HEAD", git.HeadSha ?? string.Empty, git.HeadSha ?? string.Empty);
            var input = new List<(Lane, IReadOnlyList<FileChange>)> { (mine, unit.Changes) };
            input.AddRange(others.Select(l => (l, git.CommitChanges(l.MergeBase, l.Tip))));
            var works = LaneReader.Read(input, git.Contents, tables);
            var block = manifest.Settings.Conflicts == ConflictPolicy.Block;
            var findings = works.Skip(1)
                .Select(other => ConflictAnalysis.Pair(works[0], other, null))
                .SelectMany(p => ConflictFindings.For(p, block ? FindingSeverity.Error : FindingSeverity.Warning))
                .ToList();
            var report = new CheckReport(unit.Source, unit.Manifest.Label, identity.Agent, identity.Reason, unit.TargetBranch, block ? ScopeMode.Block : ScopeMode.Warn, unit.Changes.Count, findings)
            {
                Notes = [.. notes, $"compared with {others.Count} other agent branch(es) since {baseName}; settings.conflicts is {(block ? "block" : "warn")}"],
                RepositoryRoot = git.WorkTreeRoot,
                QuotePath = git.QuotePath,
            };
            emitter.Emit(report);
            exitCode = Math.Max(exitCode, report.ExitCode);
        }

        return exitCode;
    }
}
