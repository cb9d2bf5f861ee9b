using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScopeGuard.Cli.Hooks;
using ScopeGuard.Core;

namespace ScopeGuard.Cli.Agents;

/// <summary>What <see cref="ClaudeSettings.Install(string)"/> did.</summary>
internal enum ClaudeSettingsOutcome
{
    /// <summary>The file did not exist and was written with the hook entry alone.</summary>
    Created,

    /// <summary>The hook entry was added to an existing file; everything else in it was kept.</summary>
    Added,

    /// <summary>ScopeGuard's entry was there with another command (an older install): it was replaced in place.</summary>
    Updated,

    /// <summary>The same entry was there already: nothing was written.</summary>
    AlreadyInstalled,
}

/// <summary>
/// Writes ScopeGuard's pre-edit guard into a worktree's <c>.claude/settings.json</c> (Claude Code's project
/// settings): one <c>hooks.PreToolUse</c> entry whose command runs <c>scopeguard guard --format claude</c>.
/// The file is merged, never overwritten: other settings, other hooks and other <c>PreToolUse</c> entries
/// stay as they are; a second install finds its own entry by <see cref="Marker"/> and neither duplicates it
/// nor moves it. Invalid JSON in an existing file is an error and nothing is written.
/// </summary>
internal static class ClaudeSettings
{
    /// <summary>The comment at the end of the entry's command that marks the entry as ScopeGuard's.</summary>
    public const string Marker = "# scopeguard-managed-guard v1";

    /// <summary>The tools the entry's matcher sends to the guard (Claude Code's editing tools and Bash).</summary>
    public const string Matcher = "Edit|MultiEdit|Write|NotebookEdit|Bash";

    /// <summary>Claude Code's timeout for the hook, in seconds: generous for a cold start on a loaded machine.</summary>
    public const int TimeoutSeconds = 60;

    /// <summary>Gets the settings file of a worktree.</summary>
    /// <param name="worktreeRoot">The worktree's top folder.</param>
    /// <returns>The path of <c>.claude/settings.json</c> in it.</returns>
    public static string PathIn(string worktreeRoot) => System.IO.Path.Combine(worktreeRoot, ".claude", "settings.json");

    /// <summary>Installs the guard's hook entry in a worktree, recording this very tool as the fallback command.</summary>
    /// <param name="worktreeRoot">The worktree's top folder.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="ScopeGuardException">The existing file is not valid JSON, or not shaped as Claude Code's settings.</exception>
    public static ClaudeSettingsOutcome Install(string worktreeRoot)
    {
        var (file, command) = HookInstaller.CurrentToolCommand();
        return Install(worktreeRoot, file, command);
    }

    /// <summary>Installs the guard's hook entry in a worktree.</summary>
    /// <param name="worktreeRoot">The worktree's top folder.</param>
    /// <param name="recordedFile">The tool's executable (or dll), tried when neither a local tool manifest nor PATH has scopeguard.</param>
    /// <param name="recordedCommand">The shell words that run it.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="ScopeGuardException">The existing file is not valid JSON, or not shaped as Claude Code's settings.</exception>
    public static ClaudeSettingsOutcome Install(string worktreeRoot, string recordedFile, string recordedCommand)
    {
        var path = PathIn(worktreeRoot);
        var command = HookCommand(recordedFile, recordedCommand);
        var existing = File.Exists(path) ? File.ReadAllBytes(path) : null;
        var (settings, outcome) = Merge(existing, path, command);
        if (outcome == ClaudeSettingsOutcome.AlreadyInstalled)
        {
            return outcome;
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var text = settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

        // Written beside and moved over the file, so a failure never leaves half a settings file behind.
        var temporary = path + ".scopeguard-tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
        return outcome;
    }

    /// <summary>
    /// Merges the hook entry into a settings file's text (the I/O-free part of <see cref="Install(string, string, string)"/>).
    /// </summary>
    /// <param name="existing">The file's bytes, or <see langword="null"/> when there is no file.</param>
    /// <param name="path">The file's path, for error messages.</param>
    /// <param name="command">The command the entry runs.</param>
    /// <returns>The merged settings and what changed.</returns>
    internal static (JsonObject Settings, ClaudeSettingsOutcome Outcome) Merge(byte[]? existing, string path, string command)
    {
        var root = existing is null || existing.Length == 0 ? null : Parse(existing, path);
        var created = root is null;
        root ??= new JsonObject();

        var hooks = ObjectMember(root, "hooks", path, "hooks");
        var preToolUse = ArrayMember(hooks, "PreToolUse", path, "hooks.PreToolUse");

        // Our entry: a handler whose command carries the marker, wherever it is.
        foreach (var group in preToolUse.OfType<JsonObject>())
        {
            if (group["hooks"] is not JsonArray handlers)
            {
                continue;
            }

            foreach (var handler in handlers.OfType<JsonObject>())
            {
                if (handler["command"] is JsonValue value && value.TryGetValue(out string? text) && text.Contains(Marker, StringComparison.Ordinal))
                {
                    var sameMatcher = group["matcher"] is JsonValue m && m.TryGetValue(out string? matcher) && matcher == Matcher;
                    if (text == command && sameMatcher)
                    {
                        return (root, ClaudeSettingsOutcome.AlreadyInstalled);
                    }

                    handler["type"] = "command";
                    handler["command"] = command;
                    handler["timeout"] = TimeoutSeconds;
                    group["matcher"] = Matcher;
                    return (root, ClaudeSettingsOutcome.Updated);
                }
            }
        }

        preToolUse.Add(new JsonObject
        {
            ["matcher"] = Matcher,
            ["hooks"] = new JsonArray(new JsonObject
            {
                ["type"] = "command",
                ["command"] = command,
                ["timeout"] = TimeoutSeconds,
            }),
        });
        return (root, created ? ClaudeSettingsOutcome.Created : ClaudeSettingsOutcome.Added);
    }

    /// <summary>
    /// Gets the shell command of the hook entry. It finds the tool as the git hooks' shim does (the
    /// repository's local tool manifest, then PATH, then the command recorded at install), from the project
    /// folder Claude Code names, and fails closed: when no tool is found it refuses the edit (exit code 2,
    /// the reason on standard error), because Claude Code lets a tool call through on any other failure.
    /// </summary>
    /// <param name="recordedFile">The tool's executable (or dll).</param>
    /// <param name="recordedCommand">The shell words that run it.</param>
    /// <returns>The command.</returns>
    internal static string HookCommand(string recordedFile, string recordedCommand)
    {
        const string Args = "guard --format claude";
        return "cd \"${CLAUDE_PROJECT_DIR:-.}\" 2>/dev/null; "
            + "for m in .config/dotnet-tools.json dotnet-tools.json; do "
            + "if [ -f \"$m\" ] && grep -q '\"scopeguard\"' \"$m\" && command -v dotnet >/dev/null 2>&1; then exec dotnet tool run scopeguard -- " + Args + "; fi; done; "
            + "if command -v scopeguard >/dev/null 2>&1; then exec scopeguard " + Args + "; fi; "
            + "if [ -f " + HookInstaller.ShellQuote(recordedFile) + " ]; then exec " + recordedCommand + " " + Args + "; fi; "
            + "echo 'scopeguard: the pre-edit guard cannot find the scopeguard tool (no local tool manifest entry, not on PATH, recorded "
            + recordedFile.Replace("'", string.Empty, StringComparison.Ordinal)
            + " is missing), so this edit is refused. Install the tool and run scopeguard guard install --claude again.' >&2; exit 2 "
            + Marker;
    }

    private static JsonObject Parse(byte[] bytes, string path)
    {
        try
        {
            var node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            return node as JsonObject
                ?? throw new ScopeGuardException($"{path}: Claude Code's settings must be a JSON object, not {Describe(node)}; nothing was written");
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"({line + 1},{(ex.BytePositionInLine ?? 0) + 1})" : string.Empty;
            throw new ScopeGuardException($"{path}{where}: not valid JSON ({FirstSentence(ex.Message)}); nothing was written. Fix the file and install again.", ex);
        }
    }

    private static JsonObject ObjectMember(JsonObject parent, string name, string path, string where)
    {
        switch (parent[name])
        {
            case null when !parent.ContainsKey(name):
                var created = new JsonObject();
                parent[name] = created;
                return created;
            case JsonObject existing:
                return existing;
            case var other:
                throw new ScopeGuardException($"{path}: '{where}' must be a JSON object, not {Describe(other)}; nothing was written");
        }
    }

    private static JsonArray ArrayMember(JsonObject parent, string name, string path, string where)
    {
        switch (parent[name])
        {
            case null when !parent.ContainsKey(name):
                var created = new JsonArray();
                parent[name] = created;
                return created;
            case JsonArray existing:
                return existing;
            case var other:
                throw new ScopeGuardException($"{path}: '{where}' must be a JSON array, not {Describe(other)}; nothing was written");
        }
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonObject => "an object",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "true or false",
        },
        _ => "something else",
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message.TrimEnd('.') : message[..cut];
    }
}
