using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>
/// The declaration cache in real repositories: the pre-commit check fills it, the pre-push and range checks
/// find both sides of every file there, verdicts are the same with it, without it and with damaged entries,
/// it lives in the common git directory and is the only thing a check writes.
/// </summary>
public sealed partial class DeclarationCacheTests
{
    private const string Manifest = """
        {
          "version": 1,
          "settings": { "protectedPaths": ["/scopes.json"], "protectedBranches": ["main"] },
          "agents": {
            "billing": {
              "branches": ["agent/billing*"],
              "paths": ["/src/Billing/"],
              "symbols": { "body": ["T:Contoso.Shared.Clock"], "readonly": ["N:Contoso.Billing.Contracts"], "extend": ["T:Contoso.Shared.Registry"] }
            }
          }
        }
        """;

    private const string Shared = "namespace Contoso.Shared\n{\n    public class Clock\n    {\n        public int Now() => 1;\n    }\n\n    public partial class Registry\n    {\n        public int Count() => 1;\n    }\n}\n";
    private const string Contract = "namespace Contoso.Billing.Contracts\n{\n    public interface IInvoice\n    {\n        int Total();\n    }\n}\n";
    private const string Invoice = "namespace Contoso.Billing\n{\n    public class Invoice\n    {\n        public int Total() => 1;\n    }\n}\n";

    private static readonly Dictionary<string, string?> Stats = new() { ["SCOPEGUARD_CACHE_STATS"] = "1" };

    private static readonly string[] Files = ["src/Shared/Clock.cs", "src/Billing/Contracts/IInvoice.cs", "src/Billing/Invoice.cs", "src/Other/Registry.cs"];

    [Fact]
    public void StagedCheck_FillsTheCache_ThePrePushAndRangeChecksReadEverySideFromIt()
    {
        using var repo = Sources(install: true);
        var remote = repo.AddBareRemote();
        repo.Git("checkout", "--quiet", "-b", "agent/billing");
        repo.Write("src/Shared/Clock.cs", Shared.Replace("public int Now() => 1;", "public int Now() => 2;", StringComparison.Ordinal));
        repo.Write("src/Billing/Invoice.cs", Invoice.Replace("=> 1;", "=> 3;", StringComparison.Ordinal));
        repo.Write("src/Billing/Contracts/IInvoice.cs", Contract + "// a comment only\n");
        repo.Git("add", "--all");

        var commit = repo.CommitWith(repo.Path, Stats);
        var push = repo.TryGit(repo.Path, Stats, "push", "origin", "agent/billing");
        var range = repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--cache-stats");

        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Equal((0, 6), Counts(commit, "from the cache", "read from git"));
        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Equal((6, 0), Counts(push, "from the cache", "read from git"));
        Assert.Equal((6, 0), Counts(range, "from the cache", "read from git"));
        Assert.Equal(6, EntryFiles(repo).Count);
        Assert.Contains(repo.Head(repo.Path), repo.GitIn(repo.Path, "ls-remote", "--heads", remote, "agent/billing"), StringComparison.Ordinal);
    }

    [Fact]
    public void RandomEdits_WithAndWithoutTheCache_ReportTheSameFindings()
    {
        const int Seed = 1515;
        using var repo = Sources(install: false);
        var random = new Random(Seed);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        var warmRuns = 0;
        for (var i = 0; i < 16; i++)
        {
            var branch = $"agent/billing-{i}";
            repo.Git("checkout", "--quiet", "-b", branch, "main");
            foreach (var file in Files.OrderBy(_ => random.Next()).Take(1 + random.Next(3)))
            {
                var text = File.ReadAllText(repo.FullPath(file));
                var edited = Edit(random, text);
                repo.Write(file, edited == text ? text + "// touched\n" : edited);
            }

            repo.Git("add", "--all");
            var stagedCold = repo.ReadOnlyTool(repo.Path, "check", "--staged", "--format", "json", "--no-cache");
            var stagedFill = repo.ReadOnlyTool(repo.Path, "check", "--staged", "--format", "json", "--cache-stats");
            repo.Git("commit", "--quiet", "--no-verify", "-m", $"case {i}");
            var rangeWarm = repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--head", branch, "--format", "json", "--cache-stats");
            var rangeCold = repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--head", branch, "--format", "json", "--no-cache");
            var perCommit = repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--head", branch, "--format", "json", "--per-commit");

            var expected = Findings(stagedCold);
            Assert.Equal(expected, Findings(stagedFill));
            Assert.Equal(expected, Findings(rangeWarm));
            Assert.Equal(expected, Findings(rangeCold));
            Assert.Equal(expected, Findings(perCommit));
            warmRuns += Counts(rangeWarm, "read from git", "rejected") == (0, 0) ? 1 : 0;
            kinds.UnionWith(expected.Select(f => f.Split(' ')[0]));
            repo.Git("checkout", "--quiet", "main");
        }

        Assert.Equal(16, warmRuns);
        Assert.Superset(new HashSet<string> { "SG0001", "SG0002", "SG0003" }, kinds);
    }

    [Fact]
    public void DamagedEntries_AreRefusedAndRebuilt_WithTheSameFindings()
    {
        using var repo = Sources(install: false);
        repo.Git("checkout", "--quiet", "-b", "agent/billing");
        repo.Write("src/Shared/Clock.cs", Shared.Replace("public int Now()", "public long Now()", StringComparison.Ordinal));
        repo.Write("src/Billing/Contracts/IInvoice.cs", Contract.Replace("int Total();", "int Total(int discount);", StringComparison.Ordinal));
        repo.Write("src/Other/Registry.cs", Shared.Replace("public int Count() => 1;", "public int Count() => 2;", StringComparison.Ordinal));
        repo.Git("add", "--all");
        repo.Git("commit", "--quiet", "--no-verify", "-m", "change");
        var expected = Findings(repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--format", "json", "--no-cache"));
        repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--cache-stats");
        var entries = EntryFiles(repo);
        Assert.Equal(6, entries.Count);

        var truncated = File.ReadAllBytes(entries[0]);
        File.WriteAllBytes(entries[0], truncated.Take(truncated.Length / 2).ToArray());
        var flipped = File.ReadAllBytes(entries[1]);
        flipped[flipped.Length / 2] ^= 0x10;
        File.WriteAllBytes(entries[1], flipped);
        var otherVersion = File.ReadAllBytes(entries[2]);
        otherVersion[4] = 99; // the format version follows the 4-byte magic
        File.WriteAllBytes(entries[2], otherVersion);
        File.WriteAllBytes(entries[3], []);
        File.Copy(entries[5], entries[4], overwrite: true); // another blob's entry under this blob's name

        var damaged = repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--format", "json", "--cache-stats");
        var rebuilt = repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--format", "json", "--cache-stats");

        Assert.Equal(expected, Findings(damaged));
        Assert.Equal((5, 5), Counts(damaged, "rejected", "read from git"));
        Assert.Equal(expected, Findings(rebuilt));
        Assert.Equal((0, 0), Counts(rebuilt, "rejected", "read from git"));
    }

    [Fact]
    public void NoCache_ReadsAndWritesNothing()
    {
        using var repo = Sources(install: false);
        repo.Git("checkout", "--quiet", "-b", "agent/billing");
        repo.Write("src/Shared/Clock.cs", Shared.Replace("public int Now()", "public long Now()", StringComparison.Ordinal));
        repo.Git("add", "--all");
        var cacheRoot = Path.Combine(repo.Path, ".git", "scopeguard");

        var first = repo.ReadOnlyTool(repo.Path, "check", "--staged", "--format", "json", "--no-cache", "--cache-stats");
        Assert.False(Directory.Exists(cacheRoot), "--no-cache created the cache");
        Assert.Contains("declaration cache: off (--no-cache)", first.Stderr, StringComparison.Ordinal);

        // Filled, then every entry damaged: a --no-cache check neither reads them (same findings, nothing
        // rejected) nor repairs them (not a byte or a time changes).
        repo.ReadOnlyTool(repo.Path, "check", "--staged");
        foreach (var entry in EntryFiles(repo))
        {
            File.WriteAllBytes(entry, [1, 2, 3]);
        }

        var before = Snapshot(cacheRoot);
        var second = repo.ReadOnlyTool(repo.Path, "check", "--staged", "--format", "json", "--no-cache");
        repo.Git("commit", "--quiet", "--no-verify", "-m", "change");
        var range = repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--format", "json", "--no-cache");
        var perCommit = repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--format", "json", "--no-cache", "--per-commit");

        Assert.NotEmpty(Findings(first));
        Assert.Equal(Findings(first), Findings(second));
        Assert.Equal(Findings(first), Findings(range));
        Assert.Equal(Findings(first).Count, Findings(perCommit).Count);
        Assert.Equal(before, Snapshot(cacheRoot));
    }

    [Fact]
    public void Check_WritesOnlyTheCacheUnderTheGitDirectory()
    {
        using var repo = Sources(install: false);
        repo.Git("checkout", "--quiet", "-b", "agent/billing");
        repo.Write("src/Shared/Clock.cs", Shared.Replace("=> 1;", "=> 2;", StringComparison.Ordinal));
        repo.Git("add", "--all");
        var gitDirectory = Path.Combine(repo.Path, ".git");
        var before = Snapshot(gitDirectory);
        var worktreeBefore = Snapshot(repo.Path, skip: ".git");

        var check = repo.ReadOnlyTool(repo.Path, "check", "--staged", "--cache-stats");

        Assert.Equal((0, 2), Counts(check, "from the cache", "read from git"));
        var after = Snapshot(gitDirectory);
        var changed = after.Keys.Union(before.Keys).Where(k => !before.TryGetValue(k, out var b) || !after.TryGetValue(k, out var a) || a != b).ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, path => Assert.StartsWith("scopeguard/cache/", path, StringComparison.Ordinal));
        Assert.Equal(worktreeBefore, Snapshot(repo.Path, skip: ".git"));
    }

    [Fact]
    public void LinkedWorktree_WritesTheCacheOfTheMainGitDirectory_WhichTheOtherWorktreesRead()
    {
        using var repo = Sources(install: false);
        var billing = repo.AddWorktree("agent/billing");
        var other = repo.AddWorktree("agent/billing-2");
        var edited = Shared.Replace("public int Now()", "public long Now()", StringComparison.Ordinal);
        repo.Write("src/Shared/Clock.cs", edited, billing);
        repo.GitIn(billing, "add", "--all");
        repo.Write("src/Shared/Clock.cs", edited, other);
        repo.GitIn(other, "add", "--all");

        var filled = repo.ReadOnlyTool(billing, "check", "--staged", "--cache-stats");
        var read = repo.ReadOnlyTool(other, "check", "--staged", "--cache-stats");

        Assert.Equal(2, EntryFiles(repo).Count);
        Assert.Empty(Directory.GetDirectories(Path.Combine(repo.Path, ".git", "worktrees"), "scopeguard", SearchOption.AllDirectories));
        Assert.Contains(Path.Combine(repo.Path, ".git", "scopeguard", "cache"), filled.Stderr, StringComparison.Ordinal);
        Assert.Equal((0, 2), Counts(filled, "from the cache", "read from git"));
        Assert.Equal((2, 0), Counts(read, "from the cache", "read from git"));
    }

    [Fact]
    public async Task ConcurrentChecksInTwoWorktrees_FillOneCache_WithEveryEntryWhole()
    {
        using var repo = Sources(install: false);
        var worktrees = new[] { repo.AddWorktree("agent/billing-a"), repo.AddWorktree("agent/billing-b") };
        for (var w = 0; w < worktrees.Length; w++)
        {
            // The same new Clock.cs in both (both write its entry), and a file of each one's own.
            repo.Write("src/Shared/Clock.cs", Shared.Replace("public int Now()", "public long Now()", StringComparison.Ordinal), worktrees[w]);
            repo.Write("src/Billing/Contracts/IInvoice.cs", Contract.Replace("int Total();", $"int Total(int a{w});", StringComparison.Ordinal), worktrees[w]);
            repo.GitIn(worktrees[w], "add", "--all");
        }

        var expected = worktrees.Select(w => Findings(repo.ReadOnlyTool(w, "check", "--staged", "--format", "json", "--no-cache"))).ToList();
        for (var round = 0; round < 3; round++)
        {
            var cache = Path.Combine(repo.Path, ".git", "scopeguard");
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }

            var runs = await Task.WhenAll(worktrees.Select(w => Task.Run(() => repo.ToolWith(w, null, "check", "--staged", "--format", "json"))));
            var rereads = worktrees.Select(w => repo.ReadOnlyTool(w, "check", "--staged", "--format", "json", "--cache-stats")).ToList();

            for (var w = 0; w < worktrees.Length; w++)
            {
                Assert.Equal(expected[w], Findings(runs[w]));
                Assert.Equal(expected[w], Findings(rereads[w]));
                Assert.Equal((0, 0), Counts(rereads[w], "read from git", "rejected"));
            }

            Assert.Empty(Directory.GetFiles(cache, ".tmp-*", SearchOption.AllDirectories));
            Assert.Equal(5, EntryFiles(repo).Count); // Clock.cs (old, new) and IInvoice.cs (old, two new)
        }
    }

    [Fact]
    public void CacheSizeThatIsNotANumber_IsAUsageError_ThatNamesTheVariable()
    {
        using var repo = Sources(install: false);

        var result = repo.ToolWith(repo.Path, new Dictionary<string, string?> { ["SCOPEGUARD_CACHE_SIZE_MB"] = "lots" }, "check", "--staged");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("SCOPEGUARD_CACHE_SIZE_MB='lots'", result.Stderr, StringComparison.Ordinal);
    }

    private static TempRepo Sources(bool install)
    {
        var repo = TempRepo.Create(Manifest, install);
        repo.Write("src/Shared/Clock.cs", Shared);
        repo.Write("src/Billing/Contracts/IInvoice.cs", Contract);
        repo.Write("src/Billing/Invoice.cs", Invoice);
        repo.Write("src/Other/Registry.cs", Shared.Replace("Contoso.Shared", "Contoso.Other", StringComparison.Ordinal));
        repo.Git("add", "--all");
        repo.Git("commit", "--quiet", "--no-verify", "-m", "sources");
        return repo;
    }

    // Edits whose meaning reaches past the line they are on, and ordinary ones.
    private static string Edit(Random random, string text) => random.Next(12) switch
    {
        0 => text.Replace("=> 1;", "=> 2;", StringComparison.Ordinal),
        1 => text.Replace("public int Now()", "public long Now()", StringComparison.Ordinal),
        2 => text.Replace("int Total();", "int Total(int discount);", StringComparison.Ordinal),
        3 => text.Replace("    public partial class Registry\n    {\n", "    public partial class Registry\n    {\n        public void Added() { }\n", StringComparison.Ordinal),
        4 => "#if DEBUG\n" + text + "#endif\n",
        5 => "#define DEBUG\n" + text,
        6 => text.Replace("{\n    public", "{\n    /* unterminated\n    public", StringComparison.Ordinal),
        7 => text.Replace("namespace Contoso.Shared", "namespace Contoso.Billing", StringComparison.Ordinal),
        8 => text + "#if false\nclass Hidden { }\n#endif\n",
        9 => text.Replace("}\n", "}}\n", StringComparison.Ordinal),
        10 => text.Replace("\n", "\r\n", StringComparison.Ordinal),
        _ => text + "// touched\n",
    };

    private static List<string> Findings(ProcessResult result)
    {
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("id").GetString()} {f.GetProperty("path").GetString()}({f.GetProperty("line").GetInt32()},{f.GetProperty("column").GetInt32()}) {f.GetProperty("symbol")} {f.GetProperty("message").GetString()}")
            .ToList();
    }

    // Two of the counts the --cache-stats line gives ("N from the cache", "N read from git", "N rejected"…).
    private static (int, int) Counts(ProcessResult result, string first, string second)
    {
        var line = result.Stderr.Split('\n').LastOrDefault(l => l.Contains("declaration cache", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no cache statistics:\n{result}");
        return (Count(line, first), Count(line, second));

        static int Count(string line, string what)
        {
            var match = Regex.Match(line, @"(\d+) " + Regex.Escape(what));
            return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : throw new InvalidOperationException($"'{what}' is not in: {line}");
        }
    }

    private static List<string> EntryFiles(TempRepo repo)
    {
        var cache = Path.Combine(repo.Path, ".git", "scopeguard", "cache");
        return Directory.Exists(cache)
            ? Directory.GetFiles(cache, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "last-trim").Order(StringComparer.Ordinal).ToList()
            : [];
    }

    // Every file under a folder with a hash of its bytes and its modification time.
    private static Dictionary<string, string> Snapshot(string root, string? skip = null) =>
        Directory.Exists(root)
            ? Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => (Relative: Path.GetRelativePath(root, f).Replace('\\', '/'), File: f))
                .Where(f => skip is null || !f.Relative.StartsWith(skip + "/", StringComparison.Ordinal))
                .ToDictionary(f => f.Relative, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f.File))) + " " + File.GetLastWriteTimeUtc(f.File).Ticks, StringComparer.Ordinal)
            : [];
}
