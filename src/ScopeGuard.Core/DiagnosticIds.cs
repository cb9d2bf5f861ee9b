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
}
