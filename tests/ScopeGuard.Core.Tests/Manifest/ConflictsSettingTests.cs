using ScopeGuard.Core.Manifest;

namespace ScopeGuard.Core.Tests.Manifest;

public sealed class ConflictsSettingTests
{
    [Theory]
    [InlineData("", ConflictPolicy.Warn)]
    [InlineData("\"settings\": { \"conflicts\": \"warn\" },", ConflictPolicy.Warn)]
    [InlineData("\"settings\": { \"conflicts\": \"block\" },", ConflictPolicy.Block)]
    public void Load_ConflictsSetting_IsReadWithWarnAsTheDefault(string settings, ConflictPolicy expected)
    {
        var result = ManifestLoader.Load($$"""{ "version": 1, {{settings}} "agents": { "a": { "paths": ["/a/"] } } }""", "scopes.json");

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Manifest!.Settings.Conflicts);
    }

    [Theory]
    [InlineData("\"sometimes\"", "settings.conflicts must be \"warn\" or \"block\", not \"sometimes\"")]
    [InlineData("true", "settings.conflicts")]
    public void Load_InvalidConflictsSetting_IsAnErrorAtTheValue(string value, string message)
    {
        var result = ManifestLoader.Load($$"""
            {
              "version": 1,
              "settings": { "conflicts": {{value}} },
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
