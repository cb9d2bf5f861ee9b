using System;
using System.CommandLine;
using System.Text.Json;
using ScopeGuard.Cli.Agents;
using ScopeGuard.Cli.Guard;
using ScopeGuard.Core;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary>
/// <c>scopeguard guard</c>: the adapter for coding agents' pre-tool hooks. It reads the hook's JSON on
/// standard input, judges the edit (or the shell command) before it happens as the pre-commit hook would
/// judge the commit it leads to, and answers in the agent's format: exit code 0 to allow; to deny, exit
/// code 2 with one line on standard error (the agent is told why and what it may edit instead) and the
/// agent's JSON decision on standard output. Any failure denies (fail closed).
/// </summary>
internal sealed class GuardCommand : Command
{
    /// <summary>The names <c>--format</c> accepts.</summary>
    public static readonly string[] Formats = ["auto", "claude", "codex", "gemini", "cursor", "copilot"];

    public GuardCommand(CliContext context)
        : base("guard", "Judge a coding agent's tool call before it runs (reads the pre-tool hook's JSON on standard input; exit 2 refuses it, with the reason on standard error).")
    {
        Options.Add(Format);
        Options.Add(AgentOption);
        Options.Add(ManifestOption);
        Subcommands.Add(new GuardInstallCommand(context));
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<string> Format { get; } = CreateFormat();

    internal Option<string?> AgentOption { get; } = CommonOptions.Agent("Judge as this agent (else SCOPEGUARD_AGENT, git config scopeguard.agent, then the branch, as the pre-commit hook decides).");

    internal Option<string?> ManifestOption { get; } = CommonOptions.Manifest();

    /// <summary>Maps a <c>--format</c> value to a format; <see langword="null"/> for <c>auto</c>.</summary>
    /// <param name="name">The value.</param>
    /// <returns>The format.</returns>
    internal static HookFormat? ParseFormat(string? name) => name switch
    {
        "claude" or "codex" => HookFormat.Claude,
        "gemini" => HookFormat.Gemini,
        "cursor" => HookFormat.Cursor,
        "copilot" => HookFormat.Copilot,
        _ => null,
    };

    /// <summary>Writes a verdict as the agent expects it and returns the exit code.</summary>
    /// <param name="context">Where to write.</param>
    /// <param name="format">The agent's format.</param>
    /// <param name="verdict">The verdict.</param>
    /// <returns>0 to allow, 2 to deny.</returns>
    internal static int Answer(CliContext context, HookFormat format, GuardVerdict verdict)
    {
        if (!verdict.Deny)
        {
            if (verdict.Reason.Length > 0)
            {
                context.Error.WriteLine(verdict.Reason);
            }

            return ExitCodes.Success;
        }

        // Both channels say the same: exit code 2 with the reason on standard error is what every supported
        // agent documents for a blocking hook; the JSON decision covers versions that read standard output.
        context.Output.WriteLine(DecisionJson(format, verdict.Reason));
        context.Error.WriteLine(verdict.Reason);
        return ExitCodes.Error;
    }

    /// <summary>Gets the agent's JSON decision that denies a tool call.</summary>
    /// <param name="format">The agent's format.</param>
    /// <param name="reason">Why.</param>
    /// <returns>One line of JSON.</returns>
    internal static string DecisionJson(HookFormat format, string reason)
    {
        // Written by hand rather than serialized: a refusal should not pay for the serializer's start-up.
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            switch (format)
            {
                case HookFormat.Claude:
                    writer.WriteStartObject("hookSpecificOutput");
                    writer.WriteString("hookEventName", "PreToolUse");
                    writer.WriteString("permissionDecision", "deny");
                    writer.WriteString("permissionDecisionReason", reason);
                    writer.WriteEndObject();
                    break;
                case HookFormat.Gemini:
                    writer.WriteString("decision", "deny");
                    writer.WriteString("reason", reason);
                    break;
                case HookFormat.Cursor:
                    writer.WriteString("permission", "deny");
                    writer.WriteString("user_message", reason);
                    writer.WriteString("agent_message", reason);
                    break;
                default:
                    writer.WriteString("permissionDecision", "deny");
                    writer.WriteString("permissionDecisionReason", reason);
                    break;
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Option<string> CreateFormat()
    {
        var option = new Option<string>("--format")
        {
            Description = "Whose hook input this is: auto (told from the JSON), claude (Claude Code PreToolUse), codex (the same wire format), gemini (BeforeTool), cursor (beforeShellExecution) or copilot (preToolUse).",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong(Formats);
        return option;
    }

    private int Execute(ParseResult parseResult, CliContext context)
    {
        var format = ParseFormat(parseResult.GetValue(Format));
        try
        {
            var input = context.Input.ReadToEnd();
            var request = GuardRequest.Parse(input, format, context.CurrentDirectory);
            format = request.Format;
            var verdict = new EditGuard(context, parseResult.GetValue(ManifestOption), parseResult.GetValue(AgentOption)).Judge(request);
            return Answer(context, request.Format, verdict);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Fail closed: an agent's hook lets the tool call through on most failures, so every failure is a refusal.
            var message = ex is ScopeGuardException ? ex.Message : GitFailures.Explain(ex) ?? $"internal error, so nothing was judged: {ex.GetType().Name}: {ex.Message}";
            if (context.Environment("SCOPEGUARD_DEBUG") is "1" or "true")
            {
                context.Error.WriteLine(ex.ToString());
            }

            return Answer(context, format ?? HookFormat.Claude, new GuardVerdict(true, "ScopeGuard refused this: error: " + string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))));
        }
    }
}

/// <summary><c>scopeguard guard install --claude</c>: writes the guard's hook entry into the worktree's <c>.claude/settings.json</c>.</summary>
internal sealed class GuardInstallCommand : Command
{
    public GuardInstallCommand(CliContext context)
        : base("install", "Install the pre-edit guard for a coding agent in this worktree (--claude: .claude/settings.json, merged with what is there).")
    {
        Options.Add(Claude);
        Validators.Add(result =>
        {
            if (!result.GetValue(Claude))
            {
                result.AddError("name the agent to install the guard for: --claude (the only one with a settings file ScopeGuard writes; see docs/guard.md for the others)");
            }
        });
        SetAction(parseResult => Execute(context));
    }

    internal Option<bool> Claude { get; } = new("--claude")
    {
        Description = "Write the PreToolUse hook entry into this worktree's .claude/settings.json (other settings and hooks are kept; a second install changes nothing).",
    };

    private static int Execute(CliContext context)
    {
        using var workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
        var root = workspace.WorkingDirectory;
        var outcome = ClaudeSettings.Install(root);
        var path = ClaudeSettings.PathIn(root);
        context.Output.WriteLine(outcome switch
        {
            ClaudeSettingsOutcome.AlreadyInstalled => $"scopeguard: the pre-edit guard is already installed in {path}",
            ClaudeSettingsOutcome.Updated => $"scopeguard: updated the pre-edit guard's entry in {path}",
            ClaudeSettingsOutcome.Added => $"scopeguard: added the pre-edit guard to {path} (its other settings and hooks are kept)",
            _ => $"scopeguard: wrote {path} with the pre-edit guard",
        });
        context.Output.WriteLine($"scopeguard: Claude Code now runs 'scopeguard guard --format claude' before {ClaudeSettings.Matcher.Replace("|", ", ", StringComparison.Ordinal)}; an edit out of scope is refused before it happens. The git hooks stay the authority ('scopeguard install').");
        return ExitCodes.Success;
    }
}
