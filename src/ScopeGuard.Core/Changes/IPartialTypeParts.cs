using System.Collections.Generic;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Changes;

/// <summary>
/// Where the other declarations of a type live in the tree a change set starts from (HEAD for a
/// commit, the merge base for a range): what a new <c>partial</c> part of that type changes. Given by
/// the caller (Core reads no repository).
/// </summary>
public interface IPartialTypeParts
{
    /// <summary>Lists the files, other than <paramref name="exceptPath"/>, that declare a type.</summary>
    /// <param name="type">The type's documentation comment ID.</param>
    /// <param name="exceptPath">The file the new part is in.</param>
    /// <returns>Repository-relative paths, in path order.</returns>
    IReadOnlyList<string> FilesDeclaring(DeclarationId type, string exceptPath);
}
