namespace ScopeGuard.Core.Manifest;

/// <summary>What a manifest means where it says nothing.</summary>
public static class ManifestDefaults
{
    /// <summary>The base branch when <c>settings.baseBranch</c> is not given.</summary>
    public const string BaseBranch = "main";
}
