using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Checking;

/// <summary>
/// The sources of change sets a check can judge: what is staged (pre-commit), a range (the CI gate),
/// and each ref being pushed (pre-push). Each says which changes, whose they are, which branch they go
/// to and which manifest judges them; the <see cref="CheckPipeline"/> does the rest the same way for all.
/// </summary>
internal static class ChangeSources
{
    private const string ZeroSha = "0000000000000000000000000000000000000000";

    /// <summary>Where CI systems put a pull request's source branch, in the order they are tried.</summary>
    internal static readonly string[] CiBranchVariables =
    [
        "GITHUB_HEAD_REF", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "SYSTEM_PULLREQUEST_SOURCEBRANCH",
        "BITBUCKET_BRANCH", "CIRCLE_BRANCH", "BUILDKITE_BRANCH", "CI_COMMIT_BRANCH", "BUILD_SOURCEBRANCH",
    ];

    /// <summary>
    /// What the next commit will contain: the index against HEAD, committed to the current branch (during
    /// a stopped rebase, the branch being rebased). A path staged exactly as the base branch has it now
    /// (local or remote-tracking) is not the committer's own change: that is what merging or rebasing onto
    /// the base brings in, and it is already on the base.
    /// </summary>
    /// <remarks>
    /// While a merge, cherry-pick or revert is in progress, what it brings from someone else's commits
    /// (<see cref="BroughtSides"/>) is not the committer's either: a path staged exactly as such a commit has
    /// it is left out, and in a C# file a declaration identical to its version there is not judged.
    /// </remarks>
    public static CheckUnit Staged(IGitRepository git, ManifestSelector manifests, Func<string, string?> environment)
    {
        var (branch, origin) = git.Branch is { } current ? (current, (string?)null) : (git.RebaseBranch, git.RebaseBranch is null ? null : "the branch being rebased");
        var manifest = manifests.ForWork(git.HeadSha);
        var changes = git.StagedChanges();
        var notes = new List<string>();
        var baseBranch = manifest.Manifest?.Settings.BaseBranch ?? ManifestDefaults.BaseBranch;
        // Only a base tip HEAD does not contain yet (a merge or rebase of it in progress) can bring anything.
        var head = git.HeadSha;
        var tips = git.BranchTips(baseBranch).Select(t => t.Sha).Distinct(StringComparer.Ordinal)
            .Where(t => head is null || !git.IsAncestor(t, head)).ToList();
        if (tips.Count > 0 && changes.Count > 0)
        {
            var own = changes.Where(c => !tips.Any(t => AsOn(git, t, c))).ToList();
            if (own.Count != changes.Count)
            {
                notes.Add($"{changes.Count - own.Count} path(s) are staged exactly as {baseBranch} has them (a merge or rebase of the base brings them): not this commit's own changes");
            }

            changes = own;
        }

        var brought = BroughtSides.Find(git, manifest.Manifest, branch, environment);
        if (brought.Count > 0 && changes.Count > 0)
        {
            var own = changes.Where(c => !brought.Any(t => AsOn(git, t, c))).ToList();
            notes.Add($"a merge, cherry-pick or revert is in progress: {(changes.Count - own.Count == 0 ? "no" : changes.Count - own.Count)} path(s) staged exactly as it brings them, and C# declarations identical to what it brings, are not this commit's own changes ({string.Join(", ", brought.Select(Short))})");
            changes = own;
        }

        if (ManifestDrift(git, manifest, changes, tips) is { } drift)
        {
            changes = [.. changes, drift];
            notes.Add($"{ManifestLoader.FileName} in this commit differs from the one that judges it ({manifest.Label}): it was changed on this branch, so it is judged as part of this commit");
        }

        return new CheckUnit("staged", changes, new IdentityHint(branch, origin, Local: true), branch, manifest) { Notes = notes, BaseCommit = git.HeadSha, Brought = brought };
    }

    /// <summary>
    /// Gets the commits whose content a commit here would not own (the pre-commit hook leaves out paths
    /// staged exactly as one of them has them): tips of the base branch (local or remote-tracking) that
    /// HEAD does not contain yet, as a merge or rebase of the base brings them, and what a merge,
    /// cherry-pick or revert in progress brings.
    /// </summary>
    internal static IReadOnlyList<string> NotOwnSides(IGitRepository git, string baseBranch, IReadOnlyList<string> brought)
    {
        var head = git.HeadSha;
        return git.BranchTips(baseBranch).Select(t => t.Sha).Distinct(StringComparer.Ordinal)
            .Where(t => head is null || !git.IsAncestor(t, head))
            .Concat(brought)
            .ToList();
    }

    // Whether a staged change leaves each path it touches exactly as the commit has it.
    internal static bool AsOn(IGitRepository git, string commit, FileChange change) =>
        change.Path == change.OldPath || change.Status is not (ChangeStatus.Renamed or ChangeStatus.Copied)
            ? git.BlobIdAt(commit, change.Path) == change.NewBlobId
            : git.BlobIdAt(commit, change.Path) == change.NewBlobId && (change.Status == ChangeStatus.Copied || git.BlobIdAt(commit, change.OldPath) is null);

    /// <summary>A pull request's range: from the merge base of <paramref name="baseRef"/> and <paramref name="headRef"/> to the head, whose branch it identifies.</summary>
    public static CheckUnit Range(IGitRepository git, ManifestSelector manifests, CliContext context, string baseRef, string headRef, bool manifestFromHead)
    {
        var baseSha = git.ResolveCommit(baseRef) ?? throw new ScopeGuardException(MissingRef(git, baseRef, "--base"));
        var headSha = git.ResolveCommit(headRef) ?? throw new ScopeGuardException(MissingRef(git, headRef, "--head"));
        var mergeBase = git.MergeBase(baseSha, headSha) ?? throw new ScopeGuardException(
            $"no merge base between {baseRef} ({Short(baseSha)}) and {headRef} ({Short(headSha)}): "
            + (git.IsShallow
                ? "this is a shallow clone and the common history was not fetched. Fetch full history (actions/checkout: fetch-depth: 0; GitLab: GIT_DEPTH: 0) or deepen it (git fetch --deepen=200, or git fetch --unshallow)."
                : "the two histories are unrelated. Check that --base names the branch the pull request targets."));

        var manifest = manifests.FromOption() ?? RangeManifest(manifests, baseRef, baseSha, headRef, headSha, manifestFromHead);
        var (branch, origin) = CiBranch(context);
        if (branch is null)
        {
            (branch, origin) = HeadBranch(git, headRef);
        }

        var commits = git.CommitsBetween(mergeBase, headSha);
        return new CheckUnit($"range {Short(mergeBase)}..{Short(headSha)}", git.CommitChanges(mergeBase, headSha), new IdentityHint(branch, origin, Local: false), branch, manifest)
        {
            Range = new RangeInfo(baseRef, baseSha, headRef, headSha, mergeBase, commits.Count),
            Commits = commits,
            BaseCommit = mergeBase,
        };
    }

    /// <summary>
    /// Each ref being pushed (git's pre-push lines on <paramref name="input"/>): the commits the remote
    /// does not have yet, judged as the source branch's agent and refused when they go to a protected branch.
    /// </summary>
    public static IEnumerable<CheckUnit> Push(IGitRepository git, ManifestSelector manifests, TextReader input, string? remote)
    {
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            // "<local ref> <local sha> <remote ref> <remote sha>"
            var fields = line.Split(' ');
            if (fields.Length != 4)
            {
                continue;
            }

            var (localRef, localSha, remoteRef, remoteSha) = (fields[0], fields[1], fields[2], fields[3]);
            if (localSha == ZeroSha || git.ResolveCommit(localSha) is null)
            {
                continue; // a deletion, or nothing local to check
            }

            var manifest = manifests.ForWork(localSha);
            var baseBranch = manifest.Manifest?.Settings.BaseBranch ?? ManifestDefaults.BaseBranch;

            // Not the pusher's work: what the destination remote already has, and the base branch's history
            // here (local or remote-tracking), which may hold a maintainer's commits not yet pushed.
            var exclude = new HashSet<string>(StringComparer.Ordinal);
            if (remoteSha != ZeroSha && git.ResolveCommit(remoteSha) is { } known)
            {
                exclude.Add(known);
            }

            if (remote is not null)
            {
                exclude.UnionWith(git.RemoteTips(remote));
            }

            exclude.UnionWith(git.BranchTips(baseBranch).Select(t => t.Sha));
            var commits = git.NewCommits(exclude, localSha);
            var from = commits.Count == 0 ? localSha : Boundary(git, commits);
            var changes = commits.Count == 0 ? [] : git.CommitChanges(from, localSha);

            var source = SourceBranch(git, localRef);
            var target = remoteRef.StartsWith("refs/heads/", StringComparison.Ordinal) ? remoteRef["refs/heads/".Length..] : null;
            yield return new CheckUnit(
                $"push of {localRef} to {remoteRef} ({(from is null ? "all history" : Short(from))}..{Short(localSha)})",
                changes,
                new IdentityHint(source, source is null || localRef == "HEAD" ? null : "the pushed ref", Local: true),
                target,
                manifest)
            {
                Commits = commits.Select(c => (c.Sha, c.Parents.Count == 0 ? null : c.Parents[0])).ToList(),
                BaseCommit = from,
            };
        }
    }

    // The commit the new commits grow from: the newest of their parents that is not new itself (the
    // empty tree when the new commits include a root).
    private static string? Boundary(IGitRepository git, IReadOnlyList<(string Sha, IReadOnlyList<string> Parents)> commits)
    {
        var isNew = new HashSet<string>(commits.Select(c => c.Sha), StringComparer.Ordinal);
        if (commits.Any(c => c.Parents.Count == 0))
        {
            return null;
        }

        string? best = null;
        foreach (var parent in commits.SelectMany(c => c.Parents).Where(p => !isNew.Contains(p)).Distinct(StringComparer.Ordinal))
        {
            if (best is null || git.IsAncestor(best, parent))
            {
                best = parent;
            }
        }

        return best;
    }

    // A pushed local ref names the branch whose work it is; "HEAD" (git push origin HEAD:main) is the
    // checked-out branch's, if any.
    private static string? SourceBranch(IGitRepository git, string localRef) =>
        localRef.StartsWith("refs/heads/", StringComparison.Ordinal) ? localRef["refs/heads/".Length..]
        : localRef == "HEAD" ? git.Branch
        : null;

    private static ManifestChoice RangeManifest(ManifestSelector manifests, string baseRef, string baseSha, string headRef, string headSha, bool fromHead)
    {
        var commit = fromHead ? headSha : baseSha;
        var label = $"{ManifestLoader.FileName} at {(fromHead ? "head" : "base")} {(fromHead ? headRef : baseRef)} ({Short(commit)})";
        var choice = manifests.AtCommit(commit, label) ?? throw new ScopeGuardException(
            $"{headRef} and {baseRef} are checked against {ManifestLoader.FileName} as committed at {(fromHead ? headRef : baseRef)} ({Short(commit)}), which has none: commit a manifest to the base branch first, or name one with --manifest FILE");
        return fromHead
            ? choice with { Notes = ["--manifest-from head: the pull request's own scopes.json judges it, so a scope it widens for itself is not caught; the base's manifest is the safe default"] }
            : choice;
    }

    // The branch a range's head names: the checked-out branch for HEAD, the branch of a local or
    // remote-tracking ref, none for a bare commit.
    private static (string? Branch, string? Origin) HeadBranch(IGitRepository git, string headRef)
    {
        if (headRef == "HEAD")
        {
            return (git.Branch, null);
        }

        var reference = git.ReferenceName(headRef);
        if (reference is null)
        {
            return (null, null);
        }

        if (reference.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            return (reference["refs/heads/".Length..], $"--head {headRef}");
        }

        if (reference.StartsWith("refs/remotes/", StringComparison.Ordinal))
        {
            var rest = reference["refs/remotes/".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? (null, null) : (rest[(slash + 1)..], $"--head {headRef}");
        }

        return (null, null);
    }

    private static (string? Branch, string? Variable) CiBranch(CliContext context)
    {
        foreach (var name in CiBranchVariables)
        {
            var value = context.Environment(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (value.StartsWith("refs/heads/", StringComparison.Ordinal))
            {
                return (value["refs/heads/".Length..], name);
            }

            if (value.StartsWith("refs/", StringComparison.Ordinal))
            {
                continue; // refs/pull/N/merge and the like name no branch
            }

            return (value, name);
        }

        return (null, null);
    }

    // The manifest this commit would leave on the branch, when it is not the one that judges the branch:
    // a manifest changed on the branch earlier (git commit --no-verify) is judged with every later commit.
    private static FileChange? ManifestDrift(IGitRepository git, ManifestChoice manifest, IReadOnlyList<FileChange> staged, IReadOnlyList<string> baseTips)
    {
        if (manifest.Commit is null || manifest.Commit == git.HeadSha || staged.Any(c => c.TouchedPaths.Contains(ManifestLoader.FileName)))
        {
            return null;
        }

        var judging = git.ReadAt(manifest.Commit, ManifestLoader.FileName);
        var committed = git.ReadStaged(ManifestLoader.FileName);
        if (judging is not null && committed is not null && judging.AsSpan().SequenceEqual(committed))
        {
            return null;
        }

        // The base branch's newer manifest, brought by a merge or rebase, is the base's word, not the branch's.
        if (committed is not null && baseTips.Any(t => git.ReadAt(t, ManifestLoader.FileName) is { } onBase && onBase.AsSpan().SequenceEqual(committed)))
        {
            return null;
        }

        var status = committed is null ? ChangeStatus.Deleted : judging is null ? ChangeStatus.Added : ChangeStatus.Modified;
        return new FileChange(
            ManifestLoader.FileName,
            ManifestLoader.FileName,
            status,
            judging is null ? EntryKind.None : EntryKind.File,
            committed is null ? EntryKind.None : EntryKind.File,
            null,
            null);
    }

    private static string MissingRef(IGitRepository git, string reference, string option) =>
        $"{option} '{reference}' names no commit in this repository"
        + (git.IsShallow
            ? ": this is a shallow clone; fetch the branch and its history (actions/checkout: fetch-depth: 0; or git fetch origin " + reference.Replace("origin/", string.Empty, StringComparison.Ordinal) + " --deepen=200)"
            : ": fetch it first (git fetch origin), or name it as the CI system does (e.g. origin/main)");

    private static string Short(string sha) => ManifestSelector.Short(sha);
}
