using System;
using System.Linq;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Patterns;

/// <summary>A git branch pattern: wildmatch over the short branch name, <c>*</c> stops at <c>/</c>.</summary>
public sealed class BranchPattern
{
    private readonly byte[] pattern;

    private BranchPattern(string text)
    {
        Text = text;
        pattern = System.Text.Encoding.UTF8.GetBytes(text);
        var firstSpecial = text.IndexOfAny(TextFacts.WildcardCharacters);
        IsLiteral = firstSpecial < 0;
        LiteralPrefix = firstSpecial < 0 ? text : text.Substring(0, firstSpecial);
    }

    /// <summary>Gets the pattern.</summary>
    public string Text { get; }

    /// <summary>Gets a value indicating whether the pattern names exactly one branch.</summary>
    public bool IsLiteral { get; }

    /// <summary>
    /// Gets the text before the first wildcard or escape (the whole text of a literal pattern):
    /// every branch the pattern matches starts with it.
    /// </summary>
    public string LiteralPrefix { get; }

    /// <summary>Parses a branch pattern, or says why it is not one.</summary>
    /// <param name="text">The pattern.</param>
    /// <param name="error">Why it was refused.</param>
    /// <returns>The pattern, or <see langword="null"/>.</returns>
    public static BranchPattern? TryParse(string text, out string? error)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        error = null;
        if (text.Length == 0)
        {
            error = "a branch pattern may not be empty";
        }
        else if (text.StartsWith("refs/", StringComparison.Ordinal))
        {
            error = "write the branch name without 'refs/heads/'";
        }
        else if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '~' or '^' or ':'))
        {
            error = "a branch pattern may not contain spaces, control characters, '~', '^' or ':' (git forbids them in branch names)";
        }
        else if (text.Contains("..") || text.StartsWith("/", StringComparison.Ordinal) || text.EndsWith("/", StringComparison.Ordinal) || text.Contains("//"))
        {
            error = "not a valid branch name pattern: no '..', no leading, trailing or double '/'";
        }

        return error is null ? new BranchPattern(text) : null;
    }

    /// <summary>Tests a short branch name (without <c>refs/heads/</c>).</summary>
    /// <param name="branch">The branch.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(string branch) => Wildmatch.IsMatch(pattern, System.Text.Encoding.UTF8.GetBytes(branch), pathName: true);

    internal bool Matches(byte[] branch) => Wildmatch.IsMatch(pattern, branch, pathName: true);

    /// <inheritdoc/>
    public override string ToString() => Text;
}
