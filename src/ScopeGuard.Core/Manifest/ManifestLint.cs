using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Patterns;

namespace ScopeGuard.Core.Manifest;

/// <summary>
/// Checks of a valid manifest that are warnings, not errors: the manifest works, but part of it
/// cannot be used as written. <c>scopeguard lint</c> reports them; the hook and the gate do not.
/// </summary>
public static class ManifestLint
{
    /// <summary>Gets every warning about a manifest, in file order.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The warnings.</returns>
    public static IReadOnlyList<ManifestWarning> Check(ScopeManifest manifest)
    {
        if (manifest is null)
        {
            throw new ArgumentNullException(nameof(manifest));
        }

        return BranchRefConflicts(manifest)
            .OrderBy(w => w.Position.Line)
            .ThenBy(w => w.Position.Column)
            .ToList();
    }

    // Git stores branch refs as files (or entries that follow the same rule): a branch "a/b" and a
    // branch "a/b/c" cannot exist at once, because "a/b" cannot be a file and a folder. So a literal
    // branch L and a pattern all of whose names lie under "L/" (its text before the first wildcard
    // starts with "L/") can never both have a branch: whichever is created first, git refuses the
    // other. Patterns that only may match below L ("a/*" beside "a/b") are not reported: "a/c" can
    // live beside "a/b". Linear: each pattern's prefix is cut at each '/' and looked up.
    private static IEnumerable<ManifestWarning> BranchRefConflicts(ScopeManifest manifest)
    {
        var literals = new Dictionary<string, (AgentScope Agent, ManifestEntry<BranchPattern> Entry)>(StringComparer.Ordinal);
        foreach (var agent in manifest.Agents)
        {
            foreach (var entry in agent.Branches.Where(e => e.Pattern.IsLiteral))
            {
                if (!literals.ContainsKey(entry.Source))
                {
                    literals[entry.Source] = (agent, entry);
                }
            }
        }

        foreach (var agent in manifest.Agents)
        {
            foreach (var entry in agent.Branches)
            {
                var prefix = entry.Pattern.LiteralPrefix;
                for (var slash = prefix.IndexOf('/'); slash >= 0; slash = prefix.IndexOf('/', slash + 1))
                {
                    if (!literals.TryGetValue(prefix.Substring(0, slash), out var holder))
                    {
                        continue;
                    }

                    var whose = holder.Agent == agent ? "this agent's" : $"agent \"{holder.Agent.Name}\"'s";
                    var kind = entry.Pattern.IsLiteral ? "branch" : "every branch that pattern";
                    yield return new ManifestWarning(
                        DiagnosticIds.BranchRefConflict,
                        manifest.Path,
                        entry.Position,
                        $"branch pattern \"{entry.Source}\" of agent \"{agent.Name}\" lies under {whose} branch \"{holder.Entry.Source}\" ({holder.Entry.Position}): git cannot hold a branch \"{holder.Entry.Source}\" and {kind} names at once (a ref cannot be a file and a folder); use sibling names such as \"{holder.Entry.Source}-*\", or only a folder of branches (\"{holder.Entry.Source}/*\") without \"{holder.Entry.Source}\" itself");
                    break;
                }
            }
        }
    }
}
