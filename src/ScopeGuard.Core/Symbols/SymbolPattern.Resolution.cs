using System;
using System.Collections.Generic;

namespace ScopeGuard.Core.Symbols;

// A pattern's parameter list matches a declaration's (or an alternate's) in the form ScopeGuard writes
// from syntax or the compiler's (names resolved), parameter by parameter: each of the pattern's types is
// the written or the resolved type at its position, so (AddMetadata,System.Int32),
// (Ns.Tests.AddMetadata,System.Int32) and a mix of both forms name the same overload.
public sealed partial class SymbolPattern
{
    private IReadOnlyList<string>? parameterItems;

    // "()" (a method whose only parameter is __arglist) also covers a parameterless member, and the
    // reverse. Otherwise the lists match item by item: each of the pattern's types is the type as
    // written, or the name the resolver gave it, or, where the resolver gave it none, the written name
    // with or without namespaces (see SameTypeNames). A name the resolver did resolve is not matched by
    // another qualified name: (A.Thing) covers M(Thing) where Thing is A.Thing, not where it is B.Thing.
    private bool ParametersMatch(DeclarationId id)
    {
        if (AnyParameters || string.Equals(Parameters, id.Parameters, StringComparison.Ordinal) || (Parameters == "()" && id.Parameters is null))
        {
            return true;
        }

        if (Parameters is null || id.Parameters is null)
        {
            return false;
        }

        var resolved = id.ResolvedParameters;
        if (resolved is null)
        {
            return SameTypeNames(Parameters, id.Parameters, '.');
        }

        if (string.Equals(Parameters, resolved, StringComparison.Ordinal))
        {
            return true;
        }

        var mine = parameterItems ??= Items(Parameters);
        var written = Items(id.Parameters);
        return mine.Count == written.Count && ItemsMatch(mine, mine.Count, written, Items(resolved));
    }

    // Whether the first 'count' items of the pattern's list each match the declaration's (see ParametersMatch).
    private static bool ItemsMatch(IReadOnlyList<string> mine, int count, IReadOnlyList<string> written, IReadOnlyList<string>? resolved)
    {
        if (resolved is not null && resolved.Count != written.Count)
        {
            resolved = null;
        }

        for (var i = 0; i < count; i++)
        {
            var bound = resolved is null ? written[i] : resolved[i];
            if (!string.Equals(mine[i], written[i], StringComparison.Ordinal) && !SameTypeNames(mine[i], bound, '.'))
            {
                return false;
            }
        }

        return true;
    }

    // "(A,B{C,D})~E" -> "A", "B{C,D}", "~E": the parameters at depth 0, then a conversion's return type.
    internal static IReadOnlyList<string> Items(string? parameters)
    {
        var items = new List<string>();
        if (parameters is null)
        {
            return items;
        }

        var depth = 0;
        var start = 1;
        for (var i = 0; i < parameters.Length; i++)
        {
            switch (parameters[i])
            {
                case '(' or '{' or '[':
                    depth++;
                    break;
                case ')' or '}' or ']':
                    depth--;
                    if (depth == 0 && parameters[i] == ')')
                    {
                        items.Add(parameters.Substring(start, i - start));
                        if (i + 1 < parameters.Length)
                        {
                            items.Add(parameters.Substring(i + 1));
                        }

                        return items;
                    }

                    break;
                case ',' when depth == 1:
                    items.Add(parameters.Substring(start, i - start));
                    start = i + 1;
                    break;
            }
        }

        items.Add(parameters);
        return items;
    }
}
