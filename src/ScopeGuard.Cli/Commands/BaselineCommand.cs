using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using ScopeGuard.Cli.Checking;
using ScopeGuard.Core;
using ScopeGuard.Core.Baseline;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary>
/// <c>scopeguard baseline</c>: writes the analyzer's baseline, the declarations of every C# file under
/// some folders as they were at the merge base of the base branch and HEAD. The MSBuild targets run it
/// before compilation; the analyzer compares the text being compiled (or typed) with it.
/// </summary>
internal sealed class BaselineCommand : Command
{
    private static readonly string[] OperationStateFiles = ["MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD"];

    public BaselineCommand(CliContext context)
        : base("baseline", "Write the analyzer's baseline: the C# declarations where the agent's work starts (the merge base with --base, else the newest with the base branch or a remote-tracking copy; the MSBuild targets run this before compiling).")
    {
        Options.Add(Base);
        Options.Add(OutputFile);
        Options.Add(AgentOption);
        Options.Add(Under);
        Options.Add(Inputs);
        Options.Add(AgentOutput);
        Options.Add(ManifestOption);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<string?> Base { get; } = new("--base")
    {
        Description = "The branch the agent's work is compared with, at its merge base with HEAD (default: the manifest's settings.baseBranch, at the newest merge base with the local branch or any remote-tracking copy).",
        HelpName = "REF",
    };

    internal Option<string> OutputFile { get; } = new("--output")
    {
        Description = "Where to write the baseline (rewritten only when its content changes, so the compiler's incremental build holds).",
        HelpName = "FILE",
        Required = true,
    };

    internal Option<string?> AgentOption { get; } = CommonOptions.Agent("Record this agent (else SCOPEGUARD_AGENT, git config scopeguard.agent, then the branch).");

    internal Option<string[]> Under { get; } = new("--under")
    {
        Description = "Record only the C# files under this folder (repeatable; default: the whole repository).",
        HelpName = "DIR",
        AllowMultipleArgumentsPerToken = false,
    };

    internal Option<string?> Inputs { get; } = new("--inputs")
    {
        Description = "Also write the git files whose change makes the baseline stale (HEAD, index, references, config), one per line, for MSBuild's incremental build.",
        HelpName = "FILE",
    };

    internal Option<string?> AgentOutput { get; } = new("--agent-output")
    {
        Description = "Also write the resolved agent's name (empty when none) to this file, for the MSBuild targets to hand to the analyzer.",
        HelpName = "FILE",
    };

    internal Option<string?> ManifestOption { get; } = CommonOptions.Manifest();

    private int Execute(ParseResult parseResult, CliContext context)
    {
        using var workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
        if (workspace.IsHeadUnborn)
        {
            throw new ScopeGuardException($"'{workspace.WorkingDirectory}' has no commit yet: there is no base to compare with");
        }

        var manifest = LoadManifest(parseResult, context, workspace, out var manifestNote);
        var headSha = workspace.ResolveCommit("HEAD")!;
        var (baseRef, baseSha, mergeBase, references) = parseResult.GetValue(Base) is { } named
            ? NamedBase(workspace, named, headSha)
            : ImpliedBase(workspace, manifest, headSha);

        var (agent, reason) = ResolveAgent(parseResult, context, workspace, manifest, manifestNote);
        var scopes = Scopes(parseResult, context, workspace);

        // A merge, cherry-pick or revert in progress: what it brings from someone else's commits is recorded
        // beside the base, and a file or declaration identical to it is not the agent's change.
        var brought = BroughtSides.Find(workspace, manifest, workspace.Branch ?? workspace.RebaseBranch, context.Environment);
        var header = new BaselineHeader(agent, reason, baseRef, baseSha, mergeBase, headSha, workspace.WorkingDirectory.Replace('\\', '/'), scopes)
        {
            Generator = "ScopeGuard " + (typeof(DeclarationBaseline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown"),
            Brought = brought,
        };

        var output = Path.GetFullPath(Path.Combine(context.CurrentDirectory, parseResult.GetValue(OutputFile)!));
        // The projects of a repository share one baseline and may be built in parallel: one writer at a
        // time, and whoever comes second finds the baseline the first wrote and keeps it.
        using var writer = BaselineLock.Acquire(output);
        var existing = ReadExisting(output);
        var keep = existing is not null && SameKey(existing.Header, header);
        var baseline = keep ? existing! : Reuse(existing, header) ?? DeclarationBaseline.Create(header, ReadBaseFiles(workspace, mergeBase, scopes), ReadBroughtFiles(workspace, mergeBase, brought, scopes));
        var written = !keep && WriteIfChanged(output, baseline.Write());

        if (parseResult.GetValue(Inputs) is { } inputsFile)
        {
            // Not the index: the baseline is the merge base's, which no 'git add' or 'git status' (which
            // rewrites the index to refresh its stat data) changes.
            var watched = workspace.StateFiles(references, includeIndex: false).ToList();

            // A merge, cherry-pick or revert starting or ending changes what is brought.
            watched.AddRange(OperationStateFiles.Select(f => Path.Combine(workspace.GitDirectory, f)).Where(File.Exists));
            var manifestFile = Path.Combine(workspace.WorkingDirectory, ManifestLoader.FileName);
            if (File.Exists(manifestFile))
            {
                watched.Add(manifestFile);
            }

            WriteIfChanged(Path.GetFullPath(Path.Combine(context.CurrentDirectory, inputsFile)), string.Join("\n", watched) + "\n");
        }

        if (parseResult.GetValue(AgentOutput) is { } agentFile)
        {
            WriteIfChanged(Path.GetFullPath(Path.Combine(context.CurrentDirectory, agentFile)), (agent ?? string.Empty) + "\n");
        }

        context.Output.WriteLine(
            $"scopeguard: baseline {(written ? "written" : "unchanged")}: {baseline.FileCount} C# file(s) at {Short(mergeBase)} (merge base of {baseRef} and HEAD); "
            + (agent is null ? $"no agent ({reason}): the analyzer stays silent" : $"agent '{agent}' ({reason})"));
        return ExitCodes.Success;
    }

    // The working tree's manifest is the one the analyzer reads (it is an AdditionalFile); when it is
    // invalid the analyzer reports SG0007 there, and HEAD's manifest still tells who the agent is.
    private ScopeManifest? LoadManifest(ParseResult parseResult, CliContext context, GitWorkspace workspace, out string? note)
    {
        note = null;
        var (load, _, label) = ManifestSource.LoadForQuery(parseResult.GetValue(ManifestOption), workspace, context.CurrentDirectory);
        if (load.Manifest is not null)
        {
            return load.Manifest;
        }

        var committed = workspace.ReadAtHead(ManifestLoader.FileName);
        var atHead = committed is null ? null : ManifestSource.Decode(committed, ManifestLoader.FileName).Manifest;
        note = $"{label} is invalid ({load.Errors.Count} error(s), first: {load.Errors[0]})" + (atHead is null ? string.Empty : "; the agent was resolved with the manifest at HEAD");
        context.Error.WriteLine($"scopeguard: {note}");
        return atHead;
    }

    // --base / ScopeGuardBase keeps its meaning: the merge base of that commit and HEAD.
    private static (string Ref, string Sha, string MergeBase, IReadOnlyList<string> References) NamedBase(GitWorkspace workspace, string baseRef, string headSha)
    {
        var baseSha = workspace.ResolveCommit(baseRef) ?? throw new ScopeGuardException(
            $"--base '{baseRef}' names no commit in this repository: fetch it (git fetch origin), or set ScopeGuardBase / --base to the branch agents start from");
        var mergeBase = workspace.MergeBase(baseSha, headSha) ?? throw NoMergeBase(workspace, baseRef);
        return (baseRef, baseSha, mergeBase, workspace.ReferenceName(baseRef) is { } reference ? [reference] : []);
    }

    /// <summary>
    /// The base when none is named: the manifest's <c>settings.baseBranch</c>, and the agent's work starts
    /// at the newest merge base of HEAD with it or any of its remote-tracking copies (<see cref="WorkBase"/>,
    /// the rule the hooks' manifest choice uses). During a stopped rebase, its <c>onto</c> commit counts too
    /// when it is on the base branch.
    /// </summary>
    /// <param name="workspace">The repository.</param>
    /// <param name="manifest">The manifest that names the base branch, if any.</param>
    /// <param name="headSha">HEAD.</param>
    /// <returns>The base as named in the baseline's header, its commit, the commit whose files are recorded, and the references to watch.</returns>
    internal static (string Ref, string Sha, string MergeBase, IReadOnlyList<string> References) ImpliedBase(GitWorkspace workspace, ScopeManifest? manifest, string headSha)
    {
        var branch = manifest?.Settings.BaseBranch ?? ManifestDefaults.BaseBranch;
        var tips = workspace.BranchTips(branch);
        if (tips.Count == 0)
        {
            throw new ScopeGuardException(
                $"--base '{branch}' names no commit in this repository (no local branch {branch} and no remote-tracking copy of it): fetch it (git fetch origin), or set ScopeGuardBase / --base to the branch agents start from");
        }

        var onto = workspace.RebaseOnto is { } commit ? new[] { commit } : [];
        var start = WorkBase.Find(workspace, tips, headSha, onto) ?? throw NoMergeBase(workspace, branch);
        var name = start.Reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? start.Reference["refs/heads/".Length..]
            : start.Reference.StartsWith("refs/remotes/", StringComparison.Ordinal) ? start.Reference["refs/remotes/".Length..]
            : start.Reference;
        return (name, start.Tip, start.Commit, tips.Select(t => t.Reference).ToList());
    }

    private static ScopeGuardException NoMergeBase(GitWorkspace workspace, string baseRef) => new(
        $"no merge base between {baseRef} and HEAD: " + (workspace.IsShallow ? "this is a shallow clone; fetch more history (git fetch --unshallow)" : "the histories are unrelated"));

    private (string? Agent, string Reason) ResolveAgent(ParseResult parseResult, CliContext context, GitWorkspace workspace, ScopeManifest? manifest, string? manifestNote)
    {
        var option = parseResult.GetValue(AgentOption);
        var environment = context.Environment("SCOPEGUARD_AGENT");
        var (configAgent, configOrigin) = workspace.ReadAgentConfig();
        if (manifest is null)
        {
            // No valid manifest anywhere: only an explicit name can identify the agent.
            var named = new[] { (option, "--agent"), (environment, "SCOPEGUARD_AGENT"), (configAgent, "git config scopeguard.agent") }
                .FirstOrDefault(n => !string.IsNullOrWhiteSpace(n.Item1));
            return named.Item1 is null
                ? (null, manifestNote ?? "no valid manifest")
                : (named.Item1.Trim(), $"{named.Item2} is \"{named.Item1.Trim()}\" ({manifestNote})");
        }

        // A name the manifest does not declare is reported once, by the analyzer (SG0007 in scopes.json, where
        // the agents are declared): the baseline is still written, so the build does not also warn SGB001.
        var first = new[] { (option, "--agent"), (environment, "SCOPEGUARD_AGENT"), (configAgent, "git config scopeguard.agent") }
            .FirstOrDefault(n => !string.IsNullOrWhiteSpace(n.Item1));
        if (first.Item1 is { } name && manifest.FindAgent(name.Trim()) is null)
        {
            return (name.Trim(), Messages.UndeclaredAgent(first.Item2, name.Trim(), manifest) + " (the analyzer reports it as SG0007)");
        }

        // During a stopped rebase HEAD is detached: the work is the branch being rebased's.
        var (branch, origin) = workspace.Branch is { } current ? (current, (string?)null) : (workspace.RebaseBranch, workspace.RebaseBranch is null ? null : "the branch being rebased");
        var identity = AgentIdentity.Resolve(manifest, new IdentityInputs(option, environment, configAgent, configOrigin, branch, origin));
        return (identity.Agent?.Name, identity.Reason);
    }

    private List<string> Scopes(ParseResult parseResult, CliContext context, GitWorkspace workspace)
    {
        var under = parseResult.GetValue(Under) ?? [];
        if (under.Length == 0)
        {
            return [string.Empty];
        }

        return under
            .Select(dir => workspace.ToRepositoryPath(dir, context.CurrentDirectory))
            .Select(path => path.Length == 0 ? string.Empty : path.TrimEnd('/') + "/")
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static DeclarationBaseline? ReadExisting(string output)
    {
        if (!File.Exists(output))
        {
            return null;
        }

        try
        {
            return DeclarationBaseline.Parse(File.ReadAllText(output, Encoding.UTF8));
        }
        catch (ScopeGuardException)
        {
            return null; // an old format or a truncated file: write it anew
        }
    }

    // What the analyzer's results depend on: the files recorded (the merge base, the folders, the
    // extractor), where they are (the root) and whom they are for (the agent, the base as named).
    // When these are unchanged the file is left alone, even though HEAD or the base branch's tip moved
    // (a commit on the agent's branch): rewriting it would only make every project compile again. Its
    // 'head' and 'base-commit' lines then say when its declarations were recorded.
    private static bool SameKey(BaselineHeader existing, BaselineHeader header) =>
        existing.MergeBase == header.MergeBase && existing.Root == header.Root && existing.Scopes.SequenceEqual(header.Scopes)
        && existing.Generator == header.Generator && existing.Agent == header.Agent && existing.BaseRef == header.BaseRef
        && existing.Brought.SequenceEqual(header.Brought);

    // The files depend only on the merge base and the folders: keep them when only the header changed
    // (a new agent name, another base), and parse nothing.
    private static DeclarationBaseline? Reuse(DeclarationBaseline? existing, BaselineHeader header) =>
        existing is not null && existing.Header.MergeBase == header.MergeBase && existing.Header.Root == header.Root
            && existing.Header.Scopes.SequenceEqual(header.Scopes) && existing.Header.Generator == header.Generator
            && existing.Header.Brought.SequenceEqual(header.Brought)
            ? existing.WithHeader(header)
            : null;

    private static List<(string Path, string Text)> ReadBaseFiles(GitWorkspace workspace, string commit, IReadOnlyList<string> scopes)
    {
        var files = new List<(string Path, string Text)>();
        foreach (var (path, blobId) in workspace.TreeFiles(commit, scopes))
        {
            if (!path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Binary or oversized "C#" is judged by the CLI alone.
            var text = workspace.ReadBlob(blobId) is { } bytes ? SourceDecoding.TryDecode(bytes) : null;
            if (text is not null)
            {
                files.Add((path, text));
            }
        }

        return files;
    }

    // The C# files under the scopes that a brought commit has in another version than the base: only those
    // can make a file or declaration "as brought" rather than the base's.
    private static List<(string Path, string Text)> ReadBroughtFiles(GitWorkspace workspace, string mergeBase, IReadOnlyList<string> brought, IReadOnlyList<string> scopes)
    {
        var files = new List<(string Path, string Text)>();
        if (brought.Count == 0)
        {
            return files;
        }

        var atBase = workspace.TreeFiles(mergeBase, scopes).ToDictionary(f => f.Path, f => f.BlobId, StringComparer.Ordinal);
        foreach (var commit in brought)
        {
            foreach (var (path, blobId) in workspace.TreeFiles(commit, scopes))
            {
                if (!path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || (atBase.TryGetValue(path, out var old) && old == blobId))
                {
                    continue;
                }

                if (workspace.ReadBlob(blobId) is { } bytes && SourceDecoding.TryDecode(bytes) is { } text)
                {
                    files.Add((path, text));
                }
            }
        }

        return files;
    }

    private static bool WriteIfChanged(string path, string text)
    {
        var bytes = new UTF8Encoding(false).GetBytes(text);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Write beside it, then move: a build never reads a half-written baseline.
        var temporary = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return true;
    }

    private static string Short(string sha) => sha.Length > 10 ? sha[..10] : sha;
}
