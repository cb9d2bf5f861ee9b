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
    public int Errors => Findings.Count(f => f.Severity == FindingSeverity.Error);

    public int Warnings => Findings.Count(f => f.Severity == FindingSeverity.Warning);

    public int ExitCode => Errors > 0 ? ExitCodes.Findings : ExitCodes.Success;
}
