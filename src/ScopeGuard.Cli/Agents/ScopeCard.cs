using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Cli.Agents;

/// <summary>
/// Where an agent works, as far as the caller knows it: <c>agent new</c> knows both, <c>explain</c>
/// knows them when it runs in the agent's own worktree. Unknown facts are left out of the card, which
/// then names the branch patterns instead.
/// </summary>
/// <param name="Branch">The agent's branch (short name), or <see langword="null"/>.</param>
/// <param name="Worktree">The agent's worktree folder, or <see langword="null"/>.</param>
internal sealed record ScopeCardFacts(string? Branch = null, string? Worktree = null)
{
    /// <summary>Gets the facts of an agent whose branch and worktree are not known.</summary>
    public static ScopeCardFacts None { get; } = new();
}

/// <summary>
/// The scope card: one agent's scope in plain words, for a coding agent's instruction file
/// (AGENTS.md, CLAUDE.md, <c>.scopeguard/SCOPE.md</c>). Built from the loaded manifest, so
/// <c>settings.defaults</c> and <c>{agent}</c> appear as they apply to this agent. The Markdown is
/// for reading; the JSON form (<see cref="JsonVersion"/>) is for tools and keeps its shape.
/// </summary>
internal sealed class ScopeCard
{
    /// <summary>The version of the JSON form; raised only when a field changes meaning or goes away.</summary>
    public const int JsonVersion = 1;

    /// <summary>The command an agent runs before committing: what the pre-commit hook runs.</summary>
    public const string CheckCommand = "scopeguard check --staged";

    /// <summary>Who widens a scope, when the manifest does not say (it has no owner field).</summary>
    public const string Maintainer = "the person who maintains scopes.json";

    private ScopeCard(ScopeManifest manifest, AgentScope agent, ScopeCardFacts facts)
    {
        Manifest = manifest;
        Agent = agent;
        Facts = facts;
    }

    /// <summary>Gets the manifest the card is read from.</summary>
    public ScopeManifest Manifest { get; }

    /// <summary>Gets the agent the card is for.</summary>
    public AgentScope Agent { get; }

    /// <summary>Gets the branch and worktree, where known.</summary>
    public ScopeCardFacts Facts { get; }

    /// <summary>
    /// Makes the card of one agent. Throws <see cref="ScopeGuardException"/> (exit code 2) naming the
    /// declared agents when the manifest does not declare <paramref name="agentName"/>.
    /// </summary>
    public static ScopeCard Create(ScopeManifest manifest, string agentName, ScopeCardFacts? facts = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(agentName);
        var agent = manifest.FindAgent(agentName)
            ?? throw new ScopeGuardException(Messages.UndeclaredAgent("--agent", agentName, manifest));
        return new ScopeCard(manifest, agent, facts ?? ScopeCardFacts.None);
    }

    /// <summary>Gets the card as Markdown, ending with a newline.</summary>
    public string ToMarkdown()
    {
        var w = new StringBuilder();
        var name = Agent.Name;
        w.Append("# Scope of agent `").Append(name).Append("`\n\n");
        if (!string.IsNullOrWhiteSpace(Agent.Description))
        {
            w.Append("> ").Append(OneLine(Agent.Description!)).Append("\n\n");
        }

        w.Append("You are the coding agent `").Append(name).Append("`. ScopeGuard checks every commit you make against `")
            .Append(Manifest.Path).Append("`. ")
            .Append(Agent.Mode == ScopeMode.Block
                ? "A change outside the scope below is refused: the commit does not happen."
                : "A change outside the scope below is reported as a warning (this agent's mode is `warn`); stay inside it anyway.")
            .Append("\n\n");

        w.Append("## Where you work\n\n");
        if (Facts.Branch is { } branch)
        {
            w.Append("- Branch: `").Append(branch).Append("`\n");
        }

        w.Append(Agent.Branches.Count == 0
                ? "- Your branches: none are named for you; you are identified by the `scopeguard.agent` setting of your worktree."
                : $"- Your branches: {Code(Agent.Branches.Select(b => b.Pattern.Text))} (`*` stands for any text without `/`).")
            .Append('\n');
        if (Facts.Worktree is { } worktree)
        {
            w.Append("- Worktree: `").Append(worktree).Append("`. Work only in this folder.\n");
        }

        w.Append("- Never commit on a protected branch (listed below).\n\n");

        w.Append("## Files you may change\n\n");
        if (Agent.Paths.Count == 0)
        {
            w.Append("No file by its path. You may change only the C# code that the rules under \"C# code\" allow.\n\n");
        }
        else
        {
            w.Append("You may add, change, delete and rename files that match these patterns (`.gitignore` syntax, relative to the repository root; a pattern that matches a folder covers everything in it):\n\n");
            foreach (var path in Agent.Paths)
            {
                AppendPath(w, path);
            }

            w.Append('\n');
        }

        if (Agent.Deny.Count > 0)
        {
            w.Append("Except these, which you may not change even where a pattern above matches them:\n\n");
            foreach (var path in Agent.Deny)
            {
                AppendPath(w, path);
            }

            w.Append('\n');
        }

        w.Append("Every other file is outside your scope");
        w.Append(Agent.Symbols.IsEmpty ? ".\n\n" : ", except for the C# code the rules below allow.\n\n");

        if (!Agent.Symbols.IsEmpty)
        {
            w.Append("## C# code\n\n");
            w.Append("These rules decide for C# declarations in any file, whatever its folder. The most specific pattern wins; at equal specificity the stricter one.\n\n");
            foreach (var rule in SymbolRules())
            {
                w.Append("- **").Append(rule.Access).Append("** `").Append(rule.Entry.Pattern.Text).Append("` (")
                    .Append(DescribeSymbol(rule.Entry.Pattern)).Append("): ").Append(AccessMeaning(rule.Access)).Append('\n');
            }

            w.Append('\n');
        }

        w.Append("## Protected: no agent may change these\n\n");
        w.Append("Files, whatever your scope says:\n\n");
        foreach (var path in Manifest.Settings.ProtectedPaths)
        {
            AppendPath(w, path);
        }

        w.Append("\nBranches no agent may commit on: ").Append(Code(Manifest.Settings.ProtectedBranches.Select(b => b.Pattern.Text))).Append(".\n\n");

        w.Append("## Before you commit\n\n");
        w.Append("Run `").Append(CheckCommand).Append("` in your worktree. It checks what you staged, exactly as the commit will be checked: ")
            .Append("exit 0 means the commit will pass; exit 1 lists each change outside your scope as `path(line,column): error SGxxxx: why`; exit 2 means it could not check (read the message). ")
            .Append("To ask about a path before you edit it, run `scopeguard which --agent ").Append(name).Append(" PATH`.\n\n");

        w.Append("## If you step outside your scope\n\n");
        w.Append("- The git `pre-commit` hook runs the same check and refuses the commit (`pre-merge-commit` for a merge). Unstage or undo the out-of-scope change; do not work around it.\n");
        w.Append("- The `pre-push` hook and the CI check of the pull request check every commit again, so `git commit --no-verify` does not get a change through.\n");
        w.Append("- Do not change the `scopeguard.agent` setting or switch to another agent's branch: that does not widen your scope.\n\n");

        w.Append("## Need a wider scope?\n\n");
        w.Append("Ask ").Append(Maintainer).Append(" to change your entry in `").Append(Manifest.Path)
            .Append("`. Do not edit it yourself: it is protected, and a change to it is refused.\n");
        return w.ToString();
    }

    /// <summary>Gets the card as one indented JSON document, ending with a newline.</summary>
    public string ToJson()
    {
        using var writer = new StringWriter();
        writer.NewLine = "\n";
        JsonOutput.Write(writer, WriteJson);
        return writer.ToString();
    }

    /// <summary>Writes the card as one JSON object (for <c>explain --all</c>, one per agent in an array).</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteNumber("version", JsonVersion);
        json.WriteString("agent", Agent.Name);
        JsonOutput.WriteNullable(json, "description", Agent.Description);
        json.WriteString("manifest", Manifest.Path);
        json.WriteString("mode", Agent.Mode == ScopeMode.Block ? "block" : "warn");
        JsonOutput.WriteNullable(json, "branch", Facts.Branch);
        JsonOutput.WriteNullable(json, "worktree", Facts.Worktree);
        WriteStrings(json, "branches", Agent.Branches.Select(b => b.Pattern.Text));
        WritePaths(json, "paths", Agent.Paths);
        WritePaths(json, "deny", Agent.Deny);
        json.WriteStartArray("symbols");
        foreach (var rule in SymbolRules())
        {
            json.WriteStartObject();
            json.WriteString("pattern", rule.Entry.Pattern.Text);
            json.WriteString("access", rule.Access);
            json.WriteString("from", rule.Entry.Origin);
            json.WriteString("meaning", $"{DescribeSymbol(rule.Entry.Pattern)}: {AccessMeaning(rule.Access)}");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WritePaths(json, "protectedPaths", Manifest.Settings.ProtectedPaths);
        WriteStrings(json, "protectedBranches", Manifest.Settings.ProtectedBranches.Select(b => b.Pattern.Text));
        json.WriteString("check", CheckCommand);
        WriteStrings(json, "hooks", ["pre-commit", "pre-merge-commit", "pre-push"]);
        json.WriteString("askForWiderScope", Maintainer);
        json.WriteEndObject();
    }

    /// <summary>Says in words what a path pattern matches (no Markdown).</summary>
    internal static string DescribePath(PathPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var text = pattern.Text;
        var body = text.TrimEnd('/').TrimStart('/');
        var wild = body.IndexOfAny(['*', '?', '[', '\\']) >= 0;
        var where = pattern.BasenameOnly ? "in any folder" : "from the repository root";
        if (!wild)
        {
            return pattern.DirectoryOnly
                ? pattern.BasenameOnly ? $"every folder named {body}, {where}, and everything in it" : $"the folder {body} and everything in it"
                : pattern.BasenameOnly ? $"every file or folder named {body}, {where}" : $"the file or folder {body}";
        }

        var kind = pattern.DirectoryOnly ? "every folder" : "every file or folder";
        var whose = pattern.BasenameOnly ? "name" : "path";
        return $"{kind} whose {whose} matches {body}, {where} (* and ? match within one name, ** across folders)";
    }

    /// <summary>Says in words which declarations a symbol pattern names (no Markdown).</summary>
    internal static string DescribeSymbol(SymbolPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var name = string.Join(".", pattern.Parts);
        var what = pattern.Kind switch
        {
            SymbolKind.Namespace => $"the namespace {name}, its child namespaces and everything declared in them",
            SymbolKind.Type => $"the type {name} with its members and nested types, in every file it is declared in",
            SymbolKind.Method => $"the method {name}{Overloads(pattern)}",
            SymbolKind.Property => $"the property {name}{Overloads(pattern)}",
            SymbolKind.Field => $"the field {name}",
            _ => $"the event {name}",
        };
        return pattern.HasWildcards ? $"{what} (* matches within one name, ** any number of names)" : what;

        static string Overloads(SymbolPattern p) =>
            p.AnyParameters ? ", every overload" : p.Parameters is { } parameters ? $"({parameters})" : string.Empty;
    }

    /// <summary>Says in words what an access level allows (no Markdown).</summary>
    internal static string AccessMeaning(string access) => access switch
    {
        "edit" => "you may change anything: add, remove, rename, change signatures and bodies",
        "body" => "you may change implementations only (method and accessor bodies, expression bodies, initializers); do not change a signature, modifiers, attributes, parameters, return type, base types or constraints, and do not add or remove members",
        "extend" => "you may add new members and nested types; do not change or remove existing ones",
        _ => "read only: do not change anything",
    };

    private IEnumerable<(string Access, ManifestEntry<SymbolPattern> Entry)> SymbolRules() =>
        Agent.Symbols.Edit.Select(e => ("edit", e))
            .Concat(Agent.Symbols.Body.Select(e => ("body", e)))
            .Concat(Agent.Symbols.Extend.Select(e => ("extend", e)))
            .Concat(Agent.Symbols.ReadOnly.Select(e => ("readonly", e)));

    private static void AppendPath(StringBuilder w, ManifestEntry<PathPattern> entry)
    {
        w.Append("- `").Append(entry.Pattern.Text).Append("`: ").Append(DescribePath(entry.Pattern));
        if (entry.Origin.StartsWith("settings.defaults", StringComparison.Ordinal))
        {
            w.Append(" (from settings.defaults, for every agent)");
        }

        w.Append('\n');
    }

    private static void WritePaths(Utf8JsonWriter json, string name, IEnumerable<ManifestEntry<PathPattern>> entries)
    {
        json.WriteStartArray(name);
        foreach (var entry in entries)
        {
            json.WriteStartObject();
            json.WriteString("pattern", entry.Pattern.Text);
            json.WriteString("from", entry.Origin);
            json.WriteString("meaning", DescribePath(entry.Pattern));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static string Code(IEnumerable<string> values)
    {
        var list = values.Select(v => $"`{v}`").ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
