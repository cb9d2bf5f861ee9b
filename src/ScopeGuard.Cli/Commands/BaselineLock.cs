using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using ScopeGuard.Core;

namespace ScopeGuard.Cli.Commands;

/// <summary>
/// An exclusive lock on a baseline, held while it is read and written: a file beside it opened without
/// sharing. The operating system releases it when the process ends, so a killed build leaves no stale lock.
/// </summary>
internal static class BaselineLock
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static IDisposable Acquire(string baselinePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(baselinePath)!);
        var lockPath = baselinePath + ".lock";
        var clock = Stopwatch.StartNew();
        var delay = 20;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (clock.Elapsed < Patience)
            {
                // Another build writes it now; it takes as long as parsing the base's C# files.
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 500);
            }
            catch (IOException ex)
            {
                throw new ScopeGuardException($"'{lockPath}' stayed locked for {Patience.TotalMinutes} minutes: another 'scopeguard baseline' is still writing; {ex.Message}");
            }
        }
    }
}
