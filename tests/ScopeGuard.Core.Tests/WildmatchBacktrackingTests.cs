using System;
using System.Linq;
using System.Threading.Tasks;
using ScopeGuard.Core.Patterns;

namespace ScopeGuard.Core.Tests;

/// <summary>
/// Patterns that make a naive backtracking matcher take exponential time. Not timed tests: each
/// case gets a generous deadline that a polynomial matcher meets with room to spare and an
/// exponential one never would.
/// </summary>
public sealed class WildmatchBacktrackingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    // 10,000 'a's then a 'b': every star can start almost anywhere, and the match always fails at the end.
    private static readonly string LongRun = new string('a', 10_000) + "b";

    // 1,000 directories of ten 'a's each, then a file "b". Sixteen "**/" segments against it would
    // take git's own wildmatch about 2^16 passes over the path; ours stops at the first abort.
    private static readonly string DeepPath = string.Join("/", Enumerable.Repeat("aaaaaaaaaa", 1_000)) + "/b";

    [Theory]
    [InlineData("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a", true)]
    [InlineData("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a", false)]
    [InlineData("**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a", true)]
    [InlineData("*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?c", true)]
    [InlineData("*[a]*[a]*[a]*[a]*[a]*[a]*[a]*[a]*[a]*[a]*[a]*[a]*[a]*[a]*[a]*[a]c", false)]
    [InlineData("a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*c", true)]
    public void IsMatch_AdversarialStarsOnLongRun_ReturnsFalseWithoutBlowingUp(string pattern, bool pathName)
    {
        Assert.False(RunWithDeadline(() => Wildmatch.IsMatch(pattern, LongRun, pathName)));
    }

    [Theory]
    [InlineData("**/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a")]
    [InlineData("**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/c")]
    [InlineData("**/*a*a*a*a*/**/*a*a*a*a*/**/*a*a*a*a*/**/*a*a*a*a*/**/c")]
    [InlineData("*/**/*/**/*/**/*/**/*/**/*/**/*/**/*/**/c")]
    public void IsMatch_AdversarialDoubleStarsOnDeepPath_ReturnsFalseWithoutBlowingUp(string pattern)
    {
        Assert.False(RunWithDeadline(() => Wildmatch.IsMatch(pattern, DeepPath, pathName: true)));
    }

    [Theory]
    [InlineData("**/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a")]
    [InlineData("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a")]
    [InlineData("**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/c")]
    [InlineData("a**/**/a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a/c")]
    public void Matches_AdversarialPatternOnDeepPath_ReturnsFalseWithoutBlowingUp(string text)
    {
        // PathPattern also tries every directory above the path, so this is the matcher times the depth.
        var pattern = PathPattern.Parse(text);
        Assert.False(RunWithDeadline(() => pattern.Matches(DeepPath)));
    }

    private static bool RunWithDeadline(Func<bool> match)
    {
        var task = Task.Run(match);
        Assert.True(task.Wait(Deadline), $"the match did not finish within {Deadline.TotalSeconds} s: exponential backtracking?");
        return task.Result;
    }
}
