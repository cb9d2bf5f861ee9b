using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Patterns;

namespace ScopeGuard.Cli.Agents;

/// <summary>
/// Translates CODEOWNERS into agents. In CODEOWNERS the last matching line decides, so a later line
/// for another owner takes files away from an earlier owner; in scopes.json lists have no order and
/// <c>deny</c> beats <c>paths</c>. So each owner becomes an agent whose <c>paths</c> are its lines'
/// patterns and whose <c>deny</c> holds every later line of someone else (or of no one) that may
/// match what its earlier lines gave it. What that cannot say (a later line giving files back to an
/// owner after another line took them, a line GitHub does not apply, a line that un-owns files) is
/// reported per line.
/// </summary>
internal static class CodeOwnersTranslation
{
    /// <summary>Translates the file.</summary>
    /// <param name="file">The CODEOWNERS file.</param>
    /// <param name="protectedPaths">The manifest's protected paths: a line entirely inside them is given to no agent.</param>
    /// <param name="files">The repository's files at HEAD, or <see langword="null"/> without a commit: a line that matches none of them is given to no agent.</param>
    /// <param name="ignoreCase">Whether protected paths match in any case (<c>core.ignoreCase</c>).</param>
    /// <returns>The agents, the notes per line, and the agent name of every owner.</returns>
    public static (IReadOnlyList<StarterAgent> Agents, IReadOnlyList<InitNote> Notes, IReadOnlyDictionary<string, string> Names) Translate(CodeOwnersFile file, IReadOnlyList<string> protectedPaths, IReadOnlyList<string>? files, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(protectedPaths);
        var notes = new List<InitNote>();
        var names = AgentNames.Assign(file.Owners, AgentNames.ForOwner);
        var guarded = protectedPaths.Select(PathPattern.Parse).ToList();
        var rules = new List<CodeOwnersRule>();
        var unmatched = new HashSet<CodeOwnersRule>();
        foreach (var rule in file.Rules)
        {
            if (rule.Problem is not null)
            {
                notes.Add(new InitNote(Where(file, rule), $"not translated: {rule.Problem}"));
                continue;
            }

            if (rule.Note is not null)
            {
                notes.Add(new InitNote(Where(file, rule), rule.Note));
            }

            var pattern = PathPattern.Parse(StarterManifest.Escape(rule.Pattern));
            if (PathIntersection.Find([[pattern]], guarded, ignoreCase).Status == IntersectionStatus.Empty)
            {
                // Protected paths apply to every agent: granting them would give nothing (lint's SG0104),
                // and denying them to anyone would say nothing (SG0105).
                notes.Add(new InitNote(Where(file, rule), rule.Owners.Count == 0
                    ? $"'{rule.Pattern}' is protected: no agent writes it (settings.protectedPaths), and this line names no owner"
                    : $"'{rule.Pattern}' is protected: no agent writes it (settings.protectedPaths); its owners review it through CODEOWNERS on GitHub ({string.Join(", ", rule.Owners)})"));
                continue;
            }

            if (files is not null && rule.Owners.Count > 0 && !files.Any(f => pattern.Matches(f)))
            {
                // Granting it would be lint's SG0101; later lines of others still take it from earlier owners.
                unmatched.Add(rule);
                notes.Add(new InitNote(Where(file, rule), $"'{rule.Pattern}' matches no file at HEAD (a typo, or a folder still to come?): not given to {string.Join(", ", rule.Owners.Select(o => "agent " + names[o]))}; add it to paths in scopes.json once it exists"));
            }

            rules.Add(rule);
        }

        var agents = new List<StarterAgent>();
        foreach (var owner in file.Owners)
        {
            var translated = TranslateOwner(file, rules, unmatched, owner, names[owner], notes);
            if (translated.Paths.Count > 0)
            {
                agents.Add(translated with { Deny = translated.Deny.Where(d => TakesEffect(d, translated.Paths, guarded, ignoreCase)).ToList() });
            }
        }

        foreach (var rule in rules.Where(r => r.Owners.Count == 0))
        {
            var before = agents.Where(a => a.Deny.Any(d => d == StarterManifest.Escape(rule.Pattern) || Covers(d, rule.Pattern))).Select(a => a.Name).ToList();
            notes.Add(new InitNote(Where(file, rule), before.Count == 0
                ? $"'{rule.Pattern}' has no owners: on GitHub anyone with write access may approve changes there; no agent gets these paths"
                : $"'{rule.Pattern}' has no owners: on GitHub anyone with write access may approve changes there; no agent gets these paths (denied to {string.Join(", ", before)}): give them to an agent in scopes.json if one should write them"));
        }

        // A line's owners all write its paths, on purpose: sharedWith says so (else lint's SG0100).
        var shared = agents.ToDictionary(a => a.Name, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var rule in rules.Where(r => r.Owners.Count > 1))
        {
            notes.Add(new InitNote(Where(file, rule), $"'{rule.Pattern}' has {rule.Owners.Count} owners: each of their agents ({string.Join(", ", rule.Owners.Select(o => names[o]))}) may write these paths (sharedWith in scopes.json)"));
            if (unmatched.Contains(rule))
            {
                continue;
            }

            var writers = rule.Owners.Select(o => names[o]).Where(shared.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
            for (var i = 0; i < writers.Count; i++)
            {
                for (var j = i + 1; j < writers.Count; j++)
                {
                    var (first, second) = agents.FindIndex(a => a.Name == writers[i]) < agents.FindIndex(a => a.Name == writers[j]) ? (writers[i], writers[j]) : (writers[j], writers[i]);
                    if (!shared[first].Contains(second, StringComparer.Ordinal) && !shared[second].Contains(first, StringComparer.Ordinal))
                    {
                        shared[first].Add(second);
                    }
                }
            }
        }

        agents = agents.Select(a => shared[a.Name].Count == 0 ? a : a with { SharedWith = shared[a.Name] }).ToList();
        return (agents, notes.OrderBy(n => n.Line).ToList(), names);
    }

    // A deny takes effect when it covers a path the agent's paths grant outside the protected paths (else lint's SG0105).
    private static bool TakesEffect(string deny, IReadOnlyList<string> paths, List<PathPattern> guarded, bool ignoreCase) =>
        paths.Count > 0
        && PathIntersection.Find([[PathPattern.Parse(deny)], paths.Select(PathPattern.Parse).ToList()], guarded, ignoreCase).Status != IntersectionStatus.Empty;

    /// <summary>
    /// Gets whether two patterns may match a common path. <see langword="false"/> only when both are
    /// anchored and the literal text before their first wildcard diverges (a pattern without wildcards
    /// covers its path and everything below it, so its text counts as a folder).
    /// </summary>
    public static bool MayOverlap(string first, string second)
    {
        var a = PathPattern.Parse(first);
        var b = PathPattern.Parse(second);
        if (a.BasenameOnly || b.BasenameOnly)
        {
            return true;
        }

        var x = Prefix(first);
        var y = Prefix(second);
        return x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal);

        static string Prefix(string pattern)
        {
            var text = pattern.TrimStart('/');
            var wild = text.IndexOfAny(['*', '?', '[', '\\']);
            return wild < 0 ? text.TrimEnd('/') + "/" : text[..wild];
        }
    }

    private static StarterAgent TranslateOwner(CodeOwnersFile file, List<CodeOwnersRule> rules, HashSet<CodeOwnersRule> unmatched, string owner, string name, List<InitNote> notes)
    {
        var paths = new List<string>();
        var deny = new List<string>();
        var own = new List<CodeOwnersRule>();
        var taken = new List<CodeOwnersRule>();
        foreach (var rule in rules)
        {
            if (rule.Owners.Contains(owner, StringComparer.OrdinalIgnoreCase))
            {
                if (unmatched.Contains(rule))
                {
                    continue;
                }

                // A later line of this owner inside what another line took away: deny has no order, so
                // it stays denied (stricter than CODEOWNERS).
                foreach (var took in taken.Where(t => MayOverlap(t.Pattern, rule.Pattern)))
                {
                    notes.Add(new InitNote(Where(file, rule), $"'{rule.Pattern}' gives {owner} back files that line {took.Line} ('{took.Pattern}') took away; scopes.json's deny has no order (deny beats paths), so agent {name} may not write what both lines match: stricter than CODEOWNERS"));
                }

                Add(paths, StarterManifest.Escape(rule.Pattern));
                if (rule.DirectChildrenOnly)
                {
                    // "docs/*" owns the files directly in docs/; the folders below are not its.
                    Add(deny, StarterManifest.Escape(rule.Pattern + "/"));
                    foreach (var other in own.Concat(rules.SkipWhile(r => r != rule).Skip(1).Where(r => r.Owners.Contains(owner, StringComparer.OrdinalIgnoreCase)))
                        .Where(o => MayOverlap(o.Pattern, rule.Pattern + "/")))
                    {
                        notes.Add(new InitNote(Where(file, rule), $"'{rule.Pattern}' owns only the files directly in its folder, so agent {name} gets deny '{rule.Pattern}/'; that also denies what line {other.Line} ('{other.Pattern}') gives {owner} below it: stricter than CODEOWNERS"));
                    }
                }

                own.Add(rule);
            }
            else if (own.Any(o => MayOverlap(o.Pattern, rule.Pattern)))
            {
                if (!deny.Any(d => Covers(d, rule.Pattern)))
                {
                    Add(deny, StarterManifest.Escape(rule.Pattern));
                }

                taken.Add(rule);
                if (rule.DirectChildrenOnly)
                {
                    notes.Add(new InitNote(Where(file, rule), $"'{rule.Pattern}' takes only the files directly in its folder from {owner}; as a deny pattern it covers the folders below too, so agent {name} may not write those either: stricter than CODEOWNERS"));
                }
            }
        }

        var lines = string.Join(", ", own.Select(r => r.Line));
        return new StarterAgent(name, $"Owner {owner} in {file.Path} (line{(own.Count == 1 ? string.Empty : "s")} {lines}).", paths, deny);

        static void Add(List<string> list, string value)
        {
            if (!list.Contains(value, StringComparer.Ordinal))
            {
                list.Add(value);
            }
        }
    }

    // An anchored folder without wildcards ("/src/Billing/") covers every anchored pattern below it
    // ("/src/Billing/Contracts/"): denying the latter too would say nothing more.
    private static bool Covers(string folder, string pattern)
    {
        var f = PathPattern.Parse(folder);
        var p = PathPattern.Parse(pattern);
        if (f.BasenameOnly || p.BasenameOnly || !folder.EndsWith('/') || folder.IndexOfAny(['*', '?', '[', '\\']) >= 0)
        {
            return false;
        }

        return pattern.TrimStart('/').StartsWith(folder.TrimStart('/'), StringComparison.Ordinal);
    }

    private static string Where(CodeOwnersFile file, CodeOwnersRule rule) => $"{file.Path}:{rule.Line}";
}
