using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Rules;

/// <summary>The words of each finding, shared by the CLI and the analyzer so both say the same thing.</summary>
public static class Messages
{
    /// <summary>Describes how a path was touched by a change.</summary>
    /// <param name="change">The change.</param>
    /// <param name="path">One of its touched paths.</param>
    /// <returns>A few words, e.g. "renamed to 'b.cs'".</returns>
    public static string HowChanged(FileChange change, string path)
    {
        if (change is null)
        {
            throw new System.ArgumentNullException(nameof(change));
        }

        return change.Status switch
        {
            ChangeStatus.Added => "added",
            ChangeStatus.Deleted => "deleted",
            ChangeStatus.Renamed when path == change.OldPath => $"renamed to {GitPathQuoting.InMessage(change.Path)}",
            ChangeStatus.Renamed => $"renamed from {GitPathQuoting.InMessage(change.OldPath)}",
            ChangeStatus.Copied when path == change.OldPath => $"copied to {GitPathQuoting.InMessage(change.Path)}",
            ChangeStatus.Copied => $"copied from {GitPathQuoting.InMessage(change.OldPath)}",
            ChangeStatus.TypeChanged => "changed kind (file, symlink or submodule)",
            _ when change.IsModeChange => "mode changed",
            _ => "modified",
        };
    }

    /// <summary>An identity source (<c>--agent</c>, <c>SCOPEGUARD_AGENT</c>, git config, <c>ScopeGuardAgent</c>) names an agent the manifest does not declare.</summary>
    /// <param name="source">The source, as the user knows it (e.g. <c>--agent</c>).</param>
    /// <param name="name">The name it gave.</param>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The message.</returns>
    public static string UndeclaredAgent(string source, string name, ScopeManifest manifest)
    {
        if (manifest is null)
        {
            throw new System.ArgumentNullException(nameof(manifest));
        }

        return $"{source} names agent \"{name}\", which {manifest.Path} does not declare; declared agents: {string.Join(", ", manifest.Agents.Select(a => a.Name))}";
    }

    /// <summary>SG0002 for a new <c>partial</c> part of a type (or of a partial method, property or event) whose other parts live where the agent may not write.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="type">The type.</param>
    /// <param name="elsewhere">The files of its other parts that the agent may not write.</param>
    /// <returns>The message.</returns>
    public static string PartialPartOfForeignType(AgentScope agent, DeclarationId type, IReadOnlyList<string> elsewhere)
    {
        if (agent is null || type is null || elsewhere is null)
        {
            throw new System.ArgumentNullException(agent is null ? nameof(agent) : type is null ? nameof(type) : nameof(elsewhere));
        }

        var files = string.Join(", ", elsewhere.Take(3).Select(p => $"'{p}'")) + (elsewhere.Count > 3 ? $" and {elsewhere.Count - 3} more" : string.Empty);
        return type.Kind == SymbolKind.Type
            ? $"agent '{agent.Name}' may not add a part to partial type '{type}': a new part changes the type, whose other parts live in {files}, outside its paths, and no symbol rule of the agent names it; a maintainer could grant \"extend\": [\"{type}\"]"
            : $"agent '{agent.Name}' may not add a part to partial member '{type}': a new part (its implementation or its declaration) changes the member, whose other part lives in {files}, outside its paths, and no symbol rule of the agent names it; a maintainer could grant \"edit\": [\"{type}\"]";
    }

    /// <summary>An identity source set where the agent works names another agent than the branch's.</summary>
    /// <param name="source">The source (<c>SCOPEGUARD_AGENT</c>, git config).</param>
    /// <param name="name">The agent it names.</param>
    /// <param name="branch">The branch.</param>
    /// <param name="owner">The agent the branch belongs to.</param>
    /// <param name="rule">The branch pattern that says so.</param>
    /// <returns>The message.</returns>
    public static string AgentContradictsBranch(string source, string name, string branch, string owner, string rule) =>
        $"{source} names agent \"{name}\", but branch \"{branch}\" belongs to agent \"{owner}\" (\"{rule}\" in agents.{owner}.branches): one branch is one agent's work; unset {source}, or work on {name}'s own branch";

    /// <summary>SG0001.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="path">The path.</param>
    /// <param name="how">How it changed.</param>
    /// <param name="decision">Why it is not allowed.</param>
    /// <returns>The message.</returns>
    public static string PathOutOfScope(AgentScope agent, string path, string how, PathDecision decision)
    {
        if (agent is null || decision is null)
        {
            throw new System.ArgumentNullException(agent is null ? nameof(agent) : nameof(decision));
        }

        var why = decision.Verdict == PathVerdict.Denied
            ? $"it is denied by '{decision.Rule!.Pattern.Text}' in {decision.Rule.Origin}"
            : agent.Paths.Count == 0
                ? "the agent has no paths"
                : $"no pattern in its paths matches (default deny); its paths are {string.Join(", ", agent.Paths.Select(p => p.Pattern.Text))}";
        return $"agent '{agent.Name}' may not change {GitPathQuoting.InMessage(path)} ({how}): {why}";
    }

    /// <summary>SG0004.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="path">The path.</param>
    /// <param name="how">How it changed.</param>
    /// <param name="pattern">The protecting pattern.</param>
    /// <returns>The message.</returns>
    public static string ProtectedPath(string agent, string path, string how, string pattern) =>
        $"agent '{agent}' may not change protected path {GitPathQuoting.InMessage(path)} ({how}): it matches '{pattern}' in settings.protectedPaths; a maintainer must make this change";

    /// <summary>SG0005.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="branch">The branch.</param>
    /// <param name="pattern">The protecting pattern.</param>
    /// <returns>The message.</returns>
    public static string ProtectedBranch(string agent, string branch, string pattern) =>
        $"agent '{agent}' may not commit to protected branch '{branch}' (matches '{pattern}' in settings.protectedBranches): work on the agent's own branch and integrate through a pull request";

    /// <summary>SG0006.</summary>
    /// <param name="reason">Why no agent was identified.</param>
    /// <param name="manifestPath">The manifest.</param>
    /// <returns>The message.</returns>
    public static string UnknownAgent(string reason, string manifestPath) =>
        $"no agent identified: {reason}; settings.unknownAgent is 'block' in {manifestPath}. Set --agent, SCOPEGUARD_AGENT or 'git config --worktree scopeguard.agent NAME', or work on a branch listed under an agent's branches";

    /// <summary>Describes a declaration change in a few words.</summary>
    /// <param name="kind">The change.</param>
    /// <returns>E.g. "body changed".</returns>
    public static string Describe(DeclarationChangeKind kind) => kind switch
    {
        DeclarationChangeKind.Added => "added",
        DeclarationChangeKind.Removed => "removed",
        DeclarationChangeKind.SignatureChanged => "signature changed",
        DeclarationChangeKind.BodyChanged => "body changed",
        _ => "whitespace or comments changed",
    };

    /// <summary>SG0001 for a declaration that no symbol rule names, in a file outside the agent's paths.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="path">The file.</param>
    /// <param name="change">The declaration's change.</param>
    /// <param name="decision">Why the path is not allowed.</param>
    /// <returns>The message.</returns>
    public static string DeclarationOutsidePaths(AgentScope agent, string path, DeclarationChange change, PathDecision decision)
    {
        if (agent is null || change is null || decision is null)
        {
            throw new System.ArgumentNullException(agent is null ? nameof(agent) : change is null ? nameof(change) : nameof(decision));
        }

        return $"agent '{agent.Name}' may not change '{change.Id}' ({Describe(change.Kind)}) in {GitPathQuoting.InMessage(path)}: no symbol rule of the agent names it and {PathReason(agent, decision)}{RemovedFrom(change, fileDeleted: false)}";
    }

    /// <summary>
    /// SG0001 once for a C# file in which no symbol rule of the agent allowed any change: the file is out
    /// of its paths, and listing each changed declaration would say nothing more.
    /// </summary>
    /// <param name="agent">The agent.</param>
    /// <param name="path">The path.</param>
    /// <param name="declarations">How many declarations changed.</param>
    /// <param name="fileLevel">Whether usings, extern aliases or file-level attributes changed too.</param>
    /// <param name="decision">Why the path is not allowed.</param>
    /// <returns>The message.</returns>
    public static string FileOutsidePaths(AgentScope agent, string path, int declarations, bool fileLevel, PathDecision decision)
    {
        if (agent is null || decision is null)
        {
            throw new System.ArgumentNullException(agent is null ? nameof(agent) : nameof(decision));
        }

        var what = $"{declarations} changed declaration(s){(fileLevel ? " and its usings or file-level attributes" : string.Empty)}, none of which a symbol rule of the agent allows";
        return $"agent '{agent.Name}' may not change '{path}' ({what}): {PathReason(agent, decision)}";
    }

    /// <summary>SG0001 for usings, extern aliases, assembly attributes, or the file's creation or deletion.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="change">The file change.</param>
    /// <param name="path">The path.</param>
    /// <param name="decision">Why the path is not allowed.</param>
    /// <returns>The message.</returns>
    public static string FileLevelOutsidePaths(AgentScope agent, FileChange change, string path, PathDecision decision)
    {
        if (agent is null || change is null || decision is null)
        {
            throw new System.ArgumentNullException(agent is null ? nameof(agent) : change is null ? nameof(change) : nameof(decision));
        }

        var what = change.Status switch
        {
            ChangeStatus.Added => "added the file",
            ChangeStatus.Deleted => "deleted the file",
            _ => "changed usings, extern aliases or file-level attributes",
        };
        return $"agent '{agent.Name}' may not change {GitPathQuoting.InMessage(path)} ({what}): {PathReason(agent, decision)}";
    }

    /// <summary>SG0002 or SG0003: a symbol rule refuses the change.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="change">The declaration's change.</param>
    /// <param name="rule">The deciding rule.</param>
    /// <param name="allowing">The most specific rule of the agent that would allow it, if any.</param>
    /// <param name="fileDeleted">Whether the file was deleted (a removal is then reported at its first line).</param>
    /// <returns>The message.</returns>
    public static string SymbolDenied(AgentScope agent, DeclarationChange change, SymbolRule rule, SymbolRule? allowing, bool fileDeleted = false)
    {
        if (agent is null || change is null || rule is null)
        {
            throw new System.ArgumentNullException(agent is null ? nameof(agent) : change is null ? nameof(change) : nameof(rule));
        }

        var why = rule.Access switch
        {
            SymbolAccess.Body => "it may change only implementations there",
            SymbolAccess.Extend => rule.Match.IsTarget ? "it may only add members inside it" : "it may only add members, not change or remove existing ones",
            _ => "it may change nothing there",
        };
        var nearest = allowing is not null
            ? $"'{allowing.Text}' ({allowing.Entry.Origin}) would allow it, but the more specific or more restrictive '{rule.Text}' decides"
            : $"no rule of the agent allows it; a maintainer could grant \"edit\": [\"{change.Id}\"]";
        return $"agent '{agent.Name}' may not change '{change.Id}' ({Describe(change.Kind)}): '{rule.Text}' in {rule.Entry.Origin} decides and {why}; {nearest}{RemovedFrom(change, fileDeleted)}";
    }

    /// <summary>SG0002 for a C# file that cannot be parsed, under an agent with restrictive symbol rules.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="path">The file.</param>
    /// <param name="why">Why it cannot be parsed, e.g. "it is over 16 MiB".</param>
    /// <returns>The message.</returns>
    public static string UnparseableFile(AgentScope agent, string path, string why)
    {
        if (agent is null)
        {
            throw new System.ArgumentNullException(nameof(agent));
        }

        return $"agent '{agent.Name}' may not change '{path}': the file cannot be parsed as C# ({why}), so its body, extend and readonly rules ({RestrictiveRules(agent)}) cannot be checked against the declarations in it; make it a text file under 16 MiB without NUL bytes, or ask a maintainer to commit it";
    }

    /// <summary>SG0002 for changed code in an <c>#if</c> branch that no parse could make active.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="path">The file.</param>
    /// <returns>The message.</returns>
    public static string InactiveCodeChanged(AgentScope agent, string path)
    {
        if (agent is null)
        {
            throw new System.ArgumentNullException(nameof(agent));
        }

        return $"agent '{agent.Name}' may not change '{path}' here: code changed in an #if branch that no set of preprocessor symbols makes active (#if false, a condition a #define or #undef contradicts, or too many symbols), so no declaration owns it and its body, extend and readonly rules ({RestrictiveRules(agent)}) cannot be checked; remove the branch or make its condition reachable, or ask a maintainer to commit it";
    }

    /// <summary>
    /// Says where a removed declaration stood and why the finding is located where it is: a removal is
    /// reported in the new text, at its containing type or namespace (its old line may hold another
    /// declaration now), or at the start of the file when nothing that contained it is left.
    /// </summary>
    /// <param name="change">The declaration's change.</param>
    /// <param name="fileDeleted">Whether the file was deleted.</param>
    /// <returns>"; removed: it stood at line N of the old file (…)", or empty for any other change.</returns>
    public static string RemovedFrom(DeclarationChange change, bool fileDeleted)
    {
        if (change is null)
        {
            throw new System.ArgumentNullException(nameof(change));
        }

        if (change.Removal is not { } removal)
        {
            return string.Empty;
        }

        var where = fileDeleted
            ? "the file was deleted; reported at its line 1"
            : removal.Container is { } container
                ? $"reported at '{container}', which contained it"
                : "nothing that contained it is left; reported at line 1 of the file";
        return $"; removed: it stood at line {removal.OldPosition.Line} of the old file ({where})";
    }

    private static string RestrictiveRules(AgentScope agent) =>
        string.Join(", ", agent.Symbols.Body.Select(e => "body " + e.Source)
            .Concat(agent.Symbols.Extend.Select(e => "extend " + e.Source))
            .Concat(agent.Symbols.ReadOnly.Select(e => "readonly " + e.Source)));

    private static string PathReason(AgentScope agent, PathDecision decision) =>
        decision.Verdict == PathVerdict.Denied
            ? $"the file is denied by '{decision.Rule!.Pattern.Text}' in {decision.Rule.Origin}"
            : agent.Paths.Count == 0
                ? "the agent has no paths"
                : $"the file is not in its paths ({string.Join(", ", agent.Paths.Select(p => p.Pattern.Text))})";

    /// <summary>SG0101: a member pattern covers no declaration in the repository.</summary>
    /// <param name="entry">The pattern.</param>
    /// <param name="nearest">The nearest ID that exists, or <see langword="null"/>.</param>
    /// <returns>The message.</returns>
    public static string PatternMatchesNothing(ManifestEntry<SymbolPattern> entry, DeclarationId? nearest)
    {
        if (entry is null)
        {
            throw new System.ArgumentNullException(nameof(entry));
        }

        var hint = nearest is null
            ? "the repository's C# files declare no member of that kind"
            : nearest.ResolvedParameters is null
                ? $"nearest existing ID: {nearest}"
                : $"nearest existing ID: {nearest}, which the compiler writes {nearest.CompilerForm}";
        return $"'{entry.Source}' in {entry.Origin} matches no declaration in the repository's C# files, so a broader rule (or the path) decides in its place; {hint} (scopeguard symbols --compiler-ids FILE lists the IDs)";
    }

    /// <summary>SG0102: an exact member pattern covers declarations with different compiler IDs.</summary>
    /// <param name="entry">The pattern.</param>
    /// <param name="compilerIds">Their compiler IDs (as far as names resolve).</param>
    /// <returns>The message.</returns>
    public static string PatternAmbiguous(ManifestEntry<SymbolPattern> entry, IReadOnlyList<string> compilerIds)
    {
        if (entry is null)
        {
            throw new System.ArgumentNullException(nameof(entry));
        }

        if (compilerIds is null)
        {
            throw new System.ArgumentNullException(nameof(compilerIds));
        }

        return $"'{entry.Source}' in {entry.Origin} covers {compilerIds.Count} declarations whose compiler IDs differ ({string.Join(", ", compilerIds)}): the short type name in it means different types in different files; write the compiler's ID of the one you mean";
    }
}
