using System;
using System.IO;
using System.Linq;
using ScopeGuard.Core;

namespace ScopeGuard.Workspace;

/// <summary>Finds the solution or project to load: the one named, else the one at the repository root.</summary>
public static class SolutionFinder
{
    /// <summary>Finds the file to open.</summary>
    /// <param name="root">The folder to look in (the repository root).</param>
    /// <param name="named">The file the user named (<c>--solution</c>), relative to <paramref name="currentDirectory"/>, or <see langword="null"/>.</param>
    /// <param name="currentDirectory">Where a relative <paramref name="named"/> starts.</param>
    /// <returns>The full path of a <c>.sln</c>, <c>.slnx</c> or <c>.csproj</c>.</returns>
    /// <exception cref="ScopeGuardException">The named file does not exist or is not a solution or project; the root holds none, or several.</exception>
    public static string Find(string root, string? named, string currentDirectory)
    {
        if (named is not null)
        {
            var full = Path.GetFullPath(Path.Combine(currentDirectory, named));
            if (!File.Exists(full))
            {
                throw new ScopeGuardException($"--solution {named}: no such file");
            }

            if (!IsLoadable(full))
            {
                throw new ScopeGuardException($"--solution {named}: not a solution or C# project (.sln, .slnx or .csproj)");
            }

            return full;
        }

        var candidates = Directory.EnumerateFiles(root).Where(IsLoadable).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var solutions = candidates.Where(f => !f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)).ToList();
        var pick = solutions.Count > 0 ? solutions : candidates;
        return pick.Count switch
        {
            0 => throw new ScopeGuardException($"no solution or project (.sln, .slnx, .csproj) at the repository root {root}: name one with --solution FILE"),
            1 => pick[0],
            _ => throw new ScopeGuardException($"several {(solutions.Count > 0 ? "solutions" : "projects")} at the repository root ({string.Join(", ", pick.Select(Path.GetFileName))}): choose one with --solution FILE"),
        };
    }

    private static bool IsLoadable(string path) =>
        path.EndsWith(".sln", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase);
}
