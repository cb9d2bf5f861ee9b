using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using ScopeGuard.Cli.Checking;
using ScopeGuard.Cli.Hooks;
using ScopeGuard.Core.Rules;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary><c>scopeguard doctor</c>: proves, for this worktree, that the hook git will run is ScopeGuard's, that the manifest loads, and who the agent is.</summary>
internal sealed class DoctorCommand : Command
{
    public DoctorCommand(CliContext context)
        : base("doctor", "Check this worktree's setup: the hook git will run, the manifest, and the agent.")
    {
        Options.Add(AgentOption);
        Options.Add(ManifestOption);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<string?> AgentOption { get; } = CommonOptions.Agent("Identify as this agent, as check would.");

    internal Option<string?> ManifestOption { get; } = CommonOptions.Manifest();

    private int Execute(ParseResult parseResult, CliContext context)
    {
        var output = context.Output;
        var problems = 0;
        using var workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
        output.WriteLine($"worktree:  {workspace.WorkingDirectory}");
        output.WriteLine($"git dir:   {workspace.GitDirectory}{(workspace.GitDirectory == workspace.CommonDirectory ? string.Empty : $" (linked worktree of {workspace.CommonDirectory})")}");
        var branch = workspace.Branch;
        output.WriteLine($"branch:    {branch ?? "(detached HEAD)"}{(workspace.IsHeadUnborn ? " (no commits yet)" : string.Empty)}");

        var hooksPath = workspace.ReadConfig("core.hooksPath");
        output.WriteLine($"hooks:     {workspace.HooksDirectory}{(string.IsNullOrEmpty(hooksPath) ? string.Empty : $" (core.hooksPath = {hooksPath})")}");
        foreach (var name in HookInstaller.HookNames)
        {
            problems += DescribeHook(context, workspace, name, Path.Combine(workspace.HooksDirectory, name));
        }

        // A relative core.hooksPath is a different folder in each worktree: say so here, and name the other
        // worktrees that would run no ScopeGuard hook (scopeguard install refuses in that case too).
        var otherWorktrees = 0;
        if (workspace.IsHooksPathRelative)
        {
            if (problems > 0)
            {
                output.WriteLine($"           core.hooksPath '{hooksPath}' is relative: git resolves it against this worktree's root; set an absolute core.hooksPath, or commit ScopeGuard's hooks in '{hooksPath}', and run 'scopeguard install'");
            }

            var uncovered = HookInstaller.WorktreesWithoutHooks(workspace);
            if (uncovered.Count > 0)
            {
                var (problem, fix) = HookInstaller.DescribeUncovered(workspace, uncovered);
                output.WriteLine($"worktrees: NOT ALL CHECKED: {problem}");
                output.WriteLine($"           {fix}");
                otherWorktrees = 1;
            }
        }

        var help = HelpLinks.From(context);
        var installed = new Uri(help.For(Core.DiagnosticIds.PathOutOfScope)) is { IsFile: true } page ? Path.GetDirectoryName(page.LocalPath) : null;
        output.WriteLine(help.UserBase is not null
            ? $"help:      {Core.DiagnosticIds.HelpUri(Core.DiagnosticIds.PathOutOfScope, help.UserBase)}, … ({HelpLinks.Variable}){(help.IsPublished ? string.Empty : "; not http(s), so SARIF and Markdown reports link to nothing")}"
            : $"help:      {(installed is null ? "the pages are not installed beside the tool" : $"pages installed in {installed}")}; set {HelpLinks.Variable} to link reports to published ones");
        if (help.Ignored is not null)
        {
            output.WriteLine($"           note: {HelpLinks.Variable} is '{help.Ignored}', not an absolute URL: ignored");
        }

        // The manifest and the agent the pre-commit hook would use, decided by the same code as check.
        var choice = new ManifestSelector(workspace, parseResult.GetValue(ManifestOption), context.CurrentDirectory).ForWork(workspace.HeadSha);
        var (load, label) = (choice.Load, choice.Label);
        if (load.Manifest is null)
        {
            output.WriteLine($"manifest:  {label} is INVALID ({load.Errors.Count} error(s)):");
            foreach (var error in load.Errors)
            {
                output.WriteLine($"  {error}");
            }

            return ExitCodes.Error;
        }

        var manifest = load.Manifest;
        output.WriteLine($"manifest:  {label} loads: {manifest.Agents.Count} agent(s) ({string.Join(", ", manifest.Agents.Select(a => a.Name))})");
        foreach (var note in choice.Notes)
        {
            output.WriteLine($"           note: {note}");
        }

        var identity = new IdentitySelector(workspace, context, parseResult.GetValue(AgentOption)).Decide(manifest, new IdentityHint(branch, null, Local: true));
        var letThrough = false;
        if (identity.Agent is null)
        {
            var refused = manifest.Settings.UnknownAgent == Core.Manifest.UnknownAgentPolicy.Block;
            letThrough = !refused;
            output.WriteLine($"agent:     none: {identity.Reason}");
            output.WriteLine($"           settings.unknownAgent is {manifest.Settings.UnknownAgent.ToString().ToLowerInvariant()}: commits here are {(refused ? "refused (SG0006)" : "not checked (a person working normally)")}");
        }
        else
        {
            output.WriteLine($"agent:     {identity.Agent.Name}, because {identity.Reason}");
            output.WriteLine($"           mode {Severities.Name(identity.Agent.Mode)}; may write: {Reporting.TextReporter.Describe(identity.Agent)}");
            if (branch is not null && manifest.Settings.ProtectedBranches.FirstOrDefault(b => b.Pattern.Matches(branch)) is { } guarded)
            {
                output.WriteLine($"           note: '{branch}' is a protected branch ('{guarded.Source}'): this agent's commits here are refused (SG0005)");
            }
        }

        output.WriteLine(
            problems > 0 ? $"{problems + otherWorktrees} problem(s): commits in this worktree are NOT checked as expected"
            : otherWorktrees > 0 ? "1 problem(s): commits in this worktree are checked by ScopeGuard, but NOT in every other worktree"
            : letThrough ? "ok: ScopeGuard's hooks run in this worktree; with no agent identified they let commits through (settings.unknownAgent: allow)"
            : "ok: commits in this worktree are checked by ScopeGuard");
        return problems + otherWorktrees == 0 ? ExitCodes.Success : ExitCodes.Findings;
    }

    private static int DescribeHook(CliContext context, GitWorkspace workspace, string name, string hook)
    {
        var output = context.Output;
        // At least one space after the name: "pre-commit:" alone fills the 11 columns.
        var label = (name + ": ").PadRight(11);
        if (!File.Exists(hook))
        {
            output.WriteLine($"{label}MISSING: git runs no {name} hook here; run 'scopeguard install'");
            return 1;
        }

        if (!HookInstaller.IsOurs(hook))
        {
            output.WriteLine($"{label}{hook} is NOT ScopeGuard's hook; run 'scopeguard install --chain' to run both");
            return 1;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(hook) & UnixFileMode.UserExecute) == 0)
        {
            output.WriteLine($"{label}{hook} is ScopeGuard's but NOT executable, so git ignores it; run 'scopeguard install' again");
            return 1;
        }

        output.WriteLine($"{label}ScopeGuard's hook, executable");
        var tool = FindTool(context, workspace, hook);
        if (tool is null)
        {
            output.WriteLine("           the tool is NOT FOUND by the hook (no local tool manifest entry, not on PATH, recorded command missing): git will be refused");
            return 1;
        }

        output.WriteLine($"           the hook runs {tool}");
        return 0;
    }

    // Follows the shim's own order: local tool manifest, PATH, recorded command.
    private static string? FindTool(CliContext context, GitWorkspace workspace, string hook)
    {
        foreach (var manifest in new[] { Path.Combine(".config", "dotnet-tools.json"), "dotnet-tools.json" })
        {
            var file = Path.Combine(workspace.WorkingDirectory, manifest);
            if (File.Exists(file) && File.ReadAllText(file).Contains("\"scopeguard\"", StringComparison.Ordinal))
            {
                return $"'dotnet tool run scopeguard' (local tool manifest {manifest})";
            }
        }

        foreach (var directory in (context.Environment("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "scopeguard");
            if (File.Exists(candidate))
            {
                return $"{candidate} (on PATH)";
            }
        }

        var recorded = File.ReadAllLines(hook).FirstOrDefault(l => l.StartsWith("scopeguard_recorded_file=", StringComparison.Ordinal));
        if (recorded is not null)
        {
            var value = recorded["scopeguard_recorded_file=".Length..].Trim('\'');
            if (value.Length > 0 && File.Exists(value))
            {
                return $"{value} (recorded at install)";
            }
        }

        return null;
    }
}
