using System.CommandLine;

namespace ScopeGuard.Cli.Agents;

/// <summary><c>scopeguard agent</c>: one branch and worktree per agent (new, list, remove).</summary>
internal sealed class AgentCommand : Command
{
    public AgentCommand(CliContext context)
        : base("agent", "Agent workspaces: a branch and a worktree per agent, bound to it by worktree config.")
    {
        Subcommands.Add(new AgentNewCommand(context));
        Subcommands.Add(new AgentListCommand(context));
        Subcommands.Add(new AgentRemoveCommand(context));
    }
}
