using System;
using System.Collections.Generic;
using System.IO;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Checking;

/// <summary>The manifest that judges a check, where it came from, and what the reader must know about that choice.</summary>
/// <param name="Load">The loaded (or failed) manifest.</param>
/// <param name="Label">Where it came from, as reports name it (e.g. <c>scopes.json at base main (1a2b3c4d5e)</c>).</param>
/// <param name="Notes">What the choice means for the verdict, when the reader must know it.</param>
/// <param name="Commit">The commit it was read from, when it was read from one.</param>
internal sealed record ManifestChoice(ManifestLoadResult Load, string Label, IReadOnlyList<string> Notes, string? Commit = null)
{
    /// <summary>Gets the manifest, or <see langword="null"/> when it is invalid.</summary>
    public ScopeManifest? Manifest => Load.Manifest;
}

/// <summary>
/// Decides which manifest judges a check, in one place for every source of changes. The manifest an
/// agent is judged by must not be one it wrote: a range is judged by its base's, a commit or push by
/// the base branch's as it was where the work left it (the merge base), never by the agent's own HEAD
/// or index. <c>--manifest FILE</c> overrides all of it and says so.
/// </summary>
internal sealed class ManifestSelector
{
    private readonly IGitRepository git;
    private readonly string? fileOption;
    private readonly string currentDirectory;
    private readonly Dictionary<string, ManifestChoice?> byCommit = new(StringComparer.Ordinal);
    private ManifestChoice? fromFile;

    public ManifestSelector(IGitRepository git, string? fileOption, string currentDirectory)
    {
        this.git = git;
        this.fileOption = fileOption;
        this.currentDirectory = currentDirectory;
    }

    /// <summary>Gets the manifest committed at <paramref name="commit"/>, or <see langword="null"/> when that commit has none.</summary>
    public ManifestChoice? AtCommit(string commit, string label)
    {
        if (byCommit.TryGetValue(commit, out var known))
        {
            return known is null ? null : known with { Label = label };
        }

        var bytes = git.ReadAt(commit, ManifestLoader.FileName);
        var choice = bytes is null ? null : new ManifestChoice(ManifestSource.Decode(bytes, ManifestLoader.FileName), label, [], commit);
        byCommit[commit] = choice;
        return choice;
    }

    /// <summary>Gets the manifest named by <c>--manifest</c>, or <see langword="null"/> when none was named.</summary>
    public ManifestChoice? FromOption()
    {
        if (fileOption is null)
        {
            return null;
        }

        return fromFile ??= new ManifestChoice(
            ManifestSource.Decode(ManifestSource.ReadFile(fileOption, currentDirectory), fileOption),
            fileOption,
            [$"the manifest is the file named by --manifest ({fileOption}), not the base branch's: a scope the change widens for itself is not caught"]);
    }

    /// <summary>
    /// Gets the manifest that judges work on a branch (the hooks): <c>--manifest</c>; else the one
    /// committed on the base branch (<c>settings.baseBranch</c>, local or any remote-tracking copy,
    /// whichever the work left last) at the merge base with <paramref name="head"/>; else, when the work
    /// shares no history with the base branch (an orphan branch), the base branch's newest; else, when
    /// there is no base branch here at all, HEAD's, the index's or the working tree's, said as such.
    /// </summary>
    /// <param name="head">The commit the work is on (HEAD, or a pushed commit); <see langword="null"/> before the first commit.</param>
    public ManifestChoice ForWork(string? head)
    {
        if (FromOption() is { } file)
        {
            return file;
        }

        var own = head is null ? null : AtCommit(head, "HEAD");
        var branch = own?.Manifest?.Settings.BaseBranch ?? StagedBaseBranch() ?? ManifestDefaults.BaseBranch;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var found = OnBaseBranch(branch, head);
            if (found is null)
            {
                break;
            }

            // The base's own manifest says which branch is the base: an agent cannot redirect it by
            // editing its copy (the answer is asked once more, of the base's manifest).
            if (found.Manifest is { } manifest && manifest.Settings.BaseBranch != branch && attempt == 0 && git.BranchTips(manifest.Settings.BaseBranch).Count > 0)
            {
                branch = manifest.Settings.BaseBranch;
                continue;
            }

            return found;
        }

        return Unprotected(head);
    }

    // The manifest on the base branch where the work left it: the newest merge base of the work with
    // the local base branch and each remote-tracking copy of it (commits reachable from any of them are
    // not the work's own).
    private ManifestChoice? OnBaseBranch(string branch, string? head)
    {
        var tips = git.BranchTips(branch);
        if (tips.Count == 0)
        {
            return null;
        }

        var best = head is null ? null : WorkBase.Find(git, tips, head)?.Commit;

        if (best is not null && AtCommit(best, $"{ManifestLoader.FileName} at the merge base with {branch} ({Short(best)})") is { } atBase)
        {
            return atBase;
        }

        // No common history (an orphan branch, or none yet), or no manifest where the work left: the base
        // branch's newest manifest judges.
        foreach (var (reference, tip) in tips)
        {
            if (AtCommit(tip, $"{ManifestLoader.FileName} at {ShortRef(reference)} ({Short(tip)})") is { } atTip)
            {
                return atTip with
                {
                    Notes = [best is null
                        ? $"this work shares no history with {branch}: judged by {branch}'s newest {ManifestLoader.FileName}"
                        : $"{branch} had no {ManifestLoader.FileName} where this work left it ({Short(best)}): judged by its newest"],
                };
            }
        }

        return null;
    }

    // No base branch here (a repository's first commits, or a base branch that does not exist): the
    // nearest manifest there is, and the reader is told that it is not a protected one.
    private ManifestChoice Unprotected(string? head)
    {
        var branch = (head is null ? null : AtCommit(head, "HEAD")?.Manifest?.Settings.BaseBranch) ?? ManifestDefaults.BaseBranch;
        var note = $"there is no base branch '{branch}' here (settings.baseBranch): the manifest on this branch judges it, so a scope it widens for itself is not caught until the CI gate";
        if (head is not null && AtCommit(head, $"{ManifestLoader.FileName} at HEAD") is { } atHead)
        {
            return atHead with { Notes = [note] };
        }

        if (git.ReadStaged(ManifestLoader.FileName) is { } staged)
        {
            return new ManifestChoice(ManifestSource.Decode(staged, ManifestLoader.FileName), $"{ManifestLoader.FileName} in the index", [note]);
        }

        var file = Path.Combine(git.WorkingDirectory, ManifestLoader.FileName);
        if (File.Exists(file))
        {
            return new ManifestChoice(ManifestSource.Decode(ManifestSource.ReadFile(file, git.WorkingDirectory), ManifestLoader.FileName), $"{ManifestLoader.FileName} in the working tree", [note]);
        }

        throw new ScopeGuardException(
            $"no {ManifestLoader.FileName} at the root of '{git.WorkingDirectory}' (looked at the base branch '{branch}', HEAD, the index and the working tree): write one (see scopes.example.json), or pass --manifest FILE");
    }

    private string? StagedBaseBranch()
    {
        var staged = git.ReadStaged(ManifestLoader.FileName);
        return staged is null ? null : ManifestSource.Decode(staged, ManifestLoader.FileName).Manifest?.Settings.BaseBranch;
    }

    internal static string Short(string sha) => sha.Length > 10 ? sha[..10] : sha;

    private static string ShortRef(string reference) =>
        reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..]
        : reference.StartsWith("refs/remotes/", StringComparison.Ordinal) ? reference["refs/remotes/".Length..]
        : reference;
}
