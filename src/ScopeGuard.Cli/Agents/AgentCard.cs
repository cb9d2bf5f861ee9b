using ScopeGuard.Core.Manifest;

namespace ScopeGuard.Cli.Agents;

/// <summary>The scope card <c>agent new</c> writes into the worktree.</summary>
internal static class AgentCard
{
    // Interim until the scope card renderer (explain) lands: a pointer to it, not a card of its own.
    public static string Render(ScopeManifest manifest, AgentScope agent, string branch, string worktree) =>
        $"# Scope of agent {agent.Name}\n\nBranch: {branch}\nWorktree: {worktree}\n\nRun `scopeguard explain --agent {agent.Name}` for what this agent may change; `scopeguard check --staged` before committing.\n";
}
