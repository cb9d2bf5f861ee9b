using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Cli.Conflicts;

/// <summary>SG0110 findings: one per pair of lanes and file, at the strongest level the pair reaches there.</summary>
internal static class ConflictFindings
{
    public static List<Finding> For(PairResult pair, FindingSeverity severity)
    {
        var findings = new List<Finding>();
        foreach (var file in pair.Files.Where(f => f.Level >= OverlapLevel.SameFile))
        {
            var member = pair.Members.FirstOrDefault(m => file.Members.Contains(m.Id));
            var at = member is null ? null : member.First.Path == file.Path ? member.First : member.Second.Path == file.Path ? member.Second : member.First;
            findings.Add(new Finding(
                DiagnosticIds.PredictedConflict,
                severity,
                pair.First.Agent,
                file.Path,
                at?.Position.Line ?? 1,
                at?.Position.Column ?? 1,
                member?.Id,
                $"{pair.First.Label} x {pair.Second.Label}",
                Message(pair, file)));
        }

        // A semantic overlap: one finding per calling file, at its first new reference to a changed member.
        foreach (var group in pair.Semantic.GroupBy(u => (u.Caller.Label, u.Path)))
        {
            var first = group.OrderBy(u => u.Line).ThenBy(u => u.Column).First();
            var uses = string.Join(", ", group.Select(u => $"`{u.Symbol}` ({u.Changer.Label}: {u.How} in {u.ChangedPath})").Distinct(System.StringComparer.Ordinal));
            findings.Add(new Finding(
                DiagnosticIds.PredictedConflict,
                severity,
                first.Caller.Agent,
                first.Path,
                first.Line,
                first.Column,
                first.Symbol,
                $"{pair.First.Label} x {pair.Second.Label}",
                $"agents {Describe(pair.First)} and {Describe(pair.Second)}: {Describe(first.Caller)} newly calls a member {Describe(first.Changer)} changed: {uses}"));
        }

        return findings;
    }

    private static string Message(PairResult pair, FileOverlap file)
    {
        var who = $"agents {Describe(pair.First)} and {Describe(pair.Second)}";
        var what = file.Level switch
        {
            OverlapLevel.TextualConflict => $"the trial merge (git merge-tree) leaves a textual conflict here ({file.Conflict})",
            OverlapLevel.SameMember => "both changed the same member",
            _ => "both changed this file",
        };
        var members = pair.Members.Where(m => file.Members.Contains(m.Id))
            .Select(m => $"{m.Id} ({pair.First.Label}: {m.First.How}{Elsewhere(m.First, file.Path)}; {pair.Second.Label}: {m.Second.How}{Elsewhere(m.Second, file.Path)})")
            .ToList();
        return $"{who}: {what}{(members.Count == 0 ? string.Empty : "; same member: " + string.Join(", ", members))}";
    }

    private static string Elsewhere(MemberTouch touch, string path) => touch.Path == path ? string.Empty : $" in {touch.Path}";

    private static string Describe(Lane lane) =>
        lane.Reference.StartsWith("refs/", System.StringComparison.Ordinal)
            ? $"\"{lane.Agent}\" ({ShortRef(lane.Reference)})"
            : $"\"{lane.Agent}\" (worktree {lane.Reference})";

    internal static string ShortRef(string reference) =>
        reference.StartsWith("refs/heads/", System.StringComparison.Ordinal) ? reference["refs/heads/".Length..]
        : reference.StartsWith("refs/remotes/", System.StringComparison.Ordinal) ? reference["refs/remotes/".Length..]
        : reference;
}
