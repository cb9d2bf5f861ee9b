using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace ScopeGuard.Git.Tests;

public sealed class ContentsTests
{
    [Fact]
    public void Contents_ReadFromManyThreadsAtOnce_EveryBlobAsGitStoresIt()
    {
        // The evaluator reads old and new blobs from its parallel loop; each thread must get the right bytes.
        using var repo = TempRepo.Init();
        const int files = 200;
        for (var i = 0; i < files; i++)
        {
            repo.WriteFile($"src/F{i}.cs", $"class F{i} {{ int M() => {i}; }}\n");
        }

        repo.CommitAll();
        for (var i = 0; i < files; i++)
        {
            repo.WriteFile($"src/F{i}.cs", $"class F{i} {{ int M() => {i} + 1; }}\n");
        }

        repo.Run("add", "-A");

        using var workspace = repo.Open();
        var changes = workspace.StagedChanges();
        var contents = workspace.Contents;
        var read = new (string Old, string New)[changes.Count];
        Parallel.For(0, changes.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            read[i] = (Encoding.UTF8.GetString(contents.ReadOld(changes[i])!), Encoding.UTF8.GetString(contents.ReadNew(changes[i])!)));

        Assert.Equal(files, changes.Count);
        Assert.Equal(
            changes.Select(c => (repo.Run("show", "HEAD:" + c.Path), repo.Run("show", ":" + c.Path))),
            read);
    }
}
