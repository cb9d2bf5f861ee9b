using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Manifest;

/// <summary>A valid manifest's questionable entry, located in the file (what <c>scopeguard lint</c> warns about).</summary>
/// <param name="Id">The diagnostic ID (one of the <c>SG01xx</c> lint IDs in <see cref="DiagnosticIds"/>).</param>
/// <param name="Path">The manifest's path as messages name it.</param>
/// <param name="Position">Where the entry starts.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record ManifestWarning(string Id, string Path, TextPosition Position, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path}({Position.Line},{Position.Column}): warning {Id}: {Message}";
}
