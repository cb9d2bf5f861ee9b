using System;
using System.Collections.Generic;
using System.Linq;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// Keeps two declarations from sharing an ID through resolution: a resolved form that another
/// declaration (with another written ID) also resolves to, or that is another declaration's written ID,
/// is dropped from both, so each keeps only its written form. (Resolution without a compilation can be
/// wrong where the compiler would not be: a name the index lacks, a nested type inherited from a base.)
/// </summary>
internal static class ResolvedForms
{
    public static DeclarationSet Distinct(DeclarationSet set)
    {
        var declarations = set.Declarations;
        if (!declarations.Any(d => d.Id.IsResolved))
        {
            return set;
        }

        var written = new HashSet<string>(declarations.Select(d => d.Id.ToString()), StringComparer.Ordinal);
        var clashing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in declarations.Where(d => d.Id.IsResolved).GroupBy(d => d.Id.CompilerForm, StringComparer.Ordinal))
        {
            var owners = group.Select(d => d.Id.ToString()).Distinct(StringComparer.Ordinal).ToList();
            if (owners.Count > 1 || (written.Contains(group.Key) && group.Key != owners[0]))
            {
                clashing.Add(group.Key);
            }
        }

        if (clashing.Count == 0)
        {
            return set;
        }

        return set.WithDeclarations(declarations
            .Select(d => d.Id.IsResolved && clashing.Contains(d.Id.CompilerForm)
                ? d with { Id = d.Id.WithoutResolved() }
                : d)
            .ToList());
    }
}
