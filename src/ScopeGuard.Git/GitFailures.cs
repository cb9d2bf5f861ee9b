using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace ScopeGuard.Git;

/// <summary>
/// Turns a failure of libgit2 into one line a user can act on: what git could not do, and why when
/// a known limit of libgit2 is the cause (reference names over 1024 bytes, SHA-256 repositories).
/// </summary>
public static partial class GitFailures
{
    /// <summary>The longest reference name libgit2 reads (<c>GIT_REFNAME_MAX</c>).</summary>
    public const int MaxReferenceName = 1024;

    /// <summary>Explains a failure from the git layer in one line.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>The explanation, or <see langword="null"/> when the failure did not come from git.</returns>
    public static string? Explain(Exception exception)
    {
        if (exception is not LibGit2SharpException git)
        {
            return null;
        }

        var message = OneLine(git.Message);
        if (TooLongReference().Match(message) is { Success: true } tooLong)
        {
            var name = tooLong.Groups["name"].Value;
            var shown = name.Length > 80 ? name[..80] + "…" : name;
            return $"the reference '{shown}' is {name.Length} bytes long: ScopeGuard reads git through libgit2, which cannot read reference names over {MaxReferenceName} bytes; rename the branch (git branch -m NEW-NAME) to check it";
        }

        if (message.Contains("object format", StringComparison.OrdinalIgnoreCase) || message.Contains("sha256", StringComparison.OrdinalIgnoreCase))
        {
            return $"{Sha256Unsupported} ({message})";
        }

        return git switch
        {
            BareRepositoryException => $"this is a bare repository, which has no index or working tree for this command ({message})",
            NotFoundException => $"git could not find an object or reference it needs ({message}): the repository may be a partial or shallow clone missing it, or damaged (git fsck says which)",
            _ => $"git (libgit2) failed: {message}",
        };
    }

    /// <summary>Gets what ScopeGuard says about SHA-256 repositories.</summary>
    internal static string Sha256Unsupported =>
        "SHA-256 repositories (git init --object-format=sha256) are not supported: ScopeGuard reads git through libgit2, which cannot open them";

    /// <summary>Tells whether a git directory's repository uses SHA-256 object names.</summary>
    /// <param name="gitDirectory">The git directory (of the main or a linked worktree).</param>
    /// <returns><see langword="true"/> when its config sets <c>extensions.objectFormat = sha256</c>.</returns>
    internal static bool IsSha256(string gitDirectory)
    {
        var candidates = new[] { gitDirectory, CommonDirectoryOf(gitDirectory) };
        return candidates.OfType<string>()
            .Select(d => Path.Combine(d, "config"))
            .Where(File.Exists)
            .Any(f => ObjectFormatSha256().IsMatch(File.ReadAllText(f)));
    }

    private static string? CommonDirectoryOf(string gitDirectory)
    {
        var file = Path.Combine(gitDirectory, "commondir");
        return File.Exists(file) ? Path.GetFullPath(Path.Combine(gitDirectory, File.ReadAllText(file).Trim())) : null;
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"too short to hold the normalization of '(?<name>[^']*)'")]
    private static partial Regex TooLongReference();

    [GeneratedRegex(@"^\s*objectformat\s*=\s*""?sha256""?\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ObjectFormatSha256();
}
