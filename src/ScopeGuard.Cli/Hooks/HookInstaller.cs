using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using ScopeGuard.Core;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Hooks;

/// <summary>What <see cref="HookInstaller.Install"/> did.</summary>
internal enum InstallOutcome
{
    Installed,
    Updated,
    AlreadyInstalled,
    InstalledChained,
    InstalledReplacing,
}

/// <summary>Another worktree of the repository in which git runs hooks from a folder that lacks ScopeGuard's.</summary>
/// <param name="Root">The worktree's root.</param>
/// <param name="HooksDirectory">The folder git runs hooks from there.</param>
/// <param name="MissingHooks">ScopeGuard's hooks that are not there (or not executable, or not ScopeGuard's).</param>
internal sealed record UncoveredWorktree(string Root, string HooksDirectory, IReadOnlyList<string> MissingHooks);

/// <summary>Writes and removes ScopeGuard's hook shims in the hooks folder git really uses.</summary>
internal static class HookInstaller
{
    public const string Marker = "scopeguard-managed-hook";
    public const string HookName = "pre-commit";
    public const string PushHookName = "pre-push";

    /// <summary>The hook <c>git merge</c> runs, instead of pre-commit, before it records a merge commit itself.</summary>
    public const string MergeHookName = "pre-merge-commit";

    /// <summary>The hooks ScopeGuard installs.</summary>
    public static readonly string[] HookNames = [HookName, MergeHookName, PushHookName];
    public const string ChainedSuffix = ".scopeguard-chained";
    public const string BackupSuffix = ".scopeguard-backup";

    /// <summary>Gets the shim for one hook with the command that runs this very tool recorded in it.</summary>
    public static string RenderShim(string hookName, string recordedFile, string recordedCommand)
    {
        using var stream = typeof(HookInstaller).Assembly.GetManifestResourceStream("ScopeGuard.hooks.pre-commit")
            ?? throw new InvalidOperationException("the pre-commit shim is missing from the tool's resources");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd()
            .Replace("@RECORDED_FILE@", ShellQuote(recordedFile), StringComparison.Ordinal)
            .Replace("@RECORDED_COMMAND@", ShellQuote(recordedCommand), StringComparison.Ordinal)
            .Replace(": \"${scopeguard_hook:=pre-commit}\"", "scopeguard_hook=" + hookName, StringComparison.Ordinal);
    }

    /// <summary>
    /// Gets how the hook can run this tool without PATH: the apphost itself, or
    /// <c>dotnet scopeguard.dll</c> when running as a framework-dependent dll.
    /// </summary>
    public static (string File, string Command) CurrentToolCommand()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable is running");
        var name = Path.GetFileNameWithoutExtension(process);
        if (string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var dll = Assembly.GetEntryAssembly()?.Location;
            if (string.IsNullOrEmpty(dll))
            {
                throw new InvalidOperationException("cannot tell where scopeguard.dll is");
            }

            return (dll, $"{ShellQuote(process)} {ShellQuote(dll)}");
        }

        return (process, ShellQuote(process));
    }

    /// <summary>Gets a value indicating whether git would run ScopeGuard's shim from <paramref name="hookFile"/>: it is ours and executable.</summary>
    public static bool IsInstalled(string hookFile) =>
        IsOurs(hookFile) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(hookFile) & UnixFileMode.UserExecute) != 0);

    /// <summary>
    /// Finds the other worktrees that would not run the hooks installed in <paramref name="workspace"/>'s hooks
    /// folder because <c>core.hooksPath</c> is relative, which git resolves against each worktree's own root.
    /// Empty when core.hooksPath is absolute or unset (every worktree then uses the same folder).
    /// </summary>
    public static IReadOnlyList<UncoveredWorktree> WorktreesWithoutHooks(GitWorkspace workspace)
    {
        var result = new List<UncoveredWorktree>();
        if (!workspace.IsHooksPathRelative)
        {
            return result;
        }

        foreach (var root in workspace.WorktreeRoots)
        {
            if (root == workspace.WorkingDirectory)
            {
                continue;
            }

            string hooks;
            try
            {
                using var other = GitWorkspace.Open(root, _ => null);
                hooks = other.HooksDirectory;
            }
            catch (ScopeGuardException)
            {
                // A worktree git itself cannot open (its git directory is gone) makes no commits either.
                continue;
            }

            if (hooks == workspace.HooksDirectory)
            {
                continue;
            }

            var missing = HookNames.Where(name => !IsInstalled(Path.Combine(hooks, name))).ToList();
            if (missing.Count > 0)
            {
                result.Add(new UncoveredWorktree(root, hooks, missing));
            }
        }

        return result;
    }

    /// <summary>Says which worktrees run no ScopeGuard hook because core.hooksPath is relative (the problem), and how to fix it.</summary>
    public static (string Problem, string Fix) DescribeUncovered(GitWorkspace workspace, IReadOnlyList<UncoveredWorktree> uncovered)
    {
        var configured = workspace.ReadConfig("core.hooksPath");
        var where = string.Join(
            "; ",
            uncovered.Select(u => $"'{u.Root}' runs hooks from '{u.HooksDirectory}', where ScopeGuard's {string.Join(", ", u.MissingHooks)} {(u.MissingHooks.Count == 1 ? "hook is" : "hooks are")} missing"));
        return (
            $"core.hooksPath is '{configured}', a relative path, which git resolves against the root of each worktree: "
                + $"hooks in '{workspace.HooksDirectory}' do not run in the other worktrees ({where}).",
            $"Make every worktree run the same hooks: set an absolute path (git config core.hooksPath {ShellQuote(workspace.HooksDirectory)}), "
                + "or unset it to use the repository's shared hooks folder (git config --unset core.hooksPath), "
                + $"or commit ScopeGuard's hooks in '{configured}' so that every checkout has them; then run 'scopeguard install' again.");
    }

    public static bool IsOurs(string hookFile) =>
        File.Exists(hookFile) && File.ReadAllText(hookFile).Contains(Marker, StringComparison.Ordinal);

    /// <summary>Refuses, before anything is written, when a foreign hook is in the way and neither --chain nor --force says what to do.</summary>
    public static void CheckNoForeignHooks(string hooksDirectory, bool force, bool chain)
    {
        foreach (var name in HookNames)
        {
            var target = Path.Combine(hooksDirectory, name);
            if ((File.Exists(target) || IsDanglingLink(target)) && !IsOurs(target) && !force && !chain)
            {
                throw new ScopeGuardException(
                    $"'{target}' already exists and is not ScopeGuard's hook; nothing was changed. "
                    + $"Use --chain to keep it and run it before ScopeGuard (it moves to {name}{ChainedSuffix}), "
                    + $"or --force to replace it (it is kept as {name}{BackupSuffix}).");
            }

            if (chain && File.Exists(target) && !IsOurs(target) && File.Exists(target + ChainedSuffix))
            {
                throw new ScopeGuardException($"cannot chain: '{target + ChainedSuffix}' already exists; nothing was changed. Move it away first.");
            }
        }
    }

    public static InstallOutcome Install(string hooksDirectory, string hookName, string shim, bool force, bool chain)
    {
        Directory.CreateDirectory(hooksDirectory);
        var target = Path.Combine(hooksDirectory, hookName);
        var chained = target + ChainedSuffix;
        var outcome = InstallOutcome.Installed;
        if (File.Exists(target) || IsDanglingLink(target))
        {
            if (IsOurs(target))
            {
                if (File.ReadAllText(target) == shim)
                {
                    return InstallOutcome.AlreadyInstalled;
                }

                outcome = InstallOutcome.Updated;
            }
            else if (chain)
            {
                if (File.Exists(chained))
                {
                    throw new ScopeGuardException($"cannot chain: '{chained}' already exists. Move it away first.");
                }

                File.Move(target, chained);
                outcome = InstallOutcome.InstalledChained;
            }
            else if (force)
            {
                File.Move(target, target + BackupSuffix, overwrite: true);
                outcome = InstallOutcome.InstalledReplacing;
            }
            else
            {
                throw new ScopeGuardException($"'{target}' already exists and is not ScopeGuard's hook; nothing was changed.");
            }
        }

        WriteExecutable(target, shim);
        return outcome;
    }

    /// <summary>Removes ScopeGuard's hook and puts a chained hook back. Returns false when there was nothing to remove.</summary>
    public static bool Uninstall(string hooksDirectory, string hookName)
    {
        var target = Path.Combine(hooksDirectory, hookName);
        if (!File.Exists(target))
        {
            return false;
        }

        if (!IsOurs(target))
        {
            throw new ScopeGuardException($"'{target}' is not ScopeGuard's hook; it was left alone.");
        }

        File.Delete(target);
        var chained = target + ChainedSuffix;
        if (File.Exists(chained))
        {
            File.Move(chained, target);
        }

        return true;
    }

    private static bool IsDanglingLink(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is not null && !info.Exists;
    }

    private static void WriteExecutable(string path, string content)
    {
        var temporary = path + ".scopeguard-tmp";
        File.WriteAllText(temporary, content, new UTF8Encoding(false));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        File.Move(temporary, path, overwrite: true);
    }

    internal static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
