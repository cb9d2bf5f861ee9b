using System.IO;
using System.Linq;
using ScopeGuard.Core.Json;
using ScopeGuard.Core.Manifest;

namespace ScopeGuard.Core.Tests.Manifest;

public sealed class SchemaConsistencyTests
{
    private static readonly JsonNode Schema = JsonReader.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "schemas", "scopes.schema.json")));

    private static JsonNode Member(JsonNode node, params string[] path)
    {
        foreach (var name in path)
        {
            node = node.Members.Single(m => m.Name == name).Value;
        }

        return node;
    }

    private static string[] PropertyNames(params string[] path) =>
        Member(Schema, path).Members.Select(m => m.Name).Order().ToArray();

    [Fact]
    public void Schema_RootProperties_MatchTheLoader() =>
        Assert.Equal(ManifestLoader.RootKeys.Order(), PropertyNames("properties"));

    [Fact]
    public void Schema_SettingsProperties_MatchTheLoader() =>
        Assert.Equal(ManifestLoader.SettingsKeys.Order(), PropertyNames("definitions", "settings", "properties"));

    [Fact]
    public void Schema_DefaultsProperties_MatchTheLoader() =>
        Assert.Equal(ManifestLoader.DefaultsKeys.Order(), PropertyNames("definitions", "settings", "properties", "defaults", "properties"));

    [Fact]
    public void Schema_AgentProperties_MatchTheLoader() =>
        Assert.Equal(ManifestLoader.AgentKeys.Order(), PropertyNames("definitions", "agent", "properties"));

    [Fact]
    public void Schema_SymbolProperties_MatchTheLoader() =>
        Assert.Equal(ManifestLoader.SymbolKeys.Order(), PropertyNames("definitions", "symbols", "properties"));

    [Fact]
    public void Schema_DefaultProtectedPaths_AreDocumented()
    {
        var description = Member(Schema, "definitions", "settings", "properties", "protectedPaths", "description").Text;

        foreach (var path in ManifestSettings.DefaultProtectedPaths)
        {
            Assert.Contains(path, description);
        }
    }
}
