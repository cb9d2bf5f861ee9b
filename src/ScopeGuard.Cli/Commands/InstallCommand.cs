using System.CommandLine;
using ScopeGuard.Cli.Hooks;
using ScopeGuard.Core;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary><c>scopeguard install</c>: puts the pre-commit shim where git will run it.</summary>
internal sealed class InstallCommand : Command
{
    public InstallCommand(CliContext context)
        : base("install", "Install the pre-commit, pre-merge-commit and pre-push hooks into the hooks folder git uses (core.hooksPath and worktrees respected).")
    {
        Options.Add(Force);
        Options.Add(Chain);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<bool> Force { get; } = new("--force")
    {
        Description = "Replace a hook that is not ScopeGuard's (it is kept as HOOK.scopeguard-backup).",
    };

    internal Option<bool> Chain { get; } = new("--chain")
    {
        Description = "Keep an existing hook (as HOOK.scopeguard-chained) and run it before ScopeGuard's.",
    };

    private int Execute(ParseResult parseResult, CliContext context)
    {
        using var workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
        var hooks = workspace.HooksDirectory;
        var (file, command) = HookInstaller.CurrentToolCommand();
        var force = parseResult.GetValue(Force);
        var chain = parseResult.GetValue(Chain);
        HookInstaller.CheckNoForeignHooks(hooks, force, chain);

        // A relative core.hooksPath names a different folder in each worktree: writing here would leave the others unchecked.
        var uncovered = HookInstaller.WorktreesWithoutHooks(workspace);
        if (uncovered.Count > 0)
        {
            var (problem, fix) = HookInstaller.DescribeUncovered(workspace, uncovered);
            throw new ScopeGuardException($"{problem} Nothing was changed. {fix}");
        }

        foreach (var name in HookInstaller.HookNames)
        {
            var outcome = HookInstaller.Install(hooks, name, HookInstaller.RenderShim(name, file, command), force, chain);
            var where = System.IO.Path.Combine(hooks, name);
            context.Output.WriteLine(outcome switch
            {
                InstallOutcome.AlreadyInstalled => $"scopeguard: the {name} hook is already installed at {where}",
                InstallOutcome.Updated => $"scopeguard: updated the {name} hook at {where}",
                InstallOutcome.InstalledChained => $"scopeguard: installed the {name} hook at {where}; the existing hook runs first ({name}{HookInstaller.ChainedSuffix})",
                InstallOutcome.InstalledReplacing => $"scopeguard: installed the {name} hook at {where}; the old hook is kept as {name}{HookInstaller.BackupSuffix}",
                _ => $"scopeguard: installed the {name} hook at {where}",
            });
        }

        if (workspace.IsHooksPathRelative)
        {
            context.Output.WriteLine(
                $"scopeguard: note: core.hooksPath '{workspace.ReadConfig("core.hooksPath")}' is relative, so git runs the hooks of each worktree's own copy of that folder: "
                + "a worktree added later runs ScopeGuard's hooks only if its copy has them ('scopeguard doctor' there says). An absolute core.hooksPath avoids this.");
        }

        context.Output.WriteLine($"scopeguard: pre-commit and pre-merge-commit run 'scopeguard check --staged', pre-push 'scopeguard check --pre-push' (found via local tool manifest, PATH, or {file})");
        return ExitCodes.Success;
    }
}

/// <summary><c>scopeguard uninstall</c>: removes the shim and restores a chained hook.</summary>
internal sealed class UninstallCommand : Command
{
    public UninstallCommand(CliContext context)
        : base("uninstall", "Remove ScopeGuard's pre-commit, pre-merge-commit and pre-push hooks (hooks it chained are put back).")
    {
        SetAction(_ => Execute(context));
    }

    private static int Execute(CliContext context)
    {
        using var workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
        foreach (var name in HookInstaller.HookNames)
        {
            var target = System.IO.Path.Combine(workspace.HooksDirectory, name);
            if (System.IO.File.Exists(target) && !HookInstaller.IsOurs(target))
            {
                context.Output.WriteLine($"scopeguard: {target} is not ScopeGuard's hook; left alone");
                continue;
            }

            var removed = HookInstaller.Uninstall(workspace.HooksDirectory, name);
            context.Output.WriteLine(removed
                ? $"scopeguard: removed the {name} hook from {workspace.HooksDirectory}"
                : $"scopeguard: no {name} hook of ScopeGuard's in {workspace.HooksDirectory}; nothing to remove");
        }
        return ExitCodes.Success;
    }
}
