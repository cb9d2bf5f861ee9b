using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using ScopeGuard.Cli.Agents;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Rules;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary>
/// <c>scopeguard init</c>: writes a first <c>scopes.json</c> at the repository root, one agent per
/// CODEOWNERS owner or per folder, then lints it and prints the next steps.
/// </summary>
internal sealed class InitCommand : Command
{
    public InitCommand(CliContext context)
        : base("init", "Write a first scopes.json: one agent per CODEOWNERS owner (--from-codeowners) or per folder (--agents-from-folders), with the manifest, hooks, .github/ and build files protected.")
    {
        Options.Add(FromCodeOwners);
        Options.Add(FromFolders);
        Options.Add(Force);
        Options.Add(Base);
        Validators.Add(result =>
        {
            var owners = result.GetResult(FromCodeOwners) is { Implicit: false };
            var folders = result.GetResult(FromFolders)?.Tokens.Count > 0;
            if (owners == folders)
            {
                result.AddError(owners
                    ? "use --from-codeowners or --agents-from-folders, not both"
                    : "say where the agents come from: --from-codeowners [FILE] or --agents-from-folders DIR");
            }
        });
        SetAction(parseResult => Execute(parseResult, context));
    }

    // Hook folders that hook managers and git's convention use.
    private static readonly string[] HookFolders = [".githooks", ".husky"];

    // Files besides MSBuild's own imports that decide how the repository builds and restores.
    private static readonly string[] BuildFiles = ["global.json", "nuget.config", "NuGet.config", "NuGet.Config", ".config/dotnet-tools.json", "dotnet-tools.json", "Directory.Build.rsp"];

    internal Option<string?> FromCodeOwners { get; } = new("--from-codeowners")
    {
        Description = "One agent per owner in this CODEOWNERS file (default: .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS, the first that exists).",
        HelpName = "FILE",
        Arity = ArgumentArity.ZeroOrOne,
    };

    internal Option<string?> FromFolders { get; } = new("--agents-from-folders")
    {
        Description = "One agent per folder directly under this folder, each writing its own folder.",
        HelpName = "DIR",
    };

    internal Option<bool> Force { get; } = new("--force")
    {
        Description = "Overwrite an existing scopes.json.",
    };

    internal Option<string?> Base { get; } = new("--base")
    {
        Description = "The base branch agents branch from and merge into (default: the remote's default branch, else main or master, else the current branch).",
        HelpName = "BRANCH",
    };

    private int Execute(ParseResult parseResult, CliContext context)
    {
        using var workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
        var root = workspace.WorkingDirectory;
        var target = Path.Combine(root, ManifestLoader.FileName);
        if (File.Exists(target) && !parseResult.GetValue(Force))
        {
            throw new ScopeGuardException($"{ManifestLoader.FileName} already exists at the root of '{root}'; nothing was written (--force overwrites it)");
        }

        var files = workspace.HeadSha is { } head ? workspace.TreeFiles(head, [string.Empty]).Select(f => f.Path).ToList() : [];
        IReadOnlyList<StarterAgent> agents;
        IReadOnlyList<InitNote> notes;
        CodeOwnersFile? codeOwners = null;
        IReadOnlyDictionary<string, string>? names = null;
        List<string> protectedPaths;
        if (parseResult.GetResult(FromCodeOwners) is { Implicit: false })
        {
            codeOwners = ReadCodeOwners(parseResult.GetValue(FromCodeOwners), workspace, context.CurrentDirectory);
            if (codeOwners.Owners.Count == 0)
            {
                throw new ScopeGuardException($"{codeOwners.Path} names no owner on a line GitHub applies: no agent to write");
            }

            protectedPaths = ProtectedPaths(workspace, files, codeOwners);
            (agents, notes, names) = CodeOwnersTranslation.Translate(codeOwners, protectedPaths, workspace.HeadSha is null ? null : files, workspace.IgnoreCase);
            if (agents.Count == 0)
            {
                foreach (var note in notes)
                {
                    context.Error.WriteLine($"{note.Where}: note: {note.Message}");
                }

                throw new ScopeGuardException($"{codeOwners.Path} gives its owners only protected paths or paths that match no file at HEAD (the notes above say which): no agent to write; nothing was written");
            }
        }
        else
        {
            (agents, notes) = FromFolderList(parseResult.GetValue(FromFolders)!, workspace, context.CurrentDirectory);
            protectedPaths = ProtectedPaths(workspace, files, null);
        }

        var baseBranch = BaseBranch(parseResult.GetValue(Base), workspace);
        var starter = new StarterManifest(baseBranch, protectedPaths, agents);
        var text = starter.ToJson();

        // What is written must load: check before writing anything.
        var load = ManifestLoader.Load(text, ManifestLoader.FileName);
        if (load.Manifest is null)
        {
            throw new InvalidOperationException("the manifest init made does not load: " + string.Join("; ", load.Errors));
        }

        var allNotes = notes.ToList();
        foreach (var agent in starter.WithoutSiblingBranches)
        {
            allNotes.Add(new InitNote(ManifestLoader.FileName, $"agent {agent.Name} gets branch 'agent/{agent.Name}' only: 'agent/{agent.Name}-*' would also name another agent's branch"));
        }

        if (codeOwners is not null && names is not null)
        {
            allNotes.AddRange(Verify(codeOwners, names, load.Manifest, files, workspace.IgnoreCase));
        }

        WriteAtomically(target, text);
        foreach (var note in allNotes.OrderBy(n => n.Line))
        {
            context.Error.WriteLine($"{note.Where}: note: {note.Message}");
        }

        var source = codeOwners is not null ? codeOwners.Path : $"the folders under {parseResult.GetValue(FromFolders)}";
        context.Output.WriteLine($"wrote {ManifestLoader.FileName}: {agents.Count} agent(s) from {source}, base branch {baseBranch}, {starter.ProtectedPaths.Count} protected path(s){(allNotes.Count == 0 ? string.Empty : $"; {allNotes.Count} note(s) on standard error")}");

        // The same lint a person would run, on the file as written. Its warnings are worth reading but
        // do not undo the file: init succeeded when it wrote a valid manifest (exit 0).
        var lint = CliApp.Run(["lint", "--manifest", ManifestLoader.FileName], new CliContext(context.Output, context.Error, TextReader.Null, root, context.Environment));
        if (lint == ExitCodes.Error)
        {
            return lint;
        }

        if (lint != ExitCodes.Success)
        {
            context.Output.WriteLine($"{ManifestLoader.FileName} was written; lint's warnings (standard error) point at entries to review before committing it.");
        }

        var example = agents[0].Name;
        context.Output.WriteLine();
        context.Output.WriteLine("Next steps:");
        context.Output.WriteLine($"  1. Review {ManifestLoader.FileName} (docs/agents.md explains it) and commit it on {baseBranch}.");
        context.Output.WriteLine("  2. scopeguard install: the git hooks that check every commit and push.");
        context.Output.WriteLine($"  3. scopeguard agent new {example}: a branch and a worktree for one agent.");
        context.Output.WriteLine($"  4. scopeguard explain --agent {example}: the scope card for the agent's AGENTS.md or CLAUDE.md.");
        return ExitCodes.Success;
    }

    private static CodeOwnersFile ReadCodeOwners(string? named, GitWorkspace workspace, string currentDirectory)
    {
        string full;
        if (named is not null)
        {
            full = Path.GetFullPath(Path.Combine(currentDirectory, named));
            if (!File.Exists(full))
            {
                throw new ScopeGuardException($"--from-codeowners names '{named}', which does not exist");
            }
        }
        else
        {
            full = CodeOwnersFile.Locations.Select(l => Path.Combine(workspace.WorkingDirectory, l)).FirstOrDefault(File.Exists)
                ?? throw new ScopeGuardException($"no CODEOWNERS file in this repository (looked for {string.Join(", ", CodeOwnersFile.Locations)}): name one with --from-codeowners FILE");
        }

        var label = full.StartsWith(workspace.WorkingDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? workspace.ToRepositoryPath(full, workspace.WorkingDirectory)
            : named ?? full;
        var bytes = ManifestSource.ReadFile(full, currentDirectory);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ScopeGuardException($"{label} is not valid UTF-8 text");
        }

        return CodeOwnersFile.Parse(text.TrimStart('\uFEFF'), label);
    }

    private static (IReadOnlyList<StarterAgent>, IReadOnlyList<InitNote>) FromFolderList(string dir, GitWorkspace workspace, string currentDirectory)
    {
        var relative = workspace.ToRepositoryPath(dir, currentDirectory).Trim('/');
        var full = Path.Combine(workspace.WorkingDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(full))
        {
            throw new ScopeGuardException($"--agents-from-folders names '{dir}', which is not a folder");
        }

        var folders = Directory.GetDirectories(full)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => !n.StartsWith('.'))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        if (folders.Count == 0)
        {
            throw new ScopeGuardException($"'{dir}' has no folders: no agent to write");
        }

        var prefix = relative.Length == 0 ? string.Empty : relative + "/";
        var names = AgentNames.Assign(folders, f => (f, (prefix + f).Replace('/', '-')));
        var agents = folders.Select(f => new StarterAgent(
            names[f],
            $"Works in {prefix}{f}/.",
            [StarterManifest.Escape("/" + EscapeLiteral(prefix + f) + "/")],
            [])).ToList();
        return (agents, []);
    }

    // A folder name as a literal path pattern: wildcard characters and a backslash match themselves.
    private static string EscapeLiteral(string path)
    {
        var builder = new StringBuilder();
        foreach (var c in path)
        {
            if (c is '*' or '?' or '[' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string BaseBranch(string? named, GitWorkspace workspace)
    {
        if (named is not null)
        {
            if (BranchPattern.TryParse(named, out var error) is not { IsLiteral: true })
            {
                throw new ScopeGuardException($"--base '{named}' is not a branch name: {error ?? "wildcards are not allowed here"}");
            }

            return named;
        }

        return workspace.RemoteDefaultBranch()
            ?? new[] { ManifestDefaults.BaseBranch, "master" }.FirstOrDefault(workspace.HasLocalBranch)
            ?? workspace.Branch
            ?? ManifestDefaults.BaseBranch;
    }

    // The manifest, hooks, CI configuration and build files: what would let an agent change the rules
    // or what runs them. Only what exists, besides the manifest and .github/.
    private static List<string> ProtectedPaths(GitWorkspace workspace, List<string> files, CodeOwnersFile? codeOwners)
    {
        var root = workspace.WorkingDirectory;
        bool Exists(string path) => files.Contains(path, StringComparer.Ordinal)
            || files.Any(f => f.StartsWith(path + "/", StringComparison.Ordinal))
            || File.Exists(Path.Combine(root, path)) || Directory.Exists(Path.Combine(root, path));

        var result = new List<string> { "/" + ManifestLoader.FileName, "/.github/" };
        if (codeOwners is not null && !codeOwners.Path.StartsWith(".github/", StringComparison.Ordinal) && !Path.IsPathRooted(codeOwners.Path) && Exists(codeOwners.Path))
        {
            result.Add("/" + codeOwners.Path);
        }

        var hooksPath = workspace.ReadConfig("core.hooksPath");
        if (!string.IsNullOrEmpty(hooksPath) && !Path.IsPathRooted(hooksPath) && !hooksPath.StartsWith('~'))
        {
            var relative = hooksPath.Replace('\\', '/').Trim('/');
            while (relative.StartsWith("./", StringComparison.Ordinal))
            {
                relative = relative[2..];
            }

            if (relative.Length > 0 && !relative.StartsWith("../", StringComparison.Ordinal))
            {
                result.Add("/" + EscapeLiteral(relative) + "/");
            }
        }

        foreach (var folder in HookFolders.Where(Exists))
        {
            result.Add($"/{folder}/");
        }

        foreach (var file in BuildFiles.Where(Exists))
        {
            result.Add("/" + file);
        }

        // Build targets that MSBuild imports on its own (at any depth) and props or targets files at the root.
        var candidates = files.Concat(Directory.GetFiles(root).Select(f => Path.GetFileName(f)!));
        foreach (var file in candidates.Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = file[(file.LastIndexOf('/') + 1)..];
            var imported = name is "Directory.Build.props" or "Directory.Build.targets" or "Directory.Packages.props" or "Directory.Solution.props" or "Directory.Solution.targets";
            var atRoot = !file.Contains('/', StringComparison.Ordinal) && (name.EndsWith(".props", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".targets", StringComparison.OrdinalIgnoreCase));
            if (imported || atRoot)
            {
                result.Add("/" + EscapeLiteral(file));
            }
        }

        return result.Select(StarterManifest.Escape).Distinct(StringComparer.Ordinal).ToList();
    }

    // The proof on this repository's files: who may write each file per CODEOWNERS (the last
    // matching line's owners) against who may per the written manifest (the evaluator `which` uses).
    // Protected paths are left out: no agent may write them, whoever owns them.
    private static IEnumerable<InitNote> Verify(CodeOwnersFile file, IReadOnlyDictionary<string, string> names, ScopeManifest manifest, List<string> files, bool ignoreCase)
    {
        var evaluator = new ScopeEvaluator(manifest, new PathMatchOptions(ignoreCase));
        var differences = new Dictionary<int, (int Count, string Example)>();
        foreach (var path in files)
        {
            var decisions = manifest.Agents.Select(a => (a.Name, Decision: evaluator.Decide(a, path))).ToList();
            if (decisions.Any(d => d.Decision.Verdict == PathVerdict.Protected))
            {
                continue;
            }

            var rule = file.Decide(path);
            var owners = (rule?.Owners ?? []).Select(o => names[o]).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var writers = decisions.Where(d => d.Decision.Allowed).Select(d => d.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (!owners.SequenceEqual(writers, StringComparer.Ordinal))
            {
                var line = rule?.Line ?? 0;
                var example = $"'{path}': CODEOWNERS gives it to {Names(owners)}, scopes.json lets {Names(writers)} write it";
                differences[line] = differences.TryGetValue(line, out var seen) ? (seen.Count + 1, seen.Example) : (1, example);
            }
        }

        return differences.OrderBy(d => d.Key).Select(d => new InitNote(
            d.Key == 0 ? file.Path : $"{file.Path}:{d.Key}",
            $"{d.Value.Count} file(s) of this repository decided by this line are not translated exactly, e.g. {d.Value.Example}"));

        static string Names(List<string> list) => list.Count == 0 ? "no agent" : string.Join(", ", list);
    }

    private static void WriteAtomically(string target, string text)
    {
        var temporary = target + ".scopeguard-init.tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Move(temporary, target, overwrite: true);
    }
}
