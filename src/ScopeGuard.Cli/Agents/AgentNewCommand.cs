using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using ScopeGuard.Cli.Checking;
using ScopeGuard.Cli.Hooks;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Agents;

/// <summary>
/// <c>scopeguard agent new NAME</c>: the agent's branch from the base, a linked worktree on it bound to the
/// agent by worktree-scoped config, ScopeGuard's hooks running there, and the scope card beside the code,
/// kept out of commits. All or nothing: on any failure what was made is undone.
/// </summary>
internal sealed class AgentNewCommand : Command
{
    /// <summary>Claude Code's project settings, relative to the worktree's root.</summary>
    public const string ClaudeSettingsPath = ".claude/settings.json";

    public AgentNewCommand(CliContext context)
        : base("new", "Create the agent's branch and worktree, bind the worktree to the agent, make the hooks run there and write its scope card.")
    {
        Arguments.Add(AgentName);
        Options.Add(Base);
        Options.Add(PathOption);
        Options.Add(Claude);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Argument<string> AgentName { get; } = new("NAME") { Description = "The agent, as scopes.json names it." };

    internal Option<string?> Base { get; } = new("--base")
    {
        Description = "Start the branch from this commit or branch (default: settings.baseBranch of the manifest).",
        HelpName = "REF",
    };

    internal Option<string?> PathOption { get; } = new("--path")
    {
        Description = "Where to put the worktree (default: beside the repository, ../REPO-NAME).",
        HelpName = "DIR",
    };

    internal Option<bool> Claude { get; } = new("--claude")
    {
        Description = "Also install the pre-edit guard for Claude Code in the worktree's .claude/settings.json (as 'scopeguard guard install --claude'), kept out of commits.",
    };

    private int Execute(ParseResult parseResult, CliContext context)
    {
        var name = parseResult.GetValue(AgentName) ?? string.Empty;
        using var workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
        var here = workspace.WorkTreeRoot ?? workspace.GitDirectory;
        var selector = new ManifestSelector(workspace, null, context.CurrentDirectory);

        // The base the hooks will measure the work against, and the manifest they will judge it by.
        var baseRef = parseResult.GetValue(Base)
            ?? selector.ForWork(workspace.HeadSha).Manifest?.Settings.BaseBranch
            ?? ManifestDefaults.BaseBranch;
        var baseSha = workspace.ResolveCommit(baseRef)
            ?? throw new ScopeGuardException($"--base '{baseRef}' names no commit in this repository; nothing was created");
        var choice = selector.ForWork(baseSha);
        if (choice.Manifest is not { } manifest)
        {
            context.Error.WriteLine($"scopeguard: error: {choice.Label} is invalid, so no agent can be set up from it; nothing was created");
            return ReportEmitter.ReportManifestErrors(context, choice.Load, choice.Label, "agent new", json: false);
        }

        var agent = manifest.FindAgent(name) ?? throw new ScopeGuardException(
            $"no agent '{name}' in {choice.Label}; nothing was created. The agents are: {string.Join(", ", manifest.Agents.Select(a => a.Name))}");

        var worktrees = AgentWorktrees.List(here, workspace.CommonDirectory);
        if (worktrees.FirstOrDefault(w => w.Agent == name) is { } bound)
        {
            throw new ScopeGuardException(
                $"agent '{name}' already has a worktree at '{bound.Root}' (branch {bound.Branch ?? "detached"}); nothing was created. Work there, or run 'scopeguard agent remove {name}' first");
        }

        var branch = AgentBranches.Choose(agent);
        var existing = AgentBranches.Local(here);
        var reuse = existing.Contains(branch, StringComparer.Ordinal);
        if (reuse)
        {
            if (worktrees.FirstOrDefault(w => w.Branch == branch) is { } busy)
            {
                throw new ScopeGuardException(
                    $"the branch of agent '{name}', '{branch}', is already checked out in '{busy.Root}'; nothing was created. Work there (bind it with: git -C {HookInstaller.ShellQuote(busy.Root)} config --worktree {AgentWorktrees.AgentKey} {name}), or switch that worktree to another branch first");
            }
        }
        else
        {
            AgentBranches.CheckCreatable(here, branch, existing, name);
        }

        if (manifest.Settings.ProtectedBranches.FirstOrDefault(p => p.Pattern.Matches(branch)) is { } protectedBranch)
        {
            throw new ScopeGuardException(
                $"the branch of agent '{name}', '{branch}', is a protected branch ('{protectedBranch.Source}' in settings.protectedBranches), where its commits would be refused; nothing was created. Give the agent another branch in scopes.json");
        }

        var path = Path.GetFullPath(Path.Combine(context.CurrentDirectory, parseResult.GetValue(PathOption) ?? DefaultPath(workspace, worktrees, name)));
        if (File.Exists(path) || (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any()))
        {
            throw new ScopeGuardException($"'{path}' already exists and is not an empty folder; nothing was created. Pass --path DIR to put the worktree elsewhere");
        }

        // settings.scopeCard of the manifest at the base: the card must never overwrite what the branch tracks
        // (an AGENTS.md the team wrote), so a tracked path there is refused rather than hidden from commits.
        var cardPath = manifest.Settings.ScopeCard;
        if (workspace.BlobIdAt(baseSha, cardPath) is not null)
        {
            throw new ScopeGuardException(
                $"{cardPath} is committed at {baseRef}{(cardPath == ManifestDefaults.ScopeCard ? string.Empty : $" (settings.scopeCard in {choice.Label} names it for the scope card)")}, so the scope card cannot be written there without changing a tracked file; nothing was created. "
                + "Name an untracked file in settings.scopeCard, or remove the file from the repository first");
        }

        var setup = new AgentSetup(here, workspace.CommonDirectory);
        try
        {
            setup.AddWorktree(path, branch, reuse, baseRef, baseSha);
            setup.Bind(path, name);
            setup.WriteCard(path, cardPath, AgentCard.Render(manifest, agent, branch, path));
            if (parseResult.GetValue(Claude))
            {
                setup.InstallClaudeGuard(path, tracked: workspace.BlobIdAt(baseSha, ClaudeSettingsPath) is not null);
            }

            setup.EnsureHooks(workspace, path);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var undone = setup.RollBack();
            if (ex is ScopeGuardException)
            {
                throw new ScopeGuardException($"{ex.Message} ({undone})", ex);
            }

            context.Error.WriteLine($"scopeguard: {undone}");
            throw;
        }

        foreach (var line in setup.Done)
        {
            context.Output.WriteLine($"scopeguard: {line}");
        }

        context.Output.WriteLine($"scopeguard: agent '{name}' is ready: cd {HookInstaller.ShellQuote(path)}; give the agent {cardPath} to read; 'scopeguard check --staged' checks before committing, and the pre-commit hook refuses what its scope does not allow");
        return ExitCodes.Success;
    }

    // Beside the main worktree: ../REPO-NAME (for a bare repository, beside it).
    private static string DefaultPath(GitWorkspace workspace, IReadOnlyList<AgentWorktree> worktrees, string name)
    {
        var main = worktrees.FirstOrDefault(w => w.IsMain)?.Root ?? workspace.CommonDirectory;
        var parent = Path.GetDirectoryName(main) ?? main;
        var repo = Path.GetFileName(main);
        if (repo.EndsWith(".git", StringComparison.Ordinal) && repo.Length > 4)
        {
            repo = repo[..^4];
        }

        return Path.Combine(parent, $"{repo}-{name}");
    }
}

/// <summary>The changes <c>agent new</c> makes, each recorded with how to undo it.</summary>
internal sealed class AgentSetup
{
    private readonly string here;
    private readonly string commonDirectory;
    private readonly Stack<(string What, Action Undo)> undo = new();

    public AgentSetup(string here, string commonDirectory)
    {
        this.here = here;
        this.commonDirectory = commonDirectory;
    }

    /// <summary>Gets what was done, for the report.</summary>
    public List<string> Done { get; } = [];

    public void AddWorktree(string path, string branch, bool reuse, string baseRef, string baseSha)
    {
        var folderExisted = Directory.Exists(path);

        // Pushed first, undone last: git deletes no branch that a worktree still has checked out.
        if (!reuse)
        {
            undo.Push(("deleted the branch", () =>
            {
                if (GitRunner.Try(here, "rev-parse", "--verify", "--quiet", $"refs/heads/{branch}").ExitCode == 0)
                {
                    GitRunner.Run($"deleting the branch '{branch}'", here, "branch", "-D", "--", branch);
                }
            }));
        }

        undo.Push(("removed the worktree", () =>
        {
            GitRunner.Try(here, "worktree", "remove", "--force", path);
            if (!folderExisted && Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (folderExisted && !Directory.Exists(path))
            {
                Directory.CreateDirectory(path); // the empty folder --path named was there before
            }

            GitRunner.Run("pruning the worktree's administrative files", here, "worktree", "prune");
        }));

        // --no-track: a branch started from origin/main must not push to main.
        string[] args = reuse
            ? ["worktree", "add", "--quiet", path, branch]
            : ["worktree", "add", "--quiet", "--no-track", "-b", branch, path, baseSha];
        GitRunner.Run($"adding the worktree '{path}'", here, args);
        Done.Add(reuse
            ? $"branch {branch} exists: the worktree uses it as it is (--base is not applied)"
            : $"created branch {branch} from {baseRef} ({ManifestSelector.Short(baseSha)})");
        Done.Add($"added the worktree {path}");
    }

    /// <summary>Binds the worktree to the agent with worktree-scoped config, turning <c>extensions.worktreeConfig</c> on when it is off.</summary>
    public void Bind(string path, string agent)
    {
        if (!AgentWorktrees.WorktreeConfigEnabled(here, commonDirectory))
        {
            EnableWorktreeConfig();
        }

        GitRunner.Run("binding the worktree to the agent", path, "config", "--worktree", AgentWorktrees.AgentKey, agent);
        Done.Add($"bound it to agent '{agent}' (git config --worktree {AgentWorktrees.AgentKey} {agent})");
    }

    // git-worktree(1): with extensions.worktreeConfig on, core.bare and core.worktree in the shared config
    // apply to every worktree, so git moves them to the main worktree's config.worktree (as git
    // sparse-checkout does). A linked worktree would otherwise think it is bare.
    private void EnableWorktreeConfig()
    {
        var shared = Path.Combine(commonDirectory, "config");
        var mainWorktreeConfig = Path.Combine(commonDirectory, "config.worktree");
        var moved = new List<string>();
        var bare = GitRunner.Try(here, "config", "--file", shared, "--type", "bool", "--get", "core.bare").Stdout.Trim();
        var workTree = GitRunner.Try(here, "config", "--file", shared, "--get", "core.worktree").Stdout.TrimEnd('\n');
        foreach (var (key, value) in new[] { ("core.bare", bare == "true" ? "true" : null), ("core.worktree", workTree.Length > 0 ? workTree : null) })
        {
            if (value is null)
            {
                continue;
            }

            GitRunner.Run($"moving {key} to the main worktree's config", here, "config", "--file", mainWorktreeConfig, key, value);
            GitRunner.Run($"moving {key} to the main worktree's config", here, "config", "--file", shared, "--unset", key);
            moved.Add(key);
            undo.Push(($"put {key} back", () =>
            {
                GitRunner.Try(here, "config", "--file", shared, key, value);
                GitRunner.Try(here, "config", "--file", mainWorktreeConfig, "--unset", key);
            }));
        }

        undo.Push(("turned extensions.worktreeConfig off again", () => GitRunner.Try(here, "config", "--file", shared, "--unset", "extensions.worktreeConfig")));
        GitRunner.Run("turning on worktree-scoped config", here, "config", "--file", shared, "extensions.worktreeConfig", "true");
        Done.Add("turned on worktree-scoped config (extensions.worktreeConfig)"
            + (moved.Count == 0 ? string.Empty : $"; moved {string.Join(" and ", moved)} to the main worktree's config.worktree, as git-worktree(1) requires"));
    }

    /// <summary>Writes the scope card and keeps it out of commits through the <c>info/exclude</c> git reads in that worktree.</summary>
    public void WriteCard(string path, string cardPath, string card)
    {
        var file = Path.Combine(path, cardPath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, card, new UTF8Encoding(false));

        var exclude = Exclude(path, cardPath, "each agent worktree's scope card, never committed");
        Done.Add($"wrote the scope card to {file} (kept out of commits by {exclude})");
    }

    /// <summary>
    /// Installs the pre-edit guard's entry in the worktree's <c>.claude/settings.json</c> and keeps it out of
    /// the agent's commits: an untracked file through info/exclude, a tracked one with skip-worktree in this
    /// worktree's index (so <c>git commit -a</c> and <c>git add -A</c> leave the local entry out).
    /// </summary>
    public void InstallClaudeGuard(string path, bool tracked)
    {
        var outcome = ClaudeSettings.Install(path);
        var file = ClaudeSettings.PathIn(path);
        if (tracked)
        {
            GitRunner.Run("keeping the guard's entry out of commits", path, "update-index", "--skip-worktree", "--", AgentNewCommand.ClaudeSettingsPath);
            Done.Add($"{(outcome == ClaudeSettingsOutcome.Added ? "added the pre-edit guard to" : "wrote the pre-edit guard into")} {file} (tracked: marked skip-worktree in this worktree, so the entry is not committed)");
            return;
        }

        var exclude = Exclude(path, AgentNewCommand.ClaudeSettingsPath, "Claude Code settings with ScopeGuard's pre-edit guard, written by agent new --claude");
        Done.Add($"wrote the pre-edit guard for Claude Code into {file} (kept out of commits by {exclude})");
    }

    // Lists one path in the info/exclude git reads in the worktree (in git 2.39 every worktree reads the
    // common directory's: git says which), then makes sure git really ignores it there (a .gitignore can
    // re-include what info/exclude leaves out).
    private string Exclude(string path, string relative, string why)
    {
        var exclude = Path.GetFullPath(Path.Combine(path, GitRunner.Run("finding info/exclude", path, "rev-parse", "--git-path", "info/exclude").TrimEnd('\n')));
        var line = "/" + relative;
        var before = File.Exists(exclude) ? File.ReadAllBytes(exclude) : null;
        var text = before is null ? string.Empty : Encoding.UTF8.GetString(before);
        if (!text.Split('\n').Select(l => l.TrimEnd('\r')).Contains(line, StringComparer.Ordinal))
        {
            undo.Push(("restored info/exclude", () =>
            {
                if (before is null)
                {
                    File.Delete(exclude);
                }
                else
                {
                    File.WriteAllBytes(exclude, before);
                }
            }));
            Directory.CreateDirectory(Path.GetDirectoryName(exclude)!);
            var prefix = text.Length == 0 || text.EndsWith('\n') ? string.Empty : "\n";
            File.AppendAllText(exclude, $"{prefix}# scopeguard agent new: {why}\n{line}\n", new UTF8Encoding(false));
        }

        var status = GitRunner.Run("checking that the file is ignored", path, "status", "--porcelain", "--untracked-files=all", "--", relative);
        if (status.Trim().Length > 0)
        {
            throw new ScopeGuardException($"git does not ignore {relative} in the new worktree although {exclude} lists it (a .gitignore re-includes it?), so it could be committed");
        }

        return exclude;
    }

    /// <summary>Makes sure git runs ScopeGuard's hooks in the new worktree, as <c>scopeguard install</c> would, and says where from.</summary>
    public void EnsureHooks(GitWorkspace current, string path)
    {
        using var created = GitWorkspace.Open(path, _ => null);
        var hooks = created.HooksDirectory;
        if (HookInstaller.HookNames.All(n => HookInstaller.IsInstalled(Path.Combine(hooks, n))))
        {
            Done.Add($"ScopeGuard's hooks run there (from {hooks})");
            return;
        }

        if (created.IsHooksPathRelative)
        {
            // This worktree's own copy of the relative folder lacks them (a hook manager's generated folder, or
            // hooks never committed): point this worktree alone at a folder that has them.
            var source = current.HooksDirectory;
            if (source != hooks && HookInstaller.HookNames.All(n => HookInstaller.IsInstalled(Path.Combine(source, n))))
            {
                GitRunner.Run("pointing the worktree at ScopeGuard's hooks", path, "config", "--worktree", "core.hooksPath", source);
                Done.Add($"core.hooksPath '{created.ReadConfig("core.hooksPath")}' is relative and the worktree's copy has no ScopeGuard hooks: set its own core.hooksPath (git config --worktree) to {source}, where they are");
                return;
            }

            throw new ScopeGuardException(
                $"core.hooksPath is '{created.ReadConfig("core.hooksPath")}', a relative path: the new worktree runs hooks from '{hooks}', which lacks ScopeGuard's, and no folder here has them to point it at. "
                + "Run 'scopeguard install' first (an absolute core.hooksPath makes every worktree run the same hooks)");
        }

        try
        {
            HookInstaller.CheckNoForeignHooks(hooks, force: false, chain: false);
        }
        catch (ScopeGuardException ex)
        {
            throw new ScopeGuardException(
                $"the hooks folder '{hooks}' has a hook that is not ScopeGuard's (a hook manager's?), so commits in the new worktree would not be checked. "
                + $"Run 'scopeguard install --chain' to run both, then 'scopeguard agent new' again. ({ex.Message})",
                ex);
        }

        var (file, command) = HookInstaller.CurrentToolCommand();
        foreach (var name in HookInstaller.HookNames)
        {
            HookInstaller.Install(hooks, name, HookInstaller.RenderShim(name, file, command), force: false, chain: false);
        }

        Done.Add($"installed ScopeGuard's {string.Join(", ", HookInstaller.HookNames)} hooks in {hooks} (shared by every worktree that has no core.hooksPath of its own)");
    }

    /// <summary>Undoes what was done, newest first, and says what that was.</summary>
    public string RollBack()
    {
        var undone = new List<string>();
        var failed = new List<string>();
        while (undo.Count > 0)
        {
            var (what, action) = undo.Pop();
            try
            {
                action();
                undone.Add(what);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ScopeGuardException)
            {
                failed.Add($"could not undo ({what}): {ex.Message}");
            }
        }

        Done.Clear();
        return undone.Count == 0 && failed.Count == 0
            ? "nothing was created"
            : $"agent new undid what it had done: {string.Join(", ", undone)}{(failed.Count == 0 ? string.Empty : "; " + string.Join("; ", failed))}";
    }
}
