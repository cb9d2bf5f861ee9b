using ScopeGuard.Core.Manifest;

namespace ScopeGuard.Core.Tests.Manifest;

public sealed class ScopeCardSettingTests
{
    [Theory]
    [InlineData("", ".scopeguard/SCOPE.md")]
    [InlineData("\"settings\": { \"scopeCard\": \"docs/agent/SCOPE.md\" },", "docs/agent/SCOPE.md")]
    [InlineData("\"settings\": { \"scopeCard\": \"AGENT-SCOPE.md\" },", "AGENT-SCOPE.md")]
    [InlineData("\"settings\": { \"scopeCard\": \".github-free/my card.md\" },", ".github-free/my card.md")]
    public void Load_ScopeCardSetting_IsReadWithTheDefaultWhenAbsent(string settings, string expected)
    {
        var result = ManifestLoader.Load($$"""{ "version": 1, {{settings}} "agents": { "a": { "paths": ["/a/"] } } }""", "scopes.json");

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Manifest!.Settings.ScopeCard);
    }

    [Theory]
    [InlineData("\"\"", "settings.scopeCard \"\" is empty")]
    [InlineData("\"/SCOPE.md\"", "is absolute")]
    [InlineData("\"C:/SCOPE.md\"", "is absolute")]
    [InlineData("\"docs\\\\SCOPE.md\"", "holds a backslash")]
    [InlineData("\"../SCOPE.md\"", "climbs out with '..'")]
    [InlineData("\"./SCOPE.md\"", "has an empty or '.' folder")]
    [InlineData("\".git/SCOPE.md\"", "goes through a .git folder")]
    [InlineData("\"a/.Git/SCOPE.md\"", "goes through a .git folder")]
    [InlineData("\"docs/\"", "ends with '/'")]
    [InlineData("\"docs/[ab].md\"", "holds '['")]
    [InlineData("\"SCOPE.md \"", "ends with a space")]
    [InlineData("\"a\\tb.md\"", "holds a control character")]
    [InlineData("7", "settings.scopeCard")]
    public void Load_InvalidScopeCardSetting_IsAnErrorAtTheValue(string value, string message)
    {
        var result = ManifestLoader.Load($$"""
            {
              "version": 1,
              "settings": { "scopeCard": {{value}} },
              "agents": { "a": { "paths": ["/a/"] } }
            }
            """, "scopes.json");

        Assert.Null(result.Manifest);
        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Position.Line);
        Assert.Equal(30, error.Position.Column);
        Assert.Contains(message, error.Message, System.StringComparison.Ordinal);
    }
}
