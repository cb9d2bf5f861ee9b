using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using ScopeGuard.Cli.Commands;
using ScopeGuard.Cli.Tests.Support;

namespace ScopeGuard.Cli.Tests;

/// <summary>Option arity, defaults and accepted values of every command, parsed without running anything.</summary>
public sealed class OptionTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly RootCommand root;

    public OptionTests()
    {
        root = CliApp.Build(new CliContext(TextWriter.Null, TextWriter.Null, TextReader.Null, directory.Path, _ => null));
    }

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Root_DeclaresEveryCommand()
    {
        Assert.Equal(
            ["check", "which", "symbols", "lint", "install", "uninstall", "doctor", "demo", "baseline", "explain", "init", "guard", "agent", "conflicts", "impact"],
            root.Subcommands.Select(c => c.Name).ToArray());
    }

    [Fact]
    public void Conflicts_FormatDefaultsToText_StagedAndPrePushExcludeEachOther_AgentNeedsWorkInProgress()
    {
        var conflicts = Command<ConflictsCommand>();

        Assert.Equal("text", root.Parse(["conflicts"]).GetValue(conflicts.Format));
        Assert.Empty(root.Parse(["conflicts", "--base", "main", "--agents", "a,b", "--format", "markdown"]).Errors);
        Assert.NotEmpty(root.Parse(["conflicts", "--format", "github"]).Errors);
        Assert.NotEmpty(root.Parse(["conflicts", "--staged", "--pre-push"]).Errors);
        Assert.NotEmpty(root.Parse(["conflicts", "--agent", "a"]).Errors);
        Assert.NotEmpty(root.Parse(["conflicts", "--remote", "origin"]).Errors);
        Assert.Empty(root.Parse(["conflicts", "--staged", "--agent", "a"]).Errors);
    }

    [Fact]
    public void Baseline_OutputIsRequired_UnderRepeats_RestDefaultsToNothing()
    {
        var baseline = Command<BaselineCommand>();

        Assert.NotEmpty(root.Parse(["baseline"]).Errors);
        var parsed = root.Parse(["baseline", "--output", "obj/b", "--under", "src/A", "--under", "src/B"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("obj/b", parsed.GetValue(baseline.OutputFile));
        Assert.Equal(["src/A", "src/B"], parsed.GetValue(baseline.Under)!);
        Assert.Null(parsed.GetValue(baseline.Base));
        Assert.Null(parsed.GetValue(baseline.AgentOption));
        Assert.Null(parsed.GetValue(baseline.Inputs));
        Assert.Null(parsed.GetValue(baseline.AgentOutput));
    }

    [Fact]
    public void Check_NoOptions_DefaultsToStagedTextWithoutModeOrAgent()
    {
        var check = Command<CheckCommand>();

        var parsed = root.Parse(["check"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(["text"], parsed.GetValue(check.Format)!);
        Assert.False(parsed.GetValue(check.Staged));
        Assert.Null(parsed.GetValue(check.Base));
        Assert.Equal("HEAD", parsed.GetValue(check.Head));
        Assert.False(parsed.GetValue(check.PrePush));
        Assert.Equal("base", parsed.GetValue(check.ManifestFrom));
        Assert.False(parsed.GetValue(check.PerCommit));
        Assert.Null(parsed.GetValue(check.Mode));
        Assert.Null(parsed.GetValue(check.AgentOption));
        Assert.Empty(parsed.GetValue(check.OutputFile) ?? []);
        Assert.Null(parsed.GetValue(check.ManifestOption));
    }

    [Fact]
    public void Check_OptionArity_FlagsTakeNoValueAndValuedOptionsTakeOnePerOccurrence()
    {
        var check = Command<CheckCommand>();

        Assert.Equal(ArgumentArity.ZeroOrOne, check.Staged.Arity);
        Assert.Equal(ArgumentArity.ZeroOrOne, check.PrePush.Arity);
        Assert.Equal(ArgumentArity.ZeroOrOne, check.PerCommit.Arity);
        Assert.Equal(ArgumentArity.ExactlyOne, check.Base.Arity);
        Assert.Equal(ArgumentArity.ExactlyOne, check.Head.Arity);
        Assert.Equal(ArgumentArity.ExactlyOne, check.ManifestFrom.Arity);
        Assert.Equal(ArgumentArity.ExactlyOne, check.AgentOption.Arity);
        Assert.Equal(ArgumentArity.ExactlyOne, check.Mode.Arity);
        Assert.Equal(ArgumentArity.ExactlyOne, check.ManifestOption.Arity);
        Assert.False(check.Format.AllowMultipleArgumentsPerToken);
        Assert.False(check.OutputFile.AllowMultipleArgumentsPerToken);
        Assert.True(check.Format.HasDefaultValue);
        Assert.False(check.Mode.HasDefaultValue);
    }

    [Fact]
    public void Check_AllOptions_AreParsed()
    {
        var check = Command<CheckCommand>();

        var parsed = root.Parse(["check", "--staged", "--format", "json", "--output", "r.json", "--format", "sarif", "--agent", "billing", "--mode", "warn", "--manifest", "m.json"]);

        Assert.Empty(parsed.Errors);
        Assert.True(parsed.GetValue(check.Staged));
        Assert.Equal(["json", "sarif"], parsed.GetValue(check.Format)!);
        Assert.Equal(["r.json"], parsed.GetValue(check.OutputFile)!);
        Assert.Equal("billing", parsed.GetValue(check.AgentOption));
        Assert.Equal(ScopeGuard.Core.Manifest.ScopeMode.Warn, parsed.GetValue(check.Mode));
        Assert.Equal("m.json", parsed.GetValue(check.ManifestOption));
    }

    [Fact]
    public void Check_RangeOptions_AreParsedWithBase()
    {
        var check = Command<CheckCommand>();

        var parsed = root.Parse(["check", "--base", "main", "--head", "feature", "--manifest-from", "head", "--per-commit"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("main", parsed.GetValue(check.Base));
        Assert.Equal("feature", parsed.GetValue(check.Head));
        Assert.Equal("head", parsed.GetValue(check.ManifestFrom));
        Assert.True(parsed.GetValue(check.PerCommit));
    }

    [Theory]
    [InlineData("block", ScopeGuard.Core.Manifest.ScopeMode.Block)]
    [InlineData("warn", ScopeGuard.Core.Manifest.ScopeMode.Warn)]
    public void Check_ModeBlockOrWarn_IsParsedIntoTheMode(string mode, ScopeGuard.Core.Manifest.ScopeMode expected)
    {
        var check = Command<CheckCommand>();

        var parsed = root.Parse(["check", "--mode", mode]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(expected, parsed.GetValue(check.Mode));
    }

    [Theory]
    [InlineData("check", "--format", "xml")]
    [InlineData("check", "--format", "html")]
    [InlineData("check", "--format", "JSON")]
    [InlineData("check", "--format")]
    [InlineData("check", "--mode", "off")]
    [InlineData("check", "--mode", "Block")]
    [InlineData("check", "--mode")]
    [InlineData("check", "--agent")]
    [InlineData("check", "--output")]
    [InlineData("check", "--manifest")]
    [InlineData("check", "--bogus")]
    [InlineData("check", "--base")]
    [InlineData("check", "--base", "main", "--staged")]
    [InlineData("check", "--head", "HEAD")]
    [InlineData("check", "--manifest-from", "head")]
    [InlineData("check", "--base", "main", "--manifest-from", "tip")]
    [InlineData("check", "extra-argument")]
    [InlineData("which")]
    [InlineData("which", "a", "--format", "xml")]
    [InlineData("which", "a", "--agent")]
    [InlineData("which", "a", "--bogus")]
    [InlineData("which", "a", "--symbol")]
    [InlineData("which", "a", "--symbol", "T:X", "--format")]
    [InlineData("which", "a", "--symbol", "T:X", "--format", "json")]
    [InlineData("symbols")]
    [InlineData("symbols", "a.cs", "--format", "xml")]
    [InlineData("lint", "--format", "yaml")]
    [InlineData("lint", "--manifest")]
    [InlineData("lint", "stray")]
    [InlineData("install", "--bogus")]
    [InlineData("install", "here")]
    [InlineData("uninstall", "--force")]
    [InlineData("doctor", "--agent")]
    [InlineData("doctor", "--format", "json")]
    [InlineData("demo", "--directory")]
    [InlineData("demo", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData("--bogus")]
    public void Run_InvalidCommandLine_ExitsTwoWithUsageHint(params string[] args)
    {
        var result = CliRunner.Run(directory.Path, args);

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.StartsWith("scopeguard: error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("Run 'scopeguard --help' for usage.", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void Check_FormatXml_NamesTheRejectedValueAndTheAcceptedOnes()
    {
        var result = CliRunner.Run(directory.Path, "check", "--format", "xml");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("'xml'", result.Error, StringComparison.Ordinal);
        Assert.Contains("'text'", result.Error, StringComparison.Ordinal);
        Assert.Contains("'json'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Which_PathsOrSymbol_AtLeastOneIsRequired()
    {
        var which = Command<WhichCommand>();

        Assert.Equal(ArgumentArity.ZeroOrMore, which.Paths.Arity);
        Assert.Contains(root.Parse(["which"]).Errors, e => e.Message == "name at least one path, or a symbol with --symbol");
        Assert.Empty(root.Parse(["which", "a"]).Errors);
        Assert.Empty(root.Parse(["which", "--symbol", "T:Contoso.Billing.Invoice"]).Errors);
    }

    [Fact]
    public void Which_NoArguments_ExitsTwoSayingWhatIsMissing()
    {
        var result = CliRunner.Run(directory.Path, "which");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Contains("name at least one path, or a symbol with --symbol", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Symbols_FilesArgument_RequiresAtLeastOneAndFormatDefaultsToText()
    {
        var symbols = Command<SymbolsCommand>();

        var parsed = root.Parse(["symbols", "a.cs"]);

        Assert.Equal(ArgumentArity.OneOrMore, symbols.Files.Arity);
        Assert.Empty(parsed.Errors);
        Assert.Equal("text", parsed.GetValue(symbols.Format));
        Assert.NotEmpty(root.Parse(["symbols"]).Errors);
    }

    [Fact]
    public void Which_NoOptions_DefaultsToTextForAllAgents()
    {
        var which = Command<WhichCommand>();

        var parsed = root.Parse(["which", "a", "b/c", "-"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(["a", "b/c", "-"], parsed.GetValue(which.Paths)!);
        Assert.Equal("text", parsed.GetValue(which.Format));
        Assert.Null(parsed.GetValue(which.AgentOption));
        Assert.Null(parsed.GetValue(which.ManifestOption));
        Assert.Equal(ArgumentArity.ExactlyOne, which.AgentOption.Arity);
    }

    [Fact]
    public void Which_OptionsAfterPaths_AreOptionsNotPaths()
    {
        var which = Command<WhichCommand>();

        var parsed = root.Parse(["which", "a", "--agent", "billing", "b", "--format", "json"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(["a", "b"], parsed.GetValue(which.Paths)!);
        Assert.Equal("billing", parsed.GetValue(which.AgentOption));
        Assert.Equal("json", parsed.GetValue(which.Format));
    }

    [Fact]
    public void Lint_NoOptions_DefaultsToTextAndRepositoryManifest()
    {
        var lint = Command<LintCommand>();

        var parsed = root.Parse(["lint"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("text", parsed.GetValue(lint.Format));
        Assert.Null(parsed.GetValue(lint.ManifestOption));
        Assert.Empty(lint.Arguments);
    }

    [Fact]
    public void Install_NoOptions_NeitherForcesNorChains()
    {
        var install = Command<InstallCommand>();

        var parsed = root.Parse(["install"]);

        Assert.Empty(parsed.Errors);
        Assert.False(parsed.GetValue(install.Force));
        Assert.False(parsed.GetValue(install.Chain));
        Assert.Equal(ArgumentArity.ZeroOrOne, install.Force.Arity);
        Assert.Equal(ArgumentArity.ZeroOrOne, install.Chain.Arity);
        Assert.Empty(install.Arguments);
    }

    [Fact]
    public void Install_ForceAndChainFlags_AreParsed()
    {
        var install = Command<InstallCommand>();

        var parsed = root.Parse(["install", "--force", "--chain"]);

        Assert.Empty(parsed.Errors);
        Assert.True(parsed.GetValue(install.Force));
        Assert.True(parsed.GetValue(install.Chain));
    }

    [Fact]
    public void Uninstall_TakesNoOptionsOrArguments()
    {
        var uninstall = Command<UninstallCommand>();

        Assert.All(uninstall.Options, o => Assert.IsType<System.CommandLine.Help.HelpOption>(o));
        Assert.Empty(uninstall.Arguments);
    }

    [Fact]
    public void Doctor_NoOptions_HasNoAgentOrManifest()
    {
        var doctor = Command<DoctorCommand>();

        var parsed = root.Parse(["doctor", "--agent", "docs"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("docs", parsed.GetValue(doctor.AgentOption));
        Assert.Null(parsed.GetValue(doctor.ManifestOption));
        Assert.Equal(ArgumentArity.ExactlyOne, doctor.AgentOption.Arity);
    }

    [Fact]
    public void Demo_NoOptions_NeitherKeepsNorUsesADirectory()
    {
        var demo = Command<DemoCommand>();

        var parsed = root.Parse(["demo"]);

        Assert.Empty(parsed.Errors);
        Assert.False(parsed.GetValue(demo.Keep));
        Assert.Null(parsed.GetValue(demo.Directory));
        Assert.Equal(ArgumentArity.ExactlyOne, demo.Directory.Arity);
    }

    [Fact]
    public void Demo_NonEmptyDirectory_ExitsTwoAndLeavesItAlone()
    {
        var marker = directory.Write("keep.txt", "mine");

        var result = CliRunner.Run(directory.Path, "demo", "--directory", ".");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Contains("is not empty", result.Error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(marker));
    }

    [Fact]
    public void Help_ListsTheCommandsAndExitsZero()
    {
        var result = CliRunner.Run(directory.Path, "--help");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        foreach (var command in new[] { "check", "which", "symbols", "lint", "install", "uninstall", "doctor", "demo" })
        {
            Assert.Contains(command, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_OutsideRepository_ExitsTwo()
    {
        var result = CliRunner.Run(directory.Path, "check", "--staged");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Contains("is not inside a git repository", result.Error, StringComparison.Ordinal);
    }

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
