using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>
/// <c>scopeguard guard</c> fed recorded pre-tool hook input (Claude Code's PreToolUse, and the other agents'
/// documented formats) by the real CLI process, in real repositories and worktrees: it allows and denies as
/// the manifest says, as the pre-commit hook would, and changes nothing.
/// </summary>
public sealed class GuardTests
{
    private const string Manifest = """
        {
          "version": 1,
          "settings": { "unknownAgent": "allow", "protectedPaths": ["/scopes.json", "/build/"], "protectedBranches": ["main", "release/*"] },
          "agents": {
            "billing": {
              "branches": ["agent/billing"],
              "paths": ["/src/Billing/"],
              "symbols": {
                "body": ["T:Contoso.Shared.SystemClock"],
                "readonly": ["N:Contoso.Billing.Contracts"]
              }
            },
            "docs": { "branches": ["agent/docs"], "paths": ["/docs/"] }
          }
        }
        """;

    private const string Clock = """
        namespace Contoso.Shared;

        public sealed class SystemClock
        {
            public int Ticks()
            {
                return 1;
            }
        }
        """;

    private const string Contract = """
        namespace Contoso.Billing.Contracts;

        public interface IInvoice
        {
            decimal Total { get; }
        }
        """;

    [Fact]
    public void Guard_ClaudeEditTools_AllowAndDenyAsTheManifestSays_AndChangeNothing()
    {
        using var repo = CreateRepo();
        var billing = repo.AddWorktree("agent/billing");
        var clock = Path.Combine(billing, "src/Shared/SystemClock.cs");

        var body = Guard(repo, billing, Claude("Edit", new JsonObject { ["file_path"] = clock, ["old_string"] = "return 1;", ["new_string"] = "return 2;" }, billing));
        var signature = Guard(repo, billing, Claude("Edit", new JsonObject { ["file_path"] = clock, ["old_string"] = "public int Ticks()", ["new_string"] = "public long Ticks()" }, billing));
        var newFile = Guard(repo, billing, Claude("Write", new JsonObject { ["file_path"] = "src/Billing/Refund.cs", ["content"] = "namespace Contoso.Billing;\n\npublic sealed class Refund { }\n" }, billing));
        var outside = Guard(repo, billing, Claude("Write", new JsonObject { ["file_path"] = "docs/notes.md", ["content"] = "# notes\n" }, billing));
        var readOnly = Guard(repo, billing, Claude("MultiEdit", new JsonObject
        {
            ["file_path"] = Path.Combine(billing, "src/Billing/Contracts/IInvoice.cs"),
            ["edits"] = new JsonArray(
                new JsonObject { ["old_string"] = "decimal Total { get; }", ["new_string"] = "decimal Total { get; }\n    decimal Tax { get; }" },
                new JsonObject { ["old_string"] = "interface", ["new_string"] = "interface", ["replace_all"] = true }),
        }, billing));
        var notebook = Guard(repo, billing, Claude("NotebookEdit", new JsonObject { ["notebook_path"] = Path.Combine(billing, "notebooks/explore.ipynb"), ["new_source"] = "1+1" }, billing));
        var notFound = Guard(repo, billing, Claude("Edit", new JsonObject { ["file_path"] = clock, ["old_string"] = "no such text", ["new_string"] = "public long Ticks()" }, billing));
        var unknownTool = Guard(repo, billing, Claude("WebFetch", new JsonObject { ["url"] = "https://example.com" }, billing));

        Allowed(body);
        Denied(signature, "SG0003", "M:Contoso.Shared.SystemClock.Ticks");
        Assert.Contains("only the bodies (not signatures) of T:Contoso.Shared.SystemClock", signature.Stderr, StringComparison.Ordinal);
        Allowed(newFile);
        Denied(outside, "SG0001", "docs/notes.md");
        Assert.Contains("Agent 'billing' may edit: paths /src/Billing/", outside.Stderr, StringComparison.Ordinal);
        Denied(readOnly, "SG0002", "P:Contoso.Billing.Contracts.IInvoice.Tax");
        Denied(notebook, "SG0001", "notebooks/explore.ipynb");
        Allowed(notFound); // the tool itself fails: nothing is written
        Allowed(unknownTool);
    }

    [Fact]
    public void Guard_SignatureEditTheHookWouldRefuse_IsRefusedAlikeBeforeItHappens()
    {
        using var repo = CreateRepo();
        var billing = repo.AddWorktree("agent/billing");
        var clock = Path.Combine(billing, "src/Shared/SystemClock.cs");
        var edit = Claude("Edit", new JsonObject { ["file_path"] = clock, ["old_string"] = "public int Ticks()", ["new_string"] = "public int Ticks(int scale)" }, billing);

        var guard = Guard(repo, billing, edit);
        File.WriteAllText(clock, File.ReadAllText(clock).Replace("public int Ticks()", "public int Ticks(int scale)", StringComparison.Ordinal));
        var commit = repo.Commit(billing, "-a");

        Denied(guard, "SG0003", "M:Contoso.Shared.SystemClock.Ticks");
        Assert.True(commit.ExitCode != 0 && commit.Output.Contains("SG0003", StringComparison.Ordinal), commit.ToString());
    }

    [Fact]
    public void Guard_ProtectedPathAndProtectedBranch_AreRefused()
    {
        using var repo = CreateRepo();
        var billing = repo.AddWorktree("agent/billing");
        repo.Git("config", "scopeguard.agent", "billing");

        var manifest = Guard(repo, billing, Claude("Write", new JsonObject { ["file_path"] = "scopes.json", ["content"] = "{}" }, billing));
        var onMain = Guard(repo, repo.Path, Claude("Write", new JsonObject { ["file_path"] = "src/Billing/A.cs", ["content"] = "class A { }\n" }, repo.Path));

        Denied(manifest, "SG0004", "scopes.json");
        Denied(onMain, "SG0005", "protected branch 'main'");
    }

    [Fact]
    public void Guard_IdentityFromWorktreeConfig_IsDecidedAsTheHookDecidesIt()
    {
        using var repo = CreateRepo();
        repo.Git("config", "extensions.worktreeConfig", "true");
        var bound = repo.AddWorktree("scratch-bound");
        var unbound = repo.AddWorktree("scratch-free");
        repo.GitIn(bound, "config", "--worktree", "scopeguard.agent", "docs");
        var write = (string worktree) => Claude("Write", new JsonObject { ["file_path"] = "src/Billing/Fee.cs", ["content"] = "class Fee { }\n" }, worktree);

        var asDocs = Guard(repo, bound, write(bound));
        var asNobody = Guard(repo, unbound, write(unbound));
        var asBillingByEnvironment = Guard(repo, unbound, write(unbound), new Dictionary<string, string?> { ["SCOPEGUARD_AGENT"] = "billing" });

        Denied(asDocs, "SG0001", "agent 'docs'");
        Allowed(asNobody); // unknownAgent: allow, as the hook
        Allowed(asBillingByEnvironment);
    }

    [Fact]
    public void Guard_ConfigNamingAnotherAgentThanTheBranchOwner_IsRefusedAsTheHookRefusesIt()
    {
        using var repo = CreateRepo();
        repo.Git("config", "extensions.worktreeConfig", "true");
        var billing = repo.AddWorktree("agent/billing");
        repo.GitIn(billing, "config", "--worktree", "scopeguard.agent", "docs");
        repo.Write("docs/index.md", "# Docs, edited\n", billing);

        var guard = Guard(repo, billing, Claude("Write", new JsonObject { ["file_path"] = "docs/index.md", ["content"] = "# Docs, edited\n" }, billing));
        var commit = repo.Commit(billing, "-a");

        Denied(guard, "belongs to agent \"billing\"");
        Assert.True(commit.ExitCode != 0 && commit.Output.Contains("belongs to agent \"billing\"", StringComparison.Ordinal), commit.ToString());
    }

    [Fact]
    public void Guard_Bash_RefusesCommandsThatPlainlyWriteOutOfScopeOrSidestepTheHooks()
    {
        using var repo = CreateRepo();
        var billing = repo.AddWorktree("agent/billing");
        var bash = (string command) => Guard(repo, billing, Claude("Bash", new JsonObject { ["command"] = command, ["description"] = "x" }, billing));

        Allowed(bash("ls -la && dotnet build 2>&1 | tail -5"));
        Allowed(bash("echo 'class B { }' > src/Billing/B.cs"));
        Allowed(bash("rm src/Billing/Invoice.cs"));
        Denied(bash("cat > docs/generated.md <<EOF\n# x\nEOF"), "SG0001", "docs/generated.md");
        Denied(bash("cd src && sed -i 's/Billing/Shipping/' Shared/SystemClock.cs"), "SG0001", "src/Shared/SystemClock.cs");
        Denied(bash("mv src/Billing/Invoice.cs docs/Invoice.cs"), "SG0001", "docs/Invoice.cs");
        Denied(bash("rm -r build"), "SG0004", "build/");
        Denied(bash("git checkout main -- scopes.json"), "SG0004", "scopes.json");
        Denied(bash("git commit --no-verify -m wip"), "--no-verify");
        Denied(bash("git config --worktree scopeguard.agent docs"), "may not change its own identity");
        Denied(bash("git push origin HEAD:main"), "protected branch 'main'");
        Denied(bash("git push origin :release/1"), "protected branch 'release/1'");
        Allowed(bash("git push origin agent/billing"));
        Allowed(bash("echo x > \"$OUT_FILE\"")); // best-effort: an expansion it does not perform passes
    }

    [Fact]
    public void Guard_PathsOutsideTheRepositoryInsideGitOrThroughLinks_AreJudgedWhereTheWriteLands()
    {
        using var repo = CreateRepo();
        var billing = repo.AddWorktree("agent/billing");
        var elsewhere = Path.Combine(repo.Root, "elsewhere", "scratch.txt");
        var link = Path.Combine(billing, "src/Billing/ClockLink.cs");
        File.CreateSymbolicLink(link, Path.Combine(billing, "src/Shared/SystemClock.cs"));
        var docsWorktree = repo.AddWorktree("agent/docs");

        Allowed(Guard(repo, billing, Claude("Write", new JsonObject { ["file_path"] = elsewhere, ["content"] = "x" }, billing)));
        Denied(Guard(repo, billing, Claude("Write", new JsonObject { ["file_path"] = "../" + Path.GetFileName(repo.Path) + "/.git/hooks/pre-commit", ["content"] = "exit 0" }, billing)), ".git");
        Denied(Guard(repo, billing, Claude("Edit", new JsonObject { ["file_path"] = link, ["old_string"] = "public int Ticks()", ["new_string"] = "public long Ticks()" }, billing)), "SG0003", "src/Shared/SystemClock.cs");
        Denied(Guard(repo, billing, Claude("Write", new JsonObject { ["file_path"] = Path.Combine(docsWorktree, "docs/a.md"), ["content"] = "x" }, billing)), "another worktree");
    }

    [Fact]
    public void Guard_InvalidManifestOrUnreadableInput_RefusesWithTheReason()
    {
        using var repo = TempRepo.Empty();
        repo.Write("scopes.json", "{ \"version\": 1, \"agents\": { \"billing\": { \"paths\": 3 } } }");
        repo.Write("src/A.cs", "class A { }\n");
        repo.Git("add", "--all");
        repo.Git("commit", "--quiet", "-m", "broken manifest");
        var work = repo.AddWorktree("agent/billing");

        var invalid = Guard(repo, work, Claude("Write", new JsonObject { ["file_path"] = "src/A.cs", ["content"] = "class B { }\n" }, work));
        var garbage = ScopeGuardTool.Run(work, repo.With(null), ["guard"], input: "this is not JSON");
        var empty = ScopeGuardTool.Run(work, repo.With(null), ["guard"], input: string.Empty);
        var missingField = ScopeGuardTool.Run(work, repo.With(null), ["guard"], input: """{"hook_event_name":"PreToolUse","tool_name":"Edit","tool_input":{"file_path":"a"}}""");

        Denied(invalid, "SG0007", "invalid");
        Denied(garbage, "not JSON");
        Denied(empty, "not JSON");
        Denied(missingField, "old_string");
    }

    [Fact]
    public void Guard_OtherAgentsFormats_AnswerInTheirOwnShape()
    {
        using var repo = CreateRepo();
        var billing = repo.AddWorktree("agent/billing");
        var clock = Path.Combine(billing, "src/Shared/SystemClock.cs");

        var gemini = Guard(repo, billing, new JsonObject { ["hook_event_name"] = "BeforeTool", ["cwd"] = billing, ["session_id"] = "s", ["timestamp"] = "2026-01-01T00:00:00Z", ["tool_name"] = "replace", ["tool_input"] = new JsonObject { ["file_path"] = clock, ["old_string"] = "public int Ticks()", ["new_string"] = "public long Ticks()" } });
        var geminiBody = Guard(repo, billing, new JsonObject { ["hook_event_name"] = "BeforeTool", ["cwd"] = billing, ["tool_name"] = "write_file", ["tool_input"] = new JsonObject { ["file_path"] = Path.Combine(billing, "src/Billing/G.cs"), ["content"] = "class G { }\n" } });
        var cursor = Guard(repo, billing, new JsonObject { ["hook_event_name"] = "beforeShellExecution", ["conversation_id"] = "c", ["generation_id"] = "g", ["workspace_roots"] = new JsonArray(billing), ["command"] = "echo x > docs/c.md", ["cwd"] = billing });
        var copilot = Guard(repo, billing, new JsonObject { ["timestamp"] = 1704614400000, ["cwd"] = billing, ["toolName"] = "bash", ["toolArgs"] = "{\"command\":\"rm docs/index.md\"}" });
        var codex = Guard(repo, billing, new JsonObject
        {
            ["hook_event_name"] = "PreToolUse", ["cwd"] = billing, ["model"] = "gpt-5", ["turn_id"] = "t", ["tool_name"] = "apply_patch", ["tool_use_id"] = "u",
            ["tool_input"] = new JsonObject { ["command"] = "*** Begin Patch\n*** Update File: src/Shared/SystemClock.cs\n@@\n-    public int Ticks()\n+    public long Ticks()\n*** End Patch\n" },
        });

        Denied(gemini, "SG0003");
        Assert.Equal("deny", JsonNode.Parse(gemini.Stdout)!["decision"]!.GetValue<string>());
        Allowed(geminiBody);
        Denied(cursor, "SG0001", "docs/c.md");
        Assert.Equal("deny", JsonNode.Parse(cursor.Stdout)!["permission"]!.GetValue<string>());
        Denied(copilot, "SG0001", "docs/index.md");
        Assert.Equal("deny", JsonNode.Parse(copilot.Stdout)!["permissionDecision"]!.GetValue<string>());
        Denied(codex, "SG0003");
    }

    [Fact]
    public void GuardInstallClaude_MergesIntoExistingSettings_IsIdempotent_AndTheEntryRunsTheTool()
    {
        using var repo = CreateRepo();
        var billing = repo.AddWorktree("agent/billing");
        const string Existing = """
            {
              "permissions": { "allow": ["Bash(dotnet test:*)"] },
              "hooks": {
                "PreToolUse": [ { "matcher": "Bash", "hooks": [ { "type": "command", "command": "./audit.sh" } ] } ],
                "Stop": [ { "hooks": [ { "type": "command", "command": "./notify.sh" } ] } ]
              }
            }
            """;
        repo.Write(".claude/settings.json", Existing, billing);

        var first = repo.Tool(billing, "guard", "install", "--claude");
        var afterFirst = File.ReadAllText(Path.Combine(billing, ".claude/settings.json"));
        var second = repo.Tool(billing, "guard", "install", "--claude");
        var afterSecond = File.ReadAllText(Path.Combine(billing, ".claude/settings.json"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0 && second.Stdout.Contains("already installed", StringComparison.Ordinal), second.ToString());
        Assert.Equal(afterFirst, afterSecond);
        var settings = JsonNode.Parse(afterFirst)!;
        Assert.Equal("Bash(dotnet test:*)", settings["permissions"]!["allow"]![0]!.GetValue<string>());
        Assert.Equal("./notify.sh", settings["hooks"]!["Stop"]![0]!["hooks"]![0]!["command"]!.GetValue<string>());
        var entries = settings["hooks"]!["PreToolUse"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Equal("./audit.sh", entries[0]!["hooks"]![0]!["command"]!.GetValue<string>());
        Assert.Equal("Edit|MultiEdit|Write|NotebookEdit|Bash", entries[1]!["matcher"]!.GetValue<string>());

        // The entry's command, run as Claude Code runs it (sh, the hook JSON on standard input), finds the
        // tool with no scopeguard on PATH (through the command recorded at install) and refuses out of scope.
        var command = entries[1]!["hooks"]![0]!["command"]!.GetValue<string>();
        var environment = repo.With(new Dictionary<string, string?> { ["CLAUDE_PROJECT_DIR"] = billing });
        var input = Claude("Write", new JsonObject { ["file_path"] = "docs/x.md", ["content"] = "x" }, billing).ToJsonString();
        var run = ProcessRunner.Run("/bin/sh", ["-c", command], billing, environment, input);
        Assert.True(run.ExitCode == 2 && run.Stderr.Contains("SG0001", StringComparison.Ordinal), run.ToString());
    }

    [Fact]
    public void GuardInstallClaude_InvalidExistingSettings_ExitsTwoAndWritesNothing()
    {
        using var repo = CreateRepo();
        repo.Write(".claude/settings.json", "{ \"hooks\": { \"PreToolUse\": [ }");

        var result = repo.Tool(repo.Path, "guard", "install", "--claude");

        Assert.True(result.ExitCode == 2 && result.Stderr.Contains("not valid JSON", StringComparison.Ordinal), result.ToString());
        Assert.Equal("{ \"hooks\": { \"PreToolUse\": [ }", File.ReadAllText(Path.Combine(repo.Path, ".claude/settings.json")));
        Assert.False(File.Exists(Path.Combine(repo.Path, ".claude/settings.json.scopeguard-tmp")));
    }

    [Fact]
    public void Guard_PathLeftAsTheUnmergedBaseHasIt_IsNotTheAgentsChange_BeforeAndDuringAMergeAsForTheHook()
    {
        const string MainDocs = "# Docs\n\nRelease notes.\n";
        const string BillingDocs = "# Docs\n\nBilling notes.\n";
        using var repo = CreateRepo();
        var billing = repo.AddWorktree("agent/billing");
        var docs = Path.Combine(billing, "docs/index.md");
        repo.Write("src/Billing/Invoice.cs", "namespace Contoso.Billing;\n\npublic sealed class Invoice\n{\n    public decimal Total { get; }\n}\n", billing);
        var own = repo.Commit(billing, "-a");

        // Meanwhile the base moves on: the same file (so the merge stops on a conflict) and a page billing may not write.
        repo.Write("src/Billing/Invoice.cs", "namespace Contoso.Billing;\n\npublic sealed class Invoice\n{\n    public string Number { get; } = \"\";\n}\n");
        repo.Write("docs/index.md", MainDocs);
        var onMain = repo.Commit(repo.Path, "-a");

        // The base branch not merged yet: writing the page exactly as main has it is what merging main brings.
        var asMainBefore = Guard(repo, billing, Claude("Write", new JsonObject { ["file_path"] = docs, ["content"] = MainDocs }, billing));
        var otherBefore = Guard(repo, billing, Claude("Write", new JsonObject { ["file_path"] = docs, ["content"] = BillingDocs }, billing));

        // A merge of main in progress, stopped on the conflict: git has left docs/index.md as main has it.
        var merge = repo.TryGit(billing, null, "merge", "--no-edit", "main");
        var inProgress = repo.TryGit(billing, null, "rev-parse", "--quiet", "--verify", "MERGE_HEAD");
        var asMain = Guard(repo, billing, Claude("Write", new JsonObject { ["file_path"] = docs, ["content"] = MainDocs }, billing));
        var differs = Guard(repo, billing, Claude("Write", new JsonObject { ["file_path"] = docs, ["content"] = BillingDocs }, billing));
        var edited = Guard(repo, billing, Claude("Edit", new JsonObject { ["file_path"] = docs, ["old_string"] = "Release notes.", ["new_string"] = "Billing notes." }, billing));

        // The pre-commit hook judges the same: the page as main has it passes, the page changed is refused.
        repo.Write("src/Billing/Invoice.cs", "namespace Contoso.Billing;\n\npublic sealed class Invoice\n{\n    public decimal Total { get; }\n\n    public string Number { get; } = \"\";\n}\n", billing);
        repo.Write("docs/index.md", BillingDocs, billing);
        repo.GitIn(billing, "add", "--all");
        var refused = repo.Commit(billing, "--no-edit");
        repo.Write("docs/index.md", MainDocs, billing);
        repo.GitIn(billing, "add", "--all");
        var merged = repo.Commit(billing, "--no-edit");

        Assert.True(own.ExitCode == 0, own.ToString());
        Assert.True(onMain.ExitCode == 0, onMain.ToString());
        Allowed(asMainBefore);
        Denied(otherBefore, "SG0001", "docs/index.md");
        Assert.True(merge.ExitCode != 0, merge.ToString());
        Assert.True(inProgress.ExitCode == 0, inProgress.ToString());
        Assert.Equal(MainDocs, File.ReadAllText(docs));
        Allowed(asMain);
        Denied(differs, "SG0001", "docs/index.md");
        Denied(edited, "SG0001", "docs/index.md");
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("docs/index.md(1,1): error SG0001: agent 'billing'", refused.Output, StringComparison.Ordinal);
        Assert.True(merged.ExitCode == 0, merged.ToString());
        Assert.Equal(repo.GitIn(repo.Path, "rev-parse", "main"), repo.GitIn(billing, "rev-parse", "HEAD^2"));
    }

    private static TempRepo CreateRepo()
    {
        var repo = TempRepo.Empty();
        repo.Write("scopes.json", Manifest);
        repo.Write("src/Shared/SystemClock.cs", Clock);
        repo.Write("src/Billing/Contracts/IInvoice.cs", Contract);
        repo.Write("src/Billing/Invoice.cs", "namespace Contoso.Billing;\n\npublic sealed class Invoice\n{\n}\n");
        repo.Write("docs/index.md", "# Docs\n");
        repo.Write("build/ci.sh", "echo ci\n");
        repo.Git("add", "--all");
        repo.Git("commit", "--quiet", "-m", "Project");
        var installed = repo.Tool(repo.Path, "install");
        Assert.True(installed.ExitCode == 0, installed.ToString());
        return repo;
    }

    // A PreToolUse input as Claude Code sends it.
    private static JsonObject Claude(string tool, JsonObject input, string cwd) => new()
    {
        ["session_id"] = "abc123",
        ["transcript_path"] = "/tmp/transcript.jsonl",
        ["cwd"] = cwd,
        ["permission_mode"] = "default",
        ["hook_event_name"] = "PreToolUse",
        ["tool_name"] = tool,
        ["tool_input"] = input,
        ["tool_use_id"] = "toolu_01ABC",
    };

    // Runs the guard with the input and asserts that it changed neither git status nor the index.
    private static ProcessResult Guard(TempRepo repo, string worktree, JsonObject input, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var before = RepoSnapshot.Take(repo, worktree);
        var result = ScopeGuardTool.Run(worktree, repo.With(extra), ["guard"], input: input.ToJsonString());
        RepoSnapshot.Take(repo, worktree).AssertSameAs(before, result);
        return result;
    }

    private static void Allowed(ProcessResult result) =>
        Assert.True(result.ExitCode == 0 && result.Stdout.Length == 0, result.ToString());

    // Exit 2, the reason on one line of standard error, the JSON decision on standard output.
    private static void Denied(ProcessResult result, params string[] expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        var reason = result.Stderr.TrimEnd('\n');
        Assert.DoesNotContain('\n', reason);
        foreach (var text in expected)
        {
            Assert.True(reason.Contains(text, StringComparison.Ordinal), $"'{text}' not in: {result}");
        }

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Contains(reason, Strings(json.RootElement));
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };
}
