using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScopeGuard.Core;

namespace ScopeGuard.Cli.Guard;

/// <summary>The coding agents whose pre-tool hook input <c>scopeguard guard</c> reads, and how it answers each.</summary>
internal enum HookFormat
{
    /// <summary>Claude Code's <c>PreToolUse</c> (OpenAI Codex CLI uses the same wire format, with <c>apply_patch</c>).</summary>
    Claude,

    /// <summary>Gemini CLI's <c>BeforeTool</c>.</summary>
    Gemini,

    /// <summary>Cursor's <c>beforeShellExecution</c>.</summary>
    Cursor,

    /// <summary>GitHub Copilot's (CLI and coding agent) <c>preToolUse</c>.</summary>
    Copilot,
}

/// <summary>One replacement an edit tool makes in a file's current text.</summary>
/// <param name="OldText">The text replaced (empty: the file is created with <paramref name="NewText"/>).</param>
/// <param name="NewText">The text put in its place.</param>
/// <param name="ReplaceAll">Whether every occurrence is replaced (else the text must occur once).</param>
internal sealed record TextEdit(string OldText, string NewText, bool ReplaceAll);

/// <summary>One file a tool call would write, and what it would write there.</summary>
/// <param name="Path">The path as the tool names it (absolute, or relative to the hook's <c>cwd</c>).</param>
/// <param name="WholeText">The whole new text, when the tool says it (Write).</param>
/// <param name="Edits">Replacements in the file's current text, applied in order (Edit, MultiEdit, a patch's hunks).</param>
internal sealed record FileWrite(string Path, string? WholeText, IReadOnlyList<TextEdit>? Edits)
{
    /// <summary>Gets a value indicating whether the tool deletes the file.</summary>
    public bool Deletes { get; init; }

    /// <summary>Gets the file whose current text the edits apply to, when it is not <see cref="Path"/> (a patch that moves a file).</summary>
    public string? SourcePath { get; init; }

    /// <summary>
    /// Gets a value indicating whether an edit that does not apply is still made somehow (Gemini's <c>replace</c>
    /// corrects its own old text): then the file is judged by its path; otherwise the tool fails and nothing is written.
    /// </summary>
    public bool CorrectsItself { get; init; }

    /// <summary>Gets a value indicating whether neither the text nor the edits are known (a notebook edit): the path alone is judged.</summary>
    public bool PathOnly => WholeText is null && Edits is null && !Deletes;
}

/// <summary>A pre-tool hook's input, read into what the guard judges.</summary>
/// <param name="Format">Whose hook it is.</param>
/// <param name="ToolName">The tool, as the agent names it.</param>
/// <param name="Cwd">The folder the agent works in (relative paths are relative to it).</param>
/// <param name="Writes">The files an editing tool would write.</param>
/// <param name="Shell">The command line a shell tool would run, or <see langword="null"/>.</param>
internal sealed record GuardRequest(HookFormat Format, string ToolName, string Cwd, IReadOnlyList<FileWrite> Writes, string? Shell)
{
    /// <summary>Gets a value indicating whether the guard has nothing to judge: a tool it does not know, or another event.</summary>
    public bool Passes => Writes.Count == 0 && Shell is null;

    /// <summary>Reads a hook's standard input.</summary>
    /// <param name="input">The JSON text.</param>
    /// <param name="format">The format named by <c>--format</c>, or <see langword="null"/> to tell it from the JSON.</param>
    /// <param name="fallbackCwd">The process's folder, used when the input names none.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ScopeGuardException">The input is not JSON, or not a hook input the guard can read.</exception>
    public static GuardRequest Parse(string input, HookFormat? format, string fallbackCwd)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(input, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new ScopeGuardException($"the hook input on standard input is not JSON ({FirstSentence(ex.Message)}): nothing can be judged, so the tool call is refused");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ScopeGuardException("the hook input on standard input is not a JSON object: nothing can be judged, so the tool call is refused");
            }

            var detected = format ?? Detect(root)
                ?? throw new ScopeGuardException("the hook input is not one the guard knows (Claude Code or Codex PreToolUse, Gemini CLI BeforeTool, Cursor beforeShellExecution, Copilot preToolUse): name the format with --format; the tool call is refused");
            var cwd = String(root, "cwd") ?? (root.TryGetProperty("workspace_roots", out var roots) && roots.ValueKind == JsonValueKind.Array && roots.GetArrayLength() > 0 && roots[0].ValueKind == JsonValueKind.String ? roots[0].GetString() : null) ?? fallbackCwd;
            cwd = Path.GetFullPath(cwd, fallbackCwd);
            return detected switch
            {
                HookFormat.Claude => Claude(root, cwd),
                HookFormat.Gemini => Gemini(root, cwd),
                HookFormat.Cursor => Cursor(root, cwd),
                _ => Copilot(root, cwd),
            };
        }
    }

    /// <summary>Tells the format from the input's shape.</summary>
    /// <param name="root">The input.</param>
    /// <returns>The format, or <see langword="null"/> when the shape is none the guard knows.</returns>
    internal static HookFormat? Detect(JsonElement root)
    {
        if (root.TryGetProperty("toolName", out _))
        {
            return HookFormat.Copilot;
        }

        return String(root, "hook_event_name") switch
        {
            "BeforeTool" or "AfterTool" => HookFormat.Gemini,
            { Length: > 0 } name when char.IsLower(name[0]) => HookFormat.Cursor,
            { Length: > 0 } => HookFormat.Claude,
            _ => root.TryGetProperty("tool_name", out _) && root.TryGetProperty("tool_input", out _) ? HookFormat.Claude : null,
        };
    }

    private static GuardRequest Claude(JsonElement root, string cwd)
    {
        var tool = String(root, "tool_name") ?? string.Empty;
        if (String(root, "hook_event_name") is { } hookEvent && hookEvent != "PreToolUse")
        {
            return new GuardRequest(HookFormat.Claude, tool, cwd, [], null);
        }

        var input = Input(root, "tool_input");
        return tool switch
        {
            "Write" => new(HookFormat.Claude, tool, cwd, [new FileWrite(Required(input, "file_path", tool), Required(input, "content", tool), null)], null),
            "Edit" => new(HookFormat.Claude, tool, cwd, [new FileWrite(Required(input, "file_path", tool), null, [Edit(input, tool)])], null),
            "MultiEdit" => new(HookFormat.Claude, tool, cwd, [new FileWrite(Required(input, "file_path", tool), null, Edits(input, tool))], null),
            "NotebookEdit" => new(HookFormat.Claude, tool, cwd, [new FileWrite(String(input, "notebook_path") ?? Required(input, "file_path", tool), null, null)], null),
            "Bash" => new(HookFormat.Claude, tool, cwd, [], Required(input, "command", tool)),
            "apply_patch" => new(HookFormat.Claude, tool, cwd, PatchText.Parse(Required(input, "command", tool)), null),
            _ => new(HookFormat.Claude, tool, cwd, [], null),
        };
    }

    private static GuardRequest Gemini(JsonElement root, string cwd)
    {
        var tool = String(root, "tool_name") ?? string.Empty;
        if (String(root, "hook_event_name") is { } hookEvent && hookEvent != "BeforeTool")
        {
            return new GuardRequest(HookFormat.Gemini, tool, cwd, [], null);
        }

        var input = Input(root, "tool_input");
        switch (tool)
        {
            case "write_file":
                return new(HookFormat.Gemini, tool, cwd, [new FileWrite(Required(input, "file_path", tool), Required(input, "content", tool), null)], null);
            case "replace":
                var expected = input.TryGetProperty("expected_replacements", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n) ? n : 1;
                var edit = new TextEdit(Required(input, "old_string", tool), Required(input, "new_string", tool), expected > 1);
                return new(HookFormat.Gemini, tool, cwd, [new FileWrite(Required(input, "file_path", tool), null, [edit]) { CorrectsItself = true }], null);
            case "run_shell_command":
                var directory = String(input, "directory");
                return new(HookFormat.Gemini, tool, directory is null ? cwd : Path.GetFullPath(directory, cwd), [], Required(input, "command", tool));
            default:
                return new(HookFormat.Gemini, tool, cwd, [], null);
        }
    }

    private static GuardRequest Cursor(JsonElement root, string cwd)
    {
        // Cursor documents a blocking shell hook; its file hooks run after the edit (afterFileEdit) or do not document their tools' arguments.
        var hookEvent = String(root, "hook_event_name") ?? string.Empty;
        return hookEvent == "beforeShellExecution"
            ? new(HookFormat.Cursor, "shell", cwd, [], String(root, "command") ?? throw Missing("command", hookEvent))
            : new(HookFormat.Cursor, hookEvent, cwd, [], null);
    }

    private static GuardRequest Copilot(JsonElement root, string cwd)
    {
        // Copilot documents toolArgs for its shell tool; the arguments of its file tools are not documented, so they pass.
        var tool = String(root, "toolName") ?? string.Empty;
        if (tool != "bash")
        {
            return new(HookFormat.Copilot, tool, cwd, [], null);
        }

        var args = root.TryGetProperty("toolArgs", out var raw) ? raw : default;
        if (args.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var parsed = JsonDocument.Parse(args.GetString()!);
                return new(HookFormat.Copilot, tool, cwd, [], Required(parsed.RootElement.Clone(), "command", tool));
            }
            catch (JsonException)
            {
                throw new ScopeGuardException("the hook input's toolArgs is not JSON: the tool call is refused");
            }
        }

        return new(HookFormat.Copilot, tool, cwd, [], Required(args, "command", tool));
    }

    private static TextEdit Edit(JsonElement input, string tool) =>
        new(Required(input, "old_string", tool), Required(input, "new_string", tool), input.TryGetProperty("replace_all", out var all) && all.ValueKind == JsonValueKind.True);

    private static List<TextEdit> Edits(JsonElement input, string tool)
    {
        if (!input.TryGetProperty("edits", out var edits) || edits.ValueKind != JsonValueKind.Array)
        {
            throw Missing("edits", tool);
        }

        return edits.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object ? Edit(e, tool) : throw Missing("edits[].old_string", tool)).ToList();
    }

    private static JsonElement Input(JsonElement root, string name) =>
        root.TryGetProperty(name, out var input) && input.ValueKind == JsonValueKind.Object ? input : throw Missing(name, String(root, "tool_name") ?? "the tool");

    private static string Required(JsonElement input, string name, string tool) => String(input, name) ?? throw Missing(name, tool);

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ScopeGuardException Missing(string field, string tool) =>
        new($"the hook input for {tool} has no string '{field}': it cannot be judged, so the tool call is refused");

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message.TrimEnd('.') : message[..cut];
    }
}
