using System;
using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;
using ScopeGuard.Core;

namespace ScopeGuard.Workspace;

/// <summary>
/// Registers the SDK's MSBuild with Microsoft.Build.Locator. It must run before any MSBuild type is
/// loaded, and the JIT loads the types a method uses when it compiles that method: callers register in
/// one method and touch MSBuildWorkspace only in another.
/// </summary>
public static class MSBuildRegistration
{
    private static readonly object Gate = new();

    /// <summary>Gets the MSBuild registered, once <see cref="EnsureRegistered"/> has run.</summary>
    public static string? Registered { get; private set; }

    /// <summary>Registers the MSBuild of the .NET SDK that runs in this folder (global.json decides), once per process.</summary>
    /// <exception cref="ScopeGuardException">No .NET SDK with MSBuild was found.</exception>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (Registered is null)
            {
                Registered = Register();
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Register()
    {
        if (MSBuildLocator.IsRegistered)
        {
            return "already registered";
        }

        try
        {
            var instance = MSBuildLocator.RegisterDefaults();
            return $"{instance.Name} {instance.Version} ({instance.MSBuildPath})";
        }
        catch (InvalidOperationException ex)
        {
            throw new ScopeGuardException($"no .NET SDK with MSBuild was found to load the solution ({ex.Message}); install the SDK that global.json names, or run from a folder whose global.json names one that is installed", ex);
        }
    }
}
