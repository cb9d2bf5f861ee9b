using System;
using System.Linq;
using ScopeGuard.Core.Patterns;

namespace ScopeGuard.Core.Tests;

/// <summary>
/// Patterns that make a naive backtracking matcher take exponential time. Not timed tests: each
/// counts the matcher's attempts (<see cref="Wildmatch.Attempts"/>: one per match and one per place a
/// star tries) against a bound polynomial in the lengths, and the matcher stops with an exception when
/// it passes the bound (<see cref="Wildmatch.AttemptLimit"/>), so a blow-up fails at a known amount of
/// work instead of running on. The verdict is the count, on any machine under any load.
/// </summary>
public sealed class WildmatchBacktrackingTests
{
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
        Assert.False(Counted(pattern, LongRun, () => Wildmatch.IsMatch(pattern, LongRun, pathName)));
    }

    [Theory]
    [InlineData("**/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a")]
    [InlineData("**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/c")]
    [InlineData("**/*a*a*a*a*/**/*a*a*a*a*/**/*a*a*a*a*/**/*a*a*a*a*/**/c")]
    [InlineData("*/**/*/**/*/**/*/**/*/**/*/**/*/**/*/**/c")]
    public void IsMatch_AdversarialDoubleStarsOnDeepPath_ReturnsFalseWithoutBlowingUp(string pattern)
    {
        Assert.False(Counted(pattern, DeepPath, () => Wildmatch.IsMatch(pattern, DeepPath, pathName: true)));
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
        var depth = DeepPath.Count(c => c == '/') + 1;
        Assert.False(Counted(text, DeepPath, () => pattern.Matches(DeepPath), times: depth));
    }

    [Fact]
    public void Attempts_CountBacktracking_SoTheBoundAboveCanFail()
    {
        // The measure itself: a star retries at every place its literal occurs (40 'a's, each followed
        // by an 'a' where the pattern wants 'b'), against a literal pattern's single attempt. Without this
        // the bound could pass vacuously.
        var text = new string('a', 40) + "x";
        var literal = Attempts(() => Wildmatch.IsMatch("aaaab", "aaaaa", pathName: false));
        var star = Attempts(() => Wildmatch.IsMatch("*ab", text, pathName: false));
        Assert.Equal(1, literal);
        Assert.True(star >= 40, $"{star} attempts");

        // And the limit stops a match that needs more.
        Wildmatch.AttemptLimit = Wildmatch.Attempts + 10;
        try
        {
            Assert.Throws<InvalidOperationException>(() => Wildmatch.IsMatch("*ab", text, pathName: false));
        }
        finally
        {
            Wildmatch.AttemptLimit = 0;
        }
    }

    // Runs the match with its attempts limited to pattern length × (text length + 1) × TIMES, what a
    // matcher that never retries a star at the same place twice needs at most; TIMES covers a caller that
    // matches several tails (PathPattern: one per directory). Past the limit the matcher throws.
    private static bool Counted(string pattern, string text, Func<bool> match, int times = 1)
    {
        var bound = (long)pattern.Length * (text.Length + 1) * times;
        var before = Wildmatch.Attempts;
        Wildmatch.AttemptLimit = before + bound;
        try
        {
            return match();
        }
        catch (InvalidOperationException ex)
        {
            Assert.Fail($"{ex.Message} for a {pattern.Length}-byte pattern on {text.Length} bytes: backtracking blows up");
            throw;
        }
        finally
        {
            Wildmatch.AttemptLimit = 0;
        }
    }

    private static long Attempts(Func<bool> match)
    {
        var before = Wildmatch.Attempts;
        match();
        return Wildmatch.Attempts - before;
    }
}
