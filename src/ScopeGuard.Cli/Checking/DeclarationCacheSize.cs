using System;
using System.Globalization;
using ScopeGuard.Core;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Checking;

/// <summary>The declaration cache's size cap (<c>SCOPEGUARD_CACHE_SIZE_MB</c>) and the <c>--cache-stats</c> line.</summary>
internal static class DeclarationCacheSize
{
    public const string Variable = "SCOPEGUARD_CACHE_SIZE_MB";

    public const string StatsVariable = "SCOPEGUARD_CACHE_STATS";

    public static long CapBytes(Func<string, string?> environment)
    {
        var text = environment(Variable);
        if (string.IsNullOrEmpty(text))
        {
            return DeclarationCacheStore.DefaultCapBytes;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var megabytes) && megabytes is > 0 and <= 1024 * 1024
            ? megabytes * 1024 * 1024
            : throw new ScopeGuardException($"{Variable}='{text}': the declaration cache's size cap is a whole number of MiB from 1 to 1048576 (unset: {DeclarationCacheStore.DefaultCapBytes / (1024 * 1024)})");
    }

    public static string Statistics(DeclarationTables? tables, DeclarationCacheStore? store, int trimmed)
    {
        if (tables is null)
        {
            return "scopeguard: declaration cache: off (--no-cache)";
        }

        var where = store is null ? "off (--no-cache), this run's memory only" : store.Directory;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"scopeguard: declaration cache {where}: {tables.FromStore} from the cache, {tables.FromMemory} from this run, {tables.Computed} read from git, {tables.Written} written, {tables.Rejected} rejected, {store?.FailedWrites ?? 0} not written, {trimmed} evicted");
    }
}
