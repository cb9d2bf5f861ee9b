using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Git;

/// <summary>
/// The declaration cache on disk: one file per entry, <c>CONTEXT/AB/REST-OF-BLOB-ID</c> under
/// <c>scopeguard/cache</c> in the repository's common git directory, so every worktree of the repository
/// shares it. Writers write a temporary file beside the entry and rename it into place (atomic on one
/// file system), so concurrent hooks in several worktrees never lock each other and a reader sees a whole
/// entry or none. Every failure to read or write is a miss: the check then parses the blob itself.
/// </summary>
/// <remarks>
/// Size: capped (<see cref="DefaultCapBytes"/>, or <c>SCOPEGUARD_CACHE_SIZE_MB</c>). After a run that wrote
/// entries, <see cref="Trim"/> looks at the whole cache at most once an hour (or at once when the run wrote
/// more than a sixteenth of the cap) and, when it is over the cap, deletes the least recently used entries
/// until it is under three quarters of it. "Used" is the file's modification time: an entry is written
/// when it is made and touched when it is read, at most once a day.
/// </remarks>
public sealed class DeclarationCacheStore : IDeclarationCache
{
    /// <summary>The default size cap: 256 MiB (about 30,000 tables of 16 KB files).</summary>
    public const long DefaultCapBytes = 256L * 1024 * 1024;

    private const string TempPrefix = ".tmp-";
    private const string SweepStamp = "last-trim";
    private static readonly TimeSpan TouchAfter = TimeSpan.FromDays(1);
    private static readonly TimeSpan TrimEvery = TimeSpan.FromHours(1);
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, bool> madeDirectories = new(StringComparer.Ordinal);
    private long bytesWritten;
    private long failedWrites;

    /// <summary>Initializes a new instance of the <see cref="DeclarationCacheStore"/> class.</summary>
    /// <param name="directory">The cache directory (created when the first entry is written).</param>
    /// <param name="capBytes">The size cap.</param>
    public DeclarationCacheStore(string directory, long capBytes = DefaultCapBytes)
    {
        Directory = directory ?? throw new ArgumentNullException(nameof(directory));
        CapBytes = capBytes > 0 ? capBytes : throw new ArgumentOutOfRangeException(nameof(capBytes), "the cache size cap must be positive");
    }

    /// <summary>Gets the cache directory.</summary>
    public string Directory { get; }

    /// <summary>Gets the size cap in bytes.</summary>
    public long CapBytes { get; }

    /// <summary>Gets how many entries could not be written (a read-only or full disk): not an error.</summary>
    public long FailedWrites => Interlocked.Read(ref failedWrites);

    /// <summary>The cache directory of a repository: <c>scopeguard/cache</c> in its common git directory.</summary>
    /// <param name="commonDirectory">The git directory shared by all worktrees.</param>
    /// <returns>The directory.</returns>
    public static string DirectoryOf(string commonDirectory) => Path.Combine(commonDirectory, "scopeguard", "cache");

    /// <inheritdoc/>
    public byte[]? TryGet(string context, string blobId)
    {
        var path = PathOf(context, blobId);
        try
        {
            // One open: the length and the time of last use come from the handle, not from the path again.
            byte[] bytes;
            DateTime written;
            using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                var length = RandomAccess.GetLength(handle);
                if (length > int.MaxValue)
                {
                    return null;
                }

                bytes = new byte[length];
                var read = 0;
                while (read < bytes.Length)
                {
                    var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
                    if (n == 0)
                    {
                        return null; // shrank while read: another process replaced it; treat as absent
                    }

                    read += n;
                }

                written = File.GetLastWriteTimeUtc(handle);
            }

            var now = DateTime.UtcNow;
            if (now - written > TouchAfter)
            {
                File.SetLastWriteTimeUtc(path, now);
            }

            return bytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public void Put(string context, string blobId, byte[] entry)
    {
        var path = PathOf(context, blobId);
        var folder = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(folder, TempPrefix + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"));
        try
        {
            if (madeDirectories.TryAdd(folder, true))
            {
                System.IO.Directory.CreateDirectory(folder);
            }

            File.WriteAllBytes(temp, entry);
            File.Move(temp, path, overwrite: true);
            Interlocked.Add(ref bytesWritten, entry.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another worktree's hook may hold the entry open (Windows), the disk may be full or read-only:
            // the entry is simply not kept.
            Interlocked.Increment(ref failedWrites);
            TryDelete(temp);
        }
    }

    /// <summary>
    /// Keeps the cache under its cap after a run that wrote entries (see the remarks on the class). Never
    /// throws: an entry another process deletes or reads meanwhile is skipped.
    /// </summary>
    /// <returns>How many entries were deleted.</returns>
    public int Trim()
    {
        if (Interlocked.Read(ref bytesWritten) == 0)
        {
            return 0;
        }

        var stamp = Path.Combine(Directory, SweepStamp);
        var now = DateTime.UtcNow;
        try
        {
            if (Interlocked.Read(ref bytesWritten) <= CapBytes / 16 && File.Exists(stamp) && now - File.GetLastWriteTimeUtc(stamp) < TrimEvery)
            {
                return 0;
            }

            File.WriteAllBytes(stamp, []);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        return TrimNow(now);
    }

    /// <summary>Looks at the whole cache now and deletes the least recently used entries while it is over its cap.</summary>
    /// <param name="now">The time now (abandoned temporary files older than an hour are deleted too).</param>
    /// <returns>How many files were deleted.</returns>
    internal int TrimNow(DateTime now)
    {
        var entries = new List<(string Path, long Length, DateTime Used)>();
        var deleted = 0;
        try
        {
            foreach (var file in new DirectoryInfo(Directory).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                if (file.Name == SweepStamp)
                {
                    continue;
                }

                if (file.Name.StartsWith(TempPrefix, StringComparison.Ordinal))
                {
                    // A writer that died between writing and renaming.
                    if (now - file.LastWriteTimeUtc > AbandonedAfter && TryDelete(file.FullName))
                    {
                        deleted++;
                    }

                    continue;
                }

                entries.Add((file.FullName, file.Length, file.LastWriteTimeUtc));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return deleted;
        }

        var total = entries.Sum(e => e.Length);
        if (total <= CapBytes)
        {
            return deleted;
        }

        foreach (var entry in entries.OrderBy(e => e.Used).ThenBy(e => e.Path, StringComparer.Ordinal))
        {
            if (total <= CapBytes / 4 * 3)
            {
                break;
            }

            if (TryDelete(entry.Path))
            {
                deleted++;
            }

            total -= entry.Length;
        }

        return deleted;
    }

    // Context and blob ID are lowercase hex (checked by DeclarationTables): safe as file names.
    private string PathOf(string context, string blobId) =>
        Path.Combine(Directory, context, blobId.Substring(0, 2), blobId.Substring(2));

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
