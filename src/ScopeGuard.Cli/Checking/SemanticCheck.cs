using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ScopeGuard.Core;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Git;
using ScopeGuard.Workspace;

using SemanticOverlap = ScopeGuard.Cli.Conflicts.SemanticOverlap;

namespace ScopeGuard.Cli.Checking;

/// <summary>What the semantic analysis adds to a report.</summary>
/// <param name="Findings">SG0010 findings: places in other agents' scopes (or none) that the change breaks, or notes where it keeps compatibility.</param>
/// <param name="Notes">Lines the reader must see: load warnings, what was loaded, the compile summary.</param>
internal sealed record SemanticOutcome(IReadOnlyList<Finding> Findings, IReadOnlyList<string> Notes);

/// <summary>
/// The semantic layer of a range check (<c>impact</c>, <c>check --semantic</c>): loads the solution of the
/// working tree with MSBuildWorkspace, makes the base and head versions of the range's C# files, and turns
/// what <see cref="ImpactAnalyzer"/> finds into SG0010 findings for places another agent (or no agent) owns.
/// Also the semantic layer of <c>conflicts --semantic</c> (<see cref="Overlaps"/>). The only CLI type that touches ScopeGuard.Workspace: the JIT loads that assembly (and MSBuild's and
/// Roslyn's workspace assemblies) only when a method of this class runs.
/// </summary>
internal static class SemanticCheck
{
    public static SemanticOutcome Run(IGitRepository git, CheckUnit unit, ScopeManifest manifest, AgentScope? agent, ScopeMode? modeOverride, string? solutionOption, bool build, CliContext context)
    {
        var files = ChangedFiles(git, unit.Changes);
        if (files.Count == 0)
        {
            return new SemanticOutcome([], ["semantic analysis: no C# file changed, so no solution was loaded"]);
        }

        var root = git.WorkTreeRoot ?? throw new ScopeGuardException("the semantic analysis loads the solution from the working tree, and this repository has none (a bare repository): run it in a checkout of the head");
        var solutionPath = SolutionFinder.Find(root, solutionOption, context.CurrentDirectory);
        var notes = new List<string>();
        if (unit.Range is { } range && git.ResolveCommit("HEAD") is { } checkedOut && checkedOut != range.HeadSha)
        {
            notes.Add($"the solution is loaded from the working tree, which is at {checkedOut[..7]}, not the head {range.HeadSha[..7]}: the changed files are taken at the base and the head, every other file as the working tree has it");
        }

        using var loaded = LoadReporting(root, solutionPath, context, notes, out var label);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var versions = SolutionVersions.Create(loaded.Solution, root, files);
        var impact = ImpactAnalyzer.AnalyzeAsync(versions, CancellationToken.None).GetAwaiter().GetResult();
        context.Error.WriteLine($"scopeguard: analyzed {files.Count} changed C# file(s): {impact.Changed.Count} declaration(s) other code can see changed, {impact.Sites.Count} place(s) depend on them, in {clock.Elapsed.TotalSeconds:0.0} s");

        var evaluator = new ScopeEvaluator(manifest, new PathMatchOptions(git.IgnoreCase));
        var mode = Severities.EffectiveMode(manifest, agent, modeOverride);
        var findings = new List<Finding>();
        foreach (var site in impact.Sites)
        {
            var owners = Owners(manifest, evaluator, site.Path, site.ContainingSymbol);
            if (agent is not null && owners.Contains(agent.Name, StringComparer.Ordinal))
            {
                continue; // the agent's own code: its own business
            }

            var severity = site.Changed.SourceCompatible ? FindingSeverity.Note : mode == ScopeMode.Block ? FindingSeverity.Error : FindingSeverity.Warning;
            findings.Add(new Finding(DiagnosticIds.BreaksOtherScope, severity, agent?.Name, site.Path, site.Line, site.Column, site.Changed.Symbol, OwnersText(owners), Message(agent, site, owners)));
        }

        if (build)
        {
            clock.Restart();
            var errors = BuildComparison.NewErrorsAsync(versions, CancellationToken.None).GetAwaiter().GetResult();
            context.Error.WriteLine($"scopeguard: compiled the affected projects at the base and the head: {errors.Count} new error(s), in {clock.Elapsed.TotalSeconds:0.0} s");
            var (buildFindings, summaries) = BuildFindings(errors, impact, manifest, evaluator, agent, mode);
            findings.AddRange(buildFindings);
            notes.AddRange(summaries);
        }

        return new SemanticOutcome(findings, notes);
    }

    /// <summary>
    /// The semantic overlaps between agent lanes (<c>conflicts --semantic</c>): loads the working tree's
    /// solution once, makes each lane's base and head versions, and pairs the members one lane alters
    /// (a changed shape or removal, as <see cref="ImpactAnalyzer"/> finds, or a changed body) with the
    /// source members another lane's changes newly reference (<see cref="ReferenceQueries"/>).
    /// </summary>
    public static List<SemanticOverlap> Overlaps(IGitRepository git, IReadOnlyList<(Conflicts.Lane Lane, IReadOnlyList<FileChange> Changes)> lanes, string? solutionOption, CliContext context, ICollection<string> notes)
    {
        var files = lanes.Select(l => ChangedFiles(git, l.Changes)).ToList();
        if (files.All(f => f.Count == 0))
        {
            notes.Add("semantic analysis: no agent branch changed a C# file, so no solution was loaded");
            return [];
        }

        var root = git.WorkTreeRoot ?? throw new ScopeGuardException("conflicts --semantic loads the solution from the working tree, and this repository has none (a bare repository): run it in a checkout of the base");
        var solutionPath = SolutionFinder.Find(root, solutionOption, context.CurrentDirectory);
        using var loaded = LoadReporting(root, solutionPath, context, notes, out var label);
        notes.Add($"semantic analysis: {label} loaded from the working tree; each branch's changed C# files are taken at its merge base and its tip, every other file as the working tree has it");

        var altered = new List<Dictionary<string, (string How, string Path)>>();
        var versions = new List<SolutionVersions?>();
        var newly = new List<HashSet<string>>();
        for (var i = 0; i < lanes.Count; i++)
        {
            if (files[i].Count == 0)
            {
                versions.Add(null);
                altered.Add([]);
                newly.Add([]);
                continue;
            }

            var lane = SolutionVersions.Create(loaded.Solution, root, files[i]);
            versions.Add(lane);
            altered.Add(AlteredAsync(lane).GetAwaiter().GetResult());
            newly.Add([.. ReferenceQueries.NewlyReferencedAsync(lane, CancellationToken.None).GetAwaiter().GetResult()]);
        }

        var overlaps = new List<SemanticOverlap>();
        for (var a = 0; a < lanes.Count; a++)
        {
            for (var b = 0; b < lanes.Count; b++)
            {
                if (lanes[a].Lane.Agent == lanes[b].Lane.Agent || versions[b] is not { } callerVersions)
                {
                    continue;
                }

                var hits = altered[a].Keys.Where(newly[b].Contains).OrderBy(id => id, StringComparer.Ordinal).ToList();
                foreach (var id in hits)
                {
                    foreach (var (path, line, column) in NewReferencesAsync(callerVersions, id).GetAwaiter().GetResult())
                    {
                        overlaps.Add(new SemanticOverlap(lanes[a].Lane, lanes[b].Lane, id, altered[a][id].How, altered[a][id].Path, path, line, column));
                    }
                }
            }
        }

        return overlaps;
    }

    // The symbols a lane alters, by the compiler's documentation ID at its base: what ImpactAnalyzer
    // finds (a changed shape, a removal), and members whose body alone changed, by the declaration diff.
    private static async System.Threading.Tasks.Task<Dictionary<string, (string How, string Path)>> AlteredAsync(SolutionVersions versions)
    {
        var altered = new Dictionary<string, (string How, string Path)>(StringComparer.Ordinal);
        var impact = await ImpactAnalyzer.AnalyzeAsync(versions, CancellationToken.None).ConfigureAwait(false);
        foreach (var changed in impact.Changed)
        {
            altered.TryAdd(changed.Symbol, (changed.Change, changed.Path));
        }

        foreach (var file in versions.Files.Where(f => f.BaseText is not null && f.HeadText is not null))
        {
            var diff = DeclarationDiff.Compare(DeclarationExtractor.Extract(file.BaseText!), DeclarationExtractor.Extract(file.HeadText!));
            foreach (var change in diff.Changes.Where(c => c.Kind == DeclarationChangeKind.BodyChanged))
            {
                foreach (var candidate in new[] { change.Id }.Concat(change.Id.Alternates).SelectMany(id => new[] { id.CompilerForm, id.ToString() }).Distinct(StringComparer.Ordinal))
                {
                    if (await ImpactAnalyzer.ResolveAsync(versions.Base, candidate, CancellationToken.None).ConfigureAwait(false) is { } symbol && SymbolIds.Of(symbol) is { } id)
                    {
                        altered.TryAdd(id, ("body changed", file.OldPath));
                        break;
                    }
                }
            }
        }

        return altered;
    }

    // Where a lane's head newly references a symbol: in each changed file whose head references it and
    // whose base did not, the first reference there.
    private static async System.Threading.Tasks.Task<List<(string Path, int Line, int Column)>> NewReferencesAsync(SolutionVersions versions, string id)
    {
        var places = new List<(string, int, int)>();
        foreach (var file in versions.Files.Where(f => f.HeadText is not null))
        {
            var before = false;
            foreach (var document in versions.Documents(versions.Base, file.OldPath))
            {
                before |= (await ReferenceQueries.ReferencedAsync(document, CancellationToken.None).ConfigureAwait(false)).Contains(id);
            }

            var documents = versions.Documents(versions.Head, file.Path);
            var document0 = documents.Count == 0 ? null : documents[0];
            if (before || document0 is null)
            {
                continue;
            }

            var syntax = await document0.GetSyntaxRootAsync().ConfigureAwait(false);
            var model = await document0.GetSemanticModelAsync().ConfigureAwait(false);
            if (syntax is null || model is null)
            {
                continue;
            }

            foreach (var node in syntax.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax>())
            {
                if (Microsoft.CodeAnalysis.CSharp.CSharpExtensions.GetSymbolInfo(model, node).Symbol is { } symbol && SymbolIds.Of(symbol.OriginalDefinition) == id)
                {
                    var position = node.GetLocation().GetLineSpan().StartLinePosition;
                    places.Add((file.Path, position.Line + 1, position.Character + 1));
                    break;
                }
            }
        }

        return places;
    }

    /// <summary>Gets the agents that may write a place: its member's deciding symbol rule, else its file's path rule.</summary>
    internal static List<string> Owners(ScopeManifest manifest, ScopeEvaluator evaluator, string path, string? containingSymbol)
    {
        var declaration = containingSymbol is null ? null : DeclarationId.TryParse(containingSymbol);
        var owners = new List<string>();
        foreach (var candidate in manifest.Agents)
        {
            var rule = declaration is null ? null : SymbolRules.Decide(candidate, declaration);
            var owns = rule is not null
                ? rule.Access is SymbolAccess.Edit or SymbolAccess.Body
                : evaluator.Decide(candidate, path).Allowed;
            if (owns)
            {
                owners.Add(candidate.Name);
            }
        }

        return owners;
    }

    // Loads the solution with progress on standard error; its load warnings go to standard error and the notes.
    private static LoadedSolution LoadReporting(string root, string solutionPath, CliContext context, ICollection<string> notes, out string label)
    {
        var progress = new LoadProgressWriter(context.Error, context.ErrorIsTerminal, SolutionLoader.CountProjects(solutionPath));
        var loaded = Load(solutionPath, progress);
        progress.Finish();
        foreach (var warning in loaded.Warnings)
        {
            context.Error.WriteLine($"scopeguard: warning: MSBuildWorkspace {warning}");
            notes.Add($"MSBuildWorkspace {warning}");
        }

        label = System.IO.Path.GetRelativePath(root, solutionPath).Replace('\\', '/');
        context.Error.WriteLine($"scopeguard: loaded {label}: {loaded.Solution.ProjectIds.Count} project(s) in {loaded.Elapsed.TotalSeconds:0.0} s");
        return loaded;
    }

    private static LoadedSolution Load(string path, LoadProgressWriter progress) =>
        SolutionLoader.OpenAsync(path, progress, CancellationToken.None).GetAwaiter().GetResult();

    private static List<ChangedFile> ChangedFiles(IGitRepository git, IReadOnlyList<FileChange> changes)
    {
        var files = new List<ChangedFile>();
        foreach (var change in changes)
        {
            if (!change.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && !change.OldPath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var old = change.Status == ChangeStatus.Added ? null : Decode(git.Contents.ReadOld(change));
            var @new = change.Status == ChangeStatus.Deleted ? null : Decode(git.Contents.ReadNew(change));
            files.Add(new ChangedFile(change.Path, change.OldPath, old, @new));
        }

        return files;
    }

    private static string? Decode(byte[]? bytes) => bytes is null ? null : SourceDecoding.TryDecode(bytes);

    private static string OwnersText(IReadOnlyList<string> owners) => owners.Count switch
    {
        0 => "no agent",
        1 => $"agent {owners[0]}",
        _ => $"agents {string.Join(", ", owners)}",
    };

    private static string Who(AgentScope? agent) => agent is null ? "the change" : $"agent {agent.Name}'s change";

    private static string KindText(BreakKind kind) => kind switch
    {
        BreakKind.CallSite => "call site",
        BreakKind.Override => "override",
        BreakKind.Implementation => "implementation",
        BreakKind.Inheritance => "derived type",
        _ => "reference",
    };

    private static string Message(AgentScope? agent, ImpactSite site, IReadOnlyList<string> owners)
    {
        var changed = site.Changed;
        var what = $"{Who(agent)} to `{changed.Symbol}` ({changed.Change}, {changed.Path}({changed.Line},{changed.Column}))";
        return changed.SourceCompatible
            ? $"{what} keeps source compatibility: {changed.Compatibility}; this {KindText(site.Kind)}, owned by {OwnersText(owners)}, still compiles"
            : $"{what} breaks this {KindText(site.Kind)}, owned by {OwnersText(owners)}";
    }

    private static (List<Finding> Findings, List<string> Summaries) BuildFindings(IReadOnlyList<NewCompileError> errors, ImpactResult impact, ScopeManifest manifest, ScopeEvaluator evaluator, AgentScope? agent, ScopeMode mode)
    {
        var findings = new List<Finding>();
        var groups = new Dictionary<(string Symbol, string Owners), int>();
        foreach (var error in errors)
        {
            // The change an error comes from: a predicted site on its line, else the change as a whole.
            var site = impact.Sites.FirstOrDefault(s => s.Path == error.Path && s.Line == error.Line && !s.Changed.SourceCompatible)
                ?? impact.Sites.FirstOrDefault(s => s.Path == error.Path && s.Line == error.Line);
            var owners = Owners(manifest, evaluator, error.Path, site?.ContainingSymbol);
            if (agent is not null && owners.Contains(agent.Name, StringComparer.Ordinal))
            {
                continue;
            }

            var symbol = site?.Changed.Symbol;
            var key = (symbol ?? string.Empty, OwnersText(owners));
            groups[key] = groups.GetValueOrDefault(key) + 1;
            var cause = symbol is null ? Who(agent) : $"{Who(agent)} to `{symbol}`";
            findings.Add(new Finding(
                DiagnosticIds.BreaksOtherScope,
                mode == ScopeMode.Block ? FindingSeverity.Error : FindingSeverity.Warning,
                agent?.Name,
                error.Path,
                error.Line,
                error.Column,
                symbol,
                OwnersText(owners),
                $"the head does not compile here ({error.Id}: {error.Message}): {cause} broke code owned by {OwnersText(owners)}"));
        }

        var summaries = groups
            .OrderByDescending(g => g.Value)
            .Select(g => g.Key.Symbol.Length == 0
                ? $"{Who(agent)} broke {g.Value} place(s) owned by {g.Key.Owners} (new compiler errors at the head)"
                : $"{Who(agent)} to `{g.Key.Symbol}` broke {g.Value} call site(s) owned by {g.Key.Owners} (new compiler errors at the head)")
            .ToList();
        if (errors.Count == 0)
        {
            summaries.Add("the head compiles with no new errors");
        }

        return (findings, summaries);
    }
}
