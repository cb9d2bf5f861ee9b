using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using ScopeGuard.Core.Baseline;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Analyzers;

/// <summary>
/// Where a type is declared among the compilation's files, for the check of new partial parts: only
/// files whose text mentions <c>partial</c> and the type's name are parsed, and only when a file adds a
/// partial part of a type no symbol rule names.
/// </summary>
internal sealed class CompilationPartialTypes : IPartialTypeParts
{
    private readonly IEnumerable<SyntaxTree> trees;
    private readonly DeclarationBaseline baseline;
    private readonly CancellationToken cancellationToken;

    public CompilationPartialTypes(IEnumerable<SyntaxTree> trees, DeclarationBaseline baseline, CancellationToken cancellationToken)
    {
        this.trees = trees;
        this.baseline = baseline;
        this.cancellationToken = cancellationToken;
    }

    public IReadOnlyList<string> FilesDeclaring(DeclarationId type, string exceptPath)
    {
        var found = new List<string>();
        foreach (var tree in trees)
        {
            var path = baseline.ToRepositoryPath(tree.FilePath);
            if (path is null || path == exceptPath)
            {
                continue;
            }

            if (PartialPartSearch.Declares(tree.GetText(cancellationToken).ToString(), type))
            {
                found.Add(path);
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }
}
