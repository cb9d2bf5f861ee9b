using System.Collections.Generic;

namespace ScopeGuard.Core.Manifest;

/// <summary>The outcome of loading a manifest: the manifest, or every error found.</summary>
public sealed class ManifestLoadResult
{
    internal ManifestLoadResult(ScopeManifest? manifest, IReadOnlyList<ManifestError> errors)
    {
        Manifest = manifest;
        Errors = errors;
    }

    /// <summary>Makes a failed result from one error found before the JSON could be read (for example, invalid UTF-8).</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    public static ManifestLoadResult Failed(ManifestError error) => new(null, [error]);

    /// <summary>Gets the manifest when it is valid.</summary>
    public ScopeManifest? Manifest { get; }

    /// <summary>Gets the errors, in file order; empty when valid.</summary>
    public IReadOnlyList<ManifestError> Errors { get; }
}
