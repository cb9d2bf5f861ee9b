using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>
/// <c>scopeguard init --from-codeowners</c> on a realistic repository, proved file by file: who owns
/// each file by CODEOWNERS (last matching line wins, as GitHub documents it, implemented here on its
/// own) against which agents may write it by the manifest init wrote (the real <c>which</c>).
/// </summary>
public sealed class InitFromCodeOwnersTests
{
    // Tens of lines, teams, users and an email, a '*' default owner, later lines that take folders
    // and single files from earlier owners, a line with no owners, a 'docs/*' direct-children line,
    // and lines GitHub does not apply ('!' negation, '[ ]' ranges).
    private const string CodeOwners = """
        # CODEOWNERS for Contoso.Platform
        # Lines later in the file win.

        # Default owners for everything in the repository.
        *                                   @contoso/platform

        # Build and CI
        /build/                             @contoso/build-infra
        /eng/                               @contoso/build-infra
        *.props                             @contoso/build-infra
        *.targets                           @contoso/build-infra
        /.github/                           @contoso/build-infra

        # Billing
        /src/Billing/                       @contoso/billing
        /tests/Billing/                     @contoso/billing
        /src/Billing/Contracts/             @contoso/api-council

        # Shipping: the team and one of its engineers
        /src/Shipping/                      @contoso/shipping @jane-shipping
        /tests/Shipping/                    @contoso/shipping

        # Identity; generated code has no owner
        /src/Identity/                      @contoso/identity
        /src/Identity/Generated/

        # Shared code is the platform team's, but the clock belongs to billing
        /src/Shared/Clock.cs                @contoso/billing

        # Documentation
        /docs/                              @contoso/docs
        docs/api/*                          @contoso/api-council
        *.md                                docs-team@contoso.com
        /CHANGELOG.md                       @release-bot

        # Tools
        /tools/**/*.ps1                     @contoso/build-infra
        /tools/[Ll]egacy/                   @contoso/platform
        !/tools/keep/                       @contoso/platform

        # Samples; the internal ones are nobody's
        /samples/                           @contoso/devrel
        /samples/Internal
        """;

    private static readonly string[] Files =
    [
        "README.md", "CHANGELOG.md", "LICENSE", "Directory.Build.props", "Directory.Packages.props", "global.json",
        "Contoso.Platform.sln", ".editorconfig", ".github/workflows/ci.yml",
        "build/pack.sh", "build/sign.ps1", "eng/Versions.props", "eng/common/tools.sh",
        "src/Billing/Billing.csproj", "src/Billing/Invoice.cs", "src/Billing/Payments/Card.cs", "src/Billing/README.md",
        "src/Billing/Contracts/IInvoice.cs", "src/Billing/Contracts/Billing.Contracts.props",
        "src/Shipping/Shipping.csproj", "src/Shipping/Parcel.cs", "src/Shipping/Carriers/Ups.cs",
        "src/Identity/Identity.csproj", "src/Identity/User.cs", "src/Identity/Generated/Schema.g.cs",
        "src/Shared/Clock.cs", "src/Shared/Guard.cs", "src/Shared/Shared.csproj",
        "src/Web/Program.cs", "src/Web/appsettings.json", "src/Web/Directory.Build.targets",
        "tests/Billing/InvoiceTests.cs", "tests/Shipping/ParcelTests.cs", "tests/Identity/UserTests.cs",
        "docs/index.md", "docs/guide.txt", "docs/api/index.yml", "docs/api/reference/Invoice.yml", "docs/images/logo.png",
        "tools/release.ps1", "tools/scripts/clean.ps1", "tools/scripts/clean.sh", "tools/Legacy/old.cmd", "tools/keep/keep.txt",
        "samples/HelloWorld/Program.cs", "samples/Internal/Secret.cs", "samples/README.md",
    ];

    [Fact]
    public void Init_RealisticCodeOwners_EveryFileIsWritableByItsOwnersAgentsOrTheDifferenceIsReportedOnItsLine()
    {
        using var repo = TempRepo.Empty();
        var codeOwners = CodeOwners.ReplaceLineEndings("\n") + "\n";
        repo.Write(".github/CODEOWNERS", codeOwners);
        foreach (var file in Files)
        {
            repo.Write(file, $"// {file}\n");
        }

        repo.Git("add", "--all");
        repo.Git("commit", "--quiet", "-m", "Contoso.Platform");

        var init = repo.Tool(repo.Path, "init", "--from-codeowners");

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains("wrote scopes.json: 11 agent(s) from .github/CODEOWNERS, base branch main", init.Stdout, StringComparison.Ordinal);
        Assert.Contains("scopes.json: valid; 11 agent(s): platform, build-infra, billing, api-council, shipping, jane-shipping, identity, docs, docs-team, release-bot, devrel", init.Stdout, StringComparison.Ordinal);
        Assert.Contains("scopeguard agent new platform", init.Stdout, StringComparison.Ordinal);

        // The lines init says it could not translate exactly, by number.
        var noted = Regex.Matches(init.Stderr, @"^\.github/CODEOWNERS:(\d+): note: (.*)$", RegexOptions.Multiline)
            .Select(m => (Line: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Text: m.Groups[2].Value))
            .ToList();

        // init also checks its work on these files and reports what differs; this test is the judge of
        // that, so only the notes that explain a line count here.
        var explained = noted.Where(n => !n.Text.Contains("not translated exactly", StringComparison.Ordinal)).ToList();
        Assert.Contains(noted, n => n.Text.Contains("not translated exactly, e.g. 'docs/api/reference/Invoice.yml'", StringComparison.Ordinal));
        var lines = codeOwners.Split('\n');
        int LineOf(string start) => Array.FindIndex(lines, l => l.StartsWith(start, StringComparison.Ordinal)) + 1;
        Assert.Contains(noted, n => n.Line == LineOf("/src/Identity/Generated/") && n.Text.Contains("has no owners", StringComparison.Ordinal));
        Assert.Contains(noted, n => n.Line == LineOf("/samples/Internal") && n.Text.Contains("has no owners", StringComparison.Ordinal));
        Assert.Contains(noted, n => n.Line == LineOf("!/tools/keep/") && n.Text.StartsWith("not translated: '!' negation", StringComparison.Ordinal));
        Assert.Contains(noted, n => n.Line == LineOf("/tools/[Ll]egacy/") && n.Text.StartsWith("not translated: '[ ]'", StringComparison.Ordinal));
        Assert.Contains(noted, n => n.Line == LineOf("/.github/") && n.Text.StartsWith("'/.github/' is protected: no agent writes it", StringComparison.Ordinal));
        Assert.DoesNotContain("warning", init.Stderr, StringComparison.Ordinal);

        // Who may write each file by the written manifest: the real 'which', all files in one call.
        var tracked = repo.Git("ls-files").Split('\n', StringSplitOptions.RemoveEmptyEntries).Append("scopes.json").ToList();
        var which = ScopeGuardTool.Run(repo.Path, repo.Environment, ["which", "--format", "json", "-"], input: string.Join('\n', tracked) + "\n");
        Assert.True(which.ExitCode == 0, which.ToString());
        using var answers = JsonDocument.Parse(which.Stdout);
        var oracle = new GitHubCodeOwners(codeOwners);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["@contoso/platform"] = "platform", ["@contoso/build-infra"] = "build-infra", ["@contoso/billing"] = "billing",
            ["@contoso/api-council"] = "api-council", ["@contoso/shipping"] = "shipping", ["@jane-shipping"] = "jane-shipping",
            ["@contoso/identity"] = "identity", ["@contoso/docs"] = "docs", ["docs-team@contoso.com"] = "docs-team",
            ["@release-bot"] = "release-bot", ["@contoso/devrel"] = "devrel",
        };

        var exact = 0;
        var differences = 0;
        var protectedFiles = new List<string>();
        foreach (var answer in answers.RootElement.EnumerateArray())
        {
            var path = answer.GetProperty("path").GetString()!;
            var agents = answer.GetProperty("agents").EnumerateArray().ToList();
            if (agents.Any(a => a.GetProperty("verdict").GetString() == "protected"))
            {
                // The manifest, hooks, .github/ and build files: no agent, whoever owns them.
                Assert.All(agents, a => Assert.False(a.GetProperty("allowed").GetBoolean()));
                protectedFiles.Add(path);
                continue;
            }

            var (line, owners) = oracle.Owners(path);
            var expected = owners.Select(o => names[o]).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var actual = agents.Where(a => a.GetProperty("allowed").GetBoolean()).Select(a => a.GetProperty("agent").GetString()!).OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (expected.SequenceEqual(actual, StringComparer.Ordinal))
            {
                exact++;
                continue;
            }

            // Only where init explained it, on the deciding line or a later one (only later lines take
            // files away), and only ever stricter than CODEOWNERS.
            var missing = expected.Except(actual).ToList();
            Assert.True(explained.Any(n => n.Line == line || (n.Line > line && missing.All(m => n.Text.Contains($"agent {m} ", StringComparison.Ordinal)))), $"{path}: CODEOWNERS line {line} gives it to [{string.Join(", ", expected)}], the manifest to [{string.Join(", ", actual)}], and init explained nothing from line {line} on\n{init}");
            differences++;
            Assert.True(actual.All(expected.Contains), $"{path}: the manifest lets [{string.Join(", ", actual)}] write it, more than CODEOWNERS [{string.Join(", ", expected)}]");
        }

        Assert.Equal(
            [".github/CODEOWNERS", ".github/workflows/ci.yml", "Directory.Build.props", "Directory.Packages.props", "global.json", "scopes.json", "src/Web/Directory.Build.targets"],
            protectedFiles.OrderBy(p => p, StringComparer.Ordinal));
        Assert.Equal(tracked.Count - protectedFiles.Count - 1, exact);
        Assert.Equal(1, differences);

        // The later, more specific lines took their folders and files from the earlier owners.
        var manifest = JsonDocument.Parse(File.ReadAllText(repo.FullPath("scopes.json"))).RootElement.GetProperty("agents");
        Assert.Contains("/src/Billing/Contracts/", Strings(manifest.GetProperty("billing"), "deny"));
        Assert.Contains("/src/Billing/", Strings(manifest.GetProperty("platform"), "deny"));
        Assert.Contains("/src/Shared/Clock.cs", Strings(manifest.GetProperty("platform"), "deny"));
        Assert.Equal(["docs/api/*"], Strings(manifest.GetProperty("api-council"), "paths").Where(p => p.StartsWith("docs", StringComparison.Ordinal)));
        Assert.Contains("docs/api/*/", Strings(manifest.GetProperty("api-council"), "deny"));

        // And it lints clean: no warning to explain.
        var lint = repo.ReadOnlyTool(repo.Path, "lint");
        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.Equal(string.Empty, lint.Stderr);
    }

    [Fact]
    public void Init_ExistingManifest_IsRefusedWithoutForceAndNothingChanges()
    {
        using var repo = TempRepo.Create(install: false);
        repo.Write("CODEOWNERS", "* @contoso/platform\n");
        var before = File.ReadAllText(repo.FullPath("scopes.json"));

        var refused = repo.Tool(repo.Path, "init", "--from-codeowners");

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("scopes.json already exists", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(repo.FullPath("scopes.json")));
        Assert.Equal("?? CODEOWNERS\n", repo.Git("status", "--porcelain"));
    }

    private static List<string> Strings(JsonElement agent, string name) =>
        agent.TryGetProperty(name, out var array) ? array.EnumerateArray().Select(e => e.GetString()!).ToList() : [];

    /// <summary>
    /// CODEOWNERS as GitHub's documentation describes it, written for this test alone: the last
    /// matching line wins; a line with no owners leaves its files unowned; '!' negation and '[ ]' ranges
    /// make a line GitHub skips; a pattern with no '/' but a trailing one matches at any depth, anything
    /// else from the root; a trailing '/' owns the folder's whole tree and a pattern naming a folder owns
    /// what is in it; 'docs/*' owns the files directly in docs/ but not those further down; '*' stays
    /// within one name, '**' crosses folders.
    /// </summary>
    private sealed class GitHubCodeOwners
    {
        private readonly List<(int Line, Regex Pattern, string[] Owners)> rules = [];

        public GitHubCodeOwners(string text)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var fields = lines[i].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length == 0 || fields[0].StartsWith('#') || fields[0].StartsWith('!') || fields[0].Contains('[', StringComparison.Ordinal))
                {
                    continue;
                }

                rules.Add((i + 1, ToRegex(fields[0]), fields[1..]));
            }
        }

        public (int Line, string[] Owners) Owners(string path)
        {
            for (var i = rules.Count - 1; i >= 0; i--)
            {
                if (rules[i].Pattern.IsMatch(path))
                {
                    return (rules[i].Line, rules[i].Owners);
                }
            }

            return (0, []);
        }

        private static Regex ToRegex(string pattern)
        {
            var directChildren = pattern.EndsWith("/*", StringComparison.Ordinal);
            var folder = pattern.EndsWith('/');
            var body = pattern.TrimEnd('/');
            var anchored = body.Contains('/', StringComparison.Ordinal);
            body = body.TrimStart('/');
            var regex = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
            for (var i = 0; i < body.Length; i++)
            {
                if (body[i] == '*' && i + 1 < body.Length && body[i + 1] == '*')
                {
                    var slash = i + 2 < body.Length && body[i + 2] == '/';
                    regex.Append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                }
                else
                {
                    regex.Append(body[i] switch { '*' => "[^/]*", '?' => "[^/]", var c => Regex.Escape(c.ToString()) });
                }
            }

            regex.Append(directChildren ? "$" : folder ? "/.*$" : "(?:/.*)?$");
            return new Regex(regex.ToString(), RegexOptions.CultureInvariant);
        }
    }
}
