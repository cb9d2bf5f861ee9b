using System;
using System.IO;
using ScopeGuard.Core;

namespace ScopeGuard.Cli;

/// <summary>
/// Where the help page of a diagnostic ID is, for the reports of this run. ScopeGuard has no published
/// site: the pages ship with the tool (<c>docs/diagnostics/*.md</c> beside <c>scopeguard.dll</c>), and a
/// team that publishes them (its fork's docs, an intranet) sets <c>SCOPEGUARD_HELP_URL</c> to the URL of
/// the folder that holds <c>docs/</c>.
/// </summary>
internal sealed class HelpLinks
{
    /// <summary>The environment variable that names the documentation root.</summary>
    public const string Variable = "SCOPEGUARD_HELP_URL";

    private readonly string installDirectory;

    public HelpLinks(string? userBase, string installDirectory)
    {
        this.installDirectory = installDirectory;
        UserBase = DiagnosticIds.TryParseHelpBase(userBase, out var root) ? root!.AbsoluteUri : null;
        Ignored = UserBase is null && !string.IsNullOrWhiteSpace(userBase) ? userBase : null;
    }

    /// <summary>Gets the documentation root the user set, when it is an absolute URI.</summary>
    public string? UserBase { get; }

    /// <summary>Gets the value of <see cref="Variable"/> when it was set but is not an absolute URI (and so is not used).</summary>
    public string? Ignored { get; }

    /// <summary>Gets a value indicating whether the user's root is on the web, so published reports (SARIF, Markdown) may link to it.</summary>
    public bool IsPublished => DiagnosticIds.IsPublishedHelpBase(UserBase);

    public static HelpLinks From(CliContext context) => new(context.Environment(Variable), AppContext.BaseDirectory);

    /// <summary>
    /// Gets the link a report read on this machine prints (text, JSON): under the user's root when set,
    /// else the page installed with the tool as a <c>file:</c> URI, else (a build without the pages) the
    /// page's path relative to ScopeGuard's repository.
    /// </summary>
    public string For(string id)
    {
        if (UserBase is not null)
        {
            return DiagnosticIds.HelpUri(id, UserBase);
        }

        var page = Path.Combine(installDirectory, DiagnosticIds.HelpPage(id).Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(page) ? new Uri(page).AbsoluteUri : DiagnosticIds.HelpPage(id);
    }

    /// <summary>Gets the link for reports read elsewhere (SARIF <c>helpUri</c>, a pull-request comment): only under a user's http(s) root.</summary>
    public string? Published(string id) => IsPublished ? DiagnosticIds.HelpUri(id, UserBase) : null;

    /// <summary>
    /// Gets where information about the tool is, for SARIF's <c>informationUri</c>: the user's http(s)
    /// root, else the folder of the pages installed with the tool (a <c>file:</c> URI), else <see langword="null"/>.
    /// </summary>
    public string? Information
    {
        get
        {
            if (IsPublished)
            {
                return UserBase;
            }

            var docs = Path.Combine(installDirectory, "docs");
            return Directory.Exists(docs) ? new Uri(docs + Path.DirectorySeparatorChar).AbsoluteUri : null;
        }
    }

    /// <summary>Gets the text of an ID's installed page, for reports that carry the help themselves; <see langword="null"/> when it is not installed.</summary>
    public string? InstalledText(string id)
    {
        var page = Path.Combine(installDirectory, DiagnosticIds.HelpPage(id).Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(page) ? File.ReadAllText(page) : null;
    }
}
