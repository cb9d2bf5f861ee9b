using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using ScopeGuard.Cli.Checking;
using ScopeGuard.Cli.Commands;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Agents;

/// <summary>
/// <c>scopeguard agent list</c>: each agent with its branch, worktree, commits ahead of and behind the base,
/// the files its branch changed and the findings the CI gate would report for its range (the same
/// <see cref="CheckPipeline"/> as <c>check --base</c>). Exit 1 when any agent's work has blocking findings.
/// </summary>
internal sealed class AgentListCommand : Command
{
    public AgentListCommand(CliContext context)
        : base("list", "List the agents: branch, worktree, commits ahead/behind the base, files changed and findings of each.")
    {
        Options.Add(Format);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<string> Format { get; } = CommonOptions.Format("text", "json");

    private int Execute(ParseResult parseResult, CliContext context)
    {
        using var workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
        var here = workspace.WorkTreeRoot ?? workspace.GitDirectory;
        var selector = new ManifestSelector(workspace, null, context.CurrentDirectory);
        var (baseBranch, choice) = AgentInventory.BaseManifest(workspace, selector);
        if (choice.Manifest is null)
        {
            return ReportEmitter.ReportManifestErrors(context, choice.Load, choice.Label, "agent list", parseResult.GetValue(Format) == "json");
        }

        // The local base branch, else a remote-tracking copy of it (a clone that never checked it out).
        var tips = workspace.BranchTips(baseBranch);
        var (baseRef, baseSha) = tips.Count > 0 ? tips[0] : throw new Core.ScopeGuardException(
            $"the base branch '{baseBranch}' (settings.baseBranch) does not exist here, locally or remote-tracking: the agents' work cannot be measured against it");
        var worktrees = AgentWorktrees.List(here, workspace.CommonDirectory);
        var agents = AgentInventory.Find(choice.Manifest, worktrees, AgentBranches.Local(here));

        // Judged as the CI gate judges the range, as the agent itself (--agent), with no CI variable of this
        // process deciding whose branch it is.
        var quiet = new CliContext(context.Output, context.Error, context.Input, context.CurrentDirectory, n => ChangeSources.CiBranchVariables.Contains(n) ? null : context.Environment(n));
        var rows = agents.Select(a => Measure(workspace, selector, quiet, a, baseRef, baseSha)).ToList();

        if (parseResult.GetValue(Format) == "json")
        {
            WriteJson(context, rows, baseBranch, baseSha, choice.Label);
        }
        else
        {
            WriteText(context, rows, baseBranch, baseSha, choice.Label);
        }

        // A worktree bound to an undeclared agent has its commits refused by the hooks (SG0007): blocking too.
        return rows.Any(r => r.Report?.Errors > 0 || (r.Agent.Scope is null && r.Ahead > 0)) ? ExitCodes.Findings : ExitCodes.Success;
    }

    private static Row Measure(GitWorkspace workspace, ManifestSelector selector, CliContext context, AgentWorkspace agent, string baseRef, string baseSha)
    {
        var uncommitted = agent.Worktree is { } wt
            ? GitRunner.Lines(GitRunner.Run("reading the worktree's status", wt.Root, "status", "--porcelain", "--untracked-files=all")).Count
            : (int?)null;
        if (agent.Branch is null)
        {
            return new Row(agent, null, null, uncommitted, null, agent.Worktree is null ? null : "the worktree has no branch (detached HEAD)");
        }

        var counts = GitRunner.Run("counting commits", workspace.WorkTreeRoot ?? workspace.GitDirectory, "rev-list", "--left-right", "--count", $"{baseSha}...refs/heads/{agent.Branch}").Split('\t', StringSplitOptions.TrimEntries);
        var behind = int.Parse(counts[0], CultureInfo.InvariantCulture);
        var ahead = int.Parse(counts[1], CultureInfo.InvariantCulture);
        if (agent.Scope is null)
        {
            return new Row(agent, ahead, behind, uncommitted, null, $"agent '{agent.Name}' is not in the manifest: its worktree is bound to a name scopes.json does not declare");
        }

        var unit = ChangeSources.Range(workspace, selector, context, baseRef, $"refs/heads/{agent.Branch}", manifestFromHead: false);
        if (unit.Manifest.Manifest is null)
        {
            return new Row(agent, ahead, behind, uncommitted, null, $"{unit.Manifest.Label} is invalid");
        }

        var pipeline = new CheckPipeline(workspace, new IdentitySelector(workspace, context, agent.Name), modeOverride: null, perCommit: false);
        return new Row(agent, ahead, behind, uncommitted, pipeline.Judge(unit), null) { FilesChanged = unit.Changes.Count };
    }

    private static void WriteText(CliContext context, List<Row> rows, string baseBranch, string baseSha, string label)
    {
        var output = context.Output;
        output.WriteLine($"base {baseBranch} ({ManifestSelector.Short(baseSha)}); agents from {label} and the worktrees bound to one");
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Agent.Name.Length);
        foreach (var row in rows)
        {
            var agent = row.Agent;
            var parts = new List<string>
            {
                agent.Branch ?? "no branch",
                agent.Worktree?.Root ?? "no worktree",
            };
            if (row.Ahead is { } ahead)
            {
                parts.Add($"{ahead} ahead, {row.Behind} behind");
            }

            if (row.Report is not null)
            {
                parts.Add($"{row.FilesChanged} file(s) changed");
            }

            if (row.Uncommitted is > 0)
            {
                parts.Add($"{row.Uncommitted} uncommitted");
            }

            parts.Add(row.Problem is not null ? row.Problem
                : row.Report is null ? "not started"
                : row.Report.Verdict + (row.Report.Errors + row.Report.Warnings > 0 ? $" ({row.Report.Errors} error(s), {row.Report.Warnings} warning(s))" : string.Empty));
            output.WriteLine($"{agent.Name.PadRight(width)}  {string.Join("; ", parts)}");
            foreach (var finding in row.Report?.Findings ?? [])
            {
                output.WriteLine("    " + TextReporter.FormatFinding(finding, context.Color));
            }
        }
    }

    private static void WriteJson(CliContext context, List<Row> rows, string baseBranch, string baseSha, string label)
    {
        var help = HelpLinks.From(context);
        JsonOutput.Write(context.Output, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("base", baseBranch);
            json.WriteString("baseCommit", baseSha);
            json.WriteString("manifest", label);
            json.WriteStartArray("agents");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("name", row.Agent.Name);
                json.WriteBoolean("inManifest", row.Agent.Scope is not null);
                JsonOutput.WriteNullable(json, "branch", row.Agent.Branch);
                JsonOutput.WriteNullable(json, "worktree", row.Agent.Worktree?.Root);
                WriteNumber(json, "ahead", row.Ahead);
                WriteNumber(json, "behind", row.Behind);
                WriteNumber(json, "filesChanged", row.Report is null ? null : row.FilesChanged);
                WriteNumber(json, "uncommitted", row.Uncommitted);
                JsonOutput.WriteNullable(json, "problem", row.Problem);
                JsonOutput.WriteNullable(json, "verdict", row.Report?.Verdict);
                json.WriteNumber("errors", row.Report?.Errors ?? 0);
                json.WriteNumber("warnings", row.Report?.Warnings ?? 0);
                json.WriteStartArray("findings");
                foreach (var finding in row.Report?.Findings ?? [])
                {
                    JsonReporter.WriteFinding(json, finding, help);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WriteNumber(System.Text.Json.Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private sealed record Row(AgentWorkspace Agent, int? Ahead, int? Behind, int? Uncommitted, CheckReport? Report, string? Problem)
    {
        public int FilesChanged { get; init; }
    }
}
