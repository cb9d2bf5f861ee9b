using System;
using System.IO;
using System.Linq;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Cli.Tests.Reporting;

// Issue 11, item 17: a file name must not break out of a code span, render as markup, or split a
// finding over several lines.
public sealed class HostileNameTests
{
    private static readonly HelpLinks Help = new(null, AppContext.BaseDirectory);

    private const string Json = """
        { "version": 1, "agents": { "docs": { "branches": ["agent/docs"], "paths": ["/docs/"] } } }
        """;

    private static readonly AgentScope Docs = ManifestLoader.Load(Json, "scopes.json").Manifest!.FindAgent("docs")!;

    public static TheoryData<string> HostileNames => new()
    {
        "src/a`b.cs",
        "src/``x``.cs",
        "`lead.cs",
        "src/**bold**.md",
        "src/[link](https://evil.example/).md",
        "src/<img src=x onerror=alert(1)>.md",
        "src/pipe|cell.md",
        "src/a\nb.cs",
        "src/tab\there.cs",
        "src/&lt;entity&gt;$x$.md",
        "src/_under_ score_x.md",
    };

    private static Finding FindingFor(string path)
    {
        var decision = new PathDecision(path, PathVerdict.NotGranted, null);
        var message = Messages.PathOutOfScope(Docs, path, "added", decision);
        return new Finding("SG0001", FindingSeverity.Error, "docs", path, 1, 1, null, decision.RuleText, message);
    }

    private static CheckReport ReportFor(params string[] paths) =>
        new("staged changes", "scopes.json", Docs, "--agent", "agent/docs", ScopeMode.Block, paths.Length, paths.Select(FindingFor).ToList());

    private static string Markdown(CheckReport report)
    {
        using var writer = new StringWriter();
        MarkdownReporter.Write(writer, report, Help);
        return writer.ToString();
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void MarkdownReporter_HostileFileName_StaysOneTableRowWithoutMarkup(string path)
    {
        var lines = Markdown(ReportFor(path)).Split('\n');

        var row = Assert.Single(lines, l => l.StartsWith("| error |", StringComparison.Ordinal));
        var cells = SplitCells(row);
        Assert.Equal(5, cells.Length);

        // The location is one code span: a fence, then text with no backtick run as long as the fence.
        var location = cells[2].Trim();
        Assert.EndsWith(" (1,1)", location, StringComparison.Ordinal);
        var span = location[..^" (1,1)".Length];
        var fence = span.Length - span.TrimStart('`').Length;
        Assert.EndsWith(new string('`', fence), span, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('`', fence), span[fence..^fence], StringComparison.Ordinal);
        Assert.Equal(fence, span.Length - span.TrimEnd('`').Length);

        // The message is plain text: every markup character escaped.
        Assert.Null(FirstUnescaped(cells[4], "`*_~[]()!<>&$"));
    }

    [Theory]
    [InlineData("src/a`b.cs", "``src/a`b.cs``")]
    [InlineData("src/``x``.cs", "```src/``x``.cs```")]
    [InlineData("`lead.cs", "`` `lead.cs ``")]
    [InlineData("src/pipe|cell.md", "`src/pipe\\|cell.md`")]
    [InlineData("src/a\nb.cs", "`\"src/a\\nb.cs\"`")]
    [InlineData("src/tab\there.cs", "`\"src/tab\\there.cs\"`")]
    [InlineData("src/<img src=x>.md", "`src/<img src=x>.md`")]
    public void MarkdownReporter_HostileFileName_LocationIsACodeSpanNothingInsideCanClose(string path, string expected)
    {
        var row = Markdown(ReportFor(path)).Split('\n').Single(l => l.StartsWith("| error |", StringComparison.Ordinal));

        Assert.Contains($"| {expected} (1,1) |", row, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownReporter_MessageWithMarkupInThePath_EscapesEveryMarkupCharacter()
    {
        var row = Markdown(ReportFor("docs2/[x](https://evil.example/)<b>**y**</b>.md")).Split('\n').Single(l => l.StartsWith("| error |", StringComparison.Ordinal));

        Assert.Contains("'docs2/\\[x\\]\\(https://evil.example/\\)\\<b\\>\\*\\*y\\*\\*\\</b\\>.md'", row, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownReporter_NonAsciiPathWithQuotePath_ShowsOctalEscapesAsGit()
    {
        var report = ReportFor("docs2/é.md") with { QuotePath = true };

        Assert.Contains("`\"docs2/\\303\\251.md\"` (1,1)", Markdown(report), StringComparison.Ordinal);
        Assert.Contains("`docs2/é.md` (1,1)", Markdown(ReportFor("docs2/é.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("src/a\nb.cs", "\"src/a\\nb.cs\"(1,1): error SG0001: agent 'docs' may not change \"src/a\\nb.cs\" (added)")]
    [InlineData("src/tab\there.cs", "\"src/tab\\there.cs\"(1,1): error SG0001: agent 'docs' may not change \"src/tab\\there.cs\" (added)")]
    [InlineData("src/esc\u001b[2J.cs", "\"src/esc\\033[2J.cs\"(1,1): error SG0001: agent 'docs' may not change \"src/esc\\033[2J.cs\" (added)")]
    [InlineData("src/q\"uote.cs", "\"src/q\\\"uote.cs\"(1,1): error SG0001")]
    [InlineData("src/a`b.cs", "src/a`b.cs(1,1): error SG0001: agent 'docs' may not change 'src/a`b.cs' (added)")]
    public void TextReporter_NameWithControlCharacters_IsQuotedLikeGitOnOneLine(string path, string expectedStart)
    {
        using var writer = new StringWriter();
        TextReporter.Write(writer, ReportFor(path), color: false, Help);
        var lines = writer.ToString().Split('\n');

        Assert.StartsWith(expectedStart, lines[0], StringComparison.Ordinal);
        Assert.Equal(1, lines.Count(l => l.Contains("error SG0001", StringComparison.Ordinal)));
        Assert.DoesNotContain('\t', lines[0]);
        Assert.DoesNotContain('\u001b', writer.ToString());
    }

    [Theory]
    [InlineData("src/a\nb.cs", "file=src/a%0Ab.cs,", "may not change \"src/a\\nb.cs\" (added)")]
    [InlineData("src/tab\there.cs", "file=src/tab\there.cs,", "may not change \"src/tab\\there.cs\" (added)")]
    [InlineData("src/a:b,c.cs", "file=src/a%3Ab%2Cc.cs,", "may not change 'src/a:b,c.cs' (added)")]
    public void GitHubReporter_NameWithControlCharacters_IsOneAnnotationLine(string path, string file, string message)
    {
        using var writer = new StringWriter();
        GitHubReporter.Write(writer, ReportFor(path), stepSummaryFile: null, Help);
        var lines = writer.ToString().TrimEnd('\n').Split('\n');

        var annotation = Assert.Single(lines, l => l.StartsWith("::error ", StringComparison.Ordinal));
        Assert.Contains(file, annotation, StringComparison.Ordinal);
        Assert.Contains(message, annotation, StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void GitHubReporter_StepSummary_UsesTheSafeMarkdown()
    {
        var summary = Path.Combine(Path.GetTempPath(), "scopeguard-summary-" + Guid.NewGuid().ToString("N") + ".md");
        try
        {
            using (var writer = new StringWriter())
            {
                GitHubReporter.Write(writer, ReportFor("src/a`b<img src=x>.md"), summary, Help);
            }

            var row = File.ReadAllLines(summary).Single(l => l.StartsWith("| error |", StringComparison.Ordinal));
            Assert.Contains("``src/a`b<img src=x>.md``", row, StringComparison.Ordinal);
            Assert.Contains("\\<img src=x\\>", row, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(summary);
        }
    }

    // The cells of a table row, split at pipes not escaped by a backslash.
    private static string[] SplitCells(string row)
    {
        var cells = new System.Collections.Generic.List<string>();
        var start = 0;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '\\')
            {
                i++;
            }
            else if (row[i] == '|')
            {
                cells.Add(row[start..i]);
                start = i + 1;
            }
        }

        return cells.Skip(1).ToArray();
    }

    private static char? FirstUnescaped(string text, string characters)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '_' && i > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]))
            {
                // An underscore inside a word is not emphasis.
            }
            else if (characters.Contains(text[i], StringComparison.Ordinal))
            {
                return text[i];
            }
        }

        return null;
    }
}
