using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;

namespace ScopeGuard.Cli.Agents;

/// <summary>Which branch an agent works on, and whether git can hold it beside the branches that exist.</summary>
internal static class AgentBranches
{
    private const string Heads = "refs/heads/";

    /// <summary>
    /// Gets a concrete branch the agent's first <c>branches</c> pattern matches (the pattern itself when
    /// it names one branch; for <c>agent/billing/*</c>, <c>agent/billing/work</c>), so the hooks identify the
    /// agent by its branch too; <c>agent/NAME</c> when it has no pattern or none yields a name.
    /// </summary>
    public static string Choose(AgentScope agent)
    {
        foreach (var entry in agent.Branches)
        {
            if (entry.Pattern.IsLiteral)
            {
                return entry.Source;
            }

            var prefix = entry.Pattern.LiteralPrefix;
            foreach (var candidate in new[] { prefix + "work", prefix + agent.Name, prefix + "agent-" + agent.Name, prefix + "w" })
            {
                if (entry.Pattern.Matches(candidate) && LooksLikeBranch(candidate))
                {
                    return candidate;
                }
            }
        }

        return "agent/" + agent.Name;
    }

    /// <summary>Gets every local branch (short names).</summary>
    public static IReadOnlyList<string> Local(string directory) =>
        GitRunner.Lines(GitRunner.Run("listing the branches", directory, "for-each-ref", "--format=%(refname)", Heads))
            .Where(r => r.StartsWith(Heads, StringComparison.Ordinal))
            .Select(r => r[Heads.Length..])
            .ToList();

    /// <summary>Refuses a branch name git cannot create here: not a valid name, or one that a branch beside it makes impossible (<c>agent/x</c> beside <c>agent/x/y</c>).</summary>
    public static void CheckCreatable(string directory, string branch, IReadOnlyList<string> existing, string agent)
    {
        if (GitRunner.Try(directory, "check-ref-format", "--branch", branch).ExitCode != 0)
        {
            throw new ScopeGuardException($"'{branch}' (the branch for agent '{agent}') is not a branch name git accepts; nothing was created. Give the agent a valid literal branch in its 'branches' in scopes.json");
        }

        var below = existing.FirstOrDefault(b => b.StartsWith(branch + "/", StringComparison.Ordinal));
        var above = existing.FirstOrDefault(b => branch.StartsWith(b + "/", StringComparison.Ordinal));
        if (below is not null || above is not null)
        {
            var other = below ?? above;
            throw new ScopeGuardException(
                $"cannot create branch '{branch}' for agent '{agent}': branch '{other}' exists, and git cannot hold both "
                + $"('{(below is null ? other : branch)}' would have to be a file and a folder of refs at once); nothing was created. "
                + $"Rename or delete '{other}' (git branch -m / git branch -d), or give the agent another literal branch in its 'branches' in scopes.json");
        }
    }

    // Cheap pre-filter before git's own check: the characters git forbids in a ref.
    private static bool LooksLikeBranch(string name) =>
        name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '~' or '^' or ':' or '?' or '*' or '[' or '\\')
        && !name.Contains("..", StringComparison.Ordinal) && !name.EndsWith('.') && !name.EndsWith(".lock", StringComparison.Ordinal);
}
