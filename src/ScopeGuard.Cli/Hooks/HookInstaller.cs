using System;
using System.IO;
using System.Reflection;
using System.Text;
using ScopeGuard.Core;

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
