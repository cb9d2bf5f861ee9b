namespace ScopeGuard.Core.Rules;

/// <summary>Why a path may or may not be written by an agent.</summary>
public enum PathVerdict
{
    /// <summary>A pattern in the agent's <c>paths</c> grants it.</summary>
    Granted,

    /// <summary>A pattern in the agent's <c>deny</c> refuses it (deny wins).</summary>
    Denied,

    /// <summary>No pattern grants it (default deny).</summary>
    NotGranted,

    /// <summary>It is in <c>settings.protectedPaths</c>: no agent may write it.</summary>
    Protected,
}
