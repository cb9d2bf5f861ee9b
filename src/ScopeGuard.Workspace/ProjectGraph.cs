using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace ScopeGuard.Workspace;

/// <summary>The project references the project files declare, read from their XML (conditions are not evaluated).</summary>
internal static class ProjectGraph
{
    /// <summary>Finds a cycle of project references among the given project files.</summary>
    /// <param name="projects">The full paths of the projects.</param>
    /// <returns>The projects of one cycle (file names, the first repeated at the end), or <see langword="null"/> when there is none.</returns>
    public static IReadOnlyList<string>? FindCycle(IEnumerable<string> projects)
    {
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var project in projects.Distinct(StringComparer.Ordinal))
        {
            edges[project] = References(project);
        }

        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the stack, 2 done
        var stack = new List<string>();
        foreach (var start in edges.Keys)
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string node)
        {
            if (state.TryGetValue(node, out var s))
            {
                if (s == 1)
                {
                    var from = stack.IndexOf(node);
                    return [.. stack.Skip(from).Append(node).Select(Path.GetFileName).OfType<string>()];
                }

                return null;
            }

            state[node] = 1;
            stack.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (edges.ContainsKey(next) && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    private static List<string> References(string project)
    {
        try
        {
            var folder = Path.GetDirectoryName(project)!;
            return XDocument.Load(project).Descendants()
                .Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => e.Attribute("Include")?.Value)
                .OfType<string>()
                .Select(include => Path.GetFullPath(Path.Combine(folder, include.Replace('\\', Path.DirectorySeparatorChar))))
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException)
        {
            return [];
        }
    }
}
