using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Conflicts;

/// <summary>
/// Compares lanes pairwise from what <see cref="LaneReader"/> read once per lane, runs the trial merges
/// only for pairs that can conflict textually, ranks each pair, and suggests a merge order.
/// </summary>
internal static class ConflictAnalysis
{
    /// <summary>
    /// Whether a trial merge of two lanes can find a textual conflict. It can when they touched a path in
    /// common (content, modify/delete, add/add, rename/rename); when a path one touched is a folder on the
    /// other's path (git's file/directory conflict, with no path in common); and when one renamed a file
    /// into another folder (git's directory-rename detection may then move the other's new file into a
    /// folder the first one changed: a "file location" conflict). Otherwise each path of the merge comes
    /// from one side unchanged by the other, which merges cleanly.
    /// </summary>
    public static bool CanConflict(LaneWork a, LaneWork b) =>
        a.MovesAcrossFolders || b.MovesAcrossFolders
        || a.Paths.Overlaps(b.Paths)
        || a.Paths.Overlaps(b.Folders) || b.Paths.Overlaps(a.Folders);

    /// <summary>Compares every pair of lanes of different agents.</summary>
    public static List<PairResult> Compare(IReadOnlyList<LaneWork> works, IMergePreview merges)
    {
        var pairs = new List<(LaneWork A, LaneWork B)>();
        for (var i = 0; i < works.Count; i++)
        {
            for (var j = i + 1; j < works.Count; j++)
            {
                if (works[i].Lane.Agent != works[j].Lane.Agent)
                {
                    pairs.Add((works[i], works[j]));
                }
            }
        }

        // Each merge-tree is a process of its own: run them side by side, one per core.
        var merged = new TrialMergeResult?[pairs.Count];
        var toMerge = Enumerable.Range(0, pairs.Count).Where(k => CanConflict(pairs[k].A, pairs[k].B)).ToList();
        System.Threading.Tasks.Parallel.ForEach(
            toMerge,
            new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) },
            k => merged[k] = merges.TrialMerge(pairs[k].A.Lane.Tip, pairs[k].B.Lane.Tip));

        return Enumerable.Range(0, pairs.Count).Select(k => Pair(pairs[k].A, pairs[k].B, merged[k])).ToList();
    }

    /// <summary>Ranks one pair from the two lanes' work and, when it ran, their trial merge.</summary>
    public static PairResult Pair(LaneWork a, LaneWork b, TrialMergeResult? merge)
    {
        var members = a.Members.Keys.Where(b.Members.ContainsKey).OrderBy(id => id, StringComparer.Ordinal)
            .Select(id => new MemberOverlap(id, a.Members[id], b.Members[id])).ToList();
        var conflicted = merge?.ConflictedPaths.ToHashSet(StringComparer.Ordinal) ?? [];
        var files = new List<FileOverlap>();
        foreach (var path in a.Paths.Where(b.Paths.Contains).Concat(conflicted.Where(p => !(a.Paths.Contains(p) && b.Paths.Contains(p)))).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal))
        {
            var inFile = members.Where(m => m.First.Path == path || m.Second.Path == path).Select(m => m.Id).ToList();
            var level = conflicted.Contains(path) ? OverlapLevel.TextualConflict : inFile.Count > 0 ? OverlapLevel.SameMember : OverlapLevel.SameFile;
            var type = conflicted.Contains(path) ? merge!.Messages.FirstOrDefault(m => m.Paths.Contains(path) && m.Type.StartsWith("CONFLICT", StringComparison.Ordinal))?.Type ?? "CONFLICT" : null;
            files.Add(new FileOverlap(path, level, inFile, type));
        }

        // A member both changed in files neither of them shares (parts of a partial type): listed at the first lane's file.
        foreach (var member in members.Where(m => !files.Any(f => f.Path == m.First.Path)))
        {
            files.Add(new FileOverlap(member.First.Path, OverlapLevel.SameMember, [member.Id], null));
        }

        var folders = a.Parents.Where(b.Parents.Contains).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var pairLevel = files.Count == 0 ? (folders.Count > 0 ? OverlapLevel.SameFolder : OverlapLevel.None) : files.Max(f => f.Level);
        if (members.Count > 0 && pairLevel < OverlapLevel.SameMember)
        {
            pairLevel = OverlapLevel.SameMember;
        }

        return new PairResult(a.Lane, b.Lane, pairLevel, files, members, folders, merge is not null);
    }

    /// <summary>Adds each pair's semantic overlaps (either way round) and raises its level to <see cref="OverlapLevel.SemanticUse"/> when it has some.</summary>
    public static List<PairResult> WithSemantic(IReadOnlyList<PairResult> pairs, IReadOnlyList<SemanticOverlap> overlaps) =>
        pairs.Select(pair =>
        {
            var mine = overlaps.Where(o => (o.Changer == pair.First && o.Caller == pair.Second) || (o.Changer == pair.Second && o.Caller == pair.First)).ToList();
            return mine.Count == 0 ? pair : pair with { Semantic = mine, Level = pair.Level < OverlapLevel.SemanticUse ? OverlapLevel.SemanticUse : pair.Level };
        }).ToList();

    /// <summary>
    /// Suggests an order to merge the lanes in: repeatedly, the lane whose overlaps with the lanes still
    /// waiting weigh least (a textual conflict 1000, a same member or a semantic use 100, a same file 10, a same folder 1;
    /// ties: fewer files changed, then the label). The lane that overlaps nobody goes first; whoever
    /// merges later rebases over what went before and resolves the overlaps once.
    /// </summary>
    public static List<(Lane Lane, int Weight)> MergeOrder(IReadOnlyList<LaneWork> works, IReadOnlyList<PairResult> pairs)
    {
        var weights = new Dictionary<(string, string), int>();
        foreach (var pair in pairs)
        {
            weights[(pair.First.Label, pair.Second.Label)] = weights[(pair.Second.Label, pair.First.Label)] = Weight(pair.Level);
        }

        var waiting = works.ToList();
        var order = new List<(Lane, int)>();
        while (waiting.Count > 0)
        {
            var next = waiting
                .Select(w => (Work: w, Weight: waiting.Where(o => o != w).Sum(o => weights.GetValueOrDefault((w.Lane.Label, o.Lane.Label)))))
                .OrderBy(x => x.Weight).ThenBy(x => x.Work.FileCount).ThenBy(x => x.Work.Lane.Label, StringComparer.Ordinal)
                .First();
            order.Add((next.Work.Lane, next.Weight));
            waiting.Remove(next.Work);
        }

        return order;
    }

    public static int Weight(OverlapLevel level) => level switch
    {
        OverlapLevel.TextualConflict => 1000,
        OverlapLevel.SameMember or OverlapLevel.SemanticUse => 100,
        OverlapLevel.SameFile => 10,
        OverlapLevel.SameFolder => 1,
        _ => 0,
    };

    public static string Name(OverlapLevel level) => level switch
    {
        OverlapLevel.TextualConflict => "textual conflict",
        OverlapLevel.SameMember => "same member",
        OverlapLevel.SemanticUse => "calls a changed member",
        OverlapLevel.SameFile => "same file",
        OverlapLevel.SameFolder => "same folder",
        _ => "none",
    };

    /// <summary>The one-word code the matrix shows per cell.</summary>
    public static string Code(OverlapLevel level) => level switch
    {
        OverlapLevel.TextualConflict => "CONFLICT",
        OverlapLevel.SameMember => "member",
        OverlapLevel.SemanticUse => "calls",
        OverlapLevel.SameFile => "file",
        OverlapLevel.SameFolder => "folder",
        _ => "-",
    };
}
