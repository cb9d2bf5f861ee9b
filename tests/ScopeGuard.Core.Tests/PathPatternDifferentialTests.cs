using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Tests.Differential;
using Xunit.Abstractions;

namespace ScopeGuard.Core.Tests;

/// <summary>
/// Compares <see cref="PathPattern"/> with <c>git check-ignore</c> itself over a few million generated
/// (pattern, path) pairs, and over a table of hand-picked cases each checked against git.
/// </summary>
public sealed class PathPatternDifferentialTests : IClassFixture<GitDifferentialFixture>
{
    private const int MismatchesShown = 40;

    private readonly GitDifferentialFixture git;
    private readonly ITestOutputHelper output;

    public PathPatternDifferentialTests(GitDifferentialFixture git, ITestOutputHelper output)
    {
        this.git = git;
        this.output = output;
    }

    [Fact]
    public void Matches_GeneratedPatternsAndPaths_AgreesWithGitCheckIgnore()
    {
        var clock = Stopwatch.StartNew();
        var paths = git.Paths.Select(p => Encoding.UTF8.GetBytes(p)).ToArray();
        var mismatches = new ConcurrentBag<string>();
        long compared = 0;
        long matched = 0;
        var accepted = 0;
        Parallel.For(0, git.Patterns.Count, i =>
        {
            var pattern = PathPattern.TryParse(git.Patterns[i], out _);
            if (pattern is null)
            {
                return;
            }

            Interlocked.Increment(ref accepted);
            var expected = git.GitIgnored[i];
            long localMatched = 0;
            for (var j = 0; j < paths.Length; j++)
            {
                var actual = pattern.Matches(paths[j]);
                if (expected[j])
                {
                    localMatched++;
                }

                if (actual != expected[j])
                {
                    mismatches.Add(
                        $"pattern {GitCheckIgnore.Show(git.Patterns[i])} path {GitCheckIgnore.Show(git.Paths[j])}: git {(expected[j] ? "ignores" : "does not ignore")} it, PathPattern says {actual}");
                }
            }

            Interlocked.Add(ref compared, paths.Length);
            Interlocked.Add(ref matched, localMatched);
        });

        output.WriteLine(
            $"{git.GitVersion}: {git.Patterns.Count} patterns ({accepted} accepted) x {git.Paths.Count} paths = {compared} pairs compared, "
            + $"{matched} matched by git; git took {git.GitElapsed.TotalSeconds:F1} s, PathPattern {clock.Elapsed.TotalSeconds:F1} s");

        Assert.True(
            mismatches.IsEmpty,
            $"{mismatches.Count} of {compared} pairs disagree with git:\n" + string.Join("\n", mismatches.OrderBy(m => m, StringComparer.Ordinal).Take(MismatchesShown)));

        // The corpus must keep exercising both answers, or the comparison proves little.
        Assert.True(compared >= 1_000_000, $"only {compared} pairs compared");
        Assert.True(matched >= compared / 50, $"only {matched} of {compared} pairs matched: the generator no longer aims well");
    }

    [Fact]
    public void TryParse_RefusedGeneratedPatterns_AreNegationsCommentsOrMatchNothingInGit()
    {
        var problems = new List<string>();
        var refused = 0;
        for (var i = 0; i < git.Patterns.Count; i++)
        {
            var text = git.Patterns[i];
            if (PathPattern.TryParse(text, out var error) is not null)
            {
                continue;
            }

            refused++;
            Assert.NotNull(error);
            var trimmed = PathPattern.TrimTrailingSpaces(text);
            if (trimmed.StartsWith('!') || trimmed.StartsWith('#'))
            {
                // Git reads these as a negation or a comment; refusing them is the point.
                continue;
            }

            var ignored = git.GitIgnored[i];
            for (var j = 0; j < git.Paths.Count; j++)
            {
                if (ignored[j])
                {
                    problems.Add($"refused pattern {GitCheckIgnore.Show(text)} ({error}) but git ignores {GitCheckIgnore.Show(git.Paths[j])}");
                    break;
                }
            }
        }

        output.WriteLine($"{refused} of {git.Patterns.Count} generated patterns refused");
        Assert.True(refused > 50, $"only {refused} refused patterns in the corpus");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(MismatchesShown)));
    }

    // Each row was checked once with git 2.39.5: "git -c core.excludesFile=F check-ignore --no-index" with the pattern
    // as the only line of F, in an empty repository (a directory row had the directory created first).
    [Theory]
    [InlineData("*.md", "README.md", false, true)]
    [InlineData("*.md", "docs/a.md", false, true)]
    [InlineData("*.md", "docs/a.md/x", false, true)]
    [InlineData("/*.md", "docs/a.md", false, false)]
    [InlineData("/*.md", "a.md", false, true)]
    [InlineData("docs/*", "docs/a/b.md", false, true)]
    [InlineData("docs/*", "docs", false, false)]
    [InlineData("docs/", "docs/a", false, true)]
    [InlineData("docs/", "docs", false, false)]
    [InlineData("docs/", "docs", true, true)]
    [InlineData("docs/", "x/docs/a", false, true)]
    [InlineData("docs/a", "x/docs/a", false, false)]
    [InlineData("**/docs/a", "x/docs/a", false, true)]
    [InlineData("**/docs", "docs", false, true)]
    [InlineData("docs/**", "docs", false, false)]
    [InlineData("docs/**", "docs", true, false)]
    [InlineData("docs/**", "docs/a", false, true)]
    [InlineData("docs/**/a", "docs/a", false, true)]
    [InlineData("docs/**/a", "docs/x/y/a", false, true)]
    [InlineData("a/*/b", "a/x/y/b", false, false)]
    [InlineData("a/*/b", "a/x/b", false, true)]
    [InlineData("a**b", "axb", false, true)]
    [InlineData("a**b", "ab", false, true)]
    [InlineData("a**b", "x/a/b", false, false)]
    [InlineData("/a**b", "ax/yb", false, false)]
    [InlineData("a**/b", "ab", false, true)]
    [InlineData("a**/b", "a/x/y/b", false, true)]
    [InlineData("a**/b", "c/ab", false, false)]
    [InlineData("abc**/*", "abc", false, true)]
    [InlineData("/a*/b", "a/x/b", false, false)]
    [InlineData("x/a?b", "x/a/b", false, false)]
    [InlineData("?", "a", false, true)]
    [InlineData("??", "a", false, false)]
    [InlineData("[a-c]x", "bx", false, true)]
    [InlineData("[!a-c]x", "bx", false, false)]
    [InlineData("[^a-c]x", "dx", false, true)]
    [InlineData("[]]", "]", false, true)]
    [InlineData("[!]]", "a", false, true)]
    [InlineData("[]-a]", "^", false, true)]
    [InlineData("[[:digit:]][[:alpha:]]", "9z", false, true)]
    [InlineData("[[:upper:]]", "a", false, false)]
    [InlineData("[a-]", "-", false, true)]
    [InlineData("[z-a]", "m", false, false)]
    [InlineData("a[[:]", "a:", false, true)]
    [InlineData("a[[:]", "a[", false, true)]
    [InlineData("t[[:blank:]]b", "t\tb", false, true)]
    [InlineData("t[[:space:]]b", "t\tb", false, true)]
    [InlineData("[[:punct:]]", "~", false, true)]
    [InlineData("\\*", "*", false, true)]
    [InlineData("\\*", "a", false, false)]
    [InlineData("\\a", "a", false, true)]
    [InlineData("a\\/b", "a/b", false, true)]
    [InlineData("a\\ ", "a ", false, true)]
    [InlineData("a  ", "a", false, true)]
    [InlineData("a  ", "a ", false, false)]
    [InlineData("a \\ ", "a  ", false, true)]
    [InlineData(" a", " a", false, true)]
    [InlineData("\\!x", "!x", false, true)]
    [InlineData("\\#h", "#h", false, true)]
    [InlineData("x!", "x!", false, true)]
    [InlineData("a#", "a#", false, true)]
    [InlineData("{a,b}", "a", false, false)]
    [InlineData("{a,b}", "{a,b}", false, true)]
    [InlineData("é", "é", false, true)]
    [InlineData("?", "é", false, false)]
    [InlineData("??", "é", false, true)]
    [InlineData("[é]", "é", false, false)]
    [InlineData("[é][é]", "é", false, true)]
    [InlineData("日本*", "日本語.txt", false, true)]
    [InlineData("e\u0301", "é", false, false)]
    [InlineData("A", "a", false, false)]
    [InlineData("**", "a/b/c", false, true)]
    [InlineData("/**", "a", false, true)]
    [InlineData("*", "a/b", false, true)]
    [InlineData("/*", "a/b", false, true)]
    [InlineData("*/", "a", false, false)]
    [InlineData("*/", "a", true, true)]
    [InlineData("*/", "a/b", false, true)]
    [InlineData("a/**/b/", "a/x/b/c", false, true)]
    [InlineData("a/**/b/", "a/x/b", false, false)]
    [InlineData("a/**/b/", "a/x/b", true, true)]
    [InlineData("***", "a/b", false, true)]
    [InlineData("a/***/b", "a/x/y/b", false, true)]
    [InlineData("**/", "a", false, false)]
    [InlineData("**/", "a/b", false, true)]
    [InlineData("a/**b", "a/x/b", false, false)]
    [InlineData("a/**b", "a/xb", false, true)]
    [InlineData("**a", "xa", false, true)]
    [InlineData("a/\\**/b", "a/x/b", false, false)]
    [InlineData("a/\\**/b", "a/*x/b", false, true)]
    [InlineData("a*a*a*b", "aaab", false, true)]
    [InlineData("a*a*a*b", "aaba", false, false)]
    public void Matches_HandPickedCase_AgreesWithGit(string pattern, string path, bool isDirectory, bool expected)
    {
        Assert.Equal(expected, PathPattern.Parse(pattern).Matches(path, isDirectory));
    }

    [Theory]
    [InlineData("!a")]
    [InlineData("!*.md")]
    [InlineData("#a")]
    [InlineData("#")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/")]
    [InlineData("a//b")]
    [InlineData("./a")]
    [InlineData("a/../b")]
    [InlineData("[abc")]
    [InlineData("a\\")]
    [InlineData("a\\/")]
    [InlineData("[[:foo:]]")]
    public void TryParse_UselessOrAmbiguousPattern_IsRefused(string text)
    {
        Assert.Null(PathPattern.TryParse(text, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryParse_UnknownCharacterClass_NamesTheClass()
    {
        Assert.Null(PathPattern.TryParse("[[:letter:]]*.md", out var error));
        Assert.Contains("'[:letter:]'", error, StringComparison.Ordinal);
    }
}
