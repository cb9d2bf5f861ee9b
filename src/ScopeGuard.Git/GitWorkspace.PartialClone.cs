using System;
using System.Collections.Generic;
using System.Linq;
using LibGit2Sharp;
using ScopeGuard.Core;

namespace ScopeGuard.Git;

/// <summary>
/// Partial clones (<c>git clone --filter=blob:none</c>, <c>actions/checkout</c> with <c>filter</c>):
/// the blobs a check needs may not be here yet. libgit2 cannot fetch them, so before it reads them
/// the missing ones are fetched in one batch from the promisor remote, as git itself does lazily
/// (<c>git diff</c>, <c>git checkout</c>). That adds objects to the object database and nothing
/// else: no ref, no <c>FETCH_HEAD</c>, no index or working tree change.
/// </summary>
public sealed partial class GitWorkspace
{
    private string? promisorRemote;
    private bool promisorKnown;

    /// <summary>Gets the promisor remote of a partial clone, or <see langword="null"/> when this is not one.</summary>
    public string? PromisorRemote
    {
        get
        {
            if (!promisorKnown)
            {
                promisorKnown = true;
                promisorRemote = FindPromisorRemote();
            }

            return promisorRemote;
        }
    }

    /// <summary>Makes sure the object database has these blobs: a partial clone fetches the missing ones from its promisor remote.</summary>
    /// <param name="blobs">Blob ids with the path each is read for (for the error message).</param>
    /// <exception cref="ScopeGuardException">A blob is missing and cannot be fetched.</exception>
    internal void EnsureBlobs(IEnumerable<(ObjectId Id, string Path)> blobs)
    {
        var missing = blobs
            .Where(b => !repository.ObjectDatabase.Contains(b.Id))
            .DistinctBy(b => b.Id)
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var example = $"{missing[0].Id.Sha} ({missing[0].Path})";
        var count = missing.Count == 1 ? "the blob" : $"{missing.Count} blobs";
        if (PromisorRemote is not { } remote)
        {
            throw new ScopeGuardException(
                $"{count} this check needs ({example}{(missing.Count > 1 ? ", …" : string.Empty)}) {(missing.Count == 1 ? "is" : "are")} missing from the repository, which is not a partial clone: it is damaged or incomplete (git fsck says what else is missing)");
        }

        var input = string.Concat(missing.Select(b => b.Id.Sha + "\n"));
        var (exitCode, _, stderr) = TryRunGit(
            input,
            "-c", "fetch.negotiationAlgorithm=noop",
            "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--recurse-submodules=no", "--no-auto-maintenance",
            "--filter=blob:none", "--stdin", remote);
        var still = exitCode == 0 ? missing.Where(b => !repository.ObjectDatabase.Contains(b.Id)).ToList() : missing;
        if (still.Count > 0)
        {
            throw new ScopeGuardException(
                $"{count} this check needs ({example}{(missing.Count > 1 ? ", …" : string.Empty)}) {(missing.Count == 1 ? "is" : "are")} not present in this partial clone, and fetching from its promisor remote '{remote}' failed"
                + (exitCode == 0 ? string.Empty : $" ({FirstLine(stderr)})")
                + $": run the check where '{remote}' is reachable, fetch the blobs first (git diff --stat BASE...HEAD fetches them), or clone without --filter");
        }
    }

    // A partial clone names its promisor remote: remote.NAME.promisor = true (git 2.29+), or extensions.partialClone = NAME (older git).
    private string? FindPromisorRemote()
    {
        if (ReadConfig("extensions.partialclone") is { Length: > 0 } named)
        {
            return named;
        }

        foreach (var remote in repository.Network.Remotes.Select(r => r.Name).OrderBy(n => n, StringComparer.Ordinal))
        {
            if (string.Equals(ReadConfig($"remote.{remote}.promisor"), "true", StringComparison.OrdinalIgnoreCase))
            {
                return remote;
            }
        }

        return null;
    }

    // The blobs a tree diff's changes have on each side (gitlinks name commits, not blobs): read for rename detection and contents.
    private void EnsureDiffBlobs(Tree? oldTree, Tree newTree)
    {
        if (PromisorRemote is null)
        {
            return;
        }

        // Without rename detection a tree diff reads only trees, which a blobless clone has.
        var plain = repository.Diff.Compare<TreeChanges>(oldTree, newTree, new CompareOptions { Similarity = SimilarityOptions.None });
        var blobs = new List<(ObjectId Id, string Path)>();
        foreach (var change in plain)
        {
            if (change.OldExists && change.OldMode is not (Mode.GitLink or Mode.Directory or Mode.Nonexistent))
            {
                blobs.Add((change.OldOid, ToGitPath(change.OldPath)));
            }

            if (change.Exists && change.Mode is not (Mode.GitLink or Mode.Directory or Mode.Nonexistent))
            {
                blobs.Add((change.Oid, ToGitPath(change.Path)));
            }
        }

        EnsureBlobs(blobs);
    }
}
