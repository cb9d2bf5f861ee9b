using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace ScopeGuard.Git.Tests;

public sealed class ContentsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Contents_ReadFromManyThreadsAtOnce_EveryBlobAsGitStoresIt(bool linkedWorktree)
    {
        // The evaluator reads old and new blobs from its parallel loop; each thread must get the right
        // bytes, also in a linked worktree, whose git directory is not the one holding the objects.
        using var repo = TempRepo.Init();
        const int files = 200;
        for (var i = 0; i < files; i++)
        {
            repo.WriteFile($"src/F{i}.cs", $"class F{i} {{ int M() => {i}; }}\n");
        }

        repo.CommitAll();
        var top = repo.WorkDir;
        if (linkedWorktree)
        {
            top = Path.Combine(repo.Root, "wt");
            repo.Run("worktree", "add", "-q", "-b", "agent/wt", top);
        }

        for (var i = 0; i < files; i++)
        {
            File.WriteAllText(Path.Combine(top, "src", $"F{i}.cs"), $"class F{i} {{ int M() => {i} + 1; }}\n");
        }

        repo.RunIn(top, "add", "-A");

        using var workspace = repo.Open(startDirectory: top);
        var changes = workspace.StagedChanges();
        var contents = workspace.Contents;
        var read = new (string Old, string New)[changes.Count];
        Parallel.For(0, changes.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            read[i] = (Encoding.UTF8.GetString(contents.ReadOld(changes[i])!), Encoding.UTF8.GetString(contents.ReadNew(changes[i])!)));

        Assert.Equal(files, changes.Count);
        Assert.Equal(
            changes.Select(c => (repo.RunIn(top, "show", "HEAD:" + c.Path), repo.RunIn(top, "show", ":" + c.Path))),
            read);
    }
}
