using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ScopeGuard.Cli.Guard;

/// <summary>What a shell command would do that a scope cares about.</summary>
internal enum ShellEffectKind
{
    /// <summary>Writes (creates, changes, truncates, changes the mode of) a file or a folder's files.</summary>
    Write,

    /// <summary>Deletes a file or a folder's files (<c>rm</c>, the source of <c>mv</c>).</summary>
    Delete,

    /// <summary>Skips git's hooks (<c>--no-verify</c>), so the pre-commit, pre-merge-commit or pre-push check does not run.</summary>
    SkipsHooks,

    /// <summary>Sets who the agent is (<c>git config scopeguard.agent</c>, <c>SCOPEGUARD_AGENT=…</c>, <c>git -c scopeguard.agent=…</c>).</summary>
    SetsAgent,

    /// <summary>Points git at other hooks (<c>core.hooksPath</c>), so ScopeGuard's hooks do not run.</summary>
    MovesHooks,

    /// <summary>Pushes to (or deletes) a remote branch; <see cref="ShellEffect.Target"/> is the branch.</summary>
    PushesBranch,
}

/// <summary>One thing a shell command would do.</summary>
/// <param name="Kind">What.</param>
/// <param name="Target">The absolute path (writes and deletes), the branch (pushes), else the words that do it.</param>
/// <param name="Command">The command words that do it, for the message.</param>
internal sealed record ShellEffect(ShellEffectKind Kind, string Target, string Command)
{
    /// <summary>Gets a value indicating whether a target that is a folder stands for every file git tracks below it (false for pathspecs of <c>git checkout</c>/<c>git restore</c>).</summary>
    public bool CoversFolder { get; init; } = true;
}

/// <summary>
/// Finds, best-effort, what a shell command line plainly writes or does to git: output redirections
/// (<c>&gt;</c>, <c>&gt;&gt;</c>, <c>&amp;&gt;</c>), <c>tee</c>, <c>sed -i</c>, <c>perl -i</c>, <c>mv</c>, <c>cp</c>,
/// <c>rm</c>, <c>rmdir</c>, <c>touch</c>, <c>truncate</c>, <c>chmod</c>, <c>ln</c>, <c>dd of=</c>,
/// <c>git checkout … -- PATH</c>, <c>git restore PATH</c>, <c>--no-verify</c>, <c>git config scopeguard.agent</c>
/// or <c>core.hooksPath</c>, <c>git push</c> refspecs, <c>cd</c>, and <c>sh -c</c>/<c>bash -c</c> strings.
/// A word whose value needs an expansion the scanner does not perform is skipped, and a command line it
/// cannot tokenize yields nothing: the git hooks and the CI gate stay the authority.
/// </summary>
internal static class ShellEffects
{
    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal) { "sudo", "nohup", "time", "command", "exec", "nice", "builtin", "doas" };

    /// <summary>Scans a command line.</summary>
    /// <param name="command">The command line.</param>
    /// <param name="cwd">The folder it runs in.</param>
    /// <param name="home">The home folder, for <c>~</c> (may be null).</param>
    /// <returns>The effects found, in order; empty when none (or when the line cannot be tokenized).</returns>
    public static IReadOnlyList<ShellEffect> Scan(string command, string cwd, string? home) => Scan(command, cwd, home, depth: 0);

    private static List<ShellEffect> Scan(string command, string cwd, string? home, int depth)
    {
        var effects = new List<ShellEffect>();
        var commands = ShellWords.Split(command);
        if (commands is null || depth > 3)
        {
            return effects;
        }

        foreach (var simple in commands)
        {
            var text = string.Join(' ', simple.Words.Select(w => w.Text));
            foreach (var redirect in simple.Redirects.Where(r => r.WritesFile))
            {
                AddPaths(effects, ShellEffectKind.Write, redirect.Target, cwd, home, $"{text} {redirect.Operator} {redirect.Target.Text}".Trim());
            }

            var words = simple.Words.ToList();

            // Leading assignments: NAME=value (an environment for this command alone).
            while (words.Count > 0 && Assignment(words[0].Text) is { } name)
            {
                if (name == "SCOPEGUARD_AGENT")
                {
                    effects.Add(new ShellEffect(ShellEffectKind.SetsAgent, words[0].Text, text));
                }

                words.RemoveAt(0);
            }

            words = Unwrap(words, effects, text);
            if (words.Count == 0 || words[0].Opaque)
            {
                continue;
            }

            var program = Path.GetFileName(words[0].Text);
            var args = words.Skip(1).ToList();
            switch (program)
            {
                case "cd":
                    if (args.Count == 1 && !args[0].Opaque && !args[0].Glob && args[0].Text != "-")
                    {
                        cwd = Resolve(args[0].Text, cwd, home);
                    }
                    else if (args.Count == 0 && home is not null)
                    {
                        cwd = home;
                    }

                    break;
                case "export" or "declare" or "typeset" or "local" or "readonly":
                    if (args.Any(a => Assignment(a.Text) == "SCOPEGUARD_AGENT"))
                    {
                        effects.Add(new ShellEffect(ShellEffectKind.SetsAgent, "SCOPEGUARD_AGENT", text));
                    }

                    break;
                case "sh" or "bash" or "zsh" or "dash" or "ksh":
                    var dashC = args.FindIndex(a => a.Text == "-c" || (a.Text.StartsWith('-') && !a.Text.StartsWith("--", StringComparison.Ordinal) && a.Text.Contains('c', StringComparison.Ordinal)));
                    if (dashC >= 0 && dashC + 1 < args.Count && !args[dashC + 1].Opaque)
                    {
                        effects.AddRange(Scan(args[dashC + 1].Text, cwd, home, depth + 1));
                    }

                    break;
                case "tee":
                    foreach (var file in Operands(args, withValue: []))
                    {
                        AddPaths(effects, ShellEffectKind.Write, file, cwd, home, text);
                    }

                    break;
                case "sed":
                    InPlace(effects, args, cwd, home, text, scriptOptions: ["-e", "-f", "--expression", "--file"], valueOptions: ["-l", "--line-length"], isInPlace: a => a == "--in-place" || a.StartsWith("--in-place=", StringComparison.Ordinal) || ShortCluster(a, 'i'));
                    break;
                case "perl":
                    InPlace(effects, args, cwd, home, text, scriptOptions: ["-e", "-E"], valueOptions: ["-I", "-M", "-m"], isInPlace: a => ShortCluster(a, 'i'));
                    break;
                case "rm" or "rmdir" or "unlink" or "shred":
                    foreach (var file in Operands(args, withValue: []))
                    {
                        AddPaths(effects, ShellEffectKind.Delete, file, cwd, home, text);
                    }

                    break;
                case "touch":
                    foreach (var file in Operands(args, withValue: ["-d", "-r", "-t", "--date", "--reference"]))
                    {
                        AddPaths(effects, ShellEffectKind.Write, file, cwd, home, text);
                    }

                    break;
                case "truncate":
                    foreach (var file in Operands(args, withValue: ["-s", "-r", "--size", "--reference"]))
                    {
                        AddPaths(effects, ShellEffectKind.Write, file, cwd, home, text);
                    }

                    break;
                case "chmod" or "chown" or "chgrp":
                    foreach (var file in Operands(args, withValue: ["--reference"]).Skip(1))
                    {
                        AddPaths(effects, ShellEffectKind.Write, file, cwd, home, text);
                    }

                    break;
                case "dd":
                    foreach (var arg in args.Where(a => a.Text.StartsWith("of=", StringComparison.Ordinal)))
                    {
                        AddPaths(effects, ShellEffectKind.Write, arg with { Text = arg.Text[3..] }, cwd, home, text);
                    }

                    break;
                case "mv" or "cp" or "ln" or "install":
                    MoveOrCopy(effects, program, args, cwd, home, text);
                    break;
                case "git":
                    Git(effects, args, cwd, home, text);
                    break;
            }
        }

        return effects;
    }

    // Strips wrappers that run the rest of the words as a command: sudo, env (with its assignments), nohup, time…
    private static List<ShellWord> Unwrap(List<ShellWord> words, List<ShellEffect> effects, string text)
    {
        while (words.Count > 0 && !words[0].Opaque)
        {
            var first = Path.GetFileName(words[0].Text);
            if (first == "env")
            {
                var rest = words.Skip(1).SkipWhile(w => w.Text.StartsWith('-')).ToList();
                while (rest.Count > 0 && Assignment(rest[0].Text) is { } name)
                {
                    if (name == "SCOPEGUARD_AGENT")
                    {
                        effects.Add(new ShellEffect(ShellEffectKind.SetsAgent, rest[0].Text, text));
                    }

                    rest.RemoveAt(0);
                }

                words = rest;
            }
            else if (Wrappers.Contains(first))
            {
                var rest = words.Skip(1).ToList();
                while (rest.Count > 0 && rest[0].Text.StartsWith('-'))
                {
                    // nice -n 5, sudo -u user: an option with a separate value takes the next word too.
                    var option = rest[0].Text;
                    rest.RemoveAt(0);
                    if (option is "-n" or "-u" or "-g" or "-p" or "-C" && rest.Count > 0)
                    {
                        rest.RemoveAt(0);
                    }
                }

                words = rest;
            }
            else
            {
                break;
            }
        }

        return words;
    }

    private static void InPlace(List<ShellEffect> effects, List<ShellWord> args, string cwd, string? home, string text, string[] scriptOptions, string[] valueOptions, Func<string, bool> isInPlace)
    {
        var inPlace = false;
        var scriptGiven = false;
        var operands = new List<ShellWord>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i].Text;
            if (arg == "--")
            {
                operands.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg.StartsWith('-') && arg.Length > 1)
            {
                inPlace |= isInPlace(arg);
                var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg.Split('=')[0] : arg;
                if (scriptOptions.Contains(name) || (!arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2 && scriptOptions.Contains("-" + arg[^1]) && !isInPlace(arg)))
                {
                    scriptGiven = true;
                    if (!arg.Contains('=', StringComparison.Ordinal))
                    {
                        i++;
                    }
                }
                else if (valueOptions.Contains(name))
                {
                    i++;
                }

                continue;
            }

            operands.Add(args[i]);
        }

        if (!inPlace)
        {
            return;
        }

        foreach (var file in scriptGiven ? operands : operands.Skip(1))
        {
            AddPaths(effects, ShellEffectKind.Write, file, cwd, home, text);
        }
    }

    private static void MoveOrCopy(List<ShellEffect> effects, string program, List<ShellWord> args, string cwd, string? home, string text)
    {
        ShellWord? targetDirectory = null;
        var operands = new List<ShellWord>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i].Text;
            if (arg == "--")
            {
                operands.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg is "-t" or "--target-directory" && i + 1 < args.Count)
            {
                targetDirectory = args[++i];
            }
            else if (arg.StartsWith("--target-directory=", StringComparison.Ordinal))
            {
                targetDirectory = args[i] with { Text = arg["--target-directory=".Length..] };
            }
            else if (program == "install" && arg is "-m" or "-o" or "-g" or "--mode" or "--owner" or "--group" or "-S" or "--suffix")
            {
                i++;
            }
            else if (program == "cp" && arg is "-S" or "--suffix")
            {
                i++;
            }
            else if (!arg.StartsWith('-') || arg == "-")
            {
                operands.Add(args[i]);
            }
        }

        if (targetDirectory is null && operands.Count < 2)
        {
            return;
        }

        var destination = targetDirectory ?? operands[^1];
        var sources = targetDirectory is null ? operands.Take(operands.Count - 1).ToList() : operands;
        if (destination.Opaque)
        {
            return;
        }

        var destinationPath = Resolve(destination.Text, cwd, home);
        var intoFolder = targetDirectory is not null || sources.Count > 1 || Directory.Exists(destinationPath) || destination.Text.EndsWith('/');
        foreach (var source in sources)
        {
            if (program == "mv")
            {
                AddPaths(effects, ShellEffectKind.Delete, source, cwd, home, text);
            }

            if (intoFolder)
            {
                if (!source.Opaque && !source.Glob)
                {
                    effects.Add(new ShellEffect(ShellEffectKind.Write, Path.Combine(destinationPath, Path.GetFileName(Resolve(source.Text, cwd, home))), text));
                }
            }
            else
            {
                effects.Add(new ShellEffect(ShellEffectKind.Write, destinationPath, text));
            }
        }
    }

    private static void Git(List<ShellEffect> effects, List<ShellWord> args, string cwd, string? home, string text)
    {
        // Global options before the subcommand: -C DIR moves, -c KEY=VALUE overrides config for this command.
        var i = 0;
        while (i < args.Count && args[i].Text.StartsWith('-'))
        {
            var option = args[i].Text;
            if (option == "-C" && i + 1 < args.Count)
            {
                if (!args[i + 1].Opaque)
                {
                    cwd = Resolve(args[i + 1].Text, cwd, home);
                }

                i += 2;
                continue;
            }

            if (option == "-c" && i + 1 < args.Count)
            {
                ConfigKey(effects, args[i + 1].Text.Split('=')[0], text);
                i += 2;
                continue;
            }

            if (option is "--git-dir" or "--work-tree" or "--namespace" or "--exec-path" && i + 1 < args.Count)
            {
                i += 2;
                continue;
            }

            i++;
        }

        if (i >= args.Count || args[i].Opaque)
        {
            return;
        }

        var subcommand = args[i].Text;
        var rest = args.Skip(i + 1).ToList();
        if (subcommand is "commit" or "merge" or "push" or "am" or "cherry-pick" or "revert" or "rebase" or "pull"
            && rest.Any(a => a.Text == "--no-verify" || (subcommand == "commit" && ShortCluster(a.Text, 'n', stopAt: "mFCctS"))))
        {
            effects.Add(new ShellEffect(ShellEffectKind.SkipsHooks, "--no-verify", text));
        }

        switch (subcommand)
        {
            case "checkout" or "restore":
                var separator = rest.FindIndex(a => a.Text == "--");
                var paths = separator >= 0
                    ? rest.Skip(separator + 1)
                    : subcommand == "restore" ? Operands(rest, withValue: ["-s", "--source"]) : [];
                foreach (var path in paths)
                {
                    AddPaths(effects, ShellEffectKind.Write, path, cwd, home, text, expandFolders: false);
                }

                break;
            case "config":
                Config(effects, rest, text);
                break;
            case "push":
                Push(effects, rest, text);
                break;
        }
    }

    private static void Config(List<ShellEffect> effects, List<ShellWord> args, string text)
    {
        var valueOptions = new[] { "-f", "--file", "--blob", "--type", "--default", "--comment", "--value" };
        var writes = false;
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i].Text;
            if (valueOptions.Contains(arg))
            {
                i++;
                continue;
            }

            if (arg is "--unset" or "--unset-all" or "--add" or "--replace-all" or "--rename-section" or "--remove-section")
            {
                writes = true;
                continue;
            }

            if (arg.StartsWith('-'))
            {
                continue;
            }

            positional.Add(arg);
        }

        // The newer form names its action first: git config set|unset|get|list KEY [VALUE].
        if (positional.Count > 0 && positional[0] is "set" or "unset" or "rename-section" or "remove-section" or "edit")
        {
            writes = true;
            positional.RemoveAt(0);
        }
        else if (positional.Count > 0 && positional[0] is "get" or "list")
        {
            return;
        }

        if (positional.Count > 0 && (writes || positional.Count >= 2))
        {
            ConfigKey(effects, positional[0], text);
        }
    }

    private static void ConfigKey(List<ShellEffect> effects, string key, string text)
    {
        // Section and variable names are case-insensitive in git.
        if (string.Equals(key, "scopeguard.agent", StringComparison.OrdinalIgnoreCase))
        {
            effects.Add(new ShellEffect(ShellEffectKind.SetsAgent, key, text));
        }
        else if (string.Equals(key, "core.hooksPath", StringComparison.OrdinalIgnoreCase))
        {
            effects.Add(new ShellEffect(ShellEffectKind.MovesHooks, key, text));
        }
    }

    private static void Push(List<ShellEffect> effects, List<ShellWord> args, string text)
    {
        var delete = false;
        var positional = new List<ShellWord>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i].Text;
            if (arg is "-d" or "--delete")
            {
                delete = true;
            }
            else if (arg is "-o" or "--push-option" or "--repo" or "--receive-pack" or "--exec")
            {
                i++;
            }
            else if (!arg.StartsWith('-'))
            {
                positional.Add(args[i]);
            }
        }

        foreach (var refspec in positional.Skip(1).Where(r => !r.Opaque))
        {
            var spec = refspec.Text.TrimStart('+');
            var colon = spec.IndexOf(':', StringComparison.Ordinal);
            var destination = colon >= 0 ? spec[(colon + 1)..] : spec;
            if (destination.Length == 0 || (colon < 0 && destination == "HEAD"))
            {
                continue;
            }

            destination = destination.StartsWith("refs/heads/", StringComparison.Ordinal) ? destination["refs/heads/".Length..] : destination;
            effects.Add(new ShellEffect(ShellEffectKind.PushesBranch, destination, delete || (colon == 0) ? $"{text} (deletes {destination})" : text));
        }
    }

    // The operands of a command: words that are not options (after "--", everything), less options that take a value.
    private static IEnumerable<ShellWord> Operands(List<ShellWord> args, string[] withValue)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i].Text;
            if (arg == "--")
            {
                foreach (var rest in args.Skip(i + 1))
                {
                    yield return rest;
                }

                yield break;
            }

            if (withValue.Contains(arg))
            {
                i++;
                continue;
            }

            if (arg.StartsWith('-') && arg.Length > 1)
            {
                continue;
            }

            yield return args[i];
        }
    }

    // Whether a word is a cluster of one-letter options (-Ei, -pi.bak) holding the letter; letters in
    // stopAt take a value, so what follows them is that value, not options.
    private static bool ShortCluster(string word, char letter, string stopAt = "")
    {
        if (word.Length < 2 || word[0] != '-' || word[1] == '-')
        {
            return false;
        }

        foreach (var c in word.AsSpan(1))
        {
            if (c == letter)
            {
                return true;
            }

            if (stopAt.Contains(c, StringComparison.Ordinal) || !char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return false;
    }

    private static string? Assignment(string word)
    {
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return null;
        }

        var name = word[..equals];
        return (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? name : null;
    }

    private static void AddPaths(List<ShellEffect> effects, ShellEffectKind kind, ShellWord word, string cwd, string? home, string text, bool expandFolders = true)
    {
        if (word.Opaque || word.Text.Length == 0)
        {
            return;
        }

        if (!word.Glob)
        {
            effects.Add(new ShellEffect(kind, Resolve(word.Text, cwd, home), text) { CoversFolder = expandFolders });
            return;
        }

        // A glob in the last part only: expanded as the shell would, against the files there now.
        var full = Resolve(word.Text, cwd, home);
        var folder = Path.GetDirectoryName(full);
        var pattern = Path.GetFileName(full);
        if (folder is null || folder.IndexOfAny(['*', '?', '[']) >= 0 || pattern.Contains('[', StringComparison.Ordinal) || !Directory.Exists(folder))
        {
            return;
        }

        foreach (var match in Directory.EnumerateFileSystemEntries(folder, pattern, new EnumerationOptions { MatchType = MatchType.Simple, AttributesToSkip = 0, IgnoreInaccessible = true }))
        {
            effects.Add(new ShellEffect(kind, match, text) { CoversFolder = expandFolders });
        }
    }

    private static string Resolve(string path, string cwd, string? home)
    {
        if (home is not null && (path == "~" || path.StartsWith("~/", StringComparison.Ordinal)))
        {
            path = home + path[1..];
        }

        return Path.GetFullPath(Path.Combine(cwd, path));
    }
}
