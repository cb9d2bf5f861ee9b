using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>
/// The agent workflow end to end, as a team would run it: a manifest for a repository with a realistic
/// CODEOWNERS, three agents set up with <c>agent new</c>, each committing in its own worktree through the
/// real hooks, one refused, <c>agent list</c> and <c>agent remove</c> on the result, a push that makes work
/// safe to remove, and the ways an agent might try to get past it.
/// </summary>
public sealed class AgentWorkflowTests
{
    internal const string Codeowners = """
        # Contoso: code owners. Later lines win.
        *                     @contoso/leads
        /src/Billing/         @contoso/billing
        /tests/Billing/       @contoso/billing
        /src/Shipping/        @contoso/shipping
        /tests/Shipping/      @contoso/shipping
        /docs/                @contoso/docs
        *.md                  @contoso/docs
        /.github/             @contoso/leads
        """;

    // A hand-written manifest for the same project (shipping with a wildcard branch), for the tests of single commands.
    internal const string Manifest = """
        {
          "version": 1,
          "settings": {
            "mode": "block",
            "baseBranch": "main",
            "unknownAgent": "allow",
            "protectedPaths": ["/scopes.json", "/.github/", "/CODEOWNERS"],
            "protectedBranches": ["main"]
          },
          "agents": {
            "billing": { "branches": ["agent/billing"], "paths": ["/src/Billing/", "/tests/Billing/"] },
            "shipping": { "branches": ["agent/shipping/*"], "paths": ["/src/Shipping/", "/tests/Shipping/"] },
            "docs": { "branches": ["agent/docs"], "paths": ["/docs/", "*.md"] }
          }
        }
        """;

    internal static readonly Dictionary<string, string> Files = new()
    {
        [".github/CODEOWNERS"] = Codeowners + "\n",
        ["README.md"] = "# Contoso\n",
        ["docs/index.md"] = "# Docs\n",
        ["src/Billing/Invoice.cs"] = "namespace Contoso.Billing;\n\npublic sealed class Invoice\n{\n}\n",
        ["tests/Billing/InvoiceTests.cs"] = "namespace Contoso.Billing.Tests;\n\npublic sealed class InvoiceTests\n{\n}\n",
        ["src/Shipping/Shipment.cs"] = "namespace Contoso.Shipping;\n\npublic sealed class Shipment\n{\n}\n",
        ["tests/Shipping/ShipmentTests.cs"] = "namespace Contoso.Shipping.Tests;\n\npublic sealed class ShipmentTests\n{\n}\n",
    };

    [Fact]
    public void Workflow_ThreeAgents_EachWorksInItsOwnWorktreeAndOnlyTheOutOfScopeCommitIsRefused()
    {
        // The first manifest comes from CODEOWNERS; a person reviews and commits it on main.
        using var repo = TempRepo.Empty();
        foreach (var (path, content) in Files)
        {
            repo.Write(path, content);
        }

        repo.CommitAll("Project and CODEOWNERS");
        var init = repo.Tool(repo.Path, "init", "--from-codeowners");
        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains("4 agent(s) from .github/CODEOWNERS", init.Stdout, StringComparison.Ordinal);
        repo.CommitAll("scopes.json from CODEOWNERS");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(repo.Path, "scopes.json")));
        var remote = repo.AddBareRemote();

        // Three agents, each set up by one command.
        var worktrees = new Dictionary<string, string>();
        foreach (var (agent, branch) in new[] { ("billing", "agent/billing"), ("shipping", "agent/shipping"), ("docs", "agent/docs") })
        {
            var created = repo.Tool(repo.Path, "agent", "new", agent);
            Assert.True(created.ExitCode == 0, created.ToString());
            var worktree = Path.Combine(repo.Root, "repo-" + agent);
            worktrees[agent] = worktree;
            Assert.Contains($"created branch {branch} from main", created.Stdout, StringComparison.Ordinal);
            Assert.Contains($"added the worktree {worktree}", created.Stdout, StringComparison.Ordinal);
            Assert.Equal(branch, repo.GitIn(worktree, "branch", "--show-current").Trim());
            Assert.Equal(agent, repo.GitIn(worktree, "config", "--worktree", "--get", "scopeguard.agent").Trim());
            Assert.True(File.Exists(Path.Combine(worktree, ".scopeguard", "SCOPE.md")), created.ToString());
            Assert.Equal(string.Empty, repo.GitIn(worktree, "status", "--porcelain", "--untracked-files=all"));

            var doctor = repo.ReadOnlyTool(worktree, "doctor");
            Assert.True(doctor.ExitCode == 0, doctor.ToString());
            Assert.Contains($"agent:     {agent}, because git config scopeguard.agent (worktree config) is \"{agent}\"", doctor.Stdout, StringComparison.Ordinal);
        }

        // The card in each worktree is explain's, run there, and says what the manifest says.
        foreach (var (agent, worktree) in worktrees)
        {
            var explain = repo.ReadOnlyTool(worktree, "explain", "--agent", agent);
            Assert.True(explain.ExitCode == 0, explain.ToString());
            Assert.Equal(explain.Stdout.TrimEnd('\n'), File.ReadAllText(Path.Combine(worktree, ".scopeguard", "SCOPE.md")).TrimEnd('\n'));
        }

        var card = File.ReadAllText(Path.Combine(worktrees["shipping"], ".scopeguard", "SCOPE.md"));
        var scope = manifest.RootElement.GetProperty("agents").GetProperty("shipping");
        Assert.Contains("# Scope of agent `shipping`", card, StringComparison.Ordinal);
        Assert.Contains("- Branch: `agent/shipping`", card, StringComparison.Ordinal);
        Assert.Contains($"- Worktree: `{worktrees["shipping"]}`", card, StringComparison.Ordinal);
        Assert.Contains("- `/src/Shipping/`: the folder src/Shipping and everything in it", card, StringComparison.Ordinal);
        foreach (var pattern in scope.GetProperty("paths").EnumerateArray().Concat(scope.GetProperty("deny").EnumerateArray())
            .Concat(manifest.RootElement.GetProperty("settings").GetProperty("protectedPaths").EnumerateArray()))
        {
            Assert.Contains($"`{pattern.GetString()}`", card, StringComparison.Ordinal);
        }

        Assert.Contains("Branches no agent may commit on: `main`.", card, StringComparison.Ordinal);
        Assert.Contains("scopeguard check --staged", card, StringComparison.Ordinal);
        Assert.DoesNotContain("/src/Billing/", card, StringComparison.Ordinal);

        // The main worktree is bound to no agent: the person there is not judged as one.
        Assert.NotEqual(0, repo.TryGit(repo.Path, null, "config", "--worktree", "--get", "scopeguard.agent").ExitCode);

        // Each agent commits in scope in its own worktree.
        repo.Append("src/Billing/Invoice.cs", "// billing work\n", worktrees["billing"]);
        var billingOk = repo.Commit(worktrees["billing"], "-a");
        repo.Append("src/Shipping/Shipment.cs", "// shipping work\n", worktrees["shipping"]);
        var shippingOk = repo.Commit(worktrees["shipping"], "-a");
        Assert.True(billingOk.ExitCode == 0, billingOk.ToString());
        Assert.True(shippingOk.ExitCode == 0, shippingOk.ToString());

        // Billing steps out of its scope: the real hook refuses; the others are unaffected.
        repo.Append("docs/index.md", "billing was here\n", worktrees["billing"]);
        var refused = repo.Commit(worktrees["billing"], "-a");
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("docs/index.md(1,1): error SG0001: agent 'billing'", refused.Output, StringComparison.Ordinal);
        repo.Append("docs/index.md", "docs work\n", worktrees["docs"]);
        var docsOk = repo.Commit(worktrees["docs"], "-a");
        Assert.True(docsOk.ExitCode == 0, docsOk.ToString());
        repo.GitIn(worktrees["billing"], "checkout", "--", "docs/index.md");

        // git add -A in a worktree never stages the scope card.
        repo.Write("src/Billing/Tax.cs", "namespace Contoso.Billing;\n\npublic static class Tax\n{\n}\n", worktrees["billing"]);
        repo.GitIn(worktrees["billing"], "add", "-A");
        var second = repo.Commit(worktrees["billing"]);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain(".scopeguard", repo.GitIn(worktrees["billing"], "ls-tree", "-r", "--name-only", "HEAD"), StringComparison.Ordinal);

        // agent list: what each branch did against main, and no findings (the refused commit never landed).
        var (list, report) = ListJson(repo, repo.Path);
        Assert.True(list.ExitCode == 0, list.ToString());
        var billing = Agent(report, "billing");
        Assert.Equal("agent/billing", billing.GetProperty("branch").GetString());
        Assert.Equal(worktrees["billing"], billing.GetProperty("worktree").GetString());
        Assert.Equal(2, billing.GetProperty("ahead").GetInt32());
        Assert.Equal(0, billing.GetProperty("behind").GetInt32());
        Assert.Equal(2, billing.GetProperty("filesChanged").GetInt32());
        Assert.Equal(0, billing.GetProperty("findings").GetArrayLength());
        Assert.Equal(1, Agent(report, "docs").GetProperty("ahead").GetInt32());

        // A commit past the hook (--no-verify) is what agent list reports, as the CI gate would: exit 1.
        repo.Append("README.md", "shipping notes\n", worktrees["shipping"]);
        repo.GitIn(worktrees["shipping"], "commit", "--quiet", "--no-verify", "-am", "past the hook");
        var (blocked, blockedReport) = ListJson(repo, repo.Path);
        Assert.True(blocked.ExitCode == 1, blocked.ToString());
        var shipping = Agent(blockedReport, "shipping");
        Assert.Equal(2, shipping.GetProperty("ahead").GetInt32());
        Assert.Equal(2, shipping.GetProperty("filesChanged").GetInt32());
        var finding = Assert.Single(shipping.GetProperty("findings").EnumerateArray());
        Assert.Equal("SG0001", finding.GetProperty("id").GetString());
        Assert.Equal("README.md", finding.GetProperty("path").GetString());
        Assert.Equal(0, Agent(blockedReport, "billing").GetProperty("findings").GetArrayLength());
        var text = repo.ReadOnlyTool(repo.Path, "agent", "list");
        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.Contains($"shipping  agent/shipping; {worktrees["shipping"]}; 2 ahead, 0 behind; 2 file(s) changed; blocked (1 error(s), 0 warning(s))", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("    README.md(1,1): error SG0001: agent 'shipping'", text.Stdout, StringComparison.Ordinal);

        // agent remove refuses while billing's commits exist nowhere else, and changes nothing.
        var unpushed = repo.Tool(repo.Path, "agent", "remove", "billing");
        Assert.True(unpushed.ExitCode == 2, unpushed.ToString());
        Assert.Contains("agent/billing has 2 commit(s) that are neither on main nor on any remote-tracking branch", unpushed.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", unpushed.Stderr, StringComparison.Ordinal);
        Assert.True(Directory.Exists(worktrees["billing"]));

        // Pushed, the work is safe: the worktree goes, the branch stays.
        var push = repo.TryGit(worktrees["billing"], null, "push", "--quiet", "origin", "agent/billing");
        Assert.True(push.ExitCode == 0, push.ToString());
        var removed = repo.Tool(repo.Path, "agent", "remove", "billing");
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.False(Directory.Exists(worktrees["billing"]));
        Assert.DoesNotContain(worktrees["billing"], repo.Git("worktree", "list"), StringComparison.Ordinal);
        Assert.Equal("agent/billing", repo.Git("branch", "--list", "agent/billing").Trim().TrimStart('+', '*', ' '));

        // Uncommitted work is refused too; --force and --delete-branch remove worktree and branch.
        repo.Write("docs/draft.md", "draft\n", worktrees["docs"]);
        var dirty = repo.Tool(repo.Path, "agent", "remove", "docs", "--delete-branch");
        Assert.True(dirty.ExitCode == 2, dirty.ToString());
        Assert.Contains("has 1 uncommitted change(s) (docs/draft.md)", dirty.Stderr, StringComparison.Ordinal);
        Assert.True(Directory.Exists(worktrees["docs"]));
        var forced = repo.Tool(repo.Path, "agent", "remove", "docs", "--force", "--delete-branch");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.False(Directory.Exists(worktrees["docs"]));
        Assert.Equal(string.Empty, repo.Git("branch", "--list", "agent/docs"));
        Assert.True(Directory.Exists(remote));
    }

    [Fact]
    public void Workflow_AgentTriesToRebindItself_CommitsAreStillJudgedAsItsOwnAgent()
    {
        using var repo = NewRepository();
        var created = repo.Tool(repo.Path, "agent", "new", "billing");
        Assert.True(created.ExitCode == 0, created.ToString());
        var worktree = Path.Combine(repo.Root, "repo-billing");
        repo.Append("docs/index.md", "billing was here\n", worktree);
        repo.GitIn(worktree, "add", "docs/index.md");

        // Repository-wide config (what plain 'git config' writes): the worktree's own binding wins.
        repo.GitIn(worktree, "config", "scopeguard.agent", "docs");
        var shared = repo.Commit(worktree);

        // Its own worktree config: another agent than its branch's, which the hook refuses to believe.
        repo.GitIn(worktree, "config", "--worktree", "scopeguard.agent", "docs");
        var rebound = repo.Commit(worktree);

        // The environment, likewise.
        repo.GitIn(worktree, "config", "--worktree", "scopeguard.agent", "billing");
        var environment = repo.CommitWith(worktree, new Dictionary<string, string?> { ["SCOPEGUARD_AGENT"] = "docs" });

        Assert.True(shared.ExitCode != 0, shared.ToString());
        Assert.Contains("docs/index.md(1,1): error SG0001: agent 'billing'", shared.Output, StringComparison.Ordinal);
        Assert.True(rebound.ExitCode != 0, rebound.ToString());
        Assert.Contains("agent/billing", rebound.Output, StringComparison.Ordinal);
        Assert.True(environment.ExitCode != 0, environment.ToString());
        Assert.Equal(repo.Head(repo.Path), repo.Head(worktree));
    }

    [Fact]
    public void Workflow_SecondAgentNewForTheSameAgent_RefusesClearlyAndChangesNothing()
    {
        using var repo = NewRepository();
        var first = repo.Tool(repo.Path, "agent", "new", "docs");
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = State(repo);

        var again = repo.Tool(repo.Path, "agent", "new", "docs");
        var elsewhere = repo.Tool(repo.Path, "agent", "new", "docs", "--path", Path.Combine(repo.Root, "other"));

        Assert.True(again.ExitCode == 2, again.ToString());
        Assert.Contains($"agent 'docs' already has a worktree at '{Path.Combine(repo.Root, "repo-docs")}' (branch agent/docs); nothing was created", again.Stderr, StringComparison.Ordinal);
        Assert.True(elsewhere.ExitCode == 2, elsewhere.ToString());
        Assert.False(Directory.Exists(Path.Combine(repo.Root, "other")));
        Assert.Equal(before, State(repo));
    }

    internal static TempRepo NewRepository(string manifest = Manifest)
    {
        var repo = TempRepo.Empty();
        repo.Write("scopes.json", manifest);
        foreach (var (path, text) in Files)
        {
            repo.Write(path, text);
        }

        repo.CommitAll("Project, CODEOWNERS and scopes.json");
        return repo;
    }

    /// <summary>Branches, worktrees, the shared config and info/exclude: what agent new may change.</summary>
    internal static string State(TempRepo repo) =>
        string.Join(
            "\n---\n",
            repo.Git("for-each-ref", "--format=%(refname) %(objectname)"),
            repo.Git("worktree", "list", "--porcelain"),
            File.ReadAllText(Path.Combine(repo.Path, ".git", "config")),
            ReadOrNone(Path.Combine(repo.Path, ".git", "info", "exclude")),
            ReadOrNone(Path.Combine(repo.Path, ".git", "config.worktree")),
            string.Join(",", Directory.GetFileSystemEntries(repo.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal)),
            string.Join(",", Directory.GetFiles(Path.Combine(repo.Path, ".git", "hooks")).Select(Path.GetFileName).Order(StringComparer.Ordinal)));

    private static string ReadOrNone(string file) => File.Exists(file) ? File.ReadAllText(file) : "(none)";

    private static (ProcessResult Result, JsonElement Report) ListJson(TempRepo repo, string directory)
    {
        var result = repo.ReadOnlyTool(directory, "agent", "list", "--format", "json");
        using var document = JsonDocument.Parse(result.Stdout);
        return (result, document.RootElement.Clone());
    }

    private static JsonElement Agent(JsonElement report, string name) =>
        report.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("name").GetString() == name);
}
