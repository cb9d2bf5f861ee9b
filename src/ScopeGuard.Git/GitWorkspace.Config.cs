using System;
using System.IO;
using LibGit2Sharp;

namespace ScopeGuard.Git;

/// <summary>Git configuration: the agent setting, config levels as git reads them in worktrees, the hooks folder.</summary>
public sealed partial class GitWorkspace
{
    /// <summary>
    /// Reads <c>scopeguard.agent</c> from git config, worktree config first (<c>git config --worktree</c>),
    /// then the repository, global and system config.
    /// </summary>
    /// <returns>The value and which config answered, or nulls.</returns>
    public (string? Value, string? Origin) ReadAgentConfig()
    {
        const string key = "scopeguard.agent";
        var levels = new[]
        {
            (ConfigurationLevel.Worktree, "worktree config"),
            (ConfigurationLevel.Local, "repository config"),
            (ConfigurationLevel.Global, "global config"),
            (ConfigurationLevel.Xdg, "user config"),
            (ConfigurationLevel.System, "system config"),
        };
        foreach (var (level, origin) in levels)
        {
            var value = ReadConfig(key, level);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return (value, origin);
            }
        }

        return (null, null);
    }

    /// <summary>Reads a string from git config (all levels, git's precedence).</summary>
    /// <param name="key">The key, e.g. <c>core.hooksPath</c>.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? ReadConfig(string key) =>
        ReadConfig(key, ConfigurationLevel.Worktree) ?? ReadConfig(key, ConfigurationLevel.Local) ?? repository.Config.Get<string>(key)?.Value;

    /// <summary>
    /// Gets the folder git runs hooks from: <c>core.hooksPath</c> (relative to the working tree root,
    /// <c>~</c> expanded) or the common git directory's <c>hooks</c>, as <c>git rev-parse --git-path hooks</c> says.
    /// </summary>
    public string HooksDirectory
    {
        get
        {
            var configured = ReadConfig("core.hooksPath");
            if (string.IsNullOrEmpty(configured))
            {
                return Path.Combine(CommonDirectory, "hooks");
            }

            if (configured!.StartsWith("~/", StringComparison.Ordinal) || configured == "~")
            {
                var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                configured = string.Concat(home, configured.AsSpan(1));
            }

            return TrimSeparator(Path.GetFullPath(Path.Combine(WorkingDirectory, configured)));
        }
    }

    // LibGit2Sharp's repository.Config reads $GIT_DIR/config, which in a linked worktree is not the shared config
    // (so it finds nothing there), and it never reads config.worktree: open those two files from git's own locations.
    // Global, XDG and system config still come from repository.Config, which evaluates includeIf against this repository.
    private string? ReadConfig(string key, ConfigurationLevel level)
    {
        if (!configOpened)
        {
            configOpened = true;
            if (GitDirectory != CommonDirectory)
            {
                linkedSharedConfig = Configuration.BuildFrom(Path.Combine(CommonDirectory, "config"));
            }

            // git reads $GIT_DIR/config.worktree only when the shared config turns extensions.worktreeConfig on.
            var shared = linkedSharedConfig ?? repository.Config;
            var file = Path.Combine(GitDirectory, "config.worktree");
            if (shared.Get<bool>("extensions.worktreeConfig", ConfigurationLevel.Local)?.Value == true && File.Exists(file))
            {
                worktreeConfig = Configuration.BuildFrom(file);
            }
        }

        return level switch
        {
            ConfigurationLevel.Worktree => worktreeConfig?.Get<string>(key, ConfigurationLevel.Local)?.Value,
            ConfigurationLevel.Local => (linkedSharedConfig ?? repository.Config).Get<string>(key, ConfigurationLevel.Local)?.Value,
            _ => repository.Config.Get<string>(key, level)?.Value,
        };
    }
}
