using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Checking;

/// <summary>
/// The C# declarations of a commit's tree and the <see cref="TypeIndex"/> built from them (the same
/// parse as the declaration diff): what parameter type names written in one file may refer to.
/// </summary>
internal static class RepositoryTypes
{
    /// <summary>
    /// Builds the index of a commit's tree for names that patterns mention (see
    /// <see cref="TypeResolution.NamesToResolve(Core.Manifest.AgentScope)"/>): every C# file is read, and
    /// only those that mention one of the names or a <c>global using</c> are parsed.
    /// </summary>
    public static TypeIndex Index(IGitRepository git, string? commit, IReadOnlyCollection<string>? names)
    {
        if (commit is null)
        {
            return TypeIndex.Empty;
        }

        var files = CSharpFiles(git, commit);
        if (names is not null)
        {
            files = files.Where(f => TypeResolution.MayMatter(f.Text, names)).ToList();
        }

        return TypeIndex.Create(Parse(files, null).Select(f => f.Set), ImplicitUsings(git, commit));
    }

    /// <summary>The declaration sets of a commit's C# files, names not resolved (for an index).</summary>
    public static IEnumerable<DeclarationSet> Sets(IGitRepository git, string commit) => Parse(CSharpFiles(git, commit), null).Select(f => f.Set);

    /// <summary>Every declaration of a commit's tree, resolved against the index of the whole tree (for lint).</summary>
    public static List<(string Path, DeclarationSet Set)> Declarations(IGitRepository git, string commit)
    {
        var files = CSharpFiles(git, commit);
        var index = TypeIndex.Create(Parse(files, null).Select(f => f.Set), ImplicitUsings(git, commit));
        return Parse(files, index);
    }

    /// <summary>The namespaces a project's generated global usings import: the SDK's defaults when a project or props file in the tree enables <c>ImplicitUsings</c>.</summary>
    public static IReadOnlyList<string> ImplicitUsings(IGitRepository git, string commit)
    {
        foreach (var (path, blob) in git.TreeFiles(commit, [string.Empty]))
        {
            if (!(path.EndsWith("proj", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".props", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var text = git.ReadBlob(blob) is { } bytes ? SourceDecoding.TryDecode(bytes) : null;
            if (text is not null && (text.Contains("<ImplicitUsings>enable</ImplicitUsings>", StringComparison.OrdinalIgnoreCase) || text.Contains("<ImplicitUsings>true</ImplicitUsings>", StringComparison.OrdinalIgnoreCase)))
            {
                return TypeIndex.SdkImplicitUsings;
            }
        }

        return [];
    }

    private static List<(string Path, string Text)> CSharpFiles(IGitRepository git, string commit) =>
        git.TreeFiles(commit, [string.Empty])
            .Where(f => f.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            .Select(f => (f.Path, Text: git.ReadBlob(f.BlobId) is { } bytes ? SourceDecoding.TryDecode(bytes) : null))
            .Where(f => f.Text is not null)
            .Select(f => (f.Path, f.Text!))
            .ToList();

    private static List<(string Path, DeclarationSet Set)> Parse(List<(string Path, string Text)> files, TypeIndex? index)
    {
        var sets = new (string Path, DeclarationSet Set)[files.Count];
        Parallel.For(0, files.Count, i => sets[i] = (files[i].Path, DeclarationExtractor.Extract(files[i].Text, index)));
        return [.. sets];
    }
}
