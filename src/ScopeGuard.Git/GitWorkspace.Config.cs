using System;
using System.Globalization;
using System.IO;
using LibGit2Sharp;

namespace ScopeGuard.Git;

/// <summary>Git configuration: the agent setting, config levels as git reads them in worktrees, the hooks folder, and the settings that change how paths are compared and shown.</summary>
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

    /// <summary>
    /// Gets a value indicating whether git treats file names in this repository case-insensitively
    /// (<c>core.ignoreCase</c>, worktree config first, then the repository's, global and system config).
    /// <c>git init</c> and <c>git clone</c> set it to true on a case-insensitive file system (Windows, macOS).
    /// Unset is false, as in git. A value git would refuse as a boolean counts as true: the check then
    /// matches <c>deny</c> and protected paths in every case, the stricter reading.
    /// Pass it to the evaluator: <c>new ScopeEvaluator(manifest, new PathMatchOptions(workspace.IgnoreCase))</c>.
    /// </summary>
    public bool IgnoreCase => ParseBoolean(ReadConfig("core.ignorecase")) ?? true;

    /// <summary>
    /// Gets a value indicating whether git shows non-ASCII bytes of a path as octal escapes
    /// (<c>core.quotePath</c>, true unless set to false). Reporters pass it to
    /// <c>GitPathQuoting.Quote</c>; names with control characters are quoted either way.
    /// </summary>
    public bool QuotePath
    {
        get
        {
            var value = ReadConfig("core.quotepath");
            return value is null || (ParseBoolean(value) ?? true);
        }
    }

    // Git's reading of a boolean (git-config(1), "boolean"): null for a value it would refuse.
    internal static bool? ParseBoolean(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var text = value.Trim();
        if (text.Length == 0 || Is(text, "false") || Is(text, "no") || Is(text, "off"))
        {
            return false;
        }

        if (Is(text, "true") || Is(text, "yes") || Is(text, "on"))
        {
            return true;
        }

        var multiplier = 1L;
        var last = char.ToLowerInvariant(text[text.Length - 1]);
        if (last is 'k' or 'm' or 'g')
        {
            multiplier = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            text = text.Substring(0, text.Length - 1);
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number * multiplier != 0 : null;

        static bool Is(string text, string word) => string.Equals(text, word, StringComparison.OrdinalIgnoreCase);
    }
}
