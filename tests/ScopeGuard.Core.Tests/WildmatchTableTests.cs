using ScopeGuard.Core.Patterns;

namespace ScopeGuard.Core.Tests;

public sealed class WildmatchTableTests
{
    [Theory]
    [InlineData("foo", "foo", true)]
    [InlineData("foo", "bar", false)]
    [InlineData("*", "foo", true)]
    [InlineData("*", "foo/bar", false)]
    [InlineData("**", "foo/bar", true)]
    [InlineData("foo/**/bar", "foo/bar", true)]
    [InlineData("foo/**/bar", "foo/a/b/bar", true)]
    [InlineData("a**b", "a/b", false)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[!a-c]x", "bx", false)]
    [InlineData("[]]", "]", true)]
    [InlineData("[[:digit:]]", "7", true)]
    [InlineData("\\*", "*", true)]
    [InlineData("\\*", "a", false)]
    [InlineData("?", "/", false)]
    public void IsMatch_PathNameMode_AgreesWithGit(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Wildmatch.IsMatch(pattern, text, pathName: true));
    }
}
