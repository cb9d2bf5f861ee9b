using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Git.Tests;

/// <summary>
/// The declaration cache on disk: entries go where the key says, a reader sees a whole entry or none while
/// writers race on it, and the size cap deletes the least recently used entries first.
/// </summary>
public sealed class DeclarationCacheStoreTests
{
    private const string Context = "0123456789abcdef0123456789abcdef";
    private const string Blob = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void Put_ThenTryGet_GivesTheBytesBack_AndLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder("sg-cache-");
        var store = new DeclarationCacheStore(Path.Combine(folder.Path, "cache"));

        store.Put(Context, Blob, [1, 2, 3]);

        Assert.Equal([1, 2, 3], store.TryGet(Context, Blob));
        Assert.Null(store.TryGet(Context, string.Concat("f", Blob.AsSpan(1))));
        Assert.Equal([Path.Combine(folder.Path, "cache", Context, "01", Blob.Substring(2))], Directory.GetFiles(Path.Combine(folder.Path, "cache"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task TryGet_WhileWritersReplaceTheEntry_SeesOneWholeEntryOrTheOther()
    {
        using var folder = new TempFolder("sg-cache-");
        var directory = Path.Combine(folder.Path, "cache");
        var a = Enumerable.Repeat((byte)'a', 64 * 1024).ToArray();
        var b = Enumerable.Repeat((byte)'b', 96 * 1024).ToArray();
        new DeclarationCacheStore(directory).Put(Context, Blob, a);

        // Two stores, as two hooks in two worktrees would hold.
        var first = new DeclarationCacheStore(directory);
        var second = new DeclarationCacheStore(directory);
        var writers = Parallel.ForAsync(0, 400, (i, _) =>
        {
            (i % 2 == 0 ? first : second).Put(Context, Blob, i % 3 == 0 ? a : b);
            return ValueTask.CompletedTask;
        });
        for (var i = 0; i < 400 && !writers.IsCompleted; i++)
        {
            var read = first.TryGet(Context, Blob);
            Assert.True(read is not null && (read.SequenceEqual(a) || read.SequenceEqual(b)), $"read {read?.Length} bytes that are neither entry");
        }

        await writers;
        Assert.Single(Directory.GetFiles(directory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void TrimNow_OverTheCap_DeletesTheLeastRecentlyUsedUntilThreeQuartersAreLeft()
    {
        using var folder = new TempFolder("sg-cache-");
        var directory = Path.Combine(folder.Path, "cache");
        var store = new DeclarationCacheStore(directory, capBytes: 10 * 1000);
        var now = DateTime.UtcNow;
        var blobs = Enumerable.Range(0, 20).Select(i => string.Concat(i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture), Blob.AsSpan(2))).ToList();
        for (var i = 0; i < blobs.Count; i++)
        {
            store.Put(Context, blobs[i], new byte[1000]);
            File.SetLastWriteTimeUtc(PathOf(directory, blobs[i]), now.AddMinutes(-100 + i)); // blob 0 is the oldest
        }

        var deleted = store.TrimNow(now);

        Assert.Equal(13, deleted); // 20,000 bytes down to 7,000: three quarters of the cap, no more
        Assert.All(blobs.Take(13), b => Assert.Null(store.TryGet(Context, b)));
        Assert.All(blobs.Skip(13), b => Assert.NotNull(store.TryGet(Context, b)));
    }

    [Fact]
    public void TrimNow_UnderTheCap_KeepsEveryEntry_AndDeletesOnlyAbandonedTemporaryFiles()
    {
        using var folder = new TempFolder("sg-cache-");
        var directory = Path.Combine(folder.Path, "cache");
        var store = new DeclarationCacheStore(directory);
        store.Put(Context, Blob, new byte[100]);
        var folderOfEntry = Path.GetDirectoryName(PathOf(directory, Blob))!;
        var abandoned = Path.Combine(folderOfEntry, ".tmp-1-abandoned");
        var fresh = Path.Combine(folderOfEntry, ".tmp-2-being-written");
        File.WriteAllBytes(abandoned, [1]);
        File.WriteAllBytes(fresh, [1]);
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-2));

        Assert.Equal(1, store.TrimNow(DateTime.UtcNow));
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(fresh));
        Assert.NotNull(store.TryGet(Context, Blob));
    }

    [Fact]
    public void Put_WhereTheCacheCannotBeWritten_IsAMissNotAnError()
    {
        using var folder = new TempFolder("sg-cache-");
        var blocker = folder.Write("cache", "a file where the cache directory would be");
        var store = new DeclarationCacheStore(blocker);

        store.Put(Context, Blob, [1]);

        Assert.Equal(1, store.FailedWrites);
        Assert.Null(store.TryGet(Context, Blob));
    }

    [Fact]
    public void Trim_AfterARunThatWroteNothing_DoesNotTouchTheCache()
    {
        using var folder = new TempFolder("sg-cache-");
        var directory = Path.Combine(folder.Path, "cache");

        Assert.Equal(0, new DeclarationCacheStore(directory).Trim());
        Assert.False(Directory.Exists(directory));
    }

    private static string PathOf(string directory, string blob) => Path.Combine(directory, Context, blob.Substring(0, 2), blob.Substring(2));
}
