using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using ScopeGuard.Cli.Tests.Support;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Cli.Tests;

public sealed class LintTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Lint_ExampleManifest_ExitsZeroAndListsAgents()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "scopes.example.json"), Path.Combine(directory.Path, "scopes.json"));

        var result = CliRunner.Run(directory.Path, "lint", "--manifest", "scopes.json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("scopes.json: valid; 5 agent(s): billing, shipping, tests, docs, refactor", result.Output.TrimEnd('\n'));
        Assert.Equal("scopeguard: note: paths and symbols were checked on the patterns only: no repository with a commit here, so no file or declaration at HEAD was compared", result.Error.TrimEnd('\n'));
    }

    [Fact]
    public void Lint_ExampleManifestAsJson_ReportsValid()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "scopes.example.json"), Path.Combine(directory.Path, "scopes.json"));

        var result = CliRunner.Run(directory.Path, "lint", "--manifest", "scopes.json", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(5, json.RootElement.GetProperty("agents").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void Lint_BranchAndAPatternUnderIt_WarnsSG0103AtThePatternAndExitsOne()
    {
        File.WriteAllText(Path.Combine(directory.Path, "scopes.json"), """
            {
              "version": 1,
              "agents": {
                "billing": {
                  "branches": ["agent/billing", "agent/billing/*"],
                  "paths": ["/src/Billing/"]
                }
              }
            }
            """.ReplaceLineEndings("\n"));

        var text = CliRunner.Run(directory.Path, "lint", "--manifest", "scopes.json");
        var json = CliRunner.Run(directory.Path, "lint", "--manifest", "scopes.json", "--format", "json");

        Assert.True(text.ExitCode == ExitCodes.Findings, text.ToString());
        var warning = Assert.Single(text.ErrorLines, l => l.Contains("SG01", StringComparison.Ordinal));
        Assert.StartsWith("scopes.json(5,37): warning SG0103: branch pattern \"agent/billing/*\" of agent \"billing\" lies under this agent's branch \"agent/billing\" (5,20)".Replace("(5,20)", "(5:20)", StringComparison.Ordinal), warning, StringComparison.Ordinal);
        Assert.Equal("scopes.json: valid (1 warning(s)); 1 agent(s): billing", text.Output.TrimEnd('\n'));
        Assert.True(json.ExitCode == ExitCodes.Findings, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(1, document.RootElement.GetProperty("warnings").GetInt32());
        var finding = Assert.Single(document.RootElement.GetProperty("findings").EnumerateArray().ToList());
        Assert.Equal("SG0103", finding.GetProperty("id").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal(5, finding.GetProperty("line").GetInt32());
        Assert.Equal(37, finding.GetProperty("column").GetInt32());
    }

    [Fact]
    public void Lint_ManifestInRepositoryWorkingTree_IsFoundWithoutOption()
    {
        using var repo = TempRepo.Init(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scopes.example.json")));
        Directory.CreateDirectory(Path.Combine(repo.Path, "src"));

        var result = CliRunner.Run(Path.Combine(repo.Path, "src"), "lint");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.StartsWith("scopes.json in the working tree: valid; 5 agent(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_TrailingCommaInObject_PointsAtTheComma()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "agents": {
                "a": { "paths": ["src/"]‸, }
              }
            }
            """,
            "trailing comma before '}'");
    }

    [Fact]
    public void Lint_TrailingCommaInArray_PointsAtTheComma()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "agents": {
                "a": { "paths": ["src/", "docs/"‸,] }
              }
            }
            """,
            "trailing comma before ']'");
    }

    [Fact]
    public void Lint_UnknownKey_PointsAtTheKeyAndListsKnownKeys()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "agents": {
                "a": { "paths": ["src/"], ‸"pahts": ["docs/"] }
              }
            }
            """,
            "unknown key \"pahts\" in agent \"a\"; expected one of: description, branches, paths, deny, symbols, mode");
    }

    [Fact]
    public void Lint_KeyInWrongCase_SuggestsTheRightKey()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              ‸"Settings": {},
              "agents": { "a": { "paths": ["src/"] } }
            }
            """,
            "unknown key \"Settings\" in the manifest: did you mean \"settings\"?");
    }

    [Fact]
    public void Lint_PathsIsAString_PointsAtTheValue()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "agents": {
                "a": { "paths": ‸"src/" }
              }
            }
            """,
            "agents.a.paths must be an array, not a string");
    }

    [Fact]
    public void Lint_PatternIsANumber_PointsAtTheItem()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "agents": {
                "a": { "paths": ["src/", ‸42] }
              }
            }
            """,
            "agents.a.paths[1] must be a string, not a number");
    }

    [Fact]
    public void Lint_ModeIsNotBlockOrWarn_PointsAtTheValue()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "settings": { "mode": ‸"strict" },
              "agents": { "a": { "paths": ["src/"] } }
            }
            """,
            "settings.mode must be \"block\" or \"warn\", not \"strict\"");
    }

    [Fact]
    public void Lint_DuplicateAgent_PointsAtTheSecondDeclaration()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "agents": {
                "billing": { "paths": ["src/Billing/"] },
                ‸"billing": { "paths": ["src/Other/"] }
              }
            }
            """,
            "duplicate agent \"billing\" (first declared at 4:5)");
    }

    [Fact]
    public void Lint_EmptyPattern_PointsAtTheString()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "agents": {
                "a": { "paths": ["src/", ‸""] }
              }
            }
            """,
            "invalid path pattern \"\" in agents.a.paths: a path pattern may not be empty");
    }

    [Fact]
    public void Lint_UnclosedBracketPattern_PointsAtTheString()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "agents": {
                "a": { "paths": [‸"src/[a"] }
              }
            }
            """,
            "invalid path pattern \"src/[a\" in agents.a.paths: unclosed '['");
    }

    [Fact]
    public void Lint_BranchPatternClaimedByTwoAgents_PointsAtTheSecondClaim()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "agents": {
                "billing": { "branches": ["agent/billing"], "paths": ["src/Billing/"] },
                "shipping": { "branches": ["agent/shipping", ‸"agent/billing"], "paths": ["src/Shipping/"] }
              }
            }
            """,
            "branch pattern \"agent/billing\" is claimed by agent \"billing\" (4:31) and agent \"shipping\"");
    }

    [Fact]
    public void Lint_LiteralBranchMatchedByAnotherAgentsWildcard_PointsAtTheLiteral()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "agents": {
                "billing": { "branches": [‸"agent/billing"], "paths": ["src/Billing/"] },
                "any": { "branches": ["agent/*"], "paths": ["src/"] }
              }
            }
            """,
            "branch \"agent/billing\" of agent \"billing\" also matches \"agent/*\" of agent \"any\"");
    }

    [Fact]
    public void Lint_MisspelledAgentPlaceholder_PointsAtTheString()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "agents": {
                "a": { "paths": ["src/{agent}/", ‸"docs/{agnet}/"] }
              }
            }
            """,
            "unknown placeholder {agnet} in \"docs/{agnet}/\"");
    }

    [Fact]
    public void Lint_MisspelledPlaceholderInDefaults_IsReportedOnceAtTheDefault()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "settings": { "defaults": { "paths": [‸"docs/{agnet}.md"] } },
              "agents": {
                "a": { "paths": ["src/"] },
                "b": { "paths": ["lib/"] }
              }
            }
            """,
            "unknown placeholder {agnet} in \"docs/{agnet}.md\"");
    }

    [Fact]
    public void Lint_AgentPlaceholderInProtectedPaths_IsAnError()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "settings": { "protectedPaths": [‸"/private/{agent}/"] },
              "agents": { "a": { "paths": ["src/"] } }
            }
            """,
            "{agent} has no meaning in settings.protectedPaths");
    }

    [Fact]
    public void Lint_VersionTwo_PointsAtTheNumber()
    {
        AssertSingleError(
            """
            {
              "version": ‸2,
              "agents": { "a": { "paths": ["src/"] } }
            }
            """,
            "unsupported version 2: this ScopeGuard reads version 1");
    }

    [Fact]
    public void Lint_VersionAsString_PointsAtTheValue()
    {
        AssertSingleError(
            """
            {
              "version": ‸"1",
              "agents": { "a": { "paths": ["src/"] } }
            }
            """,
            "\"version\" must be the number 1, not a string");
    }

    [Fact]
    public void Lint_MissingAgents_PointsAtTheRootObject()
    {
        AssertSingleError(
            """
            ‸{
              "version": 1
            }
            """,
            "missing \"agents\"");
    }

    [Fact]
    public void Lint_EmptyFile_IsAnErrorAtTheFirstCharacter()
    {
        AssertSingleError("‸", "the file is empty");
    }

    [Fact]
    public void Lint_WhitespaceOnlyFile_IsAnErrorAtTheEnd()
    {
        AssertSingleError("\n\n  ‸", "the file is empty");
    }

    [Fact]
    public void Lint_LineComment_PointsAtTheComment()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              ‸// billing owns the billing folder
              "agents": { "billing": { "paths": ["src/Billing/"] } }
            }
            """,
            "comments are not allowed in JSON");
    }

    [Fact]
    public void Lint_BlockComment_PointsAtTheComment()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "agents": { "billing": { "paths": ["src/Billing/"] ‸/* mine */ } }
            }
            """,
            "comments are not allowed in JSON");
    }

    [Fact]
    public void Lint_SingleQuotedString_PointsAtTheQuote()
    {
        AssertSingleError(
            """
            {
              "version": 1,
              "agents": { "billing": { "paths": [‸'src/Billing/'] } }
            }
            """,
            "strings must use double quotes");
    }

    [Fact]
    public void Lint_CrlfLineEndings_CountLinesAndColumnsAsEditorsDo()
    {
        var (text, line, column) = new TextMarkup(
            """
            {
              "version": 1,
              "agents": {
                "a": { "paths": ["src/"], ‸"pahts": [] }
              }
            }
            """);
        var bytes = Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal));

        AssertErrorAt(LintBytes(bytes), line, column, "unknown key \"pahts\"");
    }

    [Fact]
    public void Lint_ByteOrderMark_DoesNotShiftColumnsOnTheFirstLine()
    {
        var (text, line, column) = new TextMarkup("""‸["not", "an", "object"]""");
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        AssertErrorAt(LintBytes(bytes), line, column, "the manifest must be a JSON object, not an array");
    }

    [Fact]
    public void Lint_InvalidUtf8_PointsAtTheBadByte()
    {
        var (text, line, column) = new TextMarkup(
            """
            {
              "version": 1,
              "agents": {
                "a": { "paths": ["src/‸"] }
              }
            }
            """);

        AssertErrorAt(LintBytes(WithByteAt(text, line, column, 0xFF)), line, column, "the manifest is not valid UTF-8 (byte 0xFF)");
    }

    [Fact]
    public void Lint_InvalidUtf8AfterNonAsciiText_CountsColumnsInCharactersNotBytes()
    {
        var (text, line, column) = new TextMarkup(
            """
            {
              "version": 1,
              "agents": {
                "café": { "description": "Größe ‸", "paths": ["src/"] }
              }
            }
            """);

        AssertErrorAt(LintBytes(WithByteAt(text, line, column, 0xC3)), line, column, "the manifest is not valid UTF-8 (byte 0xC3)");
    }

    [Fact]
    public void Lint_InvalidUtf8AfterByteOrderMarkOnFirstLine_CountsColumnsInCharacters()
    {
        var (text, line, column) = new TextMarkup("""{"version": 1, "agents": {"a": {"paths": ["x‸"]}}}""");
        var bytes = Encoding.UTF8.GetPreamble().Concat(WithByteAt(text, line, column, 0xFE)).ToArray();

        AssertErrorAt(LintBytes(bytes), line, column, "the manifest is not valid UTF-8 (byte 0xFE)");
    }

    [Fact]
    public void Lint_SeveralErrors_AreAllReportedInFileOrder()
    {
        const string Manifest = """
            {
              "version": 2,
              "agents": {
                "a": { "paths": ["src/[a", ""] },
                "a": {},
                "b": { "branches": ["agent/x"], "paths": ["src/{agnet}/"] },
                "c": { "branches": ["agent/x"], "paths": ["lib/"] }
              }
            }
            """;
        directory.Write("scopes.json", Manifest);

        var result = CliRunner.Run(directory.Path, "lint", "--manifest", "scopes.json");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        var located = result.ErrorLines.Where(l => l.Contains(": error SG0007: ", StringComparison.Ordinal)).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).ToArray();
        Assert.Equal(
            ["scopes.json(2,14)", "scopes.json(4,22)", "scopes.json(4,32)", "scopes.json(5,5)", "scopes.json(6,47)", "scopes.json(7,25)"],
            located);
        Assert.Contains("the manifest is invalid (6 error(s))", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_BrokenManifestAsJson_PrintsSg0007FindingsWithPositions()
    {
        var (text, line, column) = new TextMarkup(
            """
            {
              "version": 1,
              "agents": {
                "a": { "paths": ["src/"], ‸"pahts": [] }
              }
            }
            """);
        directory.Write("scopes.json", text);

        var result = CliRunner.Run(directory.Path, "lint", "--manifest", "scopes.json", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("manifest invalid", root.GetProperty("error").GetString());
        var finding = Assert.Single(root.GetProperty("findings").EnumerateArray());
        Assert.Equal("SG0007", finding.GetProperty("id").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("scopes.json", finding.GetProperty("path").GetString());
        Assert.Equal(line, finding.GetProperty("line").GetInt32());
        Assert.Equal(column, finding.GetProperty("column").GetInt32());
        Assert.Contains("unknown key \"pahts\"", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("SG0007.md", finding.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_MissingManifestFile_ExitsTwo()
    {
        var result = CliRunner.Run(directory.Path, "lint", "--manifest", "nope.json");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Contains("--manifest names 'nope.json', which does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_OutsideRepositoryWithoutManifestOption_ExitsTwo()
    {
        var result = CliRunner.Run(directory.Path, "lint");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Contains("is not inside a git repository", result.Error, StringComparison.Ordinal);
    }

    private static byte[] WithByteAt(string text, int line, int column, byte value)
    {
        var lines = text.Split('\n');
        var before = string.Join('\n', lines.Take(line - 1).Append(lines[line - 1][..(column - 1)]));
        var after = text[before.Length..];
        return [.. Encoding.UTF8.GetBytes(before), value, .. Encoding.UTF8.GetBytes(after)];
    }

    [Fact]
    public void Lint_DuplicateBranchClaimAsJson_CarriesTheValuesSpanAndTheFirstClaim()
    {
        var manifest = new TextMarkup("""
            {
              "version": 1,
              "agents": {
                "billing": { "branches": [{|#0:"agent/billing"|}], "paths": ["src/Billing/"] },
                "docs": { "branches": [{|#1:"agent/billing"|}], "paths": ["docs/"] }
              }
            }
            """);
        directory.Write("scopes.json", manifest.Text);

        var result = CliRunner.Run(directory.Path, "lint", "--manifest", "scopes.json", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        var (second, first) = (manifest.Span(1), manifest.Span(0));
        Assert.Equal(second, new MarkedSpan(finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32(), finding.GetProperty("endLine").GetInt32(), finding.GetProperty("endColumn").GetInt32()));
        var related = finding.GetProperty("related");
        Assert.Equal(first, new MarkedSpan(related.GetProperty("line").GetInt32(), related.GetProperty("column").GetInt32(), related.GetProperty("endLine").GetInt32(), related.GetProperty("endColumn").GetInt32()));
    }

    [Fact]
    public void Check_DuplicatePathWithSarif_RegionSpansTheItemAndRelatedLocationIsTheFirst()
    {
        var manifest = new TextMarkup("""
            {
              "version": 1,
              "agents": {
                "billing": { "branches": ["agent/billing"], "paths": [{|#0:"src/Billing/"|}, {|#1:"src/Billing/"|}] }
              }
            }
            """);
        using var repo = TempRepo.Init(manifest.Text);

        var result = CliRunner.Run(repo.Path, "check", "--staged", "--format", "sarif", "--manifest", "scopes.json");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        using var sarif = JsonDocument.Parse(result.Output);
        var item = Assert.Single(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        var region = item.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        var relatedRegion = item.GetProperty("relatedLocations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(manifest.Span(1), Region(region));
        Assert.Equal(manifest.Span(0), Region(relatedRegion));

        static MarkedSpan Region(JsonElement r) => new(r.GetProperty("startLine").GetInt32(), r.GetProperty("startColumn").GetInt32(), r.GetProperty("endLine").GetInt32(), r.GetProperty("endColumn").GetInt32());
    }

    private CliResult LintBytes(byte[] bytes)
    {
        directory.WriteBytes("scopes.json", bytes);
        return CliRunner.Run(directory.Path, "lint", "--manifest", "scopes.json");
    }

    private void AssertSingleError(string marked, string expectedMessage)
    {
        var (text, line, column) = new TextMarkup(marked);
        directory.Write("scopes.json", text);
        AssertErrorAt(CliRunner.Run(directory.Path, "lint", "--manifest", "scopes.json"), line, column, expectedMessage);
    }

    private static void AssertErrorAt(CliResult result, int line, int column, string expectedMessage)
    {
        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Equal(string.Empty, result.Output);
        var errors = result.ErrorLines.Where(l => l.Contains(" error SG0007: ", StringComparison.Ordinal)).ToArray();
        var error = Assert.Single(errors);
        Assert.StartsWith($"scopes.json({line},{column}): error SG0007: ", error, StringComparison.Ordinal);
        Assert.Contains(expectedMessage, error, StringComparison.Ordinal);
        Assert.Contains("the manifest is invalid (1 error(s)); nothing was checked", result.Error, StringComparison.Ordinal);
    }
}
