using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using ScopeGuard.Cli.Checking;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Guard;

/// <summary>What the guard answers: allow, allow with a warning, or deny, with one line saying why.</summary>
/// <param name="Deny">Whether the tool call is refused.</param>
/// <param name="Reason">One line for the agent (empty for a plain allow).</param>
internal sealed record GuardVerdict(bool Deny, string Reason)
{
    public static GuardVerdict Allow { get; } = new(false, string.Empty);
}

/// <summary>
/// Judges a tool call before it runs, exactly as the pre-commit hook would judge the commit it leads to:
/// the worktree the file is in, its agent (<see cref="IdentitySelector"/>), the base branch's manifest
/// (<see cref="ManifestSelector"/>), and the one <see cref="CheckPipeline"/> over a change set made of the
/// proposed text against HEAD. Paths outside the repository are not ScopeGuard's business; paths inside
/// its git folder are refused.
/// </summary>
internal sealed class EditGuard
{
    private readonly CliContext context;
    private readonly string? manifestOption;
    private readonly string? agentOption;
    private readonly Dictionary<string, Workspace> opened = new(StringComparer.Ordinal);

    public EditGuard(CliContext context, string? manifestOption, string? agentOption)
    {
        this.context = context;
        this.manifestOption = manifestOption;
        this.agentOption = agentOption;
    }

    /// <summary>Judges a request.</summary>
    /// <param name="request">The tool call.</param>
    /// <returns>The verdict.</returns>
    public GuardVerdict Judge(GuardRequest request)
    {
        try
        {
            return JudgeCore(request);
        }
        finally
        {
            foreach (var workspace in opened.Values)
            {
                workspace.Git.Dispose();
            }

            opened.Clear();
        }
    }

    private GuardVerdict JudgeCore(GuardRequest request)
    {
        if (request.Passes)
        {
            return GuardVerdict.Allow;
        }

        var effects = request.Shell is null ? [] : ShellEffects.Scan(request.Shell, request.Cwd, context.Environment("HOME"));
        if (request.Shell is not null && effects.Count == 0)
        {
            return GuardVerdict.Allow; // nothing it plainly writes: the git hooks judge whatever it does
        }

        var session = WorktreeLocator.RootOf(request.Cwd);
        var targets = new List<(string Absolute, FileWrite? Write, ShellEffect? Effect)>();
        targets.AddRange(request.Writes.Select(w => (Path.GetFullPath(w.Path, request.Cwd), (FileWrite?)w, (ShellEffect?)null)));
        targets.AddRange(effects.Where(e => e.Kind is ShellEffectKind.Write or ShellEffectKind.Delete).Select(e => (e.Target, (FileWrite?)null, (ShellEffect?)e)));
        session ??= targets.Select(t => WorktreeLocator.Locate(t.Absolute)?.Root).FirstOrDefault(r => r is not null);
        if (session is null)
        {
            return GuardVerdict.Allow; // no repository anywhere: not ScopeGuard's business
        }

        var sessionCommon = WorktreeLocator.CommonDirectory(session);
        var byRoot = new Dictionary<string, List<(string Path, FileWrite? Write, ShellEffect? Effect)>>(StringComparer.Ordinal);
        var elsewhere = new List<string>();
        foreach (var (absolute, write, effect) in targets)
        {
            var location = WorktreeLocator.Locate(absolute);
            if (location is null || !string.Equals(WorktreeLocator.CommonDirectory(location.Root), sessionCommon, StringComparison.Ordinal))
            {
                continue; // outside this repository
            }

            if (location.InsideGitDirectory)
            {
                return Refuse($"{Show(absolute)} is inside git's own folder (.git), where hooks and config live: an agent may not write there; only 'git' commands change it");
            }

            if (!string.Equals(location.Root, session, StringComparison.Ordinal))
            {
                elsewhere.Add(absolute);
            }

            if (!byRoot.TryGetValue(location.Root, out var list))
            {
                byRoot[location.Root] = list = [];
            }

            list.Add((location.RepositoryPath, write, effect));
        }

        // What a shell command does to git itself, and writes into another worktree, are judged as the
        // session's own agent (the worktree the agent works in).
        var gitEffects = effects.Where(e => e.Kind is not (ShellEffectKind.Write or ShellEffectKind.Delete)).ToList();
        if (gitEffects.Count > 0 || elsewhere.Count > 0)
        {
            var own = Open(session);
            if (own.Manifest.Manifest is null)
            {
                return ManifestInvalid(own.Manifest);
            }

            var identity = own.Identities.Decide(own.Manifest.Manifest, own.Hint);
            if (identity.Agent is { } agent)
            {
                if (GitEffectRefusal(gitEffects, agent, own) is { } refusal)
                {
                    return refusal;
                }

                if (elsewhere.Count > 0)
                {
                    return Refuse($"agent '{agent.Name}' works in {Show(session)}, but {Show(elsewhere[0])} is in another worktree of this repository: an agent edits only its own worktree. {Scope(agent)}");
                }
            }
            else if (own.Manifest.Manifest.Settings.UnknownAgent == UnknownAgentPolicy.Block && gitEffects.Count > 0)
            {
                return Refuse(Messages.UnknownAgent(identity.Reason, own.Manifest.Manifest.Path));
            }
        }

        var warnings = new List<string>();
        foreach (var (root, items) in byRoot)
        {
            var workspace = Open(root);
            if (workspace.Manifest.Manifest is null)
            {
                return ManifestInvalid(workspace.Manifest);
            }

            var (changes, contents, pathChanges) = Changes(workspace, root, items);
            foreach (var report in Judge(workspace, changes, contents, pathChanges))
            {
                if (report.ExitCode == ExitCodes.Findings)
                {
                    return Refuse(Explain(report, request.Shell is not null));
                }

                if (report.Warnings > 0)
                {
                    warnings.Add(Explain(report, request.Shell is not null));
                }
            }
        }

        return warnings.Count == 0 ? GuardVerdict.Allow : new GuardVerdict(false, "ScopeGuard warning (mode warn, not refused): " + warnings[0]);
    }

    private IEnumerable<CheckReport> Judge(Workspace workspace, List<FileChange> changes, ProposedContents contents, List<FileChange> pathChanges)
    {
        var manifest = workspace.Manifest;
        var brought = BroughtSides.Find(workspace.Git, manifest.Manifest, workspace.Hint.Branch, context.Environment);

        // As the hook: a path left exactly as the base branch (not yet merged) or an operation in progress has it is not the agent's change.
        var others = ChangeSources.NotOwnSides(workspace.Git, manifest.Manifest!.Settings.BaseBranch, brought);
        if (others.Count > 0)
        {
            changes = changes.Where(c => c.NewBlobId is null && c.NewKind != EntryKind.None || !others.Any(t => ChangeSources.AsOn(workspace.Git, t, c))).ToList();
        }

        var pipeline = new CheckPipeline(workspace.Git, workspace.Identities, null, false);
        if (changes.Count > 0 || pathChanges.Count == 0)
        {
            yield return pipeline.Judge(new CheckUnit("proposed edit", changes, workspace.Hint, workspace.Hint.Branch, manifest)
            {
                BaseCommit = workspace.Git.HeadSha,
                Brought = brought,
                Contents = contents,
            });
        }

        if (pathChanges.Count > 0)
        {
            yield return pipeline.Judge(new CheckUnit("proposed writes", pathChanges, workspace.Hint, workspace.Hint.Branch, manifest)
            {
                BaseCommit = workspace.Git.HeadSha,
                PathsOnly = true,
            });
        }
    }

    // The change set a tool call makes: contents known (edit tools) judged with the declaration diff; contents
    // unknown (shell writes, a notebook, an edit that corrects itself) judged by path.
    private static (List<FileChange> Changes, ProposedContents Contents, List<FileChange> PathChanges) Changes(Workspace workspace, string root, List<(string Path, FileWrite? Write, ShellEffect? Effect)> items)
    {
        var git = workspace.Git;
        var head = git.HeadSha;
        var changes = new List<FileChange>();
        var pathChanges = new List<FileChange>();
        var proposed = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (path, write, effect) in items)
        {
            var oldBlob = head is null || path.Length == 0 ? null : git.BlobIdAt(head, path);
            if (effect is not null)
            {
                var absolute = Path.Combine(root, path);
                if (Directory.Exists(absolute) && !File.Exists(absolute))
                {
                    if (!effect.CoversFolder || head is null)
                    {
                        continue;
                    }

                    foreach (var (file, blob) in git.TreeFiles(head, [path]))
                    {
                        pathChanges.Add(Change(file, blob, effect.Kind == ShellEffectKind.Delete ? null : string.Empty));
                    }

                    continue;
                }

                if (effect.Kind == ShellEffectKind.Delete && oldBlob is null)
                {
                    continue; // not tracked: deleting it changes no commit
                }

                pathChanges.Add(Change(path, oldBlob, effect.Kind == ShellEffectKind.Delete ? null : string.Empty));
                continue;
            }

            var w = write!;
            if (w.Deletes)
            {
                if (oldBlob is not null)
                {
                    changes.Add(Change(path, oldBlob, null));
                }

                continue;
            }

            if (w.PathOnly)
            {
                pathChanges.Add(Change(path, oldBlob, string.Empty));
                continue;
            }

            var text = w.WholeText;
            if (text is null)
            {
                var source = w.SourcePath is null ? Path.Combine(root, path) : Path.GetFullPath(w.SourcePath, root);
                var current = File.Exists(source) ? SourceDecoding.TryDecode(File.ReadAllBytes(source)) ?? string.Empty : null;
                text = Apply(current, w.Edits!);
                if (text is null)
                {
                    if (w.CorrectsItself)
                    {
                        pathChanges.Add(Change(path, oldBlob, string.Empty));
                    }

                    continue; // the tool fails: nothing is written
                }
            }

            var bytes = Encoding.UTF8.GetBytes(text);
            var newBlob = BlobId(bytes);
            if (newBlob == oldBlob)
            {
                continue;
            }

            proposed[path] = bytes;
            changes.Add(Change(path, oldBlob, newBlob));
        }

        return (changes, new ProposedContents(git.Contents, proposed), pathChanges);
    }

    // newBlob: null for a deletion, empty when the new contents are unknown.
    private static FileChange Change(string path, string? oldBlob, string? newBlob) =>
        new(path, path, newBlob is null ? ChangeStatus.Deleted : oldBlob is null ? ChangeStatus.Added : ChangeStatus.Modified,
            oldBlob is null ? EntryKind.None : EntryKind.File, newBlob is null ? EntryKind.None : EntryKind.File, oldBlob, newBlob is { Length: 0 } ? null : newBlob);

    /// <summary>Applies an edit tool's replacements to a file's current text, as the tool would.</summary>
    /// <param name="current">The current text, or <see langword="null"/> when the file does not exist.</param>
    /// <param name="edits">The replacements, in order.</param>
    /// <returns>The new text, or <see langword="null"/> when a replacement does not apply (the tool would fail).</returns>
    internal static string? Apply(string? current, IReadOnlyList<TextEdit> edits)
    {
        var text = current;
        foreach (var edit in edits)
        {
            if (edit.OldText.Length == 0)
            {
                // An empty old text creates the file (Claude Code's Edit and Gemini's replace agree on that).
                if (text is not null && text.Length > 0)
                {
                    return null;
                }

                text = edit.NewText;
                continue;
            }

            if (text is null)
            {
                return null;
            }

            var first = text.IndexOf(edit.OldText, StringComparison.Ordinal);
            if (first < 0)
            {
                return null;
            }

            if (edit.ReplaceAll)
            {
                text = text.Replace(edit.OldText, edit.NewText, StringComparison.Ordinal);
            }
            else
            {
                if (text.IndexOf(edit.OldText, first + 1, StringComparison.Ordinal) >= 0)
                {
                    return null; // not unique: the tool refuses to guess
                }

                text = string.Concat(text.AsSpan(0, first), edit.NewText, text.AsSpan(first + edit.OldText.Length));
            }
        }

        return text;
    }

    private static string BlobId(byte[] bytes)
    {
        var header = Encoding.ASCII.GetBytes($"blob {bytes.Length}\0");
        var all = new byte[header.Length + bytes.Length];
        header.CopyTo(all, 0);
        bytes.CopyTo(all, header.Length);
#pragma warning disable CA5350 // git names blobs by SHA-1; this is an identity, not a security measure
        return Convert.ToHexStringLower(SHA1.HashData(all));
#pragma warning restore CA5350
    }

    private static GuardVerdict? GitEffectRefusal(List<ShellEffect> effects, AgentScope agent, Workspace own)
    {
        foreach (var effect in effects)
        {
            switch (effect.Kind)
            {
                case ShellEffectKind.SkipsHooks:
                    return Refuse($"'{Short(effect.Command)}' skips git's hooks (--no-verify), so ScopeGuard's check of agent '{agent.Name}' would not run: run it without --no-verify (check first with 'scopeguard check --staged')");
                case ShellEffectKind.SetsAgent:
                    return Refuse($"'{Short(effect.Command)}' sets who the agent is (scopeguard.agent / SCOPEGUARD_AGENT): agent '{agent.Name}' may not change its own identity; a maintainer binds worktrees to agents");
                case ShellEffectKind.MovesHooks:
                    return Refuse($"'{Short(effect.Command)}' changes core.hooksPath, so ScopeGuard's hooks would not run: agent '{agent.Name}' may not change where git looks for hooks");
                case ShellEffectKind.PushesBranch:
                    var rule = own.Manifest.Manifest!.Settings.ProtectedBranches.FirstOrDefault(b => b.Pattern.Matches(effect.Target));
                    if (rule is not null)
                    {
                        return Refuse($"'{Short(effect.Command)}' pushes to protected branch '{effect.Target}' (matches '{rule.Source}' in settings.protectedBranches): agent '{agent.Name}' pushes only its own branch and integrates through a pull request");
                    }

                    break;
            }
        }

        return null;
    }

    private Workspace Open(string root)
    {
        if (opened.TryGetValue(root, out var known))
        {
            return known;
        }

        var git = GitWorkspace.Open(root, context.Environment);
        var manifests = new ManifestSelector(git, manifestOption, context.CurrentDirectory);
        var manifest = manifests.ForWork(git.HeadSha);
        var (branch, origin) = git.Branch is { } current ? (current, (string?)null) : (git.RebaseBranch, git.RebaseBranch is null ? null : "the branch being rebased");
        var workspace = new Workspace(git, manifest, new IdentitySelector(git, context, agentOption), new IdentityHint(branch, origin, Local: true));
        opened[root] = workspace;
        return workspace;
    }

    private static GuardVerdict ManifestInvalid(ManifestChoice manifest)
    {
        var first = manifest.Load.Errors.Count == 0 ? "it could not be read" : manifest.Load.Errors[0].ToString();
        return Refuse($"the manifest that judges this worktree ({manifest.Label}) is invalid, so nothing can be judged and the edit is refused: {first}{(manifest.Load.Errors.Count > 1 ? $" (and {manifest.Load.Errors.Count - 1} more; run 'scopeguard lint')" : string.Empty)}");
    }

    private static GuardVerdict Refuse(string reason) => new(true, "ScopeGuard refused this: " + OneLine(reason));

    // The findings in one line, then what the agent may edit instead.
    private static string Explain(CheckReport report, bool shell)
    {
        var blocking = report.Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        var shown = blocking.Count > 0 ? blocking : report.Findings.ToList();
        var first = shown[0];
        var text = new StringBuilder($"{first.Message} ({first.Id}{(first.Path is null ? string.Empty : $" at {first.Path}({first.Line},{first.Column})")})");
        if (shown.Count > 1)
        {
            text.Append($"; and {shown.Count - 1} more ({string.Join(", ", shown.Skip(1).Take(3).Select(f => f.Id + (f.Symbol is null ? string.Empty : " " + f.Symbol)))}{(shown.Count > 4 ? ", …" : string.Empty)})");
        }

        text.Append(". ");
        if (report.Agent is { } agent)
        {
            text.Append(Scope(agent));
        }

        if (shell && shown.Any(f => f.Path?.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) == true) && report.Agent is { Symbols.IsEmpty: false })
        {
            text.Append(" A shell command's new text is not known, so C# files are judged by path here: edit them with the edit tool to have symbol rules applied.");
        }

        return text.ToString();
    }

    /// <summary>What an agent may edit, briefly, for a refusal.</summary>
    /// <param name="agent">The agent.</param>
    /// <returns>One or two sentences.</returns>
    internal static string Scope(AgentScope agent)
    {
        static string List(IEnumerable<string> items, int max = 6)
        {
            var all = items.ToList();
            return string.Join(", ", all.Take(max)) + (all.Count > max ? $" (+{all.Count - max} more)" : string.Empty);
        }

        var parts = new List<string>();
        parts.Add(agent.Paths.Count == 0 ? "no paths" : "paths " + List(agent.Paths.Select(p => p.Source)) + (agent.Deny.Count == 0 ? string.Empty : " except " + List(agent.Deny.Select(p => p.Source))));
        var symbols = agent.Symbols;
        if (symbols.Edit.Count > 0)
        {
            parts.Add("any change to " + List(symbols.Edit.Select(s => s.Source)));
        }

        if (symbols.Body.Count > 0)
        {
            parts.Add("only the bodies (not signatures) of " + List(symbols.Body.Select(s => s.Source)));
        }

        if (symbols.Extend.Count > 0)
        {
            parts.Add("only new members in " + List(symbols.Extend.Select(s => s.Source)));
        }

        var text = $"Agent '{agent.Name}' may edit: {string.Join("; ", parts)}.";
        if (symbols.ReadOnly.Count > 0)
        {
            text += $" Read-only: {List(symbols.ReadOnly.Select(s => s.Source))}.";
        }

        return text + $" Ask a maintainer for a wider scope ('scopeguard explain --agent {agent.Name}' shows it); check with 'scopeguard check --staged'.";
    }

    private static string Short(string command) => command.Length <= 120 ? command : command[..117] + "...";

    private static string Show(string path) => $"'{path}'";

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private sealed record Workspace(GitWorkspace Git, ManifestChoice Manifest, IdentitySelector Identities, IdentityHint Hint);

    /// <summary>The old side from git; the new side, for the files the tool call writes, from the proposed text.</summary>
    private sealed class ProposedContents : IChangeContents
    {
        private readonly IChangeContents git;
        private readonly Dictionary<string, byte[]> proposed;

        public ProposedContents(IChangeContents git, Dictionary<string, byte[]> proposed)
        {
            this.git = git;
            this.proposed = proposed;
        }

        public byte[]? ReadOld(FileChange change) => git.ReadOld(change);

        public byte[]? ReadNew(FileChange change) =>
            change.NewKind == EntryKind.None ? null : proposed.TryGetValue(change.Path, out var bytes) ? bytes : git.ReadNew(change);
    }
}
