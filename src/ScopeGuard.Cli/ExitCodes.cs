namespace ScopeGuard.Cli;

/// <summary>The process exit codes, in one place.</summary>
internal static class ExitCodes
{
    /// <summary>Clean, or findings that only warn.</summary>
    public const int Success = 0;

    /// <summary>Findings that block (or, for <c>which --agent</c> and <c>doctor</c>, a "no").</summary>
    public const int Findings = 1;

    /// <summary>Usage, manifest or internal error. The hook fails closed on it.</summary>
    public const int Error = 2;
}
