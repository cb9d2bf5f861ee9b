using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Rules;

/// <summary>
/// The scope checks of <c>scopeguard lint</c>: agents that may write the same files, paths or
/// declarations (SG0100), path grants that match no file (SG0101), protected paths and branches granted
/// to an agent (SG0104), deny patterns without effect (SG0105), and agents whose every granted path is
/// denied (SG0106).
/// </summary>
/// <remarks>
/// Files are judged with <see cref="ScopeEvaluator.Decide"/>, the verdict the hook gives, computed once per
/// (agent, file the agent's grants can reach): each file's set of writing agents is found once, and files
/// are grouped by that set, so the cost grows with the files each agent is granted, not with pairs of
/// agents times files. Anchored patterns look up only the files under their literal prefix.
/// Where no file at HEAD is written by both, the patterns themselves are compared exactly
/// (<see cref="PathIntersection"/>).
/// </remarks>
public static class ScopeLint
{
    private const int FoldersShown = 6;
    private const int DeclarationsShown = 5;

    /// <summary>Runs the checks.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="files">The repository's files at HEAD, or <see langword="null"/> when there is no repository (the file checks are skipped).</param>
    /// <param name="declarations">The C# declarations at HEAD with the file that declares each, or <see langword="null"/> to skip symbol overlaps.</param>
    /// <param name="options">How deny and protected paths compare names (<c>core.ignoreCase</c>).</param>
    /// <returns>The findings, in manifest order.</returns>
    public static IReadOnlyList<Finding> Check(ScopeManifest manifest, IReadOnlyList<string>? files, IReadOnlyList<(string Path, DeclarationId Id)>? declarations, PathMatchOptions options)
    {
        if (manifest is null)
        {
            throw new ArgumentNullException(nameof(manifest));
        }

        var run = new Run(manifest, options ?? PathMatchOptions.Default, files);
        var findings = new List<Finding>();
        run.FileOverlaps(findings);
        run.PatternOverlaps(findings);
        if (declarations is not null)
        {
            run.SymbolOverlaps(declarations, findings);
        }

        run.UnmatchedGrants(findings);
        run.ProtectedGrants(findings);
        run.DenyChecks(findings);
        return findings.OrderBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Id, StringComparer.Ordinal).ThenBy(f => f.Message, StringComparer.Ordinal).ToList();
    }

    /// <summary>Groups paths by folder for a message: the parent folders when there are few, else shallower ones.</summary>
    /// <param name="paths">The paths.</param>
    /// <returns>Folders (with a trailing <c>/</c>, or <c>(root)</c>) and how many of the paths lie in each, most first.</returns>
    public static IReadOnlyList<(string Folder, int Count)> ByFolder(IReadOnlyCollection<string> paths)
    {
        if (paths is null)
        {
            throw new ArgumentNullException(nameof(paths));
        }

        var depth = paths.Count == 0 ? 0 : paths.Max(p => p.Count(c => c == '/'));
        while (true)
        {
            var groups = paths
                .GroupBy(p => Folder(p, depth), StringComparer.Ordinal)
                .Select(g => (Folder: g.Key, Count: g.Count()))
                .OrderByDescending(g => g.Count)
                .ThenBy(g => g.Folder, StringComparer.Ordinal)
                .ToList();
            if (groups.Count <= FoldersShown || depth <= 1)
            {
                return groups;
            }

            depth--;
        }

        static string Folder(string path, int depth)
        {
            var end = -1;
            for (var i = 0; i < depth; i++)
            {
                var next = path.IndexOf('/', end + 1);
                if (next < 0)
                {
                    break;
                }

                end = next;
            }

            return end < 0 ? "(root)" : path.Substring(0, end + 1);
        }
    }

    private static string Count(int n, string what) => n.ToString("N0", CultureInfo.InvariantCulture) + " " + what + (n == 1 ? string.Empty : "s");

    private sealed class Run
    {
        private readonly ScopeManifest manifest;
        private readonly PathMatchOptions options;
        private readonly ScopeEvaluator evaluator;
        private readonly IReadOnlyList<AgentScope> agents;
        private readonly string[]? files;
        private readonly byte[][]? fileBytes;
        private readonly Dictionary<PathPattern, PathAutomaton> exact = new();
        private readonly Dictionary<PathPattern, PathAutomaton> folded = new();
        private readonly HashSet<(int, int)> shared = [];
        private readonly FindingSeverity overlapSeverity;

        // Per file index, the agents (by index) that may write it; per pattern, the files it matches.
        private readonly List<int>[]? writers;
        private readonly Dictionary<PathPattern, List<int>> matches = new();

        // Agent pairs (a < b) with the file groups both may write.
        private readonly Dictionary<(int A, int B), List<int>> pairFiles = [];

        public Run(ScopeManifest manifest, PathMatchOptions options, IReadOnlyList<string>? files)
        {
            this.manifest = manifest;
            this.options = options;
            evaluator = new ScopeEvaluator(manifest, options);
            agents = manifest.Agents;
            overlapSeverity = manifest.Settings.Overlaps == OverlapPolicy.Error ? FindingSeverity.Error : FindingSeverity.Warning;
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < agents.Count; i++)
            {
                index[agents[i].Name] = i;
            }

            // One side saying it is enough: either agent may declare the sharing.
            for (var i = 0; i < agents.Count; i++)
            {
                foreach (var entry in agents[i].SharedWith)
                {
                    if (index.TryGetValue(entry.Source, out var j))
                    {
                        shared.Add((Math.Min(i, j), Math.Max(i, j)));
                    }
                }
            }

            if (files is not null)
            {
                this.files = files.OrderBy(f => f, StringComparer.Ordinal).ToArray();
                fileBytes = this.files.Select(f => Encoding.UTF8.GetBytes(f)).ToArray();
                writers = new List<int>[this.files.Length];
            }
        }

        private bool Reported(int a, int b) => manifest.Settings.Overlaps != OverlapPolicy.Allow && !shared.Contains((Math.Min(a, b), Math.Max(a, b)));

        // The files a pattern matches, found once: anchored patterns only look under their literal prefix.
        private List<int> Matched(PathPattern pattern)
        {
            if (matches.TryGetValue(pattern, out var found))
            {
                return found;
            }

            found = [];
            var (from, to) = (0, files!.Length);
            if (!pattern.BasenameOnly && pattern.LiteralPrefix.Length > 0)
            {
                var prefix = Encoding.UTF8.GetString(pattern.LiteralPrefix);
                from = LowerBound(prefix);
                to = from;
                while (to < files.Length && files[to].StartsWith(prefix, StringComparison.Ordinal))
                {
                    to++;
                }
            }

            for (var i = from; i < to; i++)
            {
                if (pattern.Matches(fileBytes![i]))
                {
                    found.Add(i);
                }
            }

            matches[pattern] = found;
            return found;
        }

        private int LowerBound(string prefix)
        {
            var (low, high) = (0, files!.Length);
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (string.CompareOrdinal(files[mid], prefix) < 0)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }

        private PathAutomaton Exact(PathPattern pattern)
        {
            if (!exact.TryGetValue(pattern, out var automaton))
            {
                exact[pattern] = automaton = PathAutomaton.Compile(pattern, caseFold: false);
            }

            return automaton;
        }

        // Deny and protected patterns match every spelling: ASCII case under core.ignoreCase.
        private PathAutomaton Folded(PathPattern pattern)
        {
            if (!options.IgnoreCase)
            {
                return Exact(pattern);
            }

            if (!folded.TryGetValue(pattern, out var automaton))
            {
                folded[pattern] = automaton = PathAutomaton.Compile(pattern, caseFold: true);
            }

            return automaton;
        }

        private string Where(Text.TextPosition position) => $"{manifest.Path}:{position}";

        public void FileOverlaps(List<Finding> findings)
        {
            if (files is null)
            {
                return;
            }

            for (var a = 0; a < agents.Count; a++)
            {
                var candidates = new HashSet<int>();
                foreach (var grant in agents[a].Paths)
                {
                    candidates.UnionWith(Matched(grant.Pattern));
                }

                foreach (var i in candidates)
                {
                    if (evaluator.Decide(agents[a], files[i]).Allowed)
                    {
                        (writers![i] ??= []).Add(a);
                    }
                }
            }

            // Files grouped by the set of agents that may write them; each group is added to each pair once.
            var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < files.Length; i++)
            {
                if (writers![i] is { Count: >= 2 } set)
                {
                    var key = string.Join(",", set);
                    if (!groups.TryGetValue(key, out var list))
                    {
                        groups[key] = list = [];
                    }

                    list.Add(i);
                }
            }

            foreach (var group in groups.Values)
            {
                var set = writers![group[0]];
                for (var x = 0; x < set.Count; x++)
                {
                    for (var y = x + 1; y < set.Count; y++)
                    {
                        if (!pairFiles.TryGetValue((set[x], set[y]), out var list))
                        {
                            pairFiles[(set[x], set[y])] = list = [];
                        }

                        list.AddRange(group);
                    }
                }
            }

            foreach (var pair in pairFiles.OrderBy(p => p.Key.A).ThenBy(p => p.Key.B))
            {
                var (a, b, list) = (pair.Key.A, pair.Key.B, pair.Value);
                if (!Reported(a, b))
                {
                    continue;
                }

                var first = files[list[0]];
                var ruleA = evaluator.Decide(agents[a], first).Rule!;
                var ruleB = evaluator.Decide(agents[b], first).Rule!;
                var folders = ByFolder(list.Select(i => files[i]).ToList());
                var shown = string.Join(", ", folders.Take(FoldersShown).Select(f => $"{f.Folder} ({f.Count.ToString("N0", CultureInfo.InvariantCulture)})"));
                var more = folders.Count > FoldersShown ? $" and {Count(folders.Count - FoldersShown, "more folder")}" : string.Empty;
                var message = $"agents \"{agents[a].Name}\" and \"{agents[b].Name}\" may both write {Count(list.Count, "file")} at HEAD: {shown}{more}; e.g. {first} (granted by {ruleA.Describe(manifest.Path)} and {ruleB.Describe(manifest.Path)})";
                findings.Add(new Finding(DiagnosticIds.ScopesOverlap, overlapSeverity, agents[a].Name, manifest.Path, ruleA.Position.Line, ruleA.Position.Column, null, $"{ruleA.Origin}: {ruleA.Pattern.Text} x {ruleB.Origin}: {ruleB.Pattern.Text}", message) { End = ruleA.End });
            }
        }

        // Per agent pair, the grant pairs that share a path no file at HEAD shows yet: one finding per agent
        // pair, naming each grant pair with the shortest path both match (less deny and protected paths).
        public void PatternOverlaps(List<Finding> findings)
        {
            var protectedPaths = manifest.Settings.ProtectedPaths;
            foreach (var candidates in CandidatePairs())
            {
                var (a, b) = candidates.Key;
                pairFiles.TryGetValue((a, b), out var both);
                var seen = new HashSet<(string, string)>();
                var found = new List<(ManifestEntry<PathPattern> A, ManifestEntry<PathPattern> B, PathIntersectionResult Result)>();
                foreach (var (pa, pb) in candidates.Value)
                {
                    if (!seen.Add((pa.Pattern.Text, pb.Pattern.Text)))
                    {
                        continue;
                    }

                    // Files both may write under these two grants were reported with the files.
                    if (both is not null && both.Any(i => pa.Pattern.Matches(fileBytes![i]) && pb.Pattern.Matches(fileBytes![i])))
                    {
                        continue;
                    }

                    // Only deny and protected patterns that could share a path with the grants matter.
                    var none = agents[a].Deny.Concat(agents[b].Deny).Concat(protectedPaths)
                        .Where(d => !Disjoint(d.Pattern, pa.Pattern) && !Disjoint(d.Pattern, pb.Pattern))
                        .Select(d => Folded(d.Pattern))
                        .ToList();
                    var result = PathIntersection.FindCompiled([Exact(pa.Pattern), Exact(pb.Pattern)], none, PathIntersection.DefaultMaxStates);
                    if (result.Status != IntersectionStatus.Empty)
                    {
                        found.Add((pa, pb, result));
                    }
                }

                if (found.Count == 0)
                {
                    continue;
                }

                var pairs = string.Join("; ", found.Select(f => $"{Name(f.A)} with {Name(f.B)}, " + (f.Result.Status == IntersectionStatus.Found
                    ? $"e.g. {f.Result.Witness}"
                    : $"undecided within {PathIntersection.DefaultMaxStates.ToString("N0", CultureInfo.InvariantCulture)} states (treat as overlapping)")));
                var where = files is null ? "paths both their patterns match (no repository: compared on the patterns)" : "paths no file at HEAD has yet, that both their patterns match";
                var message = $"agents \"{agents[a].Name}\" and \"{agents[b].Name}\" may both write {where}, less deny and protected paths: {pairs}";
                var first = found[0].A;
                findings.Add(new Finding(DiagnosticIds.ScopesOverlap, overlapSeverity, agents[a].Name, manifest.Path, first.Position.Line, first.Position.Column, null, $"{first.Origin}: {first.Pattern.Text} x {found[0].B.Origin}: {found[0].B.Pattern.Text}", message) { End = first.End });
            }
        }

        // The grant pairs of two agents (reported, not shared) that may share a path, by agent pair in
        // manifest order. Anchored grants are sorted by literal prefix, so the grants whose prefix starts
        // with a given one are a contiguous run: only those are paired. A grant without a literal start
        // ("*.md", "**/x") is paired with every grant.
        private IEnumerable<KeyValuePair<(int A, int B), List<(ManifestEntry<PathPattern> A, ManifestEntry<PathPattern> B)>>> CandidatePairs()
        {
            var anchored = new List<(string Prefix, int Agent, ManifestEntry<PathPattern> Entry)>();
            var floating = new List<(int Agent, ManifestEntry<PathPattern> Entry)>();
            for (var a = 0; a < agents.Count; a++)
            {
                foreach (var grant in agents[a].Paths)
                {
                    if (grant.Pattern.BasenameOnly || grant.Pattern.LiteralPrefix.Length == 0)
                    {
                        floating.Add((a, grant));
                    }
                    else
                    {
                        anchored.Add((Encoding.UTF8.GetString(Key(grant.Pattern)), a, grant));
                    }
                }
            }

            var pairs = new Dictionary<(int A, int B), List<(ManifestEntry<PathPattern> A, ManifestEntry<PathPattern> B)>>();
            void Add(int x, ManifestEntry<PathPattern> ex, int y, ManifestEntry<PathPattern> ey)
            {
                if (x == y || !Reported(x, y))
                {
                    return;
                }

                var key = x < y ? (x, y) : (y, x);
                if (!pairs.TryGetValue(key, out var list))
                {
                    pairs[key] = list = [];
                }

                list.Add(x < y ? (ex, ey) : (ey, ex));
            }

            anchored.Sort((p, q) => string.CompareOrdinal(p.Prefix, q.Prefix));
            for (var i = 0; i < anchored.Count; i++)
            {
                for (var j = i + 1; j < anchored.Count && anchored[j].Prefix.StartsWith(anchored[i].Prefix, StringComparison.Ordinal); j++)
                {
                    Add(anchored[i].Agent, anchored[i].Entry, anchored[j].Agent, anchored[j].Entry);
                }
            }

            for (var i = 0; i < floating.Count; i++)
            {
                foreach (var other in anchored)
                {
                    Add(floating[i].Agent, floating[i].Entry, other.Agent, other.Entry);
                }

                for (var j = i + 1; j < floating.Count; j++)
                {
                    Add(floating[i].Agent, floating[i].Entry, floating[j].Agent, floating[j].Entry);
                }
            }

            // In manifest order of the agents, and of their grants within a pair.
            foreach (var pair in pairs.OrderBy(p => p.Key.A).ThenBy(p => p.Key.B))
            {
                pair.Value.Sort((p, q) => p.A.Position.Line != q.A.Position.Line ? p.A.Position.Line.CompareTo(q.A.Position.Line)
                    : p.A.Position.Column != q.A.Position.Column ? p.A.Position.Column.CompareTo(q.A.Position.Column)
                    : p.B.Position.Line != q.B.Position.Line ? p.B.Position.Line.CompareTo(q.B.Position.Line)
                    : p.B.Position.Column.CompareTo(q.B.Position.Column));
                yield return pair;
            }
        }

        // A grant as a message names it: the pattern as it applies to the agent ({agent} expanded) and where it is written.
        private static string Name(ManifestEntry<PathPattern> entry) => $"'{entry.Pattern.Text}' ({entry.Origin} {entry.Position})";

        // Two anchored patterns whose keys differ before either ends share no path: every path either
        // covers starts with its key.
        private static bool Disjoint(PathPattern a, PathPattern b)
        {
            if (a.BasenameOnly || b.BasenameOnly)
            {
                return false;
            }

            var x = Key(a);
            var y = Key(b);
            var n = Math.Min(x.Length, y.Length);
            for (var i = 0; i < n; i++)
            {
                if (x[i] != y[i])
                {
                    return true;
                }
            }

            return false;
        }

        // Shortcuts that spare the search in the common case of literal folders. A literal folder grant
        // ("src/a/") covers every path below it; a literal deny below it ("src/a/Gen/", "src/a/x.txt")
        // then covers some path the grant covers.
        private static bool LiteralFolder(PathPattern p) => !p.BasenameOnly && p.DirectoryOnly && p.AfterPrefix.Length == 0;

        private static bool Below(PathPattern deny, PathPattern grant) =>
            LiteralFolder(grant) && !deny.BasenameOnly && deny.AfterPrefix.Length == 0 && StartsWith(Key(deny), Key(grant)) && Key(deny).Length > Key(grant).Length;

        // A literal folder grant keeps a path when every pattern against it is anchored with a key longer
        // than the folder's: a one-letter name below the folder that no key continues with is in none.
        private static bool Free(PathPattern grant, IReadOnlyList<ManifestEntry<PathPattern>> against)
        {
            if (!LiteralFolder(grant))
            {
                return false;
            }

            var key = Key(grant);
            var taken = new HashSet<byte>();
            foreach (var entry in against)
            {
                var other = Key(entry.Pattern);
                if (entry.Pattern.BasenameOnly || other.Length <= key.Length || !StartsWith(other, key))
                {
                    return false;
                }

                taken.Add(other[key.Length]);
            }

            return "abcdefghijklmnopqrstuvwxyz".Any(c => !taken.Contains((byte)c));
        }

        private static bool StartsWith(byte[] text, byte[] prefix)
        {
            if (text.Length < prefix.Length)
            {
                return false;
            }

            for (var i = 0; i < prefix.Length; i++)
            {
                if (text[i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        // What every path an anchored pattern covers starts with: its literal prefix, and the '/' after it
        // when the whole pattern is a literal folder ("src/a/" covers only "src/a/...", so it shares no
        // path with "src/ab/").
        private static byte[] Key(PathPattern pattern)
        {
            if (!pattern.DirectoryOnly || pattern.AfterPrefix.Length > 0)
            {
                return pattern.LiteralPrefix;
            }

            var key = new byte[pattern.LiteralPrefix.Length + 1];
            Buffer.BlockCopy(pattern.LiteralPrefix, 0, key, 0, pattern.LiteralPrefix.Length);
            key[key.Length - 1] = (byte)'/';
            return key;
        }

        public void SymbolOverlaps(IReadOnlyList<(string Path, DeclarationId Id)> declarations, List<Finding> findings)
        {
            if (!agents.Any(a => a.Symbols.Edit.Count + a.Symbols.Body.Count + a.Symbols.Extend.Count > 0))
            {
                return;
            }

            var fileIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < (files?.Length ?? 0); i++)
            {
                fileIndex[files![i]] = i;
            }

            // Agents by the first name part of their symbol patterns: only they can name a declaration under
            // that root (a pattern whose first part has a wildcard can name any).
            var byRoot = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
            var anyRoot = new HashSet<int>();
            for (var a = 0; a < agents.Count; a++)
            {
                var s = agents[a].Symbols;
                foreach (var entry in s.Edit.Concat(s.Body).Concat(s.Extend).Concat(s.ReadOnly))
                {
                    var root = entry.Pattern.Parts[0];
                    if (root.IndexOf('*') >= 0)
                    {
                        anyRoot.Add(a);
                    }
                    else
                    {
                        if (!byRoot.TryGetValue(root, out var set))
                        {
                            byRoot[root] = set = [];
                        }

                        set.Add(a);
                    }
                }
            }

            var pairs = new Dictionary<(int A, int B), List<(DeclarationId Id, string RuleA, string RuleB, ManifestEntry<SymbolPattern>? Entry)>>();
            var seen = new HashSet<(int, int, string)>();
            foreach (var (path, id) in declarations)
            {
                if (id.Kind == SymbolKind.Namespace)
                {
                    continue;
                }

                // Who may write this declaration, and by which rule: the deciding symbol rule where one names
                // it (readonly writes nothing), else the file's path rule.
                var candidates = new HashSet<int>(anyRoot);
                foreach (var form in id.Alternates.Prepend(id))
                {
                    if (byRoot.TryGetValue(form.Parts[0], out var set))
                    {
                        candidates.UnionWith(set);
                    }
                }

                var who = new Dictionary<int, (string Rule, SymbolRule? Symbol)>();
                var named = new HashSet<int>();
                foreach (var a in candidates)
                {
                    if (SymbolRules.Decide(agents[a], id) is { } rule)
                    {
                        named.Add(a);
                        if (rule.Access != SymbolAccess.ReadOnly)
                        {
                            who[a] = (rule.Text, rule);
                        }
                    }
                }

                if (fileIndex.TryGetValue(path, out var file) && writers![file] is { } pathWriters)
                {
                    foreach (var a in pathWriters)
                    {
                        if (!named.Contains(a))
                        {
                            who[a] = ($"path {evaluator.Decide(agents[a], path).Rule!.Pattern.Text}", null);
                        }
                    }
                }

                var list = who.Keys.OrderBy(k => k).ToList();
                for (var x = 0; x < list.Count; x++)
                {
                    for (var y = x + 1; y < list.Count; y++)
                    {
                        var (ra, rb) = (who[list[x]], who[list[y]]);
                        if ((ra.Symbol is null && rb.Symbol is null) || !Reported(list[x], list[y]) || !seen.Add((list[x], list[y], id.ToString())))
                        {
                            continue; // two path rules: the file overlap says it
                        }

                        if (!pairs.TryGetValue((list[x], list[y]), out var entries))
                        {
                            pairs[(list[x], list[y])] = entries = [];
                        }

                        entries.Add((id, ra.Rule, rb.Rule, ra.Symbol?.Entry ?? rb.Symbol!.Entry));
                    }
                }
            }

            foreach (var pair in pairs.OrderBy(p => p.Key.A).ThenBy(p => p.Key.B))
            {
                var (a, b, entries) = (pair.Key.A, pair.Key.B, pair.Value);
                var shown = string.Join("; ", entries.Take(DeclarationsShown).Select(e => $"{e.Id} ({agents[a].Name}: {e.RuleA}, {agents[b].Name}: {e.RuleB})"));
                var more = entries.Count > DeclarationsShown ? $"; and {Count(entries.Count - DeclarationsShown, "more declaration")}" : string.Empty;
                var entry = entries[0].Entry!;
                var message = $"agents \"{agents[a].Name}\" and \"{agents[b].Name}\" may both write {Count(entries.Count, "declaration")} at HEAD: {shown}{more}";
                findings.Add(new Finding(DiagnosticIds.ScopesOverlap, overlapSeverity, agents[a].Name, manifest.Path, entry.Position.Line, entry.Position.Column, entries[0].Id.ToString(), $"{entry.Origin}: {entry.Source}", message) { End = entry.End });
            }
        }

        // SG0101 for path grants. A settings.defaults pattern is one line for every agent: reported once,
        // when no agent's expansion of it matches a file.
        public void UnmatchedGrants(List<Finding> findings)
        {
            if (files is null)
            {
                return;
            }

            var defaults = new Dictionary<(int, int), (ManifestEntry<PathPattern> Entry, bool Matched)>();
            foreach (var agent in agents)
            {
                foreach (var grant in agent.Paths)
                {
                    var matched = Matched(grant.Pattern).Count > 0;
                    if (grant.Origin.StartsWith("settings.defaults", StringComparison.Ordinal))
                    {
                        var key = (grant.Position.Line, grant.Position.Column);
                        defaults[key] = defaults.TryGetValue(key, out var before) ? (before.Entry, before.Matched || matched) : (grant, matched);
                        continue;
                    }

                    if (!matched)
                    {
                        findings.Add(new Finding(DiagnosticIds.PatternMatchesNothing, FindingSeverity.Warning, agent.Name, manifest.Path, grant.Position.Line, grant.Position.Column, null, $"{grant.Origin}: {grant.Pattern.Text}", $"path pattern '{grant.Pattern.Text}' in {grant.Origin} matches no file at HEAD: a typo, or a folder that moved?{Hint(grant.Pattern)}") { End = grant.End });
                    }
                }
            }

            foreach (var value in defaults.Values)
            {
                var (entry, matched) = (value.Entry, value.Matched);
                if (!matched)
                {
                    findings.Add(new Finding(DiagnosticIds.PatternMatchesNothing, FindingSeverity.Warning, null, manifest.Path, entry.Position.Line, entry.Position.Column, null, $"{entry.Origin}: {entry.Source}", $"path pattern '{entry.Source}' in {entry.Origin} matches no file at HEAD for any agent: a typo, or a folder that moved?") { End = entry.End });
                }
            }
        }

        // The nearest existing folder or file when the pattern's literal prefix names a folder that is not there.
        private string Hint(PathPattern pattern)
        {
            if (pattern.BasenameOnly || pattern.LiteralPrefix.Length == 0)
            {
                return string.Empty;
            }

            var prefix = Encoding.UTF8.GetString(pattern.LiteralPrefix);
            var cut = prefix.LastIndexOf('/', prefix.Length - 2 < 0 ? 0 : prefix.Length - 2);
            while (cut > 0)
            {
                var parent = prefix.Substring(0, cut + 1);
                var at = LowerBound(parent);
                if (at < files!.Length && files[at].StartsWith(parent, StringComparison.Ordinal))
                {
                    var below = files.Skip(at).TakeWhile(f => f.StartsWith(parent, StringComparison.Ordinal))
                        .Select(f => f.Substring(parent.Length))
                        .Select(f => f.IndexOf('/') is var slash and >= 0 ? f.Substring(0, slash + 1) : f)
                        .Distinct(StringComparer.Ordinal)
                        .OrderBy(n => PatternCoverage.EditDistance(n, prefix.Substring(cut + 1)))
                        .ThenBy(n => n, StringComparer.Ordinal)
                        .FirstOrDefault();
                    return below is null ? string.Empty : $" (nearest under {parent}: {parent}{below})";
                }

                cut = prefix.LastIndexOf('/', cut - 1);
            }

            return string.Empty;
        }

        // SG0104: a grant of a protected path, or of a named folder that holds one; a branch that is protected.
        public void ProtectedGrants(List<Finding> findings)
        {
            var protectedPaths = manifest.Settings.ProtectedPaths;
            var seen = new HashSet<(int, int, string)>();
            foreach (var agent in agents)
            {
                foreach (var grant in agent.Paths)
                {
                    if (!seen.Add((grant.Position.Line, grant.Position.Column, grant.Pattern.Text)))
                    {
                        continue;
                    }

                    var near = protectedPaths.Where(p => !Disjoint(p.Pattern, grant.Pattern)).ToList();
                    if (near.Count == 0)
                    {
                        continue; // no protected pattern can share a path with it
                    }

                    var usable = PathIntersection.FindCompiled([Exact(grant.Pattern)], near.Select(p => Folded(p.Pattern)).ToList(), PathIntersection.DefaultMaxStates);
                    string? message = null;
                    if (usable.Status == IntersectionStatus.Empty)
                    {
                        message = $"path pattern '{grant.Pattern.Text}' in {grant.Origin} grants agent \"{agent.Name}\" only protected paths (settings.protectedPaths): it can never write them (SG0004)";
                    }
                    else if (!grant.Pattern.BasenameOnly && grant.Pattern.LiteralPrefix.Length > 0)
                    {
                        foreach (var guarded in near)
                        {
                            var both = PathIntersection.FindCompiled([Exact(grant.Pattern), Folded(guarded.Pattern)], [], PathIntersection.DefaultMaxStates);
                            if (both.Status == IntersectionStatus.Found)
                            {
                                message = $"path pattern '{grant.Pattern.Text}' in {grant.Origin} grants agent \"{agent.Name}\" paths that {guarded.Describe(manifest.Path)} protects, e.g. {both.Witness}: the agent can never write them (SG0004); deny them, or narrow the grant";
                                break;
                            }
                        }
                    }

                    if (message is not null)
                    {
                        findings.Add(new Finding(DiagnosticIds.ProtectedGranted, FindingSeverity.Warning, agent.Name, manifest.Path, grant.Position.Line, grant.Position.Column, null, $"{grant.Origin}: {grant.Pattern.Text}", message) { End = grant.End });
                    }
                }

                foreach (var branch in agent.Branches)
                {
                    foreach (var guarded in manifest.Settings.ProtectedBranches)
                    {
                        var hit = (branch.Pattern.IsLiteral && guarded.Pattern.Matches(branch.Source))
                            || (guarded.Pattern.IsLiteral && branch.Pattern.Matches(guarded.Source));
                        if (hit)
                        {
                            findings.Add(new Finding(DiagnosticIds.ProtectedGranted, FindingSeverity.Warning, agent.Name, manifest.Path, branch.Position.Line, branch.Position.Column, null, $"{branch.Origin}: {branch.Source}", $"branch pattern '{branch.Source}' of agent \"{agent.Name}\" names a protected branch ({guarded.Origin}: '{guarded.Source}'): the agent is identified there and may never commit there (SG0005)") { End = branch.End });
                            break;
                        }
                    }
                }
            }
        }

        // SG0105 and SG0106. A settings.defaults deny is reported only when it takes effect for no agent.
        public void DenyChecks(List<Finding> findings)
        {
            var defaults = new Dictionary<(int, int), (ManifestEntry<PathPattern> Entry, bool Effective)>();
            foreach (var agent in agents)
            {
                if (agent.Paths.Count == 0)
                {
                    continue; // an agent that writes through symbols only: deny changes nothing there anyway
                }

                var grants = new Lazy<PathAutomaton>(() => agent.Paths.Count == 1 ? Exact(agent.Paths[0].Pattern) : PathAutomaton.Union(agent.Paths.Select(p => Exact(p.Pattern)).ToList()));
                foreach (var deny in agent.Deny)
                {
                    // A deny whose literal start no grant shares is dead without a search.
                    var effective = false;
                    if (agent.Paths.Any(p => !Disjoint(p.Pattern, deny.Pattern)))
                    {
                        var near = manifest.Settings.ProtectedPaths.Where(p => !Disjoint(p.Pattern, deny.Pattern)).ToList();
                        effective = (near.Count == 0 && agent.Paths.Any(p => Below(deny.Pattern, p.Pattern)))
                            || PathIntersection.FindCompiled([grants.Value, Folded(deny.Pattern)], near.Select(p => Folded(p.Pattern)).ToList(), PathIntersection.DefaultMaxStates).Status != IntersectionStatus.Empty;
                    }

                    if (deny.Origin.StartsWith("settings.defaults", StringComparison.Ordinal))
                    {
                        var key = (deny.Position.Line, deny.Position.Column);
                        defaults[key] = defaults.TryGetValue(key, out var before) ? (before.Entry, before.Effective || effective) : (deny, effective);
                    }
                    else if (!effective)
                    {
                        findings.Add(new Finding(DiagnosticIds.DenyWithoutEffect, FindingSeverity.Warning, agent.Name, manifest.Path, deny.Position.Line, deny.Position.Column, null, $"{deny.Origin}: {deny.Pattern.Text}", $"deny pattern '{deny.Pattern.Text}' in {deny.Origin} matches no path that agent \"{agent.Name}\"'s paths grant (outside protected paths): it never takes effect") { End = deny.End });
                    }
                }

                var against = agent.Deny.Concat(manifest.Settings.ProtectedPaths).Where(d => agent.Paths.Any(p => !Disjoint(p.Pattern, d.Pattern))).ToList();
                if (agent.Paths.Any(p => Free(p.Pattern, against)))
                {
                    continue;
                }

                var left = PathIntersection.FindCompiled([grants.Value], against.Select(d => Folded(d.Pattern)).ToList(), PathIntersection.DefaultMaxStates);
                if (left.Status == IntersectionStatus.Empty)
                {
                    findings.Add(new Finding(DiagnosticIds.PathsAllDenied, FindingSeverity.Warning, agent.Name, manifest.Path, agent.Position.Line, agent.Position.Column, null, $"agents.{agent.Name}.paths", $"agent \"{agent.Name}\" may write no path: every path its paths grant ({string.Join(", ", agent.Paths.Select(p => p.Pattern.Text))}) is denied or protected"));
                }
            }

            foreach (var value in defaults.Values)
            {
                var (entry, effective) = (value.Entry, value.Effective);
                if (!effective)
                {
                    findings.Add(new Finding(DiagnosticIds.DenyWithoutEffect, FindingSeverity.Warning, null, manifest.Path, entry.Position.Line, entry.Position.Column, null, $"{entry.Origin}: {entry.Source}", $"deny pattern '{entry.Source}' in {entry.Origin} matches no path that any agent's paths grant (outside protected paths): it never takes effect") { End = entry.End });
                }
            }
        }
    }
}
