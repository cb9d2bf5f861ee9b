using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Conflicts;

/// <summary>
/// Finds the agents' branches to compare: local branches the manifest's <c>branches</c> patterns name;
/// remote-tracking branches (<c>refs/remotes/R/NAME</c>) they name when there is no local branch NAME (a CI
/// clone, or a branch an agent pushed from elsewhere); and worktrees bound to an agent by their worktree
/// config (<c>scopeguard.agent</c>, what <c>agent new</c> sets) whose commit no lane of that agent has yet.
/// The base branch itself, and branches with nothing since their merge base with the base, are not lanes.
/// </summary>
internal static class LaneFinder
{
    public static List<Lane> Find(IGitRepository git, IMergePreview merges, ScopeManifest manifest, string baseName, string baseSha, ICollection<string> notes)
    {
        var found = new List<(string Agent, string Branch, string Reference, string Tip)>();
        var branches = git.AllBranches();
        var local = branches.Where(b => b.Reference.StartsWith("refs/heads/", StringComparison.Ordinal))
            .Select(b => b.Reference["refs/heads/".Length..]).ToHashSet(StringComparer.Ordinal);
        foreach (var (reference, sha) in branches)
        {
            var name = ShortName(reference, out var remote);
            if (name is null || name == baseName || (remote && local.Contains(name)))
            {
                continue;
            }

            var agents = manifest.AgentsForBranch(name);
            if (agents.Count == 1 && !found.Any(f => f.Agent == agents[0].Agent.Name && f.Tip == sha))
            {
                found.Add((agents[0].Agent.Name, name, reference, sha));
            }
        }

        foreach (var worktree in merges.Worktrees())
        {
            if (worktree.Agent is not { } agentName || worktree.Head is not { } head)
            {
                continue;
            }

            if (manifest.FindAgent(agentName) is not { } agent)
            {
                notes.Add($"worktree {worktree.Path} is bound to agent \"{agentName}\", which the manifest does not name: left out");
                continue;
            }

            if (!found.Any(f => f.Agent == agent.Name && f.Tip == head))
            {
                found.Add((agent.Name, worktree.Branch ?? worktree.Path, worktree.Branch is null ? worktree.Path : "refs/heads/" + worktree.Branch, head));
            }
        }

        var lanes = new List<Lane>();
        foreach (var group in found.GroupBy(f => f.Agent, StringComparer.Ordinal))
        {
            var many = group.Count() > 1;
            foreach (var (agent, branch, reference, tip) in group)
            {
                var mergeBase = git.MergeBase(baseSha, tip);
                if (mergeBase is null)
                {
                    notes.Add($"{branch} ({agent}) shares no history with {baseName}: left out");
                    continue;
                }

                if (mergeBase == tip)
                {
                    continue; // nothing of its own since the base (merged already, or not started)
                }

                lanes.Add(new Lane(agent, many ? $"{agent}@{branch}" : agent, reference, tip, mergeBase));
            }
        }

        return lanes.OrderBy(l => l.Label, StringComparer.Ordinal).ToList();
    }

    /// <summary>Checks <c>--agents</c> against the manifest and keeps only those agents' lanes.</summary>
    public static List<Lane> Only(List<Lane> lanes, ScopeManifest manifest, string? agents)
    {
        if (string.IsNullOrWhiteSpace(agents))
        {
            return lanes;
        }

        var names = agents.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => manifest.FindAgent(n) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new ScopeGuardException($"--agents: {string.Join(", ", unknown.Select(n => $"\"{n}\""))} {(unknown.Count == 1 ? "is" : "are")} not an agent of the manifest (agents: {string.Join(", ", manifest.Agents.Select(a => a.Name))})");
        }

        var wanted = names.Select(n => manifest.FindAgent(n)!.Name).ToHashSet(StringComparer.Ordinal);
        return lanes.Where(l => wanted.Contains(l.Agent)).ToList();
    }

    private static string? ShortName(string reference, out bool remote)
    {
        remote = false;
        if (reference.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            return reference["refs/heads/".Length..];
        }

        if (reference.StartsWith("refs/remotes/", StringComparison.Ordinal))
        {
            remote = true;
            var rest = reference["refs/remotes/".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 || rest[(slash + 1)..] == "HEAD" ? null : rest[(slash + 1)..];
        }

        return null;
    }
}
