using System;
using System.IO;

namespace ScopeGuard.TestSupport;

/// <summary>The checkout the tests were built from, for tests that read its documentation, schemas and examples.</summary>
public static class RepositoryRoot
{
    /// <summary>Finds the folder holding <c>ScopeGuard.sln</c>, walking up from the test output folder.</summary>
    /// <returns>The folder.</returns>
    /// <exception cref="InvalidOperationException">No folder above the output folder holds the solution.</exception>
    public static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ScopeGuard.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ScopeGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
