using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Changes;

namespace ScopeGuard.Git.Tests;

/// <summary>One line of <c>git diff --name-status</c>: the status letter and both paths (equal unless renamed or copied).</summary>
/// <param name="Status">A, M, D, R, C or T.</param>
/// <param name="OldPath">The path before.</param>
/// <param name="Path">The path after.</param>
internal sealed record NameStatus(char Status, string OldPath, string Path)
{
    public override string ToString() => OldPath == Path ? $"{Status} {Path}" : $"{Status} {OldPath} -> {Path}";

    /// <summary>Parses <c>git diff --name-status -z</c> output, sorted by path like <see cref="GitWorkspace.StagedChanges"/>.</summary>
    /// <param name="output">The NUL-separated output.</param>
    /// <returns>The entries.</returns>
    public static IReadOnlyList<NameStatus> ParseZ(string output)
    {
        var fields = output.Split('\0');
        var result = new List<NameStatus>();
        var i = 0;
        while (i < fields.Length && fields[i].Length > 0)
        {
            var status = fields[i][0];
            if (status is 'R' or 'C')
            {
                result.Add(new NameStatus(status, fields[i + 1], fields[i + 2]));
                i += 3;
            }
            else
            {
                result.Add(new NameStatus(status, fields[i + 1], fields[i + 1]));
                i += 2;
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    /// <summary>Describes changes the way git's name-status would.</summary>
    /// <param name="changes">The changes.</param>
    /// <returns>The entries, in the given order.</returns>
    public static IReadOnlyList<NameStatus> Of(IEnumerable<FileChange> changes) =>
        changes.Select(c => new NameStatus(Letter(c.Status), c.OldPath, c.Path)).ToList();

    private static char Letter(ChangeStatus status) => status switch
    {
        ChangeStatus.Added => 'A',
        ChangeStatus.Modified => 'M',
        ChangeStatus.Deleted => 'D',
        ChangeStatus.Renamed => 'R',
        ChangeStatus.Copied => 'C',
        ChangeStatus.TypeChanged => 'T',
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
