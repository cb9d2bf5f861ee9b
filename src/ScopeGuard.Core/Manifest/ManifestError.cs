using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Manifest;

/// <summary>One problem in a manifest, located in the file.</summary>
/// <param name="Path">The manifest's path as messages name it.</param>
/// <param name="Position">Where the problem is.</param>
/// <param name="Message">What is wrong and, where it helps, how to fix it.</param>
public sealed record ManifestError(string Path, TextPosition Position, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path}({Position.Line},{Position.Column}): error {DiagnosticIds.ManifestInvalid}: {Message}";
}
