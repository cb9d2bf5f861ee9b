using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Rules;

/// <summary>
/// Lint of symbol patterns against the declarations a repository has: a member pattern (<c>M:</c>,
/// <c>P:</c>, <c>F:</c>, <c>E:</c>) that covers none of them decides nothing, so a broader rule decides
/// in its place, silently (SG0101, with the nearest ID that exists); an exact member pattern that
/// covers declarations with different compiler IDs names more than one thing (SG0102).
/// </summary>
public static class PatternCoverage
{
    /// <summary>Checks every agent's member patterns.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="declarations">The IDs of every declaration in the repository's C# files, with their resolved forms (<see cref="DeclarationExtractor.Extract(string, TypeIndex?)"/>).</param>
    /// <returns>Warnings located at the patterns in the manifest, in manifest order, each pattern once.</returns>
    public static IReadOnlyList<Finding> Check(ScopeManifest manifest, IReadOnlyCollection<DeclarationId> declarations)
    {
        if (manifest is null)
        {
            throw new ArgumentNullException(nameof(manifest));
        }

        if (declarations is null)
        {
            throw new ArgumentNullException(nameof(declarations));
        }

        var members = declarations.Where(d => d.Kind is not (SymbolKind.Namespace or SymbolKind.Type)).ToList();
        var findings = new List<Finding>();
        var seen = new HashSet<(int, int)>();
        foreach (var agent in manifest.Agents)
        {
            foreach (var entry in agent.Symbols.Edit.Concat(agent.Symbols.Body).Concat(agent.Symbols.Extend).Concat(agent.Symbols.ReadOnly))
            {
                var pattern = entry.Pattern;
                if (pattern.Kind is SymbolKind.Namespace or SymbolKind.Type || !seen.Add((entry.Position.Line, entry.Position.Column)))
                {
                    continue; // a settings.defaults pattern is reported once, not once per agent
                }

                var matched = members.Where(d => pattern.Match(d) is not null).ToList();
                var rule = $"{entry.Origin}: {entry.Source}";
                if (matched.Count == 0)
                {
                    var nearest = Nearest(pattern, members);
                    findings.Add(new Finding(DiagnosticIds.PatternMatchesNothing, FindingSeverity.Warning, agent.Name, manifest.Path, entry.Position.Line, entry.Position.Column, pattern.Text, rule, Messages.PatternMatchesNothing(entry, nearest)));
                    continue;
                }

                var distinct = matched.Select(d => d.CompilerForm).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
                if (!pattern.HasWildcards && !pattern.AnyParameters && distinct.Count > 1)
                {
                    findings.Add(new Finding(DiagnosticIds.PatternAmbiguous, FindingSeverity.Warning, agent.Name, manifest.Path, entry.Position.Line, entry.Position.Column, pattern.Text, rule, Messages.PatternAmbiguous(entry, distinct)));
                }
            }
        }

        return findings.OrderBy(f => f.Line).ThenBy(f => f.Column).ToList();
    }

    /// <summary>
    /// Finds the ID nearest to a pattern that matches nothing: among the members of the same kind in
    /// the pattern's type when it has some, else among all members of that kind, the smallest edit
    /// distance to its written or its compiler's form.
    /// </summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="declarations">The declarations.</param>
    /// <returns>The nearest declaration, or <see langword="null"/> when there is no member of that kind.</returns>
    public static DeclarationId? Nearest(SymbolPattern pattern, IEnumerable<DeclarationId> declarations)
    {
        if (pattern is null)
        {
            throw new ArgumentNullException(nameof(pattern));
        }

        var sameKind = (declarations ?? throw new ArgumentNullException(nameof(declarations))).Where(d => d.Kind == pattern.Kind).ToList();
        if (sameKind.Count == 0)
        {
            return null;
        }

        var container = string.Join(".", pattern.Parts.Take(pattern.Parts.Count - 1));
        var candidates = sameKind.Where(d => string.Join(".", d.Parts.Take(d.Parts.Count - 1)) == container).ToList();
        if (candidates.Count == 0)
        {
            // Shortlist by the member's name first: the whole IDs are long and a repository has many.
            var name = pattern.Parts[pattern.Parts.Count - 1];
            var byName = sameKind.Select(d => (Id: d, Distance: EditDistance(name, d.Parts[d.Parts.Count - 1]))).ToList();
            var best = byName.Min(c => c.Distance);
            candidates = byName.Where(c => c.Distance == best).Select(c => c.Id).ToList();
        }

        DeclarationId? nearest = null;
        var nearestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            foreach (var form in candidate.ResolvedParameters is null ? [candidate.ToString()] : new[] { candidate.CompilerForm, candidate.ToString() })
            {
                var distance = EditDistance(pattern.Text, form);
                if (distance < nearestDistance || (distance == nearestDistance && string.CompareOrdinal(form, nearest?.ToString()) < 0))
                {
                    nearest = candidate;
                    nearestDistance = distance;
                }
            }
        }

        return nearest;
    }

    // Levenshtein distance, two rows.
    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
