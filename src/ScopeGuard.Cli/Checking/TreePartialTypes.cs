using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Checking;

/// <summary>
/// Finds where a type is declared in the tree a change set starts from, for the check of new partial
/// parts. Nothing is read until a change adds a partial type; then the tree's C# files are read once,
/// those that mention <c>partial</c> are kept, and only files that also mention the type's name are parsed.
/// </summary>
internal sealed class TreePartialTypes : IPartialTypeParts
{
    private readonly IGitRepository git;
    private readonly string commit;
    private List<(string Path, string Text)>? candidates;

    public TreePartialTypes(IGitRepository git, string commit)
    {
        this.git = git;
        this.commit = commit;
    }

    public IReadOnlyList<string> FilesDeclaring(DeclarationId type, string exceptPath)
    {
        candidates ??= git.TreeFiles(commit, [string.Empty])
            .Where(f => f.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            .Select(f => (f.Path, Text: git.ReadBlob(f.BlobId) is { } bytes ? SourceDecoding.TryDecode(bytes) : null))
            .Where(f => f.Text is not null && f.Text.Contains("partial", StringComparison.Ordinal))
            .Select(f => (f.Path, f.Text!))
            .ToList();

        return candidates
            .Where(c => c.Path != exceptPath && PartialPartSearch.Declares(c.Text, type))
            .Select(c => c.Path)
            .ToList();
    }
}
