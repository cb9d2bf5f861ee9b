using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using ScopeGuard.Cli.Commands;
using ScopeGuard.Cli.Tests.Support;

namespace ScopeGuard.Cli.Tests;

/// <summary>Option arity, defaults and accepted values of <c>explain</c> and <c>init</c>, parsed without running anything.</summary>
public sealed class AgentWorkspaceOptionTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly RootCommand root;

    public AgentWorkspaceOptionTests()
    {
        root = CliApp.Build(new CliContext(TextWriter.Null, TextWriter.Null, TextReader.Null, directory.Path, _ => null));
    }

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Explain_Agent_DefaultsToMarkdownWithoutManifest()
    {
        var explain = Command<ExplainCommand>();

        var parsed = root.Parse(["explain", "--agent", "billing"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("billing", parsed.GetValue(explain.AgentOption));
        Assert.False(parsed.GetValue(explain.All));
        Assert.Equal("markdown", parsed.GetValue(explain.Format));
        Assert.Null(parsed.GetValue(explain.ManifestOption));
    }

    [Theory]
    [InlineData("explain", "--all", "--format", "text")]
    [InlineData("explain", "--agent")]
    [InlineData("explain")]
    [InlineData("explain", "--all", "--agent", "billing")]
    public void Explain_BadOptions_AreParseErrors(params string[] args) =>
        Assert.NotEmpty(root.Parse(args).Errors);

    [Fact]
    public void Explain_AllAsJson_Parses()
    {
        var explain = Command<ExplainCommand>();

        var parsed = root.Parse(["explain", "--all", "--format", "json"]);

        Assert.Empty(parsed.Errors);
        Assert.True(parsed.GetValue(explain.All));
        Assert.Equal("json", parsed.GetValue(explain.Format));
    }

    [Fact]
    public void Init_FromCodeOwners_TakesAnOptionalFile()
    {
        var init = Command<InitCommand>();

        var bare = root.Parse(["init", "--from-codeowners", "--force"]);
        var named = root.Parse(["init", "--from-codeowners", "owners.txt"]);

        Assert.Empty(bare.Errors);
        Assert.Null(bare.GetValue(init.FromCodeOwners));
        Assert.True(bare.GetValue(init.Force));
        Assert.Null(bare.GetValue(init.Base));
        Assert.Empty(named.Errors);
        Assert.Equal("owners.txt", named.GetValue(init.FromCodeOwners));
        Assert.False(named.GetValue(init.Force));
    }

    [Theory]
    [InlineData("init")]
    [InlineData("init", "--force")]
    [InlineData("init", "--agents-from-folders")]
    [InlineData("init", "--from-codeowners", "--agents-from-folders", "src")]
    public void Init_NoSourceOrBoth_AreParseErrors(params string[] args) =>
        Assert.NotEmpty(root.Parse(args).Errors);

    [Fact]
    public void Init_FromFoldersWithBase_Parses()
    {
        var init = Command<InitCommand>();

        var parsed = root.Parse(["init", "--agents-from-folders", "src", "--base", "trunk"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("src", parsed.GetValue(init.FromFolders));
        Assert.Equal("trunk", parsed.GetValue(init.Base));
    }

    private T Command<T>()
        where T : Command => root.Subcommands.OfType<T>().Single();
}
