using System.Globalization;
using System.Linq;
using System.Text;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Core.Tests.Rules;

// Issue 11, item 6: deny and protectedPaths must not be dodged by another spelling of the same name
// (case under core.ignorecase, Unicode NFD against NFC always); grants stay exact.
public sealed class PathSpellingTests
{
    private const string Json = """
        {
          "version": 1,
          "settings": { "protectedPaths": ["/scopes.json", "/hooks/", "/.github/", "/Über/"] },
          "agents": {
            "billing": {
              "branches": ["agent/billing"],
              "paths": ["/src/Billing/", "/src/Café/", "/docs/*.md"],
              "deny": ["/src/Billing/Generated/", "/src/Café/Privé/", "[A-Z]*.secret", "/src/Billing/[[:upper:]]ock/", "/src/Billing/\\Keys/"]
            }
          }
        }
        """;

    private static readonly ScopeManifest Manifest = ManifestLoader.Load(Json, "scopes.json").Manifest!;

    private static AgentScope Billing => Manifest.FindAgent("billing")!;

    private static PathDecision Decide(string path, bool ignoreCase) =>
        new ScopeEvaluator(Manifest, new PathMatchOptions(ignoreCase)).Decide(Billing, path);

    [Theory]
    [InlineData("src/Billing/Generated/x.cs", "/src/Billing/Generated/")]
    [InlineData("src/Billing/generated/x.cs", "/src/Billing/Generated/")]
    [InlineData("src/Billing/GENERATED/Deep/x.cs", "/src/Billing/Generated/")]
    [InlineData("src/Billing/Keys/k.pem", "/src/Billing/\\Keys/")]
    [InlineData("src/Billing/keys/k.pem", "/src/Billing/\\Keys/")]
    [InlineData("src/Billing/lock/x", "/src/Billing/[[:upper:]]ock/")]
    [InlineData("src/Billing/a.secret", "[A-Z]*.secret")]
    [InlineData("src/Café/privé/x.txt", "/src/Café/Privé/")]
    [InlineData("src/Café/PRIVÉ/x.txt", "/src/Café/Privé/")]
    public void Decide_DenyUnderIgnoreCase_MatchesEveryCaseOfTheName(string path, string rule)
    {
        var decision = Decide(path, ignoreCase: true);

        Assert.Equal(PathVerdict.Denied, decision.Verdict);
        Assert.Equal(rule, decision.Rule!.Pattern.Text);
    }

    [Theory]
    [InlineData("src/Billing/generated/x.cs", PathVerdict.Granted)]
    [InlineData("src/Billing/keys/k.pem", PathVerdict.Granted)]
    [InlineData("src/Billing/a.secret", PathVerdict.Granted)]
    [InlineData("src/Billing/Generated/x.cs", PathVerdict.Denied)]
    public void Decide_DenyWithoutIgnoreCase_MatchesTheCaseWritten(string path, PathVerdict verdict)
    {
        Assert.Equal(verdict, Decide(path, ignoreCase: false).Verdict);
    }

    [Theory]
    [InlineData("SCOPES.JSON", "/scopes.json")]
    [InlineData("Hooks/pre-commit", "/hooks/")]
    [InlineData(".GitHub/workflows/ci.yml", "/.github/")]
    [InlineData("über/x", "/Über/")]
    public void Decide_ProtectedPathUnderIgnoreCase_IsProtectedInEveryCase(string path, string rule)
    {
        var decision = Decide(path, ignoreCase: true);

        Assert.Equal(PathVerdict.Protected, decision.Verdict);
        Assert.Equal(rule, decision.Rule!.Pattern.Text);
        Assert.NotEqual(PathVerdict.Protected, Decide(path, ignoreCase: false).Verdict);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decide_NfdSpellingOfADeniedName_IsDeniedWhateverCoreIgnoreCase(bool ignoreCase)
    {
        // "Café" and "Privé" decomposed: e followed by U+0301 COMBINING ACUTE ACCENT, as macOS spells names.
        var nfd = "src/Cafe\u0301/Prive\u0301/x.txt";

        var decision = Decide(nfd, ignoreCase);

        Assert.Equal(PathVerdict.Denied, decision.Verdict);
        Assert.Equal("/src/Café/Privé/", decision.Rule!.Pattern.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decide_NfdSpellingOfAProtectedName_IsProtected(bool ignoreCase)
    {
        Assert.Equal(PathVerdict.Protected, Decide("U\u0308ber/x", ignoreCase).Verdict);
    }

    [Theory]
    [InlineData("src/Cafe\u0301/menu.txt", PathVerdict.NotGranted)]
    [InlineData("src/billing/x.cs", PathVerdict.NotGranted)]
    [InlineData("docs/README.MD", PathVerdict.NotGranted)]
    [InlineData("src/Café/menu.txt", PathVerdict.Granted)]
    public void Decide_GrantsUnderIgnoreCase_StayExact(string path, PathVerdict verdict)
    {
        Assert.Equal(verdict, Decide(path, ignoreCase: true).Verdict);
    }

    [Fact]
    public void Decide_DefaultEvaluator_IsCaseSensitiveButNormalizesUnicode()
    {
        var evaluator = new ScopeEvaluator(Manifest);

        Assert.Equal(PathVerdict.Granted, evaluator.Decide(Billing, "src/Billing/generated/x.cs").Verdict);
        Assert.Equal(PathVerdict.Denied, evaluator.Decide(Billing, "src/Cafe\u0301/Prive\u0301/x.txt").Verdict);
    }

    [Theory]
    [InlineData("/Src/Billing/", "src/billing/x", true)]
    [InlineData("[A-Z]bc", "abc", true)]
    [InlineData("[a-c]bc", "ABC", true)]
    [InlineData("[[:upper:]]bc", "abc", true)]
    [InlineData("[[:lower:]]bc", "Abc", true)]
    [InlineData("[A]bc", "abc", true)]
    [InlineData("\\Abc", "abc", true)]
    [InlineData("*BC", "xbc", true)]
    [InlineData("a*/**/C", "AX/y/c", true)]
    [InlineData("[Z-a]", "z", true)]
    [InlineData("[!A]bc", "abc", false)]
    [InlineData("[A-Z]bc", "1bc", false)]
    [InlineData("Ä/", "ä/x", true)]
    [InlineData("straße", "STRASSE", false)]
    public void MatchesAnySpelling_IgnoreCase_FoldsLettersAsDocumented(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, PathPattern.Parse(pattern).MatchesAnySpelling(path, isDirectory: false, ignoreCase: true));
    }

    [Theory]
    [InlineData("Abc", "Abc")]
    [InlineData("[A-C]bc", "abc")]
    [InlineData("[[:upper:]]bc", "abc")]
    [InlineData("a*c", "ABC")]
    public void Wildmatch_CaseFold_AgreesWithGitCoreIgnoreCase(string pattern, string text)
    {
        // Rows checked with git -c core.ignorecase=true check-ignore --no-index (git 2.39).
        Assert.True(Wildmatch.IsMatch(Encoding.UTF8.GetBytes(pattern), Encoding.UTF8.GetBytes(text), pathName: true, caseFold: true));
        Assert.True(Wildmatch.IsMatch(Encoding.UTF8.GetBytes(pattern), Encoding.UTF8.GetBytes(text.ToUpperInvariant()), pathName: true, caseFold: true));
    }

    [Theory]
    [InlineData("Cafe\u0301", "Café")]
    [InlineData("A\u030A", "\u00C5")]
    [InlineData("\u212B", "\u00C5")]
    [InlineData("\u1100\u1161\u11A8", "\uAC01")]
    [InlineData("q\u0323\u0307", "q\u0323\u0307")]
    [InlineData("q\u0307\u0323", "q\u0323\u0307")]
    [InlineData("a\uD800b", "a\uD800b")]
    public void Respell_DecomposedOrUnorderedText_IsComposedInNfc(string text, string expected)
    {
        Assert.Equal(expected, PathPattern.Respell(text, ignoreCase: false));
    }

    [Fact]
    public void Respell_EveryBmpCharacterAfterALetter_AgreesWithThePlatformNfc()
    {
        // The test host has ICU; the CLI (InvariantGlobalization) does not, which is why Core carries tables.
        Assert.Equal("é", "e\u0301".Normalize(NormalizationForm.FormC));
        var differences = Enumerable.Range(0x80, 0xD800 - 0x80)
            .Select(cp => "a" + (char)cp + "\u0301")
            .Where(s => PathPattern.Respell(s, ignoreCase: false) != s.Normalize(NormalizationForm.FormC))
            .Take(5)
            .Select(s => ((int)s[1]).ToString("X4", CultureInfo.InvariantCulture))
            .ToList();

        Assert.Empty(differences);
    }
}
