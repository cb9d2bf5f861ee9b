using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Tests.Differential;
using Xunit.Abstractions;

namespace ScopeGuard.Core.Tests.Rules;

/// <summary>
/// <see cref="PathIntersection"/> decides whether two path patterns (less deny patterns) share a path.
/// Each "yes" comes with a witness that <see cref="PathPattern"/> and <c>git check-ignore</c> must both
/// match; each "no" is checked against every path of a generated set.
/// </summary>
public sealed class PathIntersectionTests
{
    private readonly ITestOutputHelper output;

    public PathIntersectionTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Theory]
    [InlineData("docs/*", "*.md", "docs/a.md")]
    [InlineData("/src/Shared/", "src/Shared/**", "src/Shared/a")]
    [InlineData("**/Tests/", "/src/**/*.cs", "src/Tests/a.cs")]
    [InlineData("a/**/b", "/a/b", "a/b")]
    [InlineData("[a-c]*.txt", "[b-d]?.txt", "ba.txt")]
    [InlineData("/[!a]/x", "/?/x", "b/x")]
    [InlineData("docs/*", "docs/a/b.md", "docs/a/b.md")]
    [InlineData("*.md", "\\*.md", "*.md")]
    [InlineData("src/agent-one/", "src/agent-*/", "src/agent-one/a")]
    [InlineData("a**/b", "/ab", "ab")]
    public void Find_OverlappingPatterns_GivesTheShortestPathBothMatch(string a, string b, string witness)
    {
        var result = PathIntersection.Find([[PathPattern.Parse(a)], [PathPattern.Parse(b)]], []);

        Assert.Equal(IntersectionStatus.Found, result.Status);
        Assert.Equal(witness, result.Witness);
        Assert.True(PathPattern.Parse(a).Matches(witness) && PathPattern.Parse(b).Matches(witness));
    }

    [Theory]
    [InlineData("/src/Billing/", "/src/Shipping/")]
    [InlineData("/[a-c]*", "/[d-f]*")]
    [InlineData("/*.md", "/*.txt")]
    [InlineData("*.md", "*.txt")] // a folder "a.md" may hold "b.txt": see below
    [InlineData("docs/*.md/", "*.md")] // a directory named x.md has files below it, so ...
    [InlineData("/a/*/b", "/a/b/c")]
    [InlineData("/a?", "/a")]
    [InlineData("/.git/", "**")]
    [InlineData("/[[:digit:]]*", "/[[:alpha:]]*")]
    [InlineData("/x/*/y", "/x/z/w")]
    public void Find_DisjointPatterns_IsEmpty(string a, string b)
    {
        var result = PathIntersection.Find([[PathPattern.Parse(a)], [PathPattern.Parse(b)]], []);

        if (a is "docs/*.md/" or "*.md")
        {
            // ... a path below it is matched by both: the search must say so.
            Assert.Equal(IntersectionStatus.Found, result.Status);
            Assert.Equal(a == "*.md" ? "a.md/a.txt" : "docs/a.md/a", result.Witness);
            return;
        }

        Assert.Equal(IntersectionStatus.Empty, result.Status);
        Assert.Null(result.Witness);
    }

    [Theory]
    [InlineData("/src/", "/src/", "/src/", null)]
    [InlineData("/src/", "**/*.cs", "/src/Gen/", "src/a.cs")]
    [InlineData("/src/", "**/*.cs", "*.cs", null)]
    [InlineData("/src/Gen/", "/src/", "/src/*/", null)]
    [InlineData("/src/", "/src/", "/src/?", "src/aa")]
    public void Find_WithDeny_SubtractsEveryDeniedPath(string a, string b, string deny, string? witness)
    {
        var result = PathIntersection.Find([[PathPattern.Parse(a)], [PathPattern.Parse(b)]], [PathPattern.Parse(deny)]);

        Assert.Equal(witness is null ? IntersectionStatus.Empty : IntersectionStatus.Found, result.Status);
        Assert.Equal(witness, result.Witness);
    }

    [Fact]
    public void Find_DenyUnderIgnoreCase_DeniesEveryCase()
    {
        var exact = PathIntersection.Find([[PathPattern.Parse("/src/")]], [PathPattern.Parse("/src/[a-z]*")], noneIgnoreCase: false);
        var folded = PathIntersection.Find([[PathPattern.Parse("/src/")]], [PathPattern.Parse("/src/[a-z]*")], noneIgnoreCase: true);

        Assert.Equal("src/0", exact.Witness);
        Assert.Equal("src/0", folded.Witness);
        Assert.Equal(IntersectionStatus.Empty, PathIntersection.Find([[PathPattern.Parse("/src/A")]], [PathPattern.Parse("/src/a")], noneIgnoreCase: true).Status);
        Assert.Equal(IntersectionStatus.Found, PathIntersection.Find([[PathPattern.Parse("/src/A")]], [PathPattern.Parse("/src/a")], noneIgnoreCase: false).Status);
    }

    [Fact]
    public void Find_StateLimitReached_SaysUndecided()
    {
        var result = PathIntersection.Find([[PathPattern.Parse("**/a*b*c*d*e")], [PathPattern.Parse("**/e*d*c*b*a")]], [], maxStates: 3);

        Assert.Equal(IntersectionStatus.Undecided, result.Status);
    }

    // The property: for generated pattern pairs, a "yes" comes with a witness both patterns match (by
    // PathPattern and by git), and a "no" is never contradicted by a path of a large generated set.
    [Fact]
    [Trait("Category", "Differential")]
    public void Find_GeneratedPatternPairs_AgreesWithTheMatcherAndWithGit()
    {
        var corpus = PatternCorpus.Create(seed: 0x13A, pathCount: 1500, patternCount: 900);
        var patterns = corpus.Patterns.Select(p => (Text: p, Pattern: PathPattern.TryParse(p, out _))).Where(p => p.Pattern is not null).ToList();
        var random = new Random(0x13B);
        var pairs = new List<(int A, int B)>();
        for (var i = 0; i < 4000; i++)
        {
            pairs.Add((random.Next(patterns.Count), random.Next(patterns.Count)));
        }

        var results = pairs.Select(p => PathIntersection.Find([[patterns[p.A].Pattern!], [patterns[p.B].Pattern!]], [])).ToList();
        var found = Enumerable.Range(0, pairs.Count).Where(i => results[i].Status == IntersectionStatus.Found).ToList();
        var empty = Enumerable.Range(0, pairs.Count).Where(i => results[i].Status == IntersectionStatus.Empty).ToList();
        Assert.DoesNotContain(results, r => r.Status == IntersectionStatus.Undecided);

        // Every witness is matched by both patterns, by PathPattern.
        var failures = new List<string>();
        foreach (var i in found)
        {
            var (a, b) = pairs[i];
            var w = results[i].Witness!;
            if (!patterns[a].Pattern!.Matches(w) || !patterns[b].Pattern!.Matches(w))
            {
                failures.Add($"{GitCheckIgnore.Show(patterns[a].Text)} x {GitCheckIgnore.Show(patterns[b].Text)}: witness {GitCheckIgnore.Show(w)} is not matched by both");
            }
        }

        // ... and by git: one check-ignore per pattern, with every witness that pattern must match.
        using (var git = GitCheckIgnore.Create())
        {
            var byPattern = new Dictionary<int, List<string>>();
            foreach (var i in found.Take(600))
            {
                var (a, b) = pairs[i];
                foreach (var p in new[] { a, b })
                {
                    if (!byPattern.TryGetValue(p, out var list))
                    {
                        byPattern[p] = list = [];
                    }

                    list.Add(results[i].Witness!);
                }
            }

            foreach (var (p, witnesses) in byPattern)
            {
                // git reads a path from standard input up to a NUL; the validity rules keep NUL out of witnesses.
                var distinct = witnesses.Where(w => w.Length > 0 && w[0] != ':').Distinct(StringComparer.Ordinal).ToList();
                var ignored = git.Ignored(patterns[p].Text, distinct);
                for (var j = 0; j < distinct.Count; j++)
                {
                    if (!ignored[j])
                    {
                        failures.Add($"git does not match {GitCheckIgnore.Show(distinct[j])} with {GitCheckIgnore.Show(patterns[p].Text)}");
                    }
                }
            }
        }

        // Every "no" against the corpus paths and every witness found (paths the patterns were made around).
        var probe = corpus.Paths.Concat(found.Select(i => results[i].Witness!)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var i in empty)
        {
            var (a, b) = pairs[i];
            var both = probe.FirstOrDefault(path => patterns[a].Pattern!.Matches(path) && patterns[b].Pattern!.Matches(path));
            if (both is not null)
            {
                failures.Add($"{GitCheckIgnore.Show(patterns[a].Text)} x {GitCheckIgnore.Show(patterns[b].Text)}: said empty, both match {GitCheckIgnore.Show(both)}");
            }
        }

        output.WriteLine($"{pairs.Count} pairs: {found.Count} intersect, {empty.Count} do not; {probe.Count} probe paths");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));

        // Both answers must be exercised, or the property proves little.
        Assert.True(found.Count >= 500 && empty.Count >= 500, $"{found.Count} found, {empty.Count} empty");
    }
}
