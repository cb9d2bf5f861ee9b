using System.Collections.Generic;

namespace ScopeGuard.Core.Changes;

/// <summary>
/// What a merge, cherry-pick or revert in progress brings into the commit being made: for a path, its
/// version in each commit that operation takes it from (the other parent of a merge, the commit being
/// picked, the parent of the commit being reverted). Content identical to what the operation brought is
/// not the committer's change. The evaluator calls it on the thread that called it, never from its parallel loop.
/// </summary>
public interface IBroughtVersions
{
    /// <summary>Reads a path's version in each commit the operation in progress brings.</summary>
    /// <param name="path">The repository-relative path.</param>
    /// <returns>One entry per commit (<see langword="null"/> where that commit has no such file); empty when nothing is brought.</returns>
    IReadOnlyList<byte[]?> Read(string path);
}
