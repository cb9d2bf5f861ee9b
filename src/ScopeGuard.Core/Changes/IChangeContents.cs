namespace ScopeGuard.Core.Changes;

/// <summary>
/// Reads the old and new contents of a change on demand (Core itself does no I/O). The evaluator reads
/// from several threads at once, so an implementation must be safe to call concurrently.
/// </summary>
public interface IChangeContents
{
    /// <summary>Reads the file before the change.</summary>
    /// <param name="change">The change.</param>
    /// <returns>The bytes, or <see langword="null"/> when there is no old side.</returns>
    byte[]? ReadOld(FileChange change);

    /// <summary>Reads the file after the change.</summary>
    /// <param name="change">The change.</param>
    /// <returns>The bytes, or <see langword="null"/> when there is no new side.</returns>
    byte[]? ReadNew(FileChange change);
}
