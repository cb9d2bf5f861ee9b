using System;
using System.CommandLine;
using System.Linq;
using ScopeGuard.Cli.Agents;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary><c>scopeguard explain --agent NAME | --all</c>: the scope card, for an agent's instruction file.</summary>
internal sealed class ExplainCommand : Command
{
    public ExplainCommand(CliContext context)
        : base("explain", "Print an agent's scope card: what it may change, what is protected, and how its commits are checked, in Markdown for AGENTS.md or CLAUDE.md (or JSON).")
    {
        Options.Add(AgentOption);
        Options.Add(All);
        Options.Add(Format);
        Options.Add(ManifestOption);
        Validators.Add(result =>
        {
            var agent = result.GetResult(AgentOption)?.Tokens.Count > 0;
            var all = result.GetResult(All) is { Implicit: false };
            if (agent == all)
            {
                result.AddError(agent ? "name one agent with --agent, or use --all, not both" : "name an agent with --agent NAME, or use --all for every agent");
            }
        });
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<string?> AgentOption { get; } = CommonOptions.Agent("The agent whose scope card to print.");

    internal Option<bool> All { get; } = new("--all")
    {
        Description = "Print the card of every agent in the manifest, in the order it declares them.",
    };

    internal Option<string> Format { get; } = CommonOptions.Format("markdown", "json");

    internal Option<string?> ManifestOption { get; } = CommonOptions.Manifest();

    private int Execute(ParseResult parseResult, CliContext context)
    {
        var manifestOption = parseResult.GetValue(ManifestOption);
        var json = parseResult.GetValue(Format) == "json";
        GitWorkspace? workspace = null;
        try
        {
            try
            {
                workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
            }
            catch (ScopeGuardException) when (manifestOption is not null)
            {
                // A manifest file can be explained anywhere; the card then names no worktree.
            }

            var (load, _, label) = ManifestSource.LoadForQuery(manifestOption, workspace, context.CurrentDirectory);
            if (load.Manifest is null)
            {
                return ReportEmitter.ReportManifestErrors(context, load, label, "explain", json);
            }

            var manifest = load.Manifest;
            var names = parseResult.GetValue(All) ? manifest.Agents.Select(a => a.Name).ToList() : [parseResult.GetValue(AgentOption)!.Trim()];
            var cards = names.Select(n => ScopeCard.Create(manifest, n, FactsHere(manifest, n, workspace))).ToList();
            if (json)
            {
                if (parseResult.GetValue(All))
                {
                    JsonOutput.Write(context.Output, w =>
                    {
                        w.WriteStartObject();
                        w.WriteNumber("version", ScopeCard.JsonVersion);
                        w.WriteStartArray("agents");
                        foreach (var card in cards)
                        {
                            card.WriteJson(w);
                        }

                        w.WriteEndArray();
                        w.WriteEndObject();
                    });
                }
                else
                {
                    context.Output.Write(cards[0].ToJson());
                }
            }
            else
            {
                context.Output.Write(string.Join("\n", cards.Select(c => c.ToMarkdown())));
            }

            return ExitCodes.Success;
        }
        finally
        {
            workspace?.Dispose();
        }
    }

    // The branch and worktree belong on the card when this worktree is the agent's: its worktree
    // config (or SCOPEGUARD_AGENT) names the agent, or its branch is one of the agent's branches.
    private static ScopeCardFacts FactsHere(ScopeManifest manifest, string name, GitWorkspace? workspace)
    {
        if (workspace is null || manifest.FindAgent(name) is not { } agent)
        {
            return ScopeCardFacts.None;
        }

        var (configured, _) = workspace.ReadAgentConfig();
        var branch = workspace.Branch;
        var mine = string.Equals(configured?.Trim(), name, StringComparison.Ordinal)
            || (string.IsNullOrWhiteSpace(configured) && branch is not null && agent.Branches.Any(b => b.Pattern.Matches(branch)));
        return mine ? new ScopeCardFacts(branch, workspace.WorkTreeRoot) : ScopeCardFacts.None;
    }
}
