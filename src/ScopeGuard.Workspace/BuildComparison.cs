using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace ScopeGuard.Workspace;

/// <summary>A compiler error the head has and the base has not.</summary>
/// <param name="Id">The compiler's ID (<c>CS7036</c>).</param>
/// <param name="Path">The repository-relative file.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="Message">The compiler's message.</param>
public sealed record NewCompileError(string Id, string Path, int Line, int Column, string Message);

/// <summary>Compiles the head in memory and keeps the errors the base does not have.</summary>
public static class BuildComparison
{
    /// <summary>
    /// Compiles every project the change can affect (those holding a changed file, and those that depend
    /// on them) at the base and the head, and returns the head's errors that the base lacks (matched by
    /// ID, file and message, so lines that moved do not count as new).
    /// </summary>
    /// <param name="versions">The two solutions.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The new errors, by file and position.</returns>
    public static async Task<IReadOnlyList<NewCompileError>> NewErrorsAsync(SolutionVersions versions, CancellationToken cancellationToken)
    {
        var touched = versions.Files.SelectMany(f => versions.Documents(versions.Head, f.Path).Concat(versions.Documents(versions.Base, f.OldPath)))
            .Select(d => d.Project.Id).ToHashSet();
        var graph = versions.Head.GetProjectDependencyGraph();
        var affected = touched.SelectMany(p => graph.GetProjectsThatTransitivelyDependOnThisProject(p).Append(p)).ToHashSet();

        var errors = new List<NewCompileError>();
        var seen = new HashSet<(string, string, int, int)>();
        foreach (var projectId in affected)
        {
            var headProject = versions.Head.GetProject(projectId);
            if (headProject is null || headProject.Language != LanguageNames.CSharp)
            {
                continue;
            }

            var before = new Dictionary<(string Id, string Path, string Message), int>();
            if (versions.Base.GetProject(projectId) is { } baseProject)
            {
                foreach (var error in await ErrorsAsync(versions, baseProject, cancellationToken).ConfigureAwait(false))
                {
                    var key = (error.Id, error.Path, error.Message);
                    before[key] = before.GetValueOrDefault(key) + 1;
                }
            }

            foreach (var error in await ErrorsAsync(versions, headProject, cancellationToken).ConfigureAwait(false))
            {
                var key = (error.Id, error.Path, error.Message);
                if (before.TryGetValue(key, out var count) && count > 0)
                {
                    before[key] = count - 1;
                    continue;
                }

                if (seen.Add((error.Id, error.Path, error.Line, error.Column)))
                {
                    errors.Add(error);
                }
            }
        }

        return errors.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column).ToList();
    }

    private static async Task<List<NewCompileError>> ErrorsAsync(SolutionVersions versions, Project project, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        var errors = new List<NewCompileError>();
        if (compilation is null)
        {
            return errors;
        }

        foreach (var diagnostic in compilation.GetDiagnostics(cancellationToken))
        {
            if (diagnostic.Severity != DiagnosticSeverity.Error || !diagnostic.Location.IsInSource || versions.Relative(diagnostic.Location.SourceTree?.FilePath) is not { } path)
            {
                continue;
            }

            var start = diagnostic.Location.GetLineSpan().StartLinePosition;
            errors.Add(new NewCompileError(diagnostic.Id, path, start.Line + 1, start.Character + 1, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return errors;
    }
}
