using System;
using System.IO;

namespace ScopeGuard.Core.Tests;

internal static class RepositoryRoot
{
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
