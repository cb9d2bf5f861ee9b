using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Cli.Conflicts;

/// <summary>The result of <c>scopeguard conflicts</c> over every pair of agent branches, and how it is written.</summary>
internal sealed record ConflictReport(
    string BaseName,
    string BaseSha,
    string ManifestLabel,
    IReadOnlyList<LaneWork> Lanes,
    IReadOnlyList<PairResult> Pairs,
    IReadOnlyList<(Lane Lane, int Weight)> MergeOrder,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<string> Notes)
{
    /// <summary>Gets a value indicating whether any pair shares at least a file (same folder alone does not count).</summary>
    public bool Overlaps => Pairs.Any(p => p.Level >= OverlapLevel.SameFile);

    public string? RepositoryRoot { get; init; }

    public void Write(TextWriter writer, string format, HelpLinks help)
    {
        switch (format)
        {
            case "json": WriteJson(writer, help); break;
            case "markdown": WriteMarkdown(writer); break;
            case "sarif":
                SarifReporter.Write(writer, new CheckReport($"conflicts since {BaseName}", ManifestLabel, null, "every pair of agent branches", null, ScopeMode.Warn, Lanes.Sum(l => l.FileCount), Findings) { RepositoryRoot = RepositoryRoot, Notes = Notes }, help);
                break;
            default: WriteText(writer); break;
        }
    }

    private string Cell(Lane row, Lane column)
    {
        if (row == column)
        {
            return ".";
        }

        var pair = Pairs.FirstOrDefault(p => (p.First == row && p.Second == column) || (p.First == column && p.Second == row));
        return pair is null ? "=" : ConflictAnalysis.Code(pair.Level);
    }

    private IEnumerable<PairResult> Ranked() =>
        Pairs.Where(p => p.Level > OverlapLevel.None)
            .OrderByDescending(p => p.Level).ThenByDescending(p => p.Files.Count).ThenBy(p => p.First.Label, StringComparer.Ordinal).ThenBy(p => p.Second.Label, StringComparer.Ordinal);

    private string Summary() =>
        $"{Lanes.Count} agent branch(es) since {BaseName} ({ManifestSelectorShort(BaseSha)}), {Pairs.Count} pair(s): "
        + $"{Pairs.Count(p => p.Level == OverlapLevel.TextualConflict)} textual conflict(s), {Pairs.Count(p => p.Level == OverlapLevel.SameMember)} same member, "
        + (Pairs.Any(p => p.Semantic.Count > 0) ? $"{Pairs.Count(p => p.Level == OverlapLevel.SemanticUse)} calling a changed member, " : string.Empty)
        + $"{Pairs.Count(p => p.Level == OverlapLevel.SameFile)} same file, {Pairs.Count(p => p.Level == OverlapLevel.SameFolder)} same folder; "
        + $"{Pairs.Count(p => p.TrialMerged)} trial merge(s) run";

    private static string ManifestSelectorShort(string sha) => Checking.ManifestSelector.Short(sha);

    private void WriteText(TextWriter writer)
    {
        writer.WriteLine($"scopeguard conflicts: {Summary()}");
        writer.WriteLine($"manifest: {ManifestLabel}");
        foreach (var note in Notes)
        {
            writer.WriteLine($"note: {note}");
        }

        if (Lanes.Count == 0)
        {
            writer.WriteLine("no agent branch has work of its own since the base: nothing to compare");
            return;
        }

        writer.WriteLine();
        var labels = Lanes.Select(l => l.Lane.Label).ToList();
        var width = Math.Max(labels.Max(l => l.Length), 8) + 2;
        writer.WriteLine(string.Empty.PadRight(width) + string.Concat(labels.Select(l => l.PadRight(width))).TrimEnd());
        foreach (var row in Lanes)
        {
            writer.WriteLine((row.Lane.Label.PadRight(width) + string.Concat(Lanes.Select(c => Cell(row.Lane, c.Lane).PadRight(width)))).TrimEnd());
        }

        writer.WriteLine("(CONFLICT: textual conflict in the trial merge; member: same C# member; calls: one newly calls a member the other changed (--semantic); file: same file; folder: same folder; -: none; =: same agent)");
        writer.WriteLine();
        foreach (var pair in Ranked())
        {
            writer.WriteLine($"{pair.First.Label} x {pair.Second.Label}: {ConflictAnalysis.Name(pair.Level)}");
            foreach (var file in pair.Files)
            {
                writer.WriteLine($"  {file.Path}: {ConflictAnalysis.Name(file.Level)}{(file.Conflict is null ? string.Empty : $" ({file.Conflict})")}");
            }

            foreach (var member in pair.Members)
            {
                writer.WriteLine($"  {member.Id}: {pair.First.Label} {member.First.How} ({member.First.Path}), {pair.Second.Label} {member.Second.How} ({member.Second.Path})");
            }

            foreach (var use in pair.Semantic)
            {
                writer.WriteLine($"  {use.Symbol}: {use.Changer.Label} {use.How} ({use.ChangedPath}), {use.Caller.Label} newly calls it ({use.Path}({use.Line},{use.Column}))");
            }

            if (pair.Files.Count == 0 && pair.Folders.Count > 0)
            {
                writer.WriteLine($"  same folder: {string.Join(", ", pair.Folders.Take(5))}{(pair.Folders.Count > 5 ? $" and {pair.Folders.Count - 5} more" : string.Empty)}");
            }
        }

        writer.WriteLine();
        writer.WriteLine("suggested merge order (fewest overlaps with the branches still waiting first):");
        for (var i = 0; i < MergeOrder.Count; i++)
        {
            var (lane, weight) = MergeOrder[i];
            writer.WriteLine($"  {i + 1}. {lane.Label} ({ConflictFindings.ShortRef(lane.Reference)}){(weight == 0 ? ": overlaps none of those after it" : $": overlap weight {weight} with those after it")}");
        }

        if (Findings.Count > 0)
        {
            writer.WriteLine();
            foreach (var finding in Findings)
            {
                writer.WriteLine(TextReporter.FormatFinding(finding, color: false));
            }
        }
    }

    private void WriteMarkdown(TextWriter writer)
    {
        writer.WriteLine("## ScopeGuard: predicted conflicts between agent branches");
        writer.WriteLine();
        writer.WriteLine(Summary() + ".");
        writer.WriteLine();
        foreach (var note in Notes)
        {
            writer.WriteLine($"> {Escape(note)}");
        }

        if (Lanes.Count == 0)
        {
            writer.WriteLine("No agent branch has work of its own since the base.");
            return;
        }

        writer.WriteLine($"| | {string.Join(" | ", Lanes.Select(l => Escape(l.Lane.Label)))} |");
        writer.WriteLine($"|---|{string.Concat(Lanes.Select(_ => "---|"))}");
        foreach (var row in Lanes)
        {
            writer.WriteLine($"| **{Escape(row.Lane.Label)}** | {string.Join(" | ", Lanes.Select(c => Cell(row.Lane, c.Lane) switch { "CONFLICT" => "**conflict**", "." => " ", var x => x }))} |");
        }

        writer.WriteLine();
        var ranked = Ranked().ToList();
        if (ranked.Count > 0)
        {
            writer.WriteLine("### Overlaps, strongest first");
            writer.WriteLine();
            foreach (var pair in ranked)
            {
                writer.WriteLine($"- **{Escape(pair.First.Label)} × {Escape(pair.Second.Label)}**: {ConflictAnalysis.Name(pair.Level)}");
                foreach (var file in pair.Files)
                {
                    writer.WriteLine($"  - `{file.Path}`: {ConflictAnalysis.Name(file.Level)}{(file.Members.Count == 0 ? string.Empty : " — " + string.Join(", ", file.Members.Select(m => $"`{m}`")))}");
                }

                foreach (var use in pair.Semantic)
                {
                    writer.WriteLine($"  - `{use.Path}` ({use.Line},{use.Column}): {Escape(use.Caller.Label)} newly calls `{use.Symbol}`, which {Escape(use.Changer.Label)} changed ({Escape(use.How)}, `{use.ChangedPath}`)");
                }
            }

            writer.WriteLine();
        }

        writer.WriteLine("### Suggested merge order");
        writer.WriteLine();
        for (var i = 0; i < MergeOrder.Count; i++)
        {
            writer.WriteLine($"{i + 1}. {Escape(MergeOrder[i].Lane.Label)} (`{ConflictFindings.ShortRef(MergeOrder[i].Lane.Reference)}`)");
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal);

    private void WriteJson(TextWriter writer, HelpLinks help) => JsonOutput.Write(writer, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("version", 1);
        json.WriteString("base", BaseName);
        json.WriteString("baseSha", BaseSha);
        json.WriteString("manifest", ManifestLabel);
        json.WriteBoolean("overlaps", Overlaps);
        json.WriteStartArray("lanes");
        foreach (var work in Lanes)
        {
            json.WriteStartObject();
            json.WriteString("label", work.Lane.Label);
            json.WriteString("agent", work.Lane.Agent);
            json.WriteString("reference", work.Lane.Reference);
            json.WriteString("tip", work.Lane.Tip);
            json.WriteString("mergeBase", work.Lane.MergeBase);
            json.WriteNumber("files", work.FileCount);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("matrix");
        json.WriteStartArray("labels");
        foreach (var work in Lanes)
        {
            json.WriteStringValue(work.Lane.Label);
        }

        json.WriteEndArray();
        json.WriteStartArray("levels");
        foreach (var row in Lanes)
        {
            json.WriteStartArray();
            foreach (var column in Lanes)
            {
                var cell = Cell(row.Lane, column.Lane);
                if (cell is "." or "=")
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(cell == "-" ? "none" : cell == "CONFLICT" ? "conflict" : cell);
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("pairs");
        foreach (var pair in Ranked())
        {
            json.WriteStartObject();
            json.WriteString("first", pair.First.Label);
            json.WriteString("second", pair.Second.Label);
            json.WriteString("level", LevelName(pair.Level));
            json.WriteBoolean("trialMerged", pair.TrialMerged);
            json.WriteStartArray("files");
            foreach (var file in pair.Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("level", LevelName(file.Level));
                JsonOutput.WriteNullable(json, "conflict", file.Conflict);
                json.WriteStartArray("members");
                foreach (var member in file.Members)
                {
                    json.WriteStringValue(member);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("members");
            foreach (var member in pair.Members)
            {
                json.WriteStartObject();
                json.WriteString("id", member.Id);
                json.WriteString("firstPath", member.First.Path);
                json.WriteString("firstChange", member.First.How);
                json.WriteString("secondPath", member.Second.Path);
                json.WriteString("secondChange", member.Second.How);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("semantic");
            foreach (var use in pair.Semantic)
            {
                json.WriteStartObject();
                json.WriteString("symbol", use.Symbol);
                json.WriteString("changedBy", use.Changer.Label);
                json.WriteString("change", use.How);
                json.WriteString("changedPath", use.ChangedPath);
                json.WriteString("calledBy", use.Caller.Label);
                json.WriteString("path", use.Path);
                json.WriteNumber("line", use.Line);
                json.WriteNumber("column", use.Column);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("folders");
            foreach (var folder in pair.Folders)
            {
                json.WriteStringValue(folder);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("mergeOrder");
        foreach (var (lane, weight) in MergeOrder)
        {
            json.WriteStartObject();
            json.WriteString("label", lane.Label);
            json.WriteString("agent", lane.Agent);
            json.WriteNumber("weight", weight);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("findings");
        foreach (var finding in Findings)
        {
            JsonReporter.WriteFinding(json, finding, help);
        }

        json.WriteEndArray();
        json.WriteStartArray("notes");
        foreach (var note in Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    internal static string LevelName(OverlapLevel level) => level switch
    {
        OverlapLevel.TextualConflict => "conflict",
        OverlapLevel.SameMember => "member",
        OverlapLevel.SemanticUse => "calls",
        OverlapLevel.SameFile => "file",
        OverlapLevel.SameFolder => "folder",
        _ => "none",
    };
}
