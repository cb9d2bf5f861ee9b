using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Checking;

/// <summary>
/// The one check pipeline: a <see cref="CheckUnit"/> from any source → agent → evaluation against its
/// manifest → report. Staged, range and push checks differ only in the unit they hand in.
/// </summary>
internal sealed class CheckPipeline
{
    private readonly IGitRepository git;
    private readonly IdentitySelector identities;
    private readonly ScopeMode? modeOverride;
    private readonly bool perCommit;
    private readonly DeclarationTables? tables;

    // tables: declaration tables by blob ID for the whole run (one instance for every unit and commit), or null.
    public CheckPipeline(IGitRepository git, IdentitySelector identities, ScopeMode? modeOverride, bool perCommit, DeclarationTables? tables = null)
    {
        this.tables = tables;
        this.git = git;
        this.identities = identities;
        this.modeOverride = modeOverride;
        this.perCommit = perCommit;
    }

    /// <summary>Judges one unit; its manifest must have loaded.</summary>
    public CheckReport Judge(CheckUnit unit)
    {
        var manifest = unit.Manifest.Manifest ?? throw new InvalidOperationException("an invalid manifest is reported before the pipeline runs");
        var identity = identities.Decide(manifest, unit.Identity);
        var evaluator = new ScopeEvaluator(manifest, new PathMatchOptions(git.IgnoreCase));
        var partialTypes = unit.BaseCommit is null ? null : new TreePartialTypes(git, unit.BaseCommit);

        // Built only when a pattern names parameters and a changed file is parsed (see ScopeEvaluator).
        var types = new Lazy<TypeIndex>(() => RepositoryTypes.Index(git, unit.BaseCommit, identity.Agent is { } agent ? TypeResolution.NamesToResolve(agent) : []));
        var contents = unit.PathsOnly ? null : unit.Contents ?? git.Contents;
        IReadOnlyList<Finding> findings = evaluator.Evaluate(identity, unit.TargetBranch, unit.Changes, modeOverride, contents, partialTypes, BroughtSides.Reader(git, unit.Brought), types, tables);
        if (perCommit && findings.Count > 0 && unit.Commits.Count > 0)
        {
            findings = Attribute(findings, unit, evaluator, identity, types);
        }

        return new CheckReport(
            unit.Source,
            unit.Manifest.Label,
            identity.Agent,
            identity.Reason,
            unit.TargetBranch,
            Severities.EffectiveMode(manifest, identity.Agent, modeOverride),
            unit.Changes.Count,
            findings)
        {
            Range = unit.Range,
            Notes = [.. unit.Manifest.Notes, .. unit.Notes],
            RepositoryRoot = git.WorkTreeRoot,
        };
    }

    // Finds, for each finding of the whole range, the first commit whose own change produces it (else the
    // first commit that touched its path). Each commit is judged only on the paths that have findings, so
    // the cost follows the findings, not the range.
    private List<Finding> Attribute(IReadOnlyList<Finding> findings, CheckUnit unit, ScopeEvaluator evaluator, AgentIdentity identity, Lazy<TypeIndex> types)
    {
        var paths = findings.Select(f => f.Path).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var perCommit = unit.Commits.Select(c =>
        {
            var changes = git.CommitChanges(c.Parent, c.Sha).Where(x => x.TouchedPaths.Any(paths.Contains)).ToList();
            var own = changes.Count == 0 ? [] : evaluator.Evaluate(identity, unit.TargetBranch, changes, modeOverride, git.Contents, types: types, tables: tables);
            return (c.Sha, Findings: own, Paths: changes.SelectMany(x => x.TouchedPaths).ToHashSet(StringComparer.Ordinal));
        }).ToList();

        return findings.Select(f =>
        {
            var exact = perCommit.FirstOrDefault(c => c.Findings.Any(o => o.Id == f.Id && o.Path == f.Path && o.Symbol == f.Symbol));
            var commit = exact.Sha ?? perCommit.FirstOrDefault(c => f.Path is not null && c.Paths.Contains(f.Path)).Sha;
            return f with { Commit = commit };
        }).ToList();
    }
}
