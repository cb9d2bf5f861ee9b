using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Patterns;

namespace ScopeGuard.Cli.Agents;

/// <summary>One rule line of a CODEOWNERS file.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Pattern">The path pattern as written.</param>
/// <param name="Owners">The owners as written (<c>@user</c>, <c>@org/team</c>, an email); empty un-owns the paths.</param>
/// <param name="Problem">Why GitHub does not apply this line, or <see langword="null"/> when it does.</param>
/// <param name="Note">Something about the line worth saying that does not stop it from applying.</param>
internal sealed record CodeOwnersRule(int Line, string Pattern, IReadOnlyList<string> Owners, string? Problem, string? Note = null)
{
    /// <summary>
    /// Gets a value indicating whether the pattern ends in <c>/*</c>: in CODEOWNERS it owns only the
    /// files directly in that folder (<c>docs/*</c> owns <c>docs/a.md</c>, not <c>docs/b/c.md</c>),
    /// where a <c>.gitignore</c> line would cover everything below the folders it matches too.
    /// </summary>
    public bool DirectChildrenOnly => Pattern.Length >= 2 && Pattern.EndsWith("/*", StringComparison.Ordinal);

    /// <summary>
    /// Gets whether this rule matches a file, as GitHub reads the line: the <c>.gitignore</c> match
    /// (ScopeGuard's wildmatch), except that a pattern ending in <c>/*</c> matches only files directly in
    /// its folder. A line GitHub does not apply matches nothing.
    /// </summary>
    public bool Matches(string path)
    {
        if (Problem is not null || PathPattern.TryParse(Pattern, out _) is not { } pattern)
        {
            return false;
        }

        return pattern.Matches(path) && !(DirectChildrenOnly && PathPattern.Parse(Pattern + "/").Matches(path));
    }
}

/// <summary>
/// A CODEOWNERS file as GitHub reads it: one rule per line (a pattern, then owners separated by
/// whitespace), <c>#</c> comments, the last matching line decides. The features of <c>.gitignore</c>
/// that GitHub documents as not working in CODEOWNERS (<c>!</c> negation, <c>[ ]</c> ranges, <c>\#</c>
/// escapes) make the line one that GitHub does not apply; such lines are kept with the reason.
/// </summary>
internal sealed class CodeOwnersFile
{
    /// <summary>Where git hosts look for the file when none is named, in the order GitHub does.</summary>
    public static readonly IReadOnlyList<string> Locations = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

    private CodeOwnersFile(string path, IReadOnlyList<CodeOwnersRule> rules)
    {
        Path = path;
        Rules = rules;
    }

    /// <summary>Gets the file's path as messages name it.</summary>
    public string Path { get; }

    /// <summary>Gets the rule lines in file order (comments and blank lines left out).</summary>
    public IReadOnlyList<CodeOwnersRule> Rules { get; }

    /// <summary>Gets the owners in the order they first appear on a line GitHub applies.</summary>
    public IReadOnlyList<string> Owners =>
        Rules.Where(r => r.Problem is null).SelectMany(r => r.Owners).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Parses a CODEOWNERS text.</summary>
    public static CodeOwnersFile Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = new List<CodeOwnersRule>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // A GitLab-style section header ("[Docs]", "^[Docs]") is not CODEOWNERS syntax on GitHub.
            var tokens = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
            var pattern = tokens[0];
            string? note = null;
            var comment = tokens.FindIndex(1, t => t.StartsWith('#'));
            if (comment > 0)
            {
                note = $"the text from '{tokens[comment]}' on is read as a comment";
                tokens.RemoveRange(comment, tokens.Count - comment);
            }

            var owners = tokens.Skip(1).ToList();
            rules.Add(new CodeOwnersRule(i + 1, pattern, owners, Problem(pattern, owners), note));
        }

        return new CodeOwnersFile(path, rules);
    }

    /// <summary>Gets the rule that decides who owns a file (the last that matches), or <see langword="null"/>.</summary>
    public CodeOwnersRule? Decide(string path)
    {
        for (var i = Rules.Count - 1; i >= 0; i--)
        {
            if (Rules[i].Matches(path))
            {
                return Rules[i];
            }
        }

        return null;
    }

    private static string? Problem(string pattern, List<string> owners)
    {
        if (pattern.StartsWith('[') || pattern.StartsWith("^[", StringComparison.Ordinal))
        {
            return "a section header (GitLab syntax): GitHub does not read sections";
        }

        if (pattern.StartsWith('!'))
        {
            return "'!' negation does not work in CODEOWNERS (GitHub reports the line as an error and skips it), and ScopeGuard's paths have no order to negate in";
        }

        if (pattern.Contains('[', StringComparison.Ordinal))
        {
            return "'[ ]' character ranges do not work in CODEOWNERS (GitHub reports the line as an error and skips it)";
        }

        if (pattern.Contains('\\', StringComparison.Ordinal))
        {
            return "'\\' escapes do not work in CODEOWNERS as they do in .gitignore (GitHub documents '\\#' as not working); the line's meaning on GitHub is unclear";
        }

        if (owners.FirstOrDefault(o => !IsOwner(o)) is { } bad)
        {
            return $"'{bad}' is not an owner (@user, @org/team or an email address): GitHub reports the line as an error";
        }

        return PathPattern.TryParse(pattern, out var error) is null ? $"the pattern cannot be used as a path pattern: {error}" : null;
    }

    private static bool IsOwner(string owner) =>
        owner.Length > 1 && owner[0] == '@'
            ? owner.Count(c => c == '/') <= 1 && !owner.EndsWith('/')
            : owner.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < owner.Length - 1;
}
