using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Cli.Reporting;

/// <summary>Everything a reporter needs about one check.</summary>
internal sealed record CheckReport(
    string Source,
    string ManifestLabel,
    AgentScope? Agent,
    string IdentityReason,
    string? Branch,
    ScopeMode Mode,
    int FilesChecked,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>Gets the range checked (<c>--base</c>), when it is a range.</summary>
    public RangeInfo? Range { get; init; }

    /// <summary>Gets notes the reader must see, e.g. that the manifest came from the head.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// Gets a value indicating whether paths are shown with git's <c>core.quotePath</c> on (non-ASCII
    /// bytes as octal escapes). Names with control characters, <c>"</c> or <c>\</c> are quoted either way.
    /// The check passes <c>GitWorkspace.QuotePath</c>; false keeps other scripts readable.
    /// </summary>
    public bool QuotePath { get; init; }

    /// <summary>Gets the repository root, for reporters that need absolute locations.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Gets why nothing was checked (an invalid manifest), when that is so; the findings then say where.</summary>
    public string? Error { get; init; }

    public int Errors => Findings.Count(f => f.Severity == FindingSeverity.Error);

    public int Warnings => Findings.Count(f => f.Severity == FindingSeverity.Warning);

    public int ExitCode => Error is not null ? ExitCodes.Error : Errors > 0 ? ExitCodes.Findings : ExitCodes.Success;

    public int NoteCount => Findings.Count(f => f.Severity == FindingSeverity.Note);

    public string Verdict => Error is not null ? $"{Error}; nothing was checked" : Errors > 0 ? "blocked" : Warnings > 0 ? "allowed with warnings" : NoteCount > 0 ? $"clean, with {NoteCount} note(s)" : "clean";
}

/// <summary>The commits a range check covered.</summary>
internal sealed record RangeInfo(string BaseRef, string BaseSha, string HeadRef, string HeadSha, string MergeBaseSha, int Commits);
