namespace ScopeGuard.Core;

/// <summary>The stable diagnostic IDs, shared by every front end. Each has a page in <c>docs/diagnostics</c>.</summary>
public static class DiagnosticIds
{
    /// <summary>The one category every ScopeGuard diagnostic belongs to.</summary>
    public const string Category = "ScopeGuard";

    /// <summary>Where the per-ID documentation pages live.</summary>
    public const string HelpUriBase = "https://github.com/scopeguard/scopeguard/blob/main/docs/diagnostics/";

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

    /// <summary>The IDs this version reports, in order.</summary>
    public static readonly System.Collections.Generic.IReadOnlyList<string> All =
        [PathOutOfScope, SymbolOutOfScope, SignatureChanged, ProtectedPath, ProtectedBranch, UnknownAgent, ManifestInvalid];

    /// <summary>Gets the documentation page of an ID.</summary>
    /// <param name="id">The ID.</param>
    /// <returns>The page's address.</returns>
    public static string HelpUri(string id) => HelpUriBase + id + ".md";

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
        _ => string.Empty,
    };
}
