using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;
using ScopeGuard.Core;

namespace ScopeGuard.Workspace;

/// <summary>A solution loaded by MSBuildWorkspace, with what went wrong while loading it.</summary>
public sealed class LoadedSolution : IDisposable
{
    internal LoadedSolution(MSBuildWorkspace workspace, Solution solution, IReadOnlyList<string> warnings, TimeSpan elapsed)
    {
        Workspace = workspace;
        Solution = solution;
        Warnings = warnings;
        Elapsed = elapsed;
    }

    /// <summary>Gets the solution as loaded from disk.</summary>
    public Solution Solution { get; }

    /// <summary>Gets the workspace's failures that did not stop the load (a project that did not load, a reference not resolved), one line each.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Gets how long the load took.</summary>
    public TimeSpan Elapsed { get; }

    private MSBuildWorkspace Workspace { get; }

    /// <inheritdoc/>
    public void Dispose() => Workspace.Dispose();
}

/// <summary>Opens a solution or project with MSBuildWorkspace (registering MSBuild first).</summary>
public static class SolutionLoader
{
    /// <summary>Opens a <c>.sln</c>, <c>.slnx</c> or <c>.csproj</c>.</summary>
    /// <param name="path">The full path.</param>
    /// <param name="progress">Told as each project is evaluated and built, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The loaded solution.</returns>
    /// <exception cref="ScopeGuardException">
    /// Nothing could be analyzed: no project loaded, a project names an SDK that is not installed, or the
    /// projects reference each other in a cycle.
    /// </exception>
    public static Task<LoadedSolution> OpenAsync(string path, IProgress<ProjectLoadProgress>? progress, CancellationToken cancellationToken)
    {
        MSBuildRegistration.EnsureRegistered();
        return OpenRegisteredAsync(path, progress, cancellationToken);
    }

    // Separate from OpenAsync: MSBuildWorkspace's types load only once MSBuild is registered.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<LoadedSolution> OpenRegisteredAsync(string path, IProgress<ProjectLoadProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var workspace = MSBuildWorkspace.Create();
        var failures = new List<WorkspaceDiagnostic>();
        using var subscription = workspace.RegisterWorkspaceFailedHandler(e =>
        {
            lock (failures)
            {
                failures.Add(e.Diagnostic);
            }
        });

        Solution solution;
        try
        {
            solution = path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
                ? (await workspace.OpenProjectAsync(path, progress, cancellationToken).ConfigureAwait(false)).Solution
                : await workspace.OpenSolutionAsync(path, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or ArgumentException)
        {
            workspace.Dispose();
            throw new ScopeGuardException($"{path}: MSBuild could not load it: {OneLine(ex.Message)}", ex);
        }

        List<WorkspaceDiagnostic> seen;
        lock (failures)
        {
            seen = [.. failures];
        }

        var fatal = seen.Where(IsFatal).Select(d => OneLine(d.Message)).Distinct(StringComparer.Ordinal).ToList();
        if (fatal.Count > 0)
        {
            workspace.Dispose();
            throw new ScopeGuardException($"{path}: the solution cannot be analyzed: {string.Join("; ", fatal)}");
        }

        // MSBuildWorkspace drops a reference that would close a cycle and loads the rest without a word;
        // dotnet build refuses such a solution (MSB4006), and so does the analysis.
        if (ProjectGraph.FindCycle(solution.Projects.Select(p => p.FilePath).OfType<string>()) is { } cycle)
        {
            workspace.Dispose();
            throw new ScopeGuardException($"{path}: the projects reference each other in a cycle ({string.Join(" → ", cycle)}); dotnet build refuses it too (MSB4006): remove one of the references");
        }

        if (!solution.Projects.Any(p => p.Language == LanguageNames.CSharp))
        {
            workspace.Dispose();
            var why = seen.Count == 0 ? "it has no C# project" : string.Join("; ", seen.Select(d => OneLine(d.Message)).Distinct(StringComparer.Ordinal));
            throw new ScopeGuardException($"{path}: no C# project loaded: {why}");
        }

        var warnings = seen.Select(d => $"{(d.Kind == WorkspaceDiagnosticKind.Failure ? "failed" : "warning")}: {OneLine(d.Message)}").Distinct(StringComparer.Ordinal).ToList();
        return new LoadedSolution(workspace, solution, warnings, clock.Elapsed);
    }

    /// <summary>Counts the projects a solution file lists (for a progress bar); 1 for a project file.</summary>
    /// <param name="path">The solution or project.</param>
    /// <returns>The count, or 0 when it cannot be told.</returns>
    public static int CountProjects(string path)
    {
        if (path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        try
        {
            var text = File.ReadAllText(path);
            return path.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
                ? Regex.Count(text, @"<Project\s[^>]*Path=""[^""]*\.csproj""", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1))
                : Regex.Count(text, @"^Project\(""[^""]*""\)\s*=\s*""[^""]*"",\s*""[^""]*\.csproj""", RegexOptions.Multiline | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or RegexMatchTimeoutException)
        {
            return 0;
        }
    }

    // An SDK that is not installed leaves the project unloaded and everything that references it unresolved;
    // a reference cycle cannot be built at all. Either way the analysis would be silently partial.
    private static bool IsFatal(WorkspaceDiagnostic diagnostic) =>
        diagnostic.Kind == WorkspaceDiagnosticKind.Failure
        && (diagnostic.Message.Contains("could not be found", StringComparison.OrdinalIgnoreCase) && diagnostic.Message.Contains("SDK", StringComparison.Ordinal)
            || diagnostic.Message.Contains("circular", StringComparison.OrdinalIgnoreCase)
            || diagnostic.Message.Contains("cycle", StringComparison.OrdinalIgnoreCase));

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
