using System;
using System.IO;
using System.Linq;

namespace ScopeGuard.EndToEnd.Tests.Support;

/// <summary>
/// What a read-only command must leave alone: <c>git status --porcelain=v1 -z</c> and the exact
/// bytes of the worktree's index file. git status runs with GIT_OPTIONAL_LOCKS=0 so that taking
/// the snapshot does not itself refresh (rewrite) the index.
/// </summary>
internal sealed class RepoSnapshot
{
    private RepoSnapshot(string indexPath, string status, byte[]? index)
    {
        IndexPath = indexPath;
        Status = status;
        Index = index;
    }

    public string IndexPath { get; }

    public string Status { get; }

    public byte[]? Index { get; }

    public static RepoSnapshot Take(TempRepo repo, string worktree)
    {
        var noLocks = new System.Collections.Generic.Dictionary<string, string?> { ["GIT_OPTIONAL_LOCKS"] = "0" };
        var status = repo.TryGit(worktree, noLocks, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored");
        if (status.ExitCode != 0)
        {
            throw new InvalidOperationException($"git status failed:\n{status}");
        }

        var gitPath = repo.TryGit(worktree, noLocks, "rev-parse", "--git-path", "index").Stdout.TrimEnd('\n');
        var indexPath = Path.GetFullPath(Path.Combine(worktree, gitPath));
        return new RepoSnapshot(indexPath, status.Stdout, File.Exists(indexPath) ? File.ReadAllBytes(indexPath) : null);
    }

    public void AssertSameAs(RepoSnapshot after, ProcessResult run)
    {
        if (Status != after.Status)
        {
            Assert.Fail($"git status changed.\nbefore: {Status.Replace('\0', '|')}\nafter:  {after.Status.Replace('\0', '|')}\n{run}");
        }

        if (Index is null != after.Index is null || (Index is not null && !Index.SequenceEqual(after.Index!)))
        {
            Assert.Fail($"the index file {IndexPath} changed ({Index?.Length ?? -1} -> {after.Index?.Length ?? -1} bytes)\n{run}");
        }
    }
}
