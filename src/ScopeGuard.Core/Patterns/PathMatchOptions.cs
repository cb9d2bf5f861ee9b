namespace ScopeGuard.Core.Patterns;

/// <summary>
/// How <c>deny</c> rules and <c>settings.protectedPaths</c> compare a path with a pattern. They always
/// compare names in Unicode Normalization Form C; grants (<c>paths</c>) always match exactly.
/// </summary>
public sealed class PathMatchOptions
{
    /// <summary>Initializes a new instance of the <see cref="PathMatchOptions"/> class.</summary>
    /// <param name="ignoreCase">Whether deny and protected patterns ignore case (git's <c>core.ignoreCase</c>).</param>
    public PathMatchOptions(bool ignoreCase)
    {
        IgnoreCase = ignoreCase;
    }

    /// <summary>Gets the options of a case-sensitive repository (<c>core.ignoreCase</c> false or unset).</summary>
    public static PathMatchOptions Default { get; } = new(ignoreCase: false);

    /// <summary>
    /// Gets a value indicating whether deny and protected patterns match a path whatever the case of
    /// its letters, as the file system of a repository with <c>core.ignoreCase</c> true would.
    /// </summary>
    public bool IgnoreCase { get; }
}
