using System.CommandLine;
using ScopeGuard.Cli.Hooks;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary><c>scopeguard install</c>: puts the pre-commit shim where git will run it.</summary>
internal sealed class InstallCommand : Command
{
    public InstallCommand(CliContext context)
        : base("install", "Install the pre-commit hook into the hooks folder git uses (core.hooksPath and worktrees respected).")
    {
        Options.Add(Force);
        Options.Add(Chain);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<bool> Force { get; } = new("--force")
    {
        Description = "Replace a pre-commit hook that is not ScopeGuard's (it is kept as pre-commit.scopeguard-backup).",
    };

    internal Option<bool> Chain { get; } = new("--chain")
    {
        Description = "Keep an existing pre-commit hook and run it before ScopeGuard's.",
    };

    private int Execute(ParseResult parseResult, CliContext context)
    {
        using var workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
        var hooks = workspace.HooksDirectory;
        var (file, command) = HookInstaller.CurrentToolCommand();
        var outcome = HookInstaller.Install(hooks, HookInstaller.RenderShim(file, command), parseResult.GetValue(Force), parseResult.GetValue(Chain));
        var where = System.IO.Path.Combine(hooks, HookInstaller.HookName);
        context.Output.WriteLine(outcome switch
        {
            InstallOutcome.AlreadyInstalled => $"scopeguard: the pre-commit hook is already installed at {where}",
            InstallOutcome.Updated => $"scopeguard: updated the pre-commit hook at {where}",
            InstallOutcome.InstalledChained => $"scopeguard: installed the pre-commit hook at {where}; the existing hook runs first ({HookInstaller.HookName}{HookInstaller.ChainedSuffix})",
            InstallOutcome.InstalledReplacing => $"scopeguard: installed the pre-commit hook at {where}; the old hook is kept as {HookInstaller.HookName}{HookInstaller.BackupSuffix}",
            _ => $"scopeguard: installed the pre-commit hook at {where}",
        });
        context.Output.WriteLine($"scopeguard: it runs 'scopeguard check --staged' (found via local tool manifest, PATH, or {file})");
        return ExitCodes.Success;
    }
}

/// <summary><c>scopeguard uninstall</c>: removes the shim and restores a chained hook.</summary>
internal sealed class UninstallCommand : Command
{
    public UninstallCommand(CliContext context)
        : base("uninstall", "Remove ScopeGuard's pre-commit hook (a hook it chained is put back).")
    {
        SetAction(_ => Execute(context));
    }

    private static int Execute(CliContext context)
    {
        using var workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
        var removed = HookInstaller.Uninstall(workspace.HooksDirectory);
        context.Output.WriteLine(removed
            ? $"scopeguard: removed the pre-commit hook from {workspace.HooksDirectory}"
            : $"scopeguard: no pre-commit hook in {workspace.HooksDirectory}; nothing to remove");
        return ExitCodes.Success;
    }
}
