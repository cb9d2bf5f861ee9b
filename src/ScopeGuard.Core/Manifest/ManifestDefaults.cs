namespace ScopeGuard.Core.Manifest;

/// <summary>What a manifest means where it says nothing.</summary>
public static class ManifestDefaults
{
    /// <summary>The base branch when <c>settings.baseBranch</c> is not given.</summary>
    public const string BaseBranch = "main";

    /// <summary>Where <c>agent new</c> writes the scope card in the worktree when <c>settings.scopeCard</c> is not given.</summary>
    public const string ScopeCard = ".scopeguard/SCOPE.md";
}
