using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ScopeGuard.Workspace;

/// <summary>One changed file of the range, with both texts (<see langword="null"/> where the file is absent).</summary>
/// <param name="Path">The repository-relative path at the head.</param>
/// <param name="OldPath">The repository-relative path at the base (the same unless renamed).</param>
/// <param name="BaseText">The text at the base, or <see langword="null"/> for an added file.</param>
/// <param name="HeadText">The text at the head, or <see langword="null"/> for a deleted file.</param>
public sealed record ChangedFile(string Path, string OldPath, string? BaseText, string? HeadText);

/// <summary>
/// The base and the head of a change as two in-memory solutions, made from one solution loaded from the
/// working tree: every changed C# file is set to its base text in one and its head text in the other
/// (added where the working tree lacks it, removed where the version lacks it). Project files are read
/// as the working tree has them.
/// </summary>
public sealed class SolutionVersions
{
    private SolutionVersions(string root, Solution @base, Solution head, IReadOnlyList<ChangedFile> files)
    {
        Root = root;
        Base = @base;
        Head = head;
        Files = files;
    }

    /// <summary>Gets the repository root the paths are relative to.</summary>
    public string Root { get; }

    /// <summary>Gets the solution as it is at the base.</summary>
    public Solution Base { get; }

    /// <summary>Gets the solution as it is at the head.</summary>
    public Solution Head { get; }

    /// <summary>Gets the changed files.</summary>
    public IReadOnlyList<ChangedFile> Files { get; }

    /// <summary>Makes the two versions.</summary>
    /// <param name="loaded">The solution loaded from the working tree.</param>
    /// <param name="root">The repository root.</param>
    /// <param name="files">The changed files (only C# files are applied).</param>
    /// <returns>The versions.</returns>
    public static SolutionVersions Create(Solution loaded, string root, IReadOnlyList<ChangedFile> files)
    {
        var csharp = files.Where(f => IsCSharp(f.Path) || IsCSharp(f.OldPath)).ToList();
        var @base = loaded;
        var head = loaded;
        foreach (var file in csharp)
        {
            // The working tree holds the head's path (or neither): drop it from the base and put the old path there.
            @base = Set(@base, root, file.Path, null);
            @base = Set(@base, root, file.OldPath, file.BaseText);
            if (file.OldPath != file.Path)
            {
                head = Set(head, root, file.OldPath, null);
            }

            head = Set(head, root, file.Path, file.HeadText);
        }

        return new SolutionVersions(root, @base, head, csharp);
    }

    /// <summary>Gets the full path of a repository-relative path.</summary>
    /// <param name="relative">The path with <c>/</c> separators.</param>
    /// <returns>The full path.</returns>
    public string FullPath(string relative) => FullPath(Root, relative);

    /// <summary>Gets the repository-relative path of a document, or <see langword="null"/> when it lies outside the repository.</summary>
    /// <param name="filePath">The document's full path.</param>
    /// <returns>The relative path with <c>/</c> separators.</returns>
    public string? Relative(string? filePath)
    {
        if (filePath is null)
        {
            return null;
        }

        var relative = System.IO.Path.GetRelativePath(Root, filePath);
        return relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? null : relative.Replace('\\', '/');
    }

    /// <summary>Gets the documents of a path in a solution (one per target framework of a multi-targeted project).</summary>
    /// <param name="solution">The solution.</param>
    /// <param name="relative">The repository-relative path.</param>
    /// <returns>The documents.</returns>
    public IReadOnlyList<Document> Documents(Solution solution, string relative) =>
        solution.GetDocumentIdsWithFilePath(FullPath(relative)).Select(solution.GetDocument).OfType<Document>().ToList();

    private static string FullPath(string root, string relative) => System.IO.Path.GetFullPath(System.IO.Path.Combine(root, relative));

    private static bool IsCSharp(string path) => path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    private static Solution Set(Solution solution, string root, string relative, string? text)
    {
        if (!IsCSharp(relative))
        {
            return solution;
        }

        var full = FullPath(root, relative);
        var ids = solution.GetDocumentIdsWithFilePath(full);
        if (text is null)
        {
            return ids.IsEmpty ? solution : solution.RemoveDocuments(ids);
        }

        var source = SourceText.From(text);
        if (!ids.IsEmpty)
        {
            foreach (var id in ids)
            {
                solution = solution.WithDocumentText(id, source, PreservationMode.PreserveIdentity);
            }

            return solution;
        }

        // A file the working tree lacks: it belongs to the projects whose folder holds it most closely.
        var owners = solution.Projects
            .Where(p => p.Language == LanguageNames.CSharp && p.FilePath is not null)
            .Select(p => (Project: p, Folder: System.IO.Path.GetDirectoryName(p.FilePath!)! + System.IO.Path.DirectorySeparatorChar))
            .Where(p => full.StartsWith(p.Folder, StringComparison.Ordinal))
            .ToList();
        if (owners.Count == 0)
        {
            return solution;
        }

        var longest = owners.Max(o => o.Folder.Length);
        foreach (var owner in owners.Where(o => o.Folder.Length == longest))
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(owner.Project.Id, relative), System.IO.Path.GetFileName(full), source, filePath: full);
        }

        return solution;
    }
}
