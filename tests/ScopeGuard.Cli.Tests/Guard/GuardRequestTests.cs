using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using ScopeGuard.Cli.Agents;
using ScopeGuard.Cli.Guard;
using ScopeGuard.Core;

namespace ScopeGuard.Cli.Tests.Guard;

/// <summary>Reading the agents' hook input, replaying edits as the tools would, and merging Claude Code's settings.</summary>
public sealed class GuardRequestTests
{
    [Theory]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"Edit","tool_input":{}}""", "Claude")]
    [InlineData("""{"tool_name":"Bash","tool_input":{"command":"ls"}}""", "Claude")]
    [InlineData("""{"hook_event_name":"BeforeTool","tool_name":"write_file","tool_input":{}}""", "Gemini")]
    [InlineData("""{"hook_event_name":"beforeShellExecution","command":"ls","cwd":"/w","workspace_roots":["/w"]}""", "Cursor")]
    [InlineData("""{"timestamp":1,"cwd":"/w","toolName":"bash","toolArgs":"{\"command\":\"ls\"}"}""", "Copilot")]
    public void Parse_WithoutFormat_TellsTheAgentFromTheInput(string json, string expected)
    {
        Assert.Equal(expected, GuardRequest.Parse(json.Replace("{}", """{"file_path":"a","old_string":"x","new_string":"y","content":"c"}""", System.StringComparison.Ordinal), null, "/w").Format.ToString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"something":"else"}""")]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"Edit","tool_input":{"file_path":"a.cs"}}""")]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"Write","tool_input":"a.cs"}""")]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"MultiEdit","tool_input":{"file_path":"a.cs","edits":[1]}}""")]
    [InlineData("""{"toolName":"bash","toolArgs":"{not json"}""")]
    public void Parse_InputItCannotRead_IsAnErrorSoTheCallIsRefused(string json)
    {
        Assert.Throws<ScopeGuardException>(() => GuardRequest.Parse(json, null, "/w"));
    }

    [Theory]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"Read","tool_input":{"file_path":"a"}}""")]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"mcp__github__create_issue","tool_input":{"title":"x"}}""")]
    [InlineData("""{"hook_event_name":"PostToolUse","tool_name":"Write","tool_input":{"file_path":"a","content":"x"}}""")]
    [InlineData("""{"hook_event_name":"BeforeTool","tool_name":"read_file","tool_input":{"path":"a"}}""")]
    [InlineData("""{"hook_event_name":"afterFileEdit","file_path":"/w/a","edits":[]}""")]
    [InlineData("""{"toolName":"edit","toolArgs":"{\"path\":\"a\"}"}""")]
    public void Parse_ToolsAndEventsItDoesNotJudge_Pass(string json)
    {
        Assert.True(GuardRequest.Parse(json, null, "/w").Passes);
    }

    [Fact]
    public void Parse_ClaudeTools_ReadTheirDocumentedFields()
    {
        var multi = GuardRequest.Parse("""{"hook_event_name":"PreToolUse","cwd":"/w","tool_name":"MultiEdit","tool_input":{"file_path":"/w/a.cs","edits":[{"old_string":"a","new_string":"b"},{"old_string":"c","new_string":"d","replace_all":true}]}}""", null, "/x");
        var notebook = GuardRequest.Parse("""{"hook_event_name":"PreToolUse","cwd":"/w","tool_name":"NotebookEdit","tool_input":{"notebook_path":"n.ipynb","new_source":"x"}}""", null, "/x");

        Assert.Equal("/w", multi.Cwd);
        Assert.Equal([new TextEdit("a", "b", false), new TextEdit("c", "d", true)], multi.Writes.Single().Edits!);
        Assert.True(notebook.Writes.Single().PathOnly);
    }

    [Fact]
    public void Parse_CodexApplyPatch_GivesEachFileItWrites()
    {
        const string Patch = "*** Begin Patch\n*** Add File: docs/new.md\n+# New\n+text\n*** Delete File: old.txt\n*** Update File: src/A.cs\n*** Move to: src/B.cs\n@@ class A\n public int X()\n-    => 1;\n+    => 2;\n*** End Patch\n";
        var json = new JsonObject { ["hook_event_name"] = "PreToolUse", ["tool_name"] = "apply_patch", ["cwd"] = "/w", ["tool_input"] = new JsonObject { ["command"] = Patch } }.ToJsonString();

        var writes = GuardRequest.Parse(json, HookFormat.Claude, "/w").Writes;

        Assert.Equal(["docs/new.md", "old.txt", "src/A.cs", "src/B.cs"], writes.Select(w => w.Path));
        Assert.Equal("# New\ntext\n", writes[0].WholeText);
        Assert.True(writes[1].Deletes && writes[2].Deletes);
        Assert.Equal("src/A.cs", writes[3].SourcePath);
        Assert.Equal(new TextEdit("public int X()\n    => 1;\n", "public int X()\n    => 2;\n", false), writes[3].Edits!.Single());
    }

    [Fact]
    public void Parse_GeminiReplace_CorrectsItselfAndRunShellCommandRunsInItsDirectory()
    {
        var replace = GuardRequest.Parse("""{"hook_event_name":"BeforeTool","cwd":"/w","tool_name":"replace","tool_input":{"file_path":"/w/a.cs","old_string":"a","new_string":"b","expected_replacements":2}}""", null, "/x");
        var shell = GuardRequest.Parse("""{"hook_event_name":"BeforeTool","cwd":"/w","tool_name":"run_shell_command","tool_input":{"command":"rm x","directory":"sub"}}""", null, "/x");

        Assert.True(replace.Writes.Single().CorrectsItself);
        Assert.True(replace.Writes.Single().Edits!.Single().ReplaceAll);
        Assert.Equal(("rm x", "/w/sub"), (shell.Shell, shell.Cwd));
    }

    [Theory]
    [InlineData("a b a", "a", "c", false, null)]
    [InlineData("a b a", "a", "c", true, "c b c")]
    [InlineData("a b c", "b", "x", false, "a x c")]
    [InlineData("a b c", "z", "x", false, null)]
    [InlineData(null, "", "new file", false, "new file")]
    [InlineData("exists", "", "new file", false, null)]
    [InlineData(null, "a", "b", false, null)]
    public void Apply_Replacements_AsTheEditToolMakesThem(string? current, string oldText, string newText, bool all, string? expected)
    {
        Assert.Equal(expected, EditGuard.Apply(current, [new TextEdit(oldText, newText, all)]));
    }

    [Fact]
    public void Apply_MultipleEdits_ApplyInOrderToTheTextTheFormerOnesLeft()
    {
        Assert.Equal("c", EditGuard.Apply("a", [new TextEdit("a", "b", false), new TextEdit("b", "c", false)]));
        Assert.Null(EditGuard.Apply("a", [new TextEdit("a", "b", false), new TextEdit("a", "c", false)]));
    }

    [Fact]
    public void Merge_KeepsOtherSettingsHooksAndEntries_AndASecondMergeChangesNothing()
    {
        const string Existing = """
            {
              "model": "opus",
              "permissions": { "allow": ["Bash(ls:*)"] },
              "hooks": {
                "PostToolUse": [ { "matcher": "Write", "hooks": [ { "type": "command", "command": "fmt" } ] } ],
                "PreToolUse": [ { "matcher": "Bash", "hooks": [ { "type": "command", "command": "audit" } ] } ]
              }
            }
            """;
        var command = ClaudeSettings.HookCommand("/opt/sg/scopeguard", "'/opt/sg/scopeguard'");

        var (merged, outcome) = ClaudeSettings.Merge(Encoding.UTF8.GetBytes(Existing), "s.json", command);
        var (again, second) = ClaudeSettings.Merge(Encoding.UTF8.GetBytes(merged.ToJsonString()), "s.json", command);

        Assert.Equal(ClaudeSettingsOutcome.Added, outcome);
        Assert.Equal(ClaudeSettingsOutcome.AlreadyInstalled, second);
        Assert.Equal(merged.ToJsonString(), again.ToJsonString());
        Assert.Equal("opus", (string?)merged["model"]);
        Assert.Equal("Bash(ls:*)", (string?)merged["permissions"]!["allow"]![0]);
        Assert.Equal("fmt", (string?)merged["hooks"]!["PostToolUse"]![0]!["hooks"]![0]!["command"]);
        var pre = merged["hooks"]!["PreToolUse"]!.AsArray();
        Assert.Equal(["audit", command], pre.Select(g => (string?)g!["hooks"]![0]!["command"]));
        Assert.Equal(ClaudeSettings.Matcher, (string?)pre[1]!["matcher"]);
    }

    [Fact]
    public void Merge_AnOlderEntryOfOurs_IsUpdatedInPlace()
    {
        var old = ClaudeSettings.HookCommand("/old/scopeguard", "'/old/scopeguard'");
        var (first, _) = ClaudeSettings.Merge(null, "s.json", old);
        var current = ClaudeSettings.HookCommand("/new/scopeguard", "'/new/scopeguard'");

        var (updated, outcome) = ClaudeSettings.Merge(Encoding.UTF8.GetBytes(first.ToJsonString()), "s.json", current);

        Assert.Equal(ClaudeSettingsOutcome.Updated, outcome);
        Assert.Equal([current], updated["hooks"]!["PreToolUse"]!.AsArray().Select(g => (string?)g!["hooks"]![0]!["command"]));
    }

    [Theory]
    [InlineData("{ \"hooks\": { ")]
    [InlineData("{ \"a\": 1, }")]
    [InlineData("// comment\n{}")]
    [InlineData("[]")]
    [InlineData("{ \"hooks\": [] }")]
    [InlineData("{ \"hooks\": { \"PreToolUse\": {} } }")]
    public void Merge_SettingsThatAreNotValidJsonOrNotShapedAsSettings_AreRefused(string text)
    {
        var error = Assert.Throws<ScopeGuardException>(() => ClaudeSettings.Merge(Encoding.UTF8.GetBytes(text), "s.json", "x"));

        Assert.Contains("nothing was written", error.Message, System.StringComparison.Ordinal);
    }
}
