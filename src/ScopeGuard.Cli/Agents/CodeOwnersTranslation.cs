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
    public static (IReadOnlyList<StarterAgent> Agents, IReadOnlyList<InitNote> Notes, IReadOnlyDictionary<string, string> Names) Translate(CodeOwnersFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var notes = new List<InitNote>();
        var rules = file.Rules.Where(r => r.Problem is null).ToList();
        foreach (var rule in file.Rules)
        {
            if (rule.Problem is not null)
            {
                notes.Add(new InitNote(Where(file, rule), $"not translated: {rule.Problem}"));
            }
            else if (rule.Note is not null)
            {
                notes.Add(new InitNote(Where(file, rule), rule.Note));
            }
        }

        var names = AgentNames.Assign(file.Owners, AgentNames.ForOwner);
        var agents = new List<StarterAgent>();
        foreach (var owner in file.Owners)
        {
            agents.Add(TranslateOwner(file, rules, owner, names[owner], notes));
        }

        foreach (var rule in rules.Where(r => r.Owners.Count == 0))
        {
            var before = agents.Where(a => a.Deny.Contains(StarterManifest.Escape(rule.Pattern), StringComparer.Ordinal)).Select(a => a.Name).ToList();
            notes.Add(new InitNote(Where(file, rule), before.Count == 0
                ? $"'{rule.Pattern}' has no owners: on GitHub anyone with write access may approve changes there; no agent gets these paths"
                : $"'{rule.Pattern}' has no owners: on GitHub anyone with write access may approve changes there; no agent gets these paths (denied to {string.Join(", ", before)}): give them to an agent in scopes.json if one should write them"));
        }

        foreach (var rule in rules.Where(r => r.Owners.Count > 1))
        {
            notes.Add(new InitNote(Where(file, rule), $"'{rule.Pattern}' has {rule.Owners.Count} owners: each of their agents ({string.Join(", ", rule.Owners.Select(o => names[o]))}) may write these paths"));
        }

        return (agents, notes.OrderBy(n => n.Line).ToList(), names);
    }

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

    private static StarterAgent TranslateOwner(CodeOwnersFile file, List<CodeOwnersRule> rules, string owner, string name, List<InitNote> notes)
    {
        var paths = new List<string>();
        var deny = new List<string>();
        var own = new List<CodeOwnersRule>();
        var taken = new List<CodeOwnersRule>();
        foreach (var rule in rules)
        {
            if (rule.Owners.Contains(owner, StringComparer.OrdinalIgnoreCase))
            {
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
                Add(deny, StarterManifest.Escape(rule.Pattern));
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

    private static string Where(CodeOwnersFile file, CodeOwnersRule rule) => $"{file.Path}:{rule.Line}";
}
