using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Manifest;

namespace ScopeGuard.Core.Symbols;

/// <summary>When parameter types need resolving, and which names a caller's <see cref="TypeIndex"/> must know.</summary>
public static class TypeResolution
{
    /// <summary>
    /// Gets the identifiers in the parameter lists of an agent's symbol patterns (<c>Ns</c>, <c>Tests</c>,
    /// <c>AddMetadata</c> for <c>M:…(Ns.Tests.AddMetadata,System.Int32)</c>). Empty: no pattern of the
    /// agent names parameters, so resolution cannot change a verdict and no index is needed. Otherwise an
    /// index needs only the types whose name is one of these, and the <c>global using</c>s.
    /// </summary>
    /// <param name="agent">The agent.</param>
    /// <returns>The names, without duplicates.</returns>
    public static IReadOnlyCollection<string> NamesToResolve(AgentScope agent)
    {
        if (agent is null)
        {
            throw new ArgumentNullException(nameof(agent));
        }

        return NamesToResolve(PatternsOf(agent));
    }

    /// <summary>Gets the identifiers in the parameter lists of patterns (see <see cref="NamesToResolve(AgentScope)"/>).</summary>
    /// <param name="patterns">The patterns.</param>
    /// <returns>The names, without duplicates.</returns>
    public static IReadOnlyCollection<string> NamesToResolve(IEnumerable<SymbolPattern> patterns)
    {
        if (patterns is null)
        {
            throw new ArgumentNullException(nameof(patterns));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            if (pattern.Parameters is not { } parameters)
            {
                continue;
            }

            var start = -1;
            for (var i = 0; i <= parameters.Length; i++)
            {
                var identifier = i < parameters.Length && (char.IsLetterOrDigit(parameters[i]) || parameters[i] == '_');
                if (identifier && start < 0)
                {
                    start = i;
                }
                else if (!identifier && start >= 0)
                {
                    if (!char.IsDigit(parameters[start]))
                    {
                        names.Add(parameters.Substring(start, i - start));
                    }

                    start = -1;
                }
            }
        }

        return names;
    }

    /// <summary>
    /// Gets the member names (the last part of an ID) of the patterns that have a parameter list: only
    /// these members' parameters need resolving. <see langword="null"/> when a pattern's member name has
    /// a wildcard (every member may need it).
    /// </summary>
    /// <param name="patterns">The patterns.</param>
    /// <returns>The names, or <see langword="null"/>.</returns>
    public static IReadOnlyCollection<string>? MembersToResolve(IEnumerable<SymbolPattern> patterns)
    {
        if (patterns is null)
        {
            throw new ArgumentNullException(nameof(patterns));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns.Where(p => p.Parameters is not null))
        {
            var name = pattern.Parts[pattern.Parts.Count - 1];
            if (name.IndexOf('*') >= 0)
            {
                return null;
            }

            names.Add(name);
        }

        return names;
    }

    /// <summary>Gets the patterns of an agent's symbol rules.</summary>
    /// <param name="agent">The agent.</param>
    /// <returns>Every pattern of every access level.</returns>
    public static IEnumerable<SymbolPattern> PatternsOf(AgentScope agent)
    {
        if (agent is null)
        {
            throw new ArgumentNullException(nameof(agent));
        }

        return agent.Symbols.Edit.Concat(agent.Symbols.Body).Concat(agent.Symbols.Extend).Concat(agent.Symbols.ReadOnly).Select(e => e.Pattern);
    }

    /// <summary>Tells whether a C# text mentions any of the names (as a substring), or declares a <c>global using</c>: only such files matter to an index for these names.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="names">The names (<see cref="NamesToResolve(AgentScope)"/>).</param>
    /// <returns>Whether to index the file.</returns>
    public static bool MayMatter(string text, IReadOnlyCollection<string> names)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (names is null)
        {
            throw new ArgumentNullException(nameof(names));
        }

        return text.IndexOf("global", StringComparison.Ordinal) >= 0
            || SymbolPattern.MayHideNames(text)
            || names.Any(n => text.IndexOf(n, StringComparison.Ordinal) >= 0);
    }
}
