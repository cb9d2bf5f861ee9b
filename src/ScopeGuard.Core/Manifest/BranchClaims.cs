using System;
using System.Collections.Generic;
using System.Globalization;
using ScopeGuard.Core.Patterns;

namespace ScopeGuard.Core.Manifest;

/// <summary>Checks across agents that one branch identifies at most one agent.</summary>
internal static class BranchClaims
{
    // One branch must identify at most one agent: the same pattern twice, or one agent's
    // literal branch matched by another agent's pattern, is an error in the manifest itself.
    // Linear in the number of branches: a literal can only match a wildcard pattern whose text
    // before its first wildcard is a prefix of the literal, so each literal is tested only against
    // the wildcard patterns found along its path in a prefix tree, not against every agent's branches.
    internal static void Check(List<AgentScope> agents, ManifestReadContext context)
    {
        var claims = new Dictionary<string, (AgentScope Agent, ManifestEntry<BranchPattern> Entry)>(StringComparer.Ordinal);
        var wildcards = new PrefixTree();
        for (var a = 0; a < agents.Count; a++)
        {
            var agent = agents[a];
            for (var b = 0; b < agent.Branches.Count; b++)
            {
                var entry = agent.Branches[b];
                if (claims.TryGetValue(entry.Source, out var claim) && claim.Agent != agent)
                {
                    context.Error(entry.Range, $"branch pattern \"{entry.Source}\" is claimed by agent \"{claim.Agent.Name}\" ({claim.Entry.Position}) and agent \"{agent.Name}\": one branch must identify one agent", claim.Entry.Range);
                    continue;
                }

                claims[entry.Source] = (agent, entry);
                if (!entry.Pattern.IsLiteral)
                {
                    wildcards.Add(entry.Pattern.LiteralPrefix, new BranchRef(a, b, entry));
                }
            }
        }

        var comparisons = 0;
        var candidates = new List<BranchRef>();
        for (var a = 0; a < agents.Count; a++)
        {
            var agent = agents[a];
            foreach (var literal in agent.Branches)
            {
                if (!literal.Pattern.IsLiteral)
                {
                    continue;
                }

                candidates.Clear();
                wildcards.CollectPrefixesOf(literal.Source, candidates);
                comparisons += candidates.Count;
                if (comparisons > ManifestLoader.MaxBranchComparisons)
                {
                    context.Error(literal.Range, $"too many wildcard branch patterns start with the same text as branch \"{literal.Source}\": checking that each branch identifies one agent would take more than {ManifestLoader.MaxBranchComparisons.ToString("N0", CultureInfo.InvariantCulture)} comparisons; begin each agent's wildcard patterns with a text of its own, such as \"agent/{agent.Name}/*\"");
                    return;
                }

                if (candidates.Count == 0)
                {
                    continue;
                }

                // Report as a scan of the other agents in manifest order would: per agent, its first
                // pattern (in the order written) that matches the literal.
                candidates.Sort((x, y) => x.Agent != y.Agent ? x.Agent.CompareTo(y.Agent) : x.Index.CompareTo(y.Index));
                var bytes = System.Text.Encoding.UTF8.GetBytes(literal.Source);
                var reported = -1;
                foreach (var candidate in candidates)
                {
                    if (candidate.Agent == a || candidate.Agent == reported || !candidate.Entry.Pattern.Matches(bytes))
                    {
                        continue;
                    }

                    reported = candidate.Agent;
                    var other = agents[candidate.Agent];
                    var overlap = candidate.Entry;
                    context.Error(literal.Range, $"branch \"{literal.Source}\" of agent \"{agent.Name}\" also matches \"{overlap.Source}\" of agent \"{other.Name}\" ({overlap.Position}): one branch must identify one agent", overlap.Range);
                }
            }
        }
    }

    // One agent's branch pattern: the agent's index in the manifest, the pattern's index in its list.
    private readonly record struct BranchRef(int Agent, int Index, ManifestEntry<BranchPattern> Entry);

    // Wildcard branch patterns keyed by the literal text before their first wildcard.
    private sealed class PrefixTree
    {
        private readonly Node root = new();

        public void Add(string prefix, BranchRef value)
        {
            var node = root;
            foreach (var c in prefix)
            {
                node.Children ??= new Dictionary<char, Node>();
                if (!node.Children.TryGetValue(c, out var child))
                {
                    child = new Node();
                    node.Children[c] = child;
                }

                node = child;
            }

            (node.Values ??= []).Add(value);
        }

        // Adds every value whose key is a prefix of text (the empty key included).
        public void CollectPrefixesOf(string text, List<BranchRef> into)
        {
            var node = root;
            var i = 0;
            while (true)
            {
                if (node.Values is not null)
                {
                    into.AddRange(node.Values);
                }

                if (i == text.Length || node.Children is null || !node.Children.TryGetValue(text[i], out var child))
                {
                    return;
                }

                node = child;
                i++;
            }
        }

        private sealed class Node
        {
            public Dictionary<char, Node>? Children { get; set; }

            public List<BranchRef>? Values { get; set; }
        }
    }
}
