using System;
using System.Collections.Generic;
using LibGit2Sharp;
using ScopeGuard.Core;
using ScopeGuard.Core.Changes;

namespace ScopeGuard.Git;

/// <summary>
/// Staged changes when libgit2 cannot read the index: a split index (<c>core.splitIndex</c>, the
/// <c>link</c> extension) and a sparse index (<c>git sparse-checkout --sparse-index</c>, the
/// <c>sdir</c> extension), both used by large monorepos. There the git command line reads it, with
/// the same rename and copy detection, and nothing is written (no optional locks, no refresh).
/// </summary>
public sealed partial class GitWorkspace
{
    // The empty tree's id (SHA-1): what the first commit is compared with.
    private const string EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    private bool? indexNeedsGit;

    /// <summary>Gets why libgit2 cannot read the index (split or sparse index), or <see langword="null"/> when it can.</summary>
    internal string? IndexUnreadableReason { get; private set; }

    /// <summary>Gets a value indicating whether the index is read through the git command line (libgit2 cannot read it).</summary>
    public bool IndexNeedsGit
    {
        get
        {
            if (indexNeedsGit is { } known)
            {
                return known;
            }

            RequireIndex();
            try
            {
                _ = repository.Index.Count;
                indexNeedsGit = false;
            }
            catch (LibGit2SharpException ex)
            {
                IndexUnreadableReason = ex.Message;
                indexNeedsGit = true;
            }

            return indexNeedsGit.Value;
        }
    }

    // libgit2 loads a GIT_INDEX_FILE (what git hands a hook) when it opens the repository: when it cannot read
    // that index, open the repository without it and read that index through git.
    private static GitWorkspace OpenWithIndex(string gitDir, RepositoryOptions options, string? indexFile)
    {
        try
        {
            return new GitWorkspace(new Repository(gitDir, options), indexFile);
        }
        catch (LibGit2SharpException ex) when (indexFile is not null && ex is not RepositoryNotFoundException)
        {
            var workspace = new GitWorkspace(new Repository(gitDir, new RepositoryOptions { WorkingDirectoryPath = options.WorkingDirectoryPath }), indexFile);
            workspace.IndexUnreadableReason = ex.Message;
            workspace.indexNeedsGit = true;
            return workspace;
        }
    }

    // A bare repository has no index (unless GIT_INDEX_FILE names one): say so, instead of libgit2's exception.
    private void RequireIndex()
    {
        if (repository.Info.IsBare && IndexFile is null)
        {
            throw new ScopeGuardException(
                $"{GitDirectory} is a bare repository: a bare repository has no index to check (check a range instead: scopeguard check --base REF --head REF)");
        }
    }

    // git diff --cached HEAD, raw, with the same rename and copy detection.
    private List<FileChange> StagedChangesThroughGit()
    {
        var head = repository.Head.Tip?.Sha ?? EmptyTree;
        var output = RunGit(
            "cannot read the staged changes of this index (libgit2 cannot read it: " + IndexUnreadableReason + ")",
            null,
            "diff", "--cached", "--raw", "-z", "--no-abbrev", "-M", "-C", "--no-ext-diff", "--no-textconv", "--no-relative", "--ignore-submodules=none", "--no-color", head, "--");
        return ParseRawDiff(output, "git diff --cached");
    }

    // Two commits' trees through git, for names libgit2 cannot hand over (not valid UTF-8).
    private List<FileChange> CommitChangesThroughGit(string? oldCommit, string newCommit)
    {
        var output = RunGit(
            "cannot read the changes of " + newCommit,
            null,
            "diff-tree", "-r", "--raw", "-z", "--no-abbrev", "-M", "-C", "--no-ext-diff", "--no-textconv", "--ignore-submodules=none", "--no-color", oldCommit ?? EmptyTree, newCommit, "--");
        return ParseRawDiff(output, "git diff-tree");
    }

    // git's raw diff, NUL-separated: ":oldmode newmode oldid newid STATUS\0path\0" (and a second path for R and C).
    private static List<FileChange> ParseRawDiff(byte[] output, string command)
    {
        var fields = SplitZ(output);
        var result = new List<FileChange>();
        for (var i = 0; i < fields.Count;)
        {
            var header = fields[i].TrimStart(':').Split(' ');
            if (header.Length < 5 || i + 1 >= fields.Count)
            {
                throw new ScopeGuardException($"cannot read {command} output: unexpected '{fields[i]}'");
            }

            var (oldMode, newMode, oldId, newId, letter) = (header[0], header[1], header[2], header[3], header[4][0]);
            var twoPaths = letter is 'R' or 'C';
            var oldPath = fields[i + 1];
            var path = twoPaths ? fields[i + 2] : oldPath;
            i += twoPaths ? 3 : 2;

            ChangeStatus status;
            switch (letter)
            {
                case 'A': status = ChangeStatus.Added; break;
                case 'D': status = ChangeStatus.Deleted; break;
                case 'M': status = ChangeStatus.Modified; break;
                case 'R': status = ChangeStatus.Renamed; break;
                case 'C': status = ChangeStatus.Copied; break;
                case 'T': status = ChangeStatus.TypeChanged; break;

                // An unmerged or unknown entry still changes its path: judge it as modified, as for libgit2.
                default: status = ChangeStatus.Modified; break;
            }

            var oldKind = KindOfMode(oldMode);
            var newKind = KindOfMode(newMode);
            result.Add(new FileChange(
                path,
                oldPath,
                status,
                oldKind,
                newKind,
                oldKind == EntryKind.None || IsZero(oldId) ? null : oldId,
                newKind == EntryKind.None || IsZero(newId) ? null : newId));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    // git ls-files -s: "mode id stage\tpath\0"; only stage 0, as libgit2's index lookup.
    private byte[]? ReadStagedThroughGit(string path)
    {
        var output = RunGit(
            $"cannot read '{path}' from this index (libgit2 cannot read it: {IndexUnreadableReason})",
            null,
            "ls-files", "--stage", "-z", "--full-name", "--", ":(top,literal)" + path);
        foreach (var line in SplitZ(output))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var header = tab < 0 ? [] : line[..tab].Split(' ');
            if (header.Length == 3 && header[2] == "0" && line[(tab + 1)..] == path)
            {
                return ReadBlob(repository, header[1]);
            }
        }

        return null;
    }

    private static EntryKind KindOfMode(string mode) => mode switch
    {
        "000000" => EntryKind.None,
        "100755" => EntryKind.Executable,
        "120000" => EntryKind.Symlink,
        "160000" => EntryKind.Submodule,
        _ => EntryKind.File,
    };

    private static bool IsZero(string id) => id.Trim('0').Length == 0;
}
