using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading.Tasks;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Rules;

/// <summary>Judges change sets against a manifest and produces findings.</summary>
public sealed class ScopeEvaluator
{
    // Below this many C# files, contents are read and judged on the calling thread.
    private const int ParallelThreshold = 32;

    private readonly ScopeManifest manifest;
    private readonly PathMatchOptions pathOptions;

    /// <summary>Initializes a new instance of the <see cref="ScopeEvaluator"/> class that matches case exactly.</summary>
    /// <param name="manifest">The manifest to judge by.</param>
    public ScopeEvaluator(ScopeManifest manifest)
        : this(manifest, PathMatchOptions.Default)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScopeEvaluator"/> class.</summary>
    /// <param name="manifest">The manifest to judge by.</param>
    /// <param name="pathOptions">
    /// How <c>deny</c> and protected paths compare names: pass <see cref="PathMatchOptions.IgnoreCase"/>
    /// from the repository's <c>core.ignoreCase</c>.
    /// </param>
    public ScopeEvaluator(ScopeManifest manifest, PathMatchOptions pathOptions)
    {
        this.manifest = manifest ?? throw new ArgumentNullException(nameof(manifest));
        this.pathOptions = pathOptions ?? throw new ArgumentNullException(nameof(pathOptions));
    }

    /// <summary>
    /// Decides whether an agent may write a path: protected paths first, then deny, then paths,
    /// else default deny. Protected paths and deny match every spelling of a name (Unicode NFC, and
    /// case when <see cref="PathMatchOptions.IgnoreCase"/>); paths grant exactly what they spell.
    /// </summary>
    /// <param name="agent">The agent.</param>
    /// <param name="path">The repository-relative path.</param>
    /// <param name="isDirectory">Whether the path is a directory or submodule.</param>
    /// <returns>The decision and the rule that made it.</returns>
    public PathDecision Decide(AgentScope agent, string path, bool isDirectory = false)
    {
        if (agent is null)
        {
            throw new ArgumentNullException(nameof(agent));
        }

        var bytes = Encoding.UTF8.GetBytes(path);
        var respelled = Encoding.UTF8.GetBytes(PathPattern.Respell(path, pathOptions.IgnoreCase));
        var guarded = FirstAnySpelling(manifest.Settings.ProtectedPaths, respelled, isDirectory);
        if (guarded is not null)
        {
            return new PathDecision(path, PathVerdict.Protected, guarded);
        }

        var denied = FirstAnySpelling(agent.Deny, respelled, isDirectory);
        if (denied is not null)
        {
            return new PathDecision(path, PathVerdict.Denied, denied);
        }

        var granted = First(agent.Paths, bytes, isDirectory);
        return granted is not null
            ? new PathDecision(path, PathVerdict.Granted, granted)
            : new PathDecision(path, PathVerdict.NotGranted, null);
    }

    /// <summary>Judges a change set.</summary>
    /// <param name="identity">Who made the changes.</param>
    /// <param name="branch">The branch being committed to, or <see langword="null"/> when detached.</param>
    /// <param name="changes">The changes.</param>
    /// <param name="modeOverride">A mode that overrides the manifest's (the <c>--mode</c> option).</param>
    /// <param name="contents">
    /// Reads file contents for the C# declaration diff. Without it (or for an agent with no
    /// <c>symbols</c> rules) every file is judged by its path alone.
    /// </param>
    /// <param name="partialTypes">
    /// Where types are declared in the tree the changes start from. With it, a new <c>partial</c> part of
    /// a type added in a file the agent may write is judged as a change to that type: when no symbol rule
    /// of the agent names the type and its other parts live where the agent may not write, SG0002.
    /// </param>
    /// <param name="brought">
    /// What a merge, cherry-pick or revert in progress brings (with <paramref name="contents"/>): in a C#
    /// file, a declaration or file-level change identical to a brought version's is not the committer's,
    /// and a file with no other change is not judged at all.
    /// </param>
    /// <param name="types">
    /// What the repository declares, asked for (once, possibly from several threads) only when a symbol
    /// pattern of the agent names a parameter list (see <see cref="TypeResolution.NamesToResolve(AgentScope)"/>): then
    /// parameter types are resolved, so a pattern in the compiler's form matches. Without it such patterns
    /// are matched with the file's own usings and declarations and the SDK's types only.
    /// </param>
    /// <param name="tables">
    /// Declaration tables known by blob ID (this run's, and a store's from earlier runs): a side found there
    /// is neither read nor parsed again, and each side read is recorded there. Not used for files whose
    /// declarations resolve names against the repository (<paramref name="types"/>) or that an operation in
    /// progress also brings (<paramref name="brought"/>).
    /// </param>
    /// <returns>The findings, in path order.</returns>
    public IReadOnlyList<Finding> Evaluate(AgentIdentity identity, string? branch, IEnumerable<FileChange> changes, ScopeMode? modeOverride = null, IChangeContents? contents = null, IPartialTypeParts? partialTypes = null, IBroughtVersions? brought = null, Lazy<TypeIndex>? types = null, DeclarationTables? tables = null)
    {
        if (identity is null)
        {
            throw new ArgumentNullException(nameof(identity));
        }

        if (changes is null)
        {
            throw new ArgumentNullException(nameof(changes));
        }

        var findings = new List<Finding>();
        var agent = identity.Agent;
        if (agent is null)
        {
            if (manifest.Settings.UnknownAgent == UnknownAgentPolicy.Block)
            {
                var severity = Severities.Of(Severities.EffectiveMode(manifest, null, modeOverride));
                findings.Add(new Finding(DiagnosticIds.UnknownAgent, severity, null, manifest.Path, 1, 1, null, "settings.unknownAgent: block", Messages.UnknownAgent(identity.Reason, manifest.Path)));
            }

            return findings;
        }

        var mode = Severities.Of(Severities.EffectiveMode(manifest, agent, modeOverride));
        if (branch is not null)
        {
            var protectedBranch = manifest.Settings.ProtectedBranches.FirstOrDefault(b => b.Pattern.Matches(branch));
            if (protectedBranch is not null)
            {
                // Located at the rule in the manifest, so every front end (SARIF included) has a place to show it.
                findings.Add(new Finding(DiagnosticIds.ProtectedBranch, mode, agent.Name, manifest.Path, protectedBranch.Position.Line, protectedBranch.Position.Column, null, $"{protectedBranch.Origin}: {protectedBranch.Source}", Messages.ProtectedBranch(agent.Name, branch, protectedBranch.Source)));
            }
        }

        var index = ResolutionIndex(agent, types);
        var broughtDiffs = contents is null || brought is null ? null : BroughtDiffs(changes.ToList(), contents, brought, index);
        if (broughtDiffs is not null)
        {
            // A file whose every change the operation in progress brought is not the committer's change.
            changes = changes.Where(c => !broughtDiffs.TryGetValue(c.Path, out var d) || !DeclarationDiff.IsEmpty(d)).ToList();
        }

        var judgeSymbols = contents is not null && !agent.Symbols.IsEmpty;
        var checkPartials = contents is not null && partialTypes is not null;
        var contentWork = new List<FileChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes.OrderBy(c => c.Path, StringComparer.Ordinal))
        {
            var decisions = change.TouchedPaths
                .Where(seen.Add)
                .Select(path => Decide(agent, path, change.IsSubmodule(path)))
                .ToList();

            var csharp = IsCSharp(change) && decisions.All(d => d.Verdict != PathVerdict.Protected);
            if (judgeSymbols && csharp)
            {
                // The declarations decide; the path rule judges what no symbol rule names. A rename or
                // copy is itself a file-level change, so its paths are judged here as usual.
                contentWork.Add(change);
                if (change.Status is not (ChangeStatus.Renamed or ChangeStatus.Copied))
                {
                    continue;
                }
            }
            else if (checkPartials && csharp && change.NewKind != EntryKind.None)
            {
                // The path rule decides, and the contents are read only for new partial parts.
                contentWork.Add(change);
            }

            foreach (var decision in decisions.Where(d => !d.Allowed))
            {
                findings.Add(PathFinding(agent, mode, change, decision));
            }
        }

        if (contentWork.Count > 0)
        {
            findings.AddRange(JudgeContents(agent, mode, contentWork, contents!, judgeSymbols, partialTypes, broughtDiffs, index, tables));

            // Content findings are computed after the loop; put them back in path order (stable: a
            // file's own findings keep their order).
            return findings.OrderBy(f => f.Path ?? string.Empty, StringComparer.Ordinal).ToList();
        }

        return findings;
    }

    // A new partial part of a type (or member), in a file the agent may write, changes that type:
    // where no symbol rule of the agent names it, the rules of its existing parts decide (their paths).
    // The new partial parts of types in one file's diff that the type's other parts refuse.
    private IEnumerable<Finding> PartialPartFindings(AgentScope agent, FindingSeverity mode, string path, FileDeclarationDiff diff, IPartialTypeParts partialTypes)
    {
        foreach (var added in diff.Changes.Where(c => c.AddsPartialPart))
        {
            if (SymbolRules.Covering(agent, added.Id).Count > 0)
            {
                continue; // a symbol rule of the agent decides for the type, as for any declaration
            }

            var refused = partialTypes.FilesDeclaring(added.Id, path).Where(p => !Decide(agent, p).Allowed).ToList();
            if (refused.Count > 0)
            {
                yield return new Finding(DiagnosticIds.SymbolOutOfScope, mode, agent.Name, path, added.Position.Line, added.Position.Column, added.Id.ToString(), $"the paths of {added.Id}'s other parts", Messages.PartialPartOfForeignType(agent, added.Id, refused));
            }
        }
    }

    // Reads and parses each C# file at most once, for the symbol rules and the partial-part check alike.
    // For each C# file (modified or added, text on both sides) that an operation in progress also brings:
    // its declaration diff without what was brought.
    private static Dictionary<string, FileDeclarationDiff> BroughtDiffs(List<FileChange> changes, IChangeContents contents, IBroughtVersions brought, TypeIndex? index)
    {
        var result = new Dictionary<string, FileDeclarationDiff>(StringComparer.Ordinal);
        foreach (var change in changes.Where(c => IsCSharp(c) && c.NewKind != EntryKind.None && c.Status is not (ChangeStatus.Renamed or ChangeStatus.Copied)))
        {
            var versions = brought.Read(change.Path);
            if (versions.Count == 0)
            {
                continue;
            }

            var old = Decode(contents.ReadOld(change), change.OldKind);
            var @new = Decode(contents.ReadNew(change), change.NewKind);
            if (old.Binary || @new.Binary || @new.Text is null)
            {
                continue;
            }

            var sides = versions.Select(v => v is null ? null : SourceDecoding.TryDecode(v)).ToList();
            if (Enumerable.Range(0, versions.Count).Any(i => versions[i] is not null && sides[i] is null))
            {
                continue; // a brought version that is not text: nothing to compare declarations with
            }

            var after = DeclarationExtractor.Extract(@new.Text, index);
            var diff = DeclarationDiff.Compare(old.Text is null ? null : DeclarationExtractor.Extract(old.Text, index), after);
            result[change.Path] = DeclarationDiff.WithoutBrought(diff, after, sides.Select(t => t is null ? null : DeclarationExtractor.Extract(t, index)).ToList());
        }

        return result;
    }

    // Parameter types are resolved only for an agent with a pattern that names parameters, only for
    // the members such patterns name, and the index is built only when one of them is resolved.
    private static TypeIndex? ResolutionIndex(AgentScope agent, Lazy<TypeIndex>? types)
    {
        var patterns = TypeResolution.PatternsOf(agent).ToList();
        return TypeResolution.NamesToResolve(patterns).Count == 0
            ? null
            : TypeIndex.Deferred(() => types?.Value ?? TypeIndex.Empty).ForMembers(TypeResolution.MembersToResolve(patterns));
    }

    private IEnumerable<Finding> JudgeContents(AgentScope agent, FindingSeverity mode, List<FileChange> work, IChangeContents contents, bool judgeSymbols, IPartialTypeParts? partialTypes, Dictionary<string, FileDeclarationDiff>? broughtDiffs, TypeIndex? index, DeclarationTables? tables)
    {
        // Only body, extend and readonly rules can refuse a change in a file whose path the agent may
        // write; a file that cannot declare anything they cover needs no parse (and, without such
        // rules, no read): its declaration diff could not produce a finding.
        var restrictive = agent.Symbols.Body.Concat(agent.Symbols.Extend).Concat(agent.Symbols.ReadOnly).Select(e => e.Pattern).ToList();
        var results = new List<Finding>[work.Count];

        // Tables hold declarations that depend on the blob alone: not those whose names are resolved.
        var cache = tables is not null && index is null ? new Lazy<CachedSides>(() => new CachedSides(tables, DeclarationTables.NamesKeyOf(restrictive), restrictive)) : null;

        // Reading, the cheap check and parsing all run in parallel: on a large range, reading the blobs
        // costs as much as parsing them. A few files are judged on this thread: starting workers (and,
        // for git, a repository handle per worker) costs more than it saves.
        if (work.Count < ParallelThreshold)
        {
            for (var i = 0; i < work.Count; i++)
            {
                Judge(i);
            }
        }
        else
        {
            try
            {
                Parallel.For(0, work.Count, Judge);
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
            {
                // Fail as the sequential path does: with the reader's own error (a missing object, an
                // unreadable repository), not a wrapper the CLI would call an internal error.
                ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            }
        }

        return results.SelectMany(r => r);

        void Judge(int i)
        {
            var change = work[i];
            var at = ContentPathOf(agent, change);
            var pathAllowed = at.Refused is null;
            var partials = partialTypes is not null && pathAllowed && change.NewKind != EntryKind.None;
            var symbolsNeedContents = judgeSymbols && (!pathAllowed || restrictive.Count > 0);
            if (!symbolsNeedContents && !partials)
            {
                results[i] = [];
                return;
            }

            if (cache is not null && (broughtDiffs is null || !broughtDiffs.ContainsKey(change.Path)))
            {
                // Without symbol rules to judge, only a new side that mentions "partial" needs its table. For a
                // few files one blob read decides, before the cache (whose key loads Roslyn) is even opened, and
                // the bytes read serve the cache's load; for many, the cache's entries say it without reading.
                Func<byte[]?> readNew = () => contents.ReadNew(change);
                if (!symbolsNeedContents && work.Count < ParallelThreshold)
                {
                    var bytes = contents.ReadNew(change);
                    if (!BlobEntry.MentionsPartial(Decode(bytes, change.NewKind).Text))
                    {
                        results[i] = [];
                        return;
                    }

                    readNew = () => bytes;
                }

                results[i] = JudgeCached(change, at, symbolsNeedContents, partials, readNew);
                return;
            }

            // The new side first: without symbol rules to judge, the old one matters only when the new one
            // mentions "partial".
            var @new = Decode(contents.ReadNew(change), change.NewKind);
            var partialsMatter = partials && BlobEntry.MentionsPartial(@new.Text);
            if (!symbolsNeedContents && !partialsMatter)
            {
                results[i] = [];
                return;
            }

            var old = Decode(contents.ReadOld(change), change.OldKind);
            var symbolsMatter = symbolsNeedContents && (!pathAllowed || MayDeclare(old) || MayDeclare(@new));
            if (!symbolsMatter && !partialsMatter)
            {
                results[i] = [];
                return;
            }

            var diff = old.Binary || @new.Binary ? null
                : broughtDiffs is not null && broughtDiffs.TryGetValue(change.Path, out var without) ? without
                : TouchedDiff.Compare(old.Text, @new.Text, index);
            var found = symbolsMatter ? JudgeFile(agent, mode, change, at, old, @new, diff) : [];
            if (partialsMatter && diff is not null)
            {
                found.AddRange(PartialPartFindings(agent, mode, change.Path, diff, partialTypes!));
            }

            results[i] = found;
        }

        // Whether this side may declare something a restrictive rule covers (see SymbolPattern.RequiredNames).
        // A side that cannot be decoded may declare anything.
        bool MayDeclare(Side side) =>
            side.Binary || side.Text is not null && (SymbolPattern.MayHideNames(side.Text) || restrictive.Any(p => p.ContainsRequiredNames(side.Text)));

        // The same judgement as above, from what the tables know of each blob: a side they know is not
        // read, a side they know parsed is not parsed; what is learned goes back to them.
        List<Finding> JudgeCached(FileChange change, ContentPath at, bool symbolsNeedContents, bool partials, Func<byte[]?> readNew)
        {
            var sides = cache!.Value;
            var old = sides.Load(change.OldBlobId, change.OldKind, () => contents.ReadOld(change));
            var @new = sides.Load(change.NewBlobId, change.NewKind, readNew);
            try
            {
                var symbolsMatter = symbolsNeedContents && (at.Refused is not null || sides.MayDeclare(old) || sides.MayDeclare(@new));
                var partialsMatter = partials && @new.Entry is { Unparseable: null, ContainsPartial: true };
                if (!symbolsMatter && !partialsMatter)
                {
                    return [];
                }

                var before = old.Unparseable || @new.Unparseable ? null : sides.Table(old);
                var after = old.Unparseable || @new.Unparseable ? null : sides.Table(@new);
                var diff = old.Unparseable || @new.Unparseable ? null : DeclarationDiff.Compare(before, after);
                var found = symbolsMatter ? JudgeFile(agent, mode, change, at, old.AsSide(), @new.AsSide(), diff) : [];
                if (partialsMatter && diff is not null)
                {
                    found.AddRange(PartialPartFindings(agent, mode, change.Path, diff, partialTypes!));
                }

                return found;
            }
            finally
            {
                sides.Keep(old);
                sides.Keep(@new);
            }
        }
    }

    /// <summary>
    /// Judges one C# file's change from its declaration diff: the evaluation the hook, the CI gate
    /// and the analyzer share. A protected path gives SG0004 and an agent without symbol rules (or a
    /// file that could not be parsed, <paramref name="diff"/> <see langword="null"/>) is judged by its
    /// path alone; otherwise each changed declaration is judged by its deciding symbol rule, and what
    /// no symbol rule names by the file's path. Call it only for a file that changed.
    /// </summary>
    /// <param name="agent">The agent.</param>
    /// <param name="change">The file's change (added when <see cref="FileChange.OldKind"/> is <see cref="EntryKind.None"/>).</param>
    /// <param name="diff">The declaration diff of the file, or <see langword="null"/> when it is not parseable C#.</param>
    /// <param name="modeOverride">A mode that overrides the agent's.</param>
    /// <param name="partialTypes">Where types are declared (the analyzer: the compilation's other files); with it, a new partial part of a type whose other parts the agent may not write is SG0002.</param>
    /// <returns>The findings, in the order <see cref="Evaluate"/> reports them for the file.</returns>
    public IReadOnlyList<Finding> JudgeFile(AgentScope agent, FileChange change, FileDeclarationDiff? diff, ScopeMode? modeOverride = null, IPartialTypeParts? partialTypes = null)
    {
        if (agent is null)
        {
            throw new ArgumentNullException(nameof(agent));
        }

        if (change is null)
        {
            throw new ArgumentNullException(nameof(change));
        }

        var mode = Severities.Of(Severities.EffectiveMode(manifest, agent, modeOverride));
        var decisions = change.TouchedPaths.Select(path => Decide(agent, path, change.IsSubmodule(path))).ToList();
        var findings = new List<Finding>();
        if (diff is not null && partialTypes is not null && change.NewKind != EntryKind.None && Decide(agent, change.Path).Allowed)
        {
            findings.AddRange(PartialPartFindings(agent, mode, change.Path, diff, partialTypes));
        }

        if (diff is null || agent.Symbols.IsEmpty || decisions.Any(d => d.Verdict == PathVerdict.Protected))
        {
            findings.AddRange(decisions.Where(d => !d.Allowed).Select(d => PathFinding(agent, mode, change, d)));
            return findings;
        }

        if (change.Status is ChangeStatus.Renamed or ChangeStatus.Copied)
        {
            findings.AddRange(decisions.Where(d => !d.Allowed).Select(d => PathFinding(agent, mode, change, d)));
        }

        var contents = new List<Finding>();
        JudgeDiff(agent, mode, change, ContentPathOf(agent, change), diff, wholeFile: change.OldKind == EntryKind.None || change.NewKind == EntryKind.None, contents);
        findings.AddRange(contents);
        return findings;
    }

    // diff: the file's declaration diff, null when a side is binary.
    private static List<Finding> JudgeFile(AgentScope agent, FindingSeverity mode, FileChange change, ContentPath at, Side old, Side @new, FileDeclarationDiff? diff)
    {
        var findings = new List<Finding>();
        if (diff is null)
        {
            // Not parseable as C#: the path decides, as for any other file, and where the path allows
            // it a restrictive symbol rule cannot be checked, so the changed contents are refused.
            if (at.Refused is not null)
            {
                if (!at.Moved)
                {
                    findings.Add(PathFinding(agent, mode, change, at.Refused));
                }
            }
            else if (FirstRestrictive(agent) is { } rule && (change.OldBlobId is null || change.OldBlobId != change.NewBlobId))
            {
                findings.Add(new Finding(DiagnosticIds.SymbolOutOfScope, mode, agent.Name, at.Path, 1, 1, null, $"{rule.Origin}: {rule.Source}", Messages.UnparseableFile(agent, at.Path, (old.Binary ? old : @new).Unparseable!)));
            }

            return findings;
        }

        // A file made executable (or no longer) changed though its text may not have.
        if (at.Refused is not null && !at.Moved && change.OldKind != EntryKind.None && change.NewKind != EntryKind.None && change.OldKind != change.NewKind)
        {
            findings.Add(PathFinding(agent, mode, change, at.Refused));
        }

        JudgeDiff(agent, mode, change, at, diff, wholeFile: old.Text is null || @new.Text is null, findings);
        return findings;
    }

    // The contents are judged at the path they have (the old one for a deletion). A rename's or
    // copy's paths are judged as paths: what was moved is not judged again by its contents.
    private ContentPath ContentPathOf(AgentScope agent, FileChange change)
    {
        var path = change.Status == ChangeStatus.Deleted ? change.OldPath : change.Path;
        var decision = Decide(agent, path);
        return new ContentPath(path, decision.Allowed ? null : decision, change.Status is ChangeStatus.Renamed or ChangeStatus.Copied);
    }

    // The one place a declaration diff is judged, for every front end; adds to the file's findings.
    private static void JudgeDiff(AgentScope agent, FindingSeverity mode, FileChange change, ContentPath at, FileDeclarationDiff diff, bool wholeFile, List<Finding> findings)
    {
        var (path, pathDecision, moved) = at;

        // Adding or deleting the file is one file-level finding; the declarations no symbol rule names
        // come and go with it and are not reported one by one.
        var triviaOnlyOutside = false;
        var allowedSome = false;
        var outside = new List<Finding>();
        foreach (var declaration in ParameterChanges(diff.Changes))
        {
            var rules = SymbolRules.Covering(agent, declaration.Id);
            var rule = rules.Count == 0 ? null : rules[0];
            if (rule is null || (declaration.Kind == DeclarationChangeKind.TriviaOnly && rule.Access == SymbolAccess.ReadOnly))
            {
                if (pathDecision is not null && !wholeFile)
                {
                    if (declaration.Kind == DeclarationChangeKind.TriviaOnly)
                    {
                        triviaOnlyOutside = true;
                    }
                    else
                    {
                        var finding = new Finding(DiagnosticIds.PathOutOfScope, mode, agent.Name, path, declaration.Position.Line, declaration.Position.Column, declaration.Id.ToString(), pathDecision.RuleText, Messages.DeclarationOutsidePaths(agent, path, declaration, pathDecision))
                        {
                            Removal = declaration.Removal,
                        };
                        outside.Add(finding);
                        findings.Add(finding);
                    }
                }

                continue;
            }

            if (rule.Allows(declaration))
            {
                allowedSome = true;
                continue;
            }

            var allowing = rules.FirstOrDefault(r => r.Allows(declaration));
            var id = rule.Access == SymbolAccess.Body ? DiagnosticIds.SignatureChanged : DiagnosticIds.SymbolOutOfScope;
            // A removal is located where the diff put it (its surviving container, else line 1) and its
            // message says where it stood.
            findings.Add(new Finding(id, mode, agent.Name, path, declaration.Position.Line, declaration.Position.Column, declaration.Id.ToString(), $"{rule.Entry.Origin}: {rule.Entry.Source}", Messages.SymbolDenied(agent, declaration, rule, allowing, fileDeleted: change.NewKind == EntryKind.None))
            {
                Removal = declaration.Removal,
            });
        }

        // Code in an #if branch no parse could make active belongs to no declaration: a restrictive
        // rule cannot be checked there.
        if (diff.InactiveCodeChanged is { } inactive && FirstRestrictive(agent) is { } restrictive)
        {
            findings.Add(new Finding(DiagnosticIds.SymbolOutOfScope, mode, agent.Name, path, inactive.Line, inactive.Column, null, $"{restrictive.Origin}: {restrictive.Source}", Messages.InactiveCodeChanged(agent, path)));
        }

        if (pathDecision is null || moved)
        {
            return;
        }

        var fileLevel = diff.FileLevel == FileLevelChangeKind.Changed;
        if (!allowedSome && outside.Count + (fileLevel ? 1 : 0) > 1)
        {
            // No symbol rule allowed anything in this file: it is out of the agent's paths, said once.
            findings.RemoveAll(outside.Contains);
            var (line, column) = fileLevel ? (diff.FileLevelPosition.Line, diff.FileLevelPosition.Column) : (outside[0].Line, outside[0].Column);
            findings.Insert(0, new Finding(DiagnosticIds.PathOutOfScope, mode, agent.Name, path, line, column, null, pathDecision.RuleText, Messages.FileOutsidePaths(agent, path, outside.Count, fileLevel, pathDecision)));
        }
        else if (fileLevel)
        {
            findings.Insert(0, new Finding(DiagnosticIds.PathOutOfScope, mode, agent.Name, path, diff.FileLevelPosition.Line, diff.FileLevelPosition.Column, null, pathDecision.RuleText, Messages.FileLevelOutsidePaths(agent, change, path, pathDecision)));
        }
        else if (findings.Count == 0 && (triviaOnlyOutside || diff.FileLevel == FileLevelChangeKind.TriviaOnly))
        {
            findings.Add(new Finding(DiagnosticIds.PathOutOfScope, mode, agent.Name, path, 1, 1, null, pathDecision.RuleText, Messages.PathOutOfScope(agent, path, "whitespace or comments only", pathDecision)));
        }
    }

    // A member whose parameter list changed has a new ID: the diff lists the old one removed and the new
    // one added. When a container has exactly one such removal and one such addition of one name, that is
    // one change, one finding: the old member's signature changed, located at the new declaration (not a
    // second finding at the container, where the removal would be reported).
    private static IEnumerable<DeclarationChange> ParameterChanges(IReadOnlyList<DeclarationChange> changes)
    {
        static string? Key(DeclarationChange c) =>
            c.Id.Parameters is null && c.Id.Kind != SymbolKind.Method ? null : ((int)c.Id.Kind).ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + string.Join(".", c.Id.Parts);

        var removed = changes.Where(c => c.Kind == DeclarationChangeKind.Removed && Key(c) is not null).GroupBy(c => Key(c)!).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        var added = changes.Where(c => c.Kind == DeclarationChangeKind.Added && !c.AddsPartialPart && Key(c) is not null).GroupBy(c => Key(c)!).Where(g => g.Count() == 1 && removed.ContainsKey(g.Key)).ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        if (added.Count == 0)
        {
            return changes;
        }

        var result = new List<DeclarationChange>(changes.Count);
        foreach (var change in changes)
        {
            var key = Key(change);
            if (key is null || !added.TryGetValue(key, out var addition))
            {
                result.Add(change);
            }
            else if (change == addition)
            {
                result.Add(new DeclarationChange(removed[key].Id, DeclarationChangeKind.SignatureChanged, addition.Position));
            }

            // The paired removal is the same change: left out.
        }

        return result;
    }

    private static Finding PathFinding(AgentScope agent, FindingSeverity mode, FileChange change, PathDecision decision)
    {
        var how = Messages.HowChanged(change, decision.Path);
        return decision.Verdict == PathVerdict.Protected
            ? new Finding(DiagnosticIds.ProtectedPath, mode, agent.Name, decision.Path, 1, 1, null, decision.RuleText, Messages.ProtectedPath(agent.Name, decision.Path, how, decision.Rule!.Pattern.Text))
            : new Finding(DiagnosticIds.PathOutOfScope, mode, agent.Name, decision.Path, 1, 1, null, decision.RuleText, Messages.PathOutOfScope(agent, decision.Path, how, decision));
    }

    private static ManifestEntry<SymbolPattern>? FirstRestrictive(AgentScope agent) =>
        agent.Symbols.Body.Concat(agent.Symbols.Extend).Concat(agent.Symbols.ReadOnly).FirstOrDefault();

    private static bool IsCSharp(FileChange change) =>
        (change.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || change.OldPath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
        && change.NewKind is EntryKind.File or EntryKind.Executable or EntryKind.None
        && change.OldKind is EntryKind.File or EntryKind.Executable or EntryKind.None;

    private static Side Decode(byte[]? bytes, EntryKind kind)
    {
        if (kind == EntryKind.None || bytes is null)
        {
            return new Side(null, null);
        }

        var text = SourceDecoding.TryDecode(bytes);
        return new Side(text, text is not null ? null : bytes.Length > SourceDecoding.MaxParsedBytes ? "it is over 16 MiB" : "it is binary: a NUL byte in its first 8,000 bytes");
    }

    private static ManifestEntry<PathPattern>? First(IReadOnlyList<ManifestEntry<PathPattern>> rules, byte[] path, bool isDirectory)
    {
        foreach (var rule in rules)
        {
            if (rule.Pattern.Matches(path, isDirectory))
            {
                return rule;
            }
        }

        return null;
    }

    private ManifestEntry<PathPattern>? FirstAnySpelling(IReadOnlyList<ManifestEntry<PathPattern>> rules, byte[] respelledPath, bool isDirectory)
    {
        foreach (var rule in rules)
        {
            if (rule.Pattern.MatchesRespelled(respelledPath, isDirectory, pathOptions.IgnoreCase))
            {
                return rule;
            }
        }

        return null;
    }

    // One side of a file as the declaration tables know it: Entry null for an absent side; Text once it
    // was read in this run; Changed when the tables learned something to keep.
    private sealed class CachedSide(string? blobId, BlobEntry? entry, string? text, bool changed, Func<byte[]?> read)
    {
        public string? BlobId { get; } = blobId;

        public Func<byte[]?> Read { get; } = read;

        public BlobEntry? Entry { get; set; } = entry;

        public string? Text { get; set; } = text;

        public bool Changed { get; set; } = changed;

        public bool Unparseable => Entry?.Unparseable is not null;

        // What JudgeFile needs of a side: whether it exists (a text, whatever it is) and why it is not C#.
        public Side AsSide() => Entry is null ? new Side(null, null) : new Side(Entry.Unparseable is null ? Text ?? string.Empty : null, Entry.Unparseable);
    }

    // Reads sides through the declaration tables, for one agent's restrictive patterns: the same
    // decisions as the uncached path (MayDeclare, the "partial" test, the diff), from what is known.
    private sealed class CachedSides(DeclarationTables tables, ulong namesKey, List<SymbolPattern> restrictive)
    {
        private readonly string context = DeclarationTables.Context;

        public CachedSide Load(string? blobId, EntryKind kind, Func<byte[]?> read)
        {
            if (kind == EntryKind.None)
            {
                return new CachedSide(null, null, null, changed: false, read);
            }

            if (blobId is not null && tables.Get(context, blobId) is { } known)
            {
                return new CachedSide(blobId, known, null, changed: false, read);
            }

            tables.CountComputed();
            var side = Decode(read(), kind);
            if (side.Binary)
            {
                return new CachedSide(blobId, new BlobEntry(side.Unparseable, MayHideNames: false, ContainsPartial: false, Table: null, Names: []), null, changed: true, read);
            }

            if (side.Text is not { } text)
            {
                return new CachedSide(null, null, null, changed: false, read); // no contents: as an absent side
            }

            return new CachedSide(blobId, BlobEntry.Scanned(text), text, changed: true, read);
        }

        // Whether this side may declare something a restrictive rule covers (as MayDeclare in JudgeContents).
        public bool MayDeclare(CachedSide side)
        {
            if (side.Entry is not { } entry)
            {
                return false;
            }

            if (entry.Unparseable is not null || entry.MayHideNames)
            {
                return true;
            }

            if (restrictive.Count == 0)
            {
                return false;
            }

            if (entry.NamesPresent(namesKey) is { } known)
            {
                return known;
            }

            if (Text(side) is not { } text)
            {
                return true;
            }

            var present = restrictive.Any(p => p.ContainsRequiredNames(text));
            side.Entry = side.Entry!.WithNames(namesKey, present);
            side.Changed = true;
            return present;
        }

        // The side's full declaration table, as fingerprints (so a table from the store compares with a
        // fresh one); parsed now when the tables did not have it. Null for an absent side.
        public DeclarationSet? Table(CachedSide side)
        {
            if (side.Entry is not { } entry)
            {
                return null;
            }

            if (entry.Table is { } known)
            {
                return known;
            }

            if (Text(side) is not { } text)
            {
                return null;
            }

            var table = DeclarationExtractor.Extract(text).ToFingerprints();
            side.Entry = side.Entry! with { Table = table };
            side.Changed = true;
            return table;
        }

        public void Keep(CachedSide side)
        {
            if (side.Changed && side.BlobId is { } id && side.Entry is { } entry)
            {
                tables.Put(context, id, entry);
            }
        }

        // The side's text, read now when the entry came from the tables; null (and the entry made
        // unparseable) when the bytes are not the text the entry said they were.
        private string? Text(CachedSide side)
        {
            if (side.Text is null)
            {
                tables.CountComputed();
                var read = Decode(side.Read(), EntryKind.File);
                if (read.Text is null)
                {
                    side.Entry = new BlobEntry(read.Unparseable ?? "it could not be read", MayHideNames: false, ContainsPartial: false, Table: null, Names: []);
                    side.Changed = true;
                    return null;
                }

                side.Text = read.Text;
            }

            return side.Text;
        }
    }

    // Unparseable: why the bytes could not be decoded, or null.
    private readonly record struct Side(string? Text, string? Unparseable)
    {
        public bool Binary => Unparseable is not null;
    }

    // Where a C# file's contents are judged, and the path rule's verdict there (null: allowed).
    private sealed record ContentPath(string Path, PathDecision? Refused, bool Moved);
}
