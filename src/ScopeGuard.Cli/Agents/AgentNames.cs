using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ScopeGuard.Cli.Agents;

/// <summary>
/// Turns CODEOWNERS owners and folder names into agent names the manifest accepts (1-64 of
/// <c>a-z 0-9 . _ -</c>, starting with a letter or digit). The mapping, documented in docs/agents.md:
/// <c>@org/team</c> → <c>team</c>, <c>@user</c> → <c>user</c>, <c>jane.doe@example.com</c> →
/// <c>jane.doe</c>; lower case; any other character becomes <c>-</c>. When two owners would get the
/// same name, the later one is qualified (<c>org-team</c>, <c>jane.doe-example.com</c>), then numbered
/// (<c>-2</c>, <c>-3</c>…).
/// </summary>
internal static class AgentNames
{
    private const int MaxLength = 64;

    /// <summary>Assigns a distinct agent name to each source, in order (case-insensitive sources are one).</summary>
    public static IReadOnlyDictionary<string, string> Assign(IEnumerable<string> sources, Func<string, (string Short, string Qualified)> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources)
        {
            if (result.ContainsKey(source))
            {
                continue;
            }

            var (shortName, qualified) = candidates(source);
            var name = new[] { Clean(shortName), Clean(qualified) }.FirstOrDefault(n => !taken.Contains(n));
            for (var i = 2; name is null; i++)
            {
                var numbered = Clean(qualified);
                var suffix = "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                numbered = numbered.Length + suffix.Length > MaxLength ? numbered[..(MaxLength - suffix.Length)] + suffix : numbered + suffix;
                name = taken.Contains(numbered) ? null : numbered;
            }

            taken.Add(name);
            result[source] = name;
        }

        return result;
    }

    /// <summary>The short and qualified names of a CODEOWNERS owner.</summary>
    public static (string Short, string Qualified) ForOwner(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (owner.StartsWith('@'))
        {
            var handle = owner[1..];
            var slash = handle.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? (handle, handle + "-user") : (handle[(slash + 1)..], handle.Replace('/', '-'));
        }

        var at = owner.LastIndexOf('@');
        return at < 0 ? (owner, owner) : (owner[..at], owner.Replace('@', '-'));
    }

    /// <summary>Makes a text a valid agent name.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-';
            if (!ok && builder.Length > 0 && builder[^1] == '-')
            {
                continue;
            }

            builder.Append(ok ? c : '-');
        }

        var name = builder.ToString().TrimStart('.', '_', '-');
        if (name.Length > MaxLength)
        {
            name = name[..MaxLength];
        }

        name = name.TrimEnd('-', '.');
        return name.Length == 0 ? "agent" : name;
    }
}
