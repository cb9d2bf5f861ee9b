namespace ScopeGuard.Core;

/// <summary>The stable diagnostic IDs, shared by every front end. Each has a page in <c>docs/diagnostics</c>.</summary>
public static class DiagnosticIds
{
    /// <summary>The one category every ScopeGuard diagnostic belongs to.</summary>
    public const string Category = "ScopeGuard";

    /// <summary>
    /// The folder of the per-ID documentation pages, relative to a documentation root: the repository
    /// root, the folder the tool is installed in (its package ships the pages there), or a base URL.
    /// </summary>
    public const string HelpFolder = "docs/diagnostics/";

    /// <summary>File changed outside the agent's paths.</summary>
    public const string PathOutOfScope = "SG0001";

    /// <summary>C# symbol changed that the agent may not change.</summary>
    public const string SymbolOutOfScope = "SG0002";

    /// <summary>Signature changed where only the body may change.</summary>
    public const string SignatureChanged = "SG0003";

    /// <summary>Protected path changed by an agent.</summary>
    public const string ProtectedPath = "SG0004";

    /// <summary>Agent committing to a protected branch.</summary>
    public const string ProtectedBranch = "SG0005";

    /// <summary>Agent not identified while <c>unknownAgent</c> is <c>block</c>.</summary>
    public const string UnknownAgent = "SG0006";

    /// <summary>Manifest invalid.</summary>
    public const string ManifestInvalid = "SG0007";

    /// <summary>Lint: two agents may write the same path or the same symbol.</summary>
    public const string ScopesOverlap = "SG0100";

    /// <summary>Lint: a member-level symbol pattern, or a path pattern in an agent's paths, matches nothing in the repository.</summary>
    public const string PatternMatchesNothing = "SG0101";

    /// <summary>Lint: an exact member pattern covers declarations with different compiler IDs (an ambiguous short type name).</summary>
    public const string PatternAmbiguous = "SG0102";

    /// <summary>Lint: branch patterns git cannot hold at once (a branch and a pattern whose every name lies under it).</summary>
    public const string BranchRefConflict = "SG0103";

    /// <summary>Lint: an agent is explicitly granted a protected path or branch.</summary>
    public const string ProtectedGranted = "SG0104";

    /// <summary>Lint: a deny pattern can never take effect (it matches nothing its agent's paths grant).</summary>
    public const string DenyWithoutEffect = "SG0105";

    /// <summary>Lint: every path an agent's paths grant is denied (or protected).</summary>
    public const string PathsAllDenied = "SG0106";

    /// <summary>The IDs this version reports, in order.</summary>
    public static readonly System.Collections.Generic.IReadOnlyList<string> All =
        [PathOutOfScope, SymbolOutOfScope, SignatureChanged, ProtectedPath, ProtectedBranch, UnknownAgent, ManifestInvalid, ScopesOverlap, PatternMatchesNothing, PatternAmbiguous, BranchRefConflict, ProtectedGranted, DenyWithoutEffect, PathsAllDenied];

    /// <summary>Gets the documentation page of an ID relative to a documentation root, e.g. <c>docs/diagnostics/SG0001.md</c>.</summary>
    /// <param name="id">The ID.</param>
    /// <returns>The relative path, with <c>/</c> separators.</returns>
    public static string HelpPage(string id) => HelpFolder + id + ".md";

    /// <summary>
    /// Gets the address of an ID's page under a documentation root: <paramref name="baseUri"/> (an absolute
    /// URI of the folder that holds <c>docs/</c>, e.g. <c>https://example.com/scopeguard/blob/main/</c> or
    /// the <c>file:</c> URI of the tool's folder) joined with <see cref="HelpPage"/>. ScopeGuard knows no
    /// published address of its own: without a base the page's relative path is returned.
    /// </summary>
    /// <param name="id">The ID.</param>
    /// <param name="baseUri">The documentation root, or <see langword="null"/>.</param>
    /// <returns>The absolute address, or the relative page when <paramref name="baseUri"/> is <see langword="null"/> or empty.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="baseUri"/> is not an absolute URI.</exception>
    public static string HelpUri(string id, string? baseUri)
    {
        if (string.IsNullOrEmpty(baseUri))
        {
            return HelpPage(id);
        }

        if (!TryParseHelpBase(baseUri, out var root))
        {
            throw new System.ArgumentException($"'{baseUri}' is not an absolute URI", nameof(baseUri));
        }

        return new System.Uri(root!, HelpPage(id)).AbsoluteUri;
    }

    /// <summary>Parses a documentation root: an absolute URI, taken as a folder (a missing trailing <c>/</c> is added).</summary>
    /// <param name="baseUri">The text.</param>
    /// <param name="root">The folder's URI, when the text is an absolute URI.</param>
    /// <returns>Whether it is one.</returns>
    public static bool TryParseHelpBase(string? baseUri, out System.Uri? root)
    {
        root = null;
        if (string.IsNullOrWhiteSpace(baseUri) || !System.Uri.TryCreate(baseUri!.Trim(), System.UriKind.Absolute, out var parsed))
        {
            return false;
        }

        var folder = new System.UriBuilder(parsed) { Query = string.Empty, Fragment = string.Empty };
        if (!folder.Path.EndsWith("/", System.StringComparison.Ordinal))
        {
            folder.Path += "/";
        }

        root = folder.Uri;
        return true;
    }

    /// <summary>Gets a value indicating whether a documentation root is published on the web (<c>http</c> or <c>https</c>), so a SARIF <c>helpUri</c> or a pull-request comment may link to it.</summary>
    /// <param name="baseUri">The documentation root.</param>
    /// <returns>Whether it is an absolute http(s) URI.</returns>
    public static bool IsPublishedHelpBase(string? baseUri) =>
        TryParseHelpBase(baseUri, out var root) && (root!.Scheme == System.Uri.UriSchemeHttp || root.Scheme == System.Uri.UriSchemeHttps);

    /// <summary>Gets the short title of an ID.</summary>
    /// <param name="id">The ID.</param>
    /// <returns>The title.</returns>
    public static string Title(string id) => id switch
    {
        PathOutOfScope => "File changed outside the agent's paths",
        SymbolOutOfScope => "Symbol changed that the agent may not change",
        SignatureChanged => "Signature changed where only the body may change",
        ProtectedPath => "Protected path changed by an agent",
        ProtectedBranch => "Agent committing to a protected branch",
        UnknownAgent => "Agent could not be identified",
        ManifestInvalid => "Manifest invalid",
        ScopesOverlap => "Two agents may write the same path or symbol",
        PatternMatchesNothing => "Pattern matches nothing",
        PatternAmbiguous => "Symbol pattern is ambiguous",
        BranchRefConflict => "Branch patterns git cannot hold at once",
        ProtectedGranted => "Protected path or branch granted to an agent",
        DenyWithoutEffect => "Deny pattern that can never take effect",
        PathsAllDenied => "Every granted path is denied",
        _ => id,
    };

    /// <summary>Gets a paragraph that explains an ID (SARIF fullDescription).</summary>
    /// <param name="id">The ID.</param>
    /// <returns>The description.</returns>
    public static string Description(string id) => id switch
    {
        PathOutOfScope => "The agent changed a file that no pattern in its paths grants (default deny), or that its deny list refuses. A rename or copy is judged at both paths; a deletion at its path. In C# files of agents with symbol rules, a changed declaration no symbol rule covers is judged by the file's path.",
        SymbolOutOfScope => "The agent changed a C# declaration that its deciding symbol rule does not allow: readonly allows nothing, extend allows only adding members inside its target.",
        SignatureChanged => "The agent may change only the implementation of this declaration (a body rule), and changed its signature (attributes, modifiers, name, parameters, return type, constraints, base list, accessors) or added or removed a declaration.",
        ProtectedPath => "An identified agent changed a path in settings.protectedPaths (by default the manifest, the hooks and the build files). Protected paths apply to every agent, whatever its own paths say.",
        ProtectedBranch => "An identified agent is committing on a branch in settings.protectedBranches (by default the base branch). Agents work on their own branches and integrate through pull requests.",
        UnknownAgent => "No source named an agent (--agent, SCOPEGUARD_AGENT, git config scopeguard.agent, a CI source branch, or the branch matched against each agent's branches) and settings.unknownAgent is block.",
        ManifestInvalid => "scopes.json could not be read: a JSON syntax error, an unknown key, a wrong type, a duplicate, an invalid pattern, or a branch pattern claimed by two agents. Nothing is checked while the manifest is invalid.",
        ScopesOverlap => "scopeguard lint: two agents' scopes both grant writing the same files at HEAD (named by folder, with counts), the same paths where no file exists yet (decided exactly on the two patterns, less each agent's deny and the protected paths, with an example path), or the same C# declarations (edit, body or extend rules, or the path rule where no symbol rule names the declaration). Two agents changing one thing in parallel is what conflicts at merge time. settings.overlaps sets the severity (warn, error) or turns the check off (allow); sharedWith on either agent silences one pair.",
        PatternMatchesNothing => "scopeguard lint found a path pattern in an agent's paths that matches no file at HEAD (a typo, or a folder that moved), or a member pattern (M:, P:, F:, E:) that covers no declaration in the repository's C# files at HEAD, in ScopeGuard's form or the compiler's. It decides nothing: a broader rule, or the path, decides in its place. The message gives the nearest ID that exists.",
        PatternAmbiguous => "scopeguard lint found an exact member pattern that covers declarations whose compiler IDs differ: a short type name in its parameter list means different types in different files. The rule applies to all of them; write the compiler's ID of the one meant.",
        BranchRefConflict => "scopeguard lint: a literal branch and a branch pattern whose every name lies under it (\"agent/billing\" and \"agent/billing/*\", or \"team\" and \"team/a/b\"). Git keeps a branch as a file named like it, so \"agent/billing\" cannot be a file and a folder at once: whichever branch exists first, git refuses to create the other. The manifest is valid; one of the two entries can never name a branch while the other does.",
        ProtectedGranted => "scopeguard lint: an agent's paths grant a protected path (settings.protectedPaths) or a folder that holds one, or its branches name a protected branch (settings.protectedBranches). Protected paths and branches apply to every agent whatever its scope, so the grant can never be used there: SG0004 or SG0005 would block it.",
        DenyWithoutEffect => "scopeguard lint: a deny pattern matches no path that the agent's paths grant (or only protected ones), so it never changes a verdict: a typo, a grant that was narrowed, or a folder that moved.",
        PathsAllDenied => "scopeguard lint: the agent's paths grant something, but every path they grant is denied (its deny list) or protected: the agent may write no file by its paths.",
        _ => Title(id),
    };

    /// <summary>Gets how to fix an ID, in one sentence (the README's table and SARIF help).</summary>
    /// <param name="id">The ID.</param>
    /// <returns>The advice.</returns>
    public static string HowToFix(string id) => id switch
    {
        PathOutOfScope => "unstage the change, or ask a maintainer to widen the agent's `paths`",
        SymbolOutOfScope => "undo the edit to that declaration, or ask for a `symbols` grant",
        SignatureChanged => "keep the signature; change only the implementation",
        ProtectedPath => "leave it to a maintainer",
        ProtectedBranch => "commit on the agent's own branch",
        UnknownAgent => "use an agent branch, `--agent`, `SCOPEGUARD_AGENT` or `git config --worktree scopeguard.agent`",
        ManifestInvalid => "fix `scopes.json` at the line and column given",
        ScopesOverlap => "narrow one agent's scope (`paths`, `deny`, `symbols`), or declare the sharing with `sharedWith`",
        PatternMatchesNothing => "correct the pattern to a path that exists or an ID that `scopeguard symbols --compiler-ids` lists, or remove it",
        PatternAmbiguous => "write the compiler's ID (`scopeguard symbols --compiler-ids`)",
        BranchRefConflict => "use sibling names (`agent/billing` with `agent/billing-*`), or only a folder of branches (`agent/billing/*`)",
        ProtectedGranted => "remove the grant, or take the path or branch out of the protected list",
        DenyWithoutEffect => "correct the pattern to a path the agent's `paths` grant, or remove it",
        PathsAllDenied => "narrow `deny`, or remove the agent's `paths` if it works through `symbols` only",
        _ => string.Empty,
    };
}
