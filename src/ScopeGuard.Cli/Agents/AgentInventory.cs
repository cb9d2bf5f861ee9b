using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Cli.Checking;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Agents;

/// <summary>One agent's workspace as found in the repository.</summary>
/// <param name="Name">The agent.</param>
/// <param name="Scope">Its scope in the manifest, or <see langword="null"/> when only a worktree names it.</param>
/// <param name="Branch">Its branch, when one exists here.</param>
/// <param name="Worktree">Its worktree, when one exists.</param>
internal sealed record AgentWorkspace(string Name, AgentScope? Scope, string? Branch, AgentWorktree? Worktree);

/// <summary>
/// The agents of a repository: every agent of the base branch's manifest, plus every worktree bound to an
/// agent by worktree-scoped <c>scopeguard.agent</c>; each with the worktree bound to it (else one on a branch
/// its patterns match) and its branch.
/// </summary>
internal static class AgentInventory
{
    /// <summary>Gets the base branch the hooks use (the base's own <c>settings.baseBranch</c>) and the manifest there.</summary>
    public static (string BaseBranch, ManifestChoice Manifest) BaseManifest(GitWorkspace workspace, ManifestSelector selector)
    {
        var baseBranch = selector.ForWork(workspace.HeadSha).Manifest?.Settings.BaseBranch ?? ManifestDefaults.BaseBranch;
        var baseSha = workspace.ResolveCommit(baseBranch);
        var choice = baseSha is null ? selector.ForWork(workspace.HeadSha) : selector.ForWork(baseSha);
        return (choice.Manifest?.Settings.BaseBranch ?? baseBranch, choice);
    }

    public static IReadOnlyList<AgentWorkspace> Find(ScopeManifest? manifest, IReadOnlyList<AgentWorktree> worktrees, IReadOnlyList<string> branches)
    {
        var result = new List<AgentWorkspace>();
        foreach (var agent in manifest?.Agents ?? [])
        {
            var worktree = worktrees.FirstOrDefault(w => w.Agent == agent.Name)
                ?? worktrees.FirstOrDefault(w => w.Agent is null && w.Branch is not null && agent.Branches.Any(b => b.Pattern.Matches(w.Branch)));
            var chosen = AgentBranches.Choose(agent);
            var branch = worktree?.Branch
                ?? (branches.Contains(chosen, StringComparer.Ordinal) ? chosen : branches.FirstOrDefault(b => agent.Branches.Any(p => p.Pattern.Matches(b))));
            result.Add(new AgentWorkspace(agent.Name, agent, branch, worktree));
        }

        foreach (var worktree in worktrees.Where(w => w.Agent is not null && manifest?.FindAgent(w.Agent) is null))
        {
            result.Add(new AgentWorkspace(worktree.Agent!, null, worktree.Branch, worktree));
        }

        return result;
    }
}
