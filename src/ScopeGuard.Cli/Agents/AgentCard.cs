using ScopeGuard.Core.Manifest;

namespace ScopeGuard.Cli.Agents;

/// <summary>The scope card <c>agent new</c> writes into the worktree: <c>explain</c>'s card, with the branch and worktree filled in.</summary>
internal static class AgentCard
{
    public static string Render(ScopeManifest manifest, AgentScope agent, string branch, string worktree) =>
        ScopeCard.Create(manifest, agent.Name, new ScopeCardFacts(branch, worktree)).ToMarkdown();
}
