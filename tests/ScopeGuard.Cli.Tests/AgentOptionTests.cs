using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using ScopeGuard.Cli.Agents;
using ScopeGuard.Cli.Tests.Support;

namespace ScopeGuard.Cli.Tests;

/// <summary>The <c>agent</c> commands' arguments, option defaults and accepted values, parsed without running anything.</summary>
public sealed class AgentOptionTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly RootCommand root;

    public AgentOptionTests()
    {
        root = CliApp.Build(new CliContext(TextWriter.Null, TextWriter.Null, TextReader.Null, directory.Path, _ => null));
    }

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Agent_DeclaresNewListRemove()
    {
        var agent = root.Subcommands.OfType<AgentCommand>().Single();

        Assert.Equal(["new", "list", "remove"], agent.Subcommands.Select(c => c.Name).ToArray());
    }

    [Fact]
    public void AgentNew_NameIsRequired_BasePathAndClaudeDefaultToNothing()
    {
        var command = Sub<AgentNewCommand>();

        Assert.NotEmpty(root.Parse(["agent", "new"]).Errors);
        var parsed = root.Parse(["agent", "new", "billing"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("billing", parsed.GetValue(command.AgentName));
        Assert.Null(parsed.GetValue(command.Base));
        Assert.Null(parsed.GetValue(command.PathOption));
        Assert.False(parsed.GetValue(command.Claude));
    }

    [Fact]
    public void AgentNew_AllOptions_Parse()
    {
        var command = Sub<AgentNewCommand>();

        var parsed = root.Parse(["agent", "new", "docs", "--base", "origin/main", "--path", "../docs-wt", "--claude"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("origin/main", parsed.GetValue(command.Base));
        Assert.Equal("../docs-wt", parsed.GetValue(command.PathOption));
        Assert.True(parsed.GetValue(command.Claude));
    }

    [Fact]
    public void AgentList_FormatDefaultsToTextAndAcceptsOnlyTextOrJson()
    {
        var command = Sub<AgentListCommand>();

        Assert.Equal("text", root.Parse(["agent", "list"]).GetValue(command.Format));
        Assert.Equal("json", root.Parse(["agent", "list", "--format", "json"]).GetValue(command.Format));
        Assert.NotEmpty(root.Parse(["agent", "list", "--format", "sarif"]).Errors);
    }

    [Fact]
    public void AgentRemove_NameIsRequired_ForceAndDeleteBranchDefaultToFalse()
    {
        var command = Sub<AgentRemoveCommand>();

        Assert.NotEmpty(root.Parse(["agent", "remove"]).Errors);
        var plain = root.Parse(["agent", "remove", "docs"]);
        var both = root.Parse(["agent", "remove", "docs", "--force", "--delete-branch"]);

        Assert.Empty(plain.Errors);
        Assert.False(plain.GetValue(command.Force));
        Assert.False(plain.GetValue(command.DeleteBranch));
        Assert.True(both.GetValue(command.Force));
        Assert.True(both.GetValue(command.DeleteBranch));
    }

    [Fact]
    public void AgentNew_OutsideARepository_ExitsTwoWithOneLine()
    {
        var result = CliRunner.Run(directory.Path, "agent", "new", "billing");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("scopeguard: error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("is not inside a git repository", result.Error, StringComparison.Ordinal);
    }

    private T Sub<T>()
        where T : Command => root.Subcommands.OfType<AgentCommand>().Single().Subcommands.OfType<T>().Single();
}
