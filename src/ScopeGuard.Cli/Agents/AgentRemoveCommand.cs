using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using ScopeGuard.Cli.Checking;
using ScopeGuard.Cli.Hooks;
using ScopeGuard.Core;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Agents;

/// <summary>
/// <c>scopeguard agent remove NAME</c>: removes the agent's worktree (and with <c>--delete-branch</c> its
/// branch). Refuses, changing nothing, while the worktree has uncommitted changes or the branch has commits
/// that are neither on the base branch nor on any remote-tracking branch, unless <c>--force</c>.
/// </summary>
internal sealed class AgentRemoveCommand : Command
{
    public AgentRemoveCommand(CliContext context)
        : base("remove", "Remove the agent's worktree (and with --delete-branch its branch); refuses with uncommitted or unpushed work unless --force.")
    {
        Arguments.Add(AgentName);
        Options.Add(Force);
        Options.Add(DeleteBranch);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Argument<string> AgentName { get; } = new("NAME") { Description = "The agent whose worktree to remove." };

    internal Option<bool> Force { get; } = new("--force")
    {
        Description = "Remove even with uncommitted changes or commits that are not on the base or any remote (they are lost).",
    };

    internal Option<bool> DeleteBranch { get; } = new("--delete-branch")
    {
        Description = "Delete the agent's branch too.",
    };

    private int Execute(ParseResult parseResult, CliContext context)
    {
        var name = parseResult.GetValue(AgentName) ?? string.Empty;
        var force = parseResult.GetValue(Force);
        var deleteBranch = parseResult.GetValue(DeleteBranch);
        using var workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
        var here = workspace.WorkTreeRoot ?? workspace.GitDirectory;
        var selector = new ManifestSelector(workspace, null, context.CurrentDirectory);
        var (baseBranch, choice) = AgentInventory.BaseManifest(workspace, selector);
        var worktrees = AgentWorktrees.List(here, workspace.CommonDirectory);
        var agent = AgentInventory.Find(choice.Manifest, worktrees, AgentBranches.Local(here)).FirstOrDefault(a => a.Name == name);
        if (agent is null)
        {
            var known = choice.Manifest?.Agents.Select(a => a.Name).Concat(worktrees.Select(w => w.Agent).OfType<string>()).Distinct(StringComparer.Ordinal) ?? [];
            throw new ScopeGuardException($"no agent '{name}' in {choice.Label} and no worktree bound to it; nothing was changed. The agents are: {string.Join(", ", known)}");
        }

        var worktree = agent.Worktree;
        if (worktree is null && !(deleteBranch && agent.Branch is not null))
        {
            throw new ScopeGuardException($"agent '{name}' has no worktree{(agent.Branch is null ? " and no branch" : $" (its branch {agent.Branch} is checked out nowhere; --delete-branch deletes it)")}; nothing was changed");
        }

        if (worktree is not null && worktree.IsMain)
        {
            throw new ScopeGuardException($"agent '{name}' works in the main worktree '{worktree.Root}', which git cannot remove; nothing was changed");
        }

        if (worktree is not null && IsInside(context.CurrentDirectory, worktree.Root))
        {
            throw new ScopeGuardException($"the current folder is inside '{worktree.Root}', the worktree to remove; nothing was changed. Run it from another worktree (e.g. cd {HookInstaller.ShellQuote(worktrees[0].Root)})");
        }

        if (!force && Refusal(here, baseBranch, agent, worktree) is { } refusal)
        {
            throw new ScopeGuardException($"{refusal}; nothing was changed. Pass --force to remove it anyway (that work is lost)");
        }

        if (worktree is not null)
        {
            // --force to git as well: the scope card is an ignored file git would otherwise keep the folder for.
            GitRunner.Run($"removing the worktree '{worktree.Root}'", here, "worktree", "remove", "--force", worktree.Root);
            context.Output.WriteLine($"scopeguard: removed the worktree of agent '{name}': {worktree.Root}");
        }

        if (deleteBranch && agent.Branch is { } branch)
        {
            var sha = GitRunner.Run("reading the branch", here, "rev-parse", "--verify", $"refs/heads/{branch}").Trim();
            GitRunner.Run($"deleting the branch '{branch}'", here, "branch", "-D", "--", branch);
            context.Output.WriteLine($"scopeguard: deleted branch {branch} (was {ManifestSelector.Short(sha)}; git branch {HookInstaller.ShellQuote(branch)} {ManifestSelector.Short(sha)} brings it back)");
        }
        else if (agent.Branch is { } kept)
        {
            context.Output.WriteLine($"scopeguard: kept branch {kept} ('scopeguard agent new {name}' makes a worktree on it again)");
        }

        return ExitCodes.Success;
    }

    // Why removing would lose work: uncommitted changes in the worktree, or commits on the branch that the
    // base branch (local or remote-tracking) and every remote-tracking branch lack.
    private static string? Refusal(string here, string baseBranch, AgentWorkspace agent, AgentWorktree? worktree)
    {
        if (worktree is not null)
        {
            var changes = GitRunner.Lines(GitRunner.Run("reading the worktree's status", worktree.Root, "status", "--porcelain", "--untracked-files=all"));
            if (changes.Count > 0)
            {
                return $"'{worktree.Root}' has {changes.Count} uncommitted change(s) ({string.Join(", ", changes.Take(3).Select(c => c[3..]))}{(changes.Count > 3 ? ", …" : string.Empty)})";
            }
        }

        var head = worktree is not null ? "HEAD" : $"refs/heads/{agent.Branch}";
        var directory = worktree?.Root ?? here;
        string[] args = ["rev-list", "--count", head, "--not", "--remotes"];
        if (GitRunner.Try(directory, "rev-parse", "--verify", "--quiet", $"refs/heads/{baseBranch}").ExitCode == 0)
        {
            args = [.. args, $"refs/heads/{baseBranch}"];
        }

        var unpushed = int.Parse(GitRunner.Run("counting unpushed commits", directory, args).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return unpushed == 0
            ? null
            : $"{agent.Branch ?? "the worktree's HEAD"} has {unpushed} commit(s) that are neither on {baseBranch} nor on any remote-tracking branch (push them: git push -u origin {agent.Branch ?? "HEAD"}, or merge them into {baseBranch})";
    }

    private static bool IsInside(string directory, string root)
    {
        var full = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
