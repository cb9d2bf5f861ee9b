using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ScopeGuard.EndToEnd.Tests.Support;

/// <summary>
/// The real CLI, as built by this solution: the test project references ScopeGuard.Cli, so its
/// apphost (<c>scopeguard</c>), <c>scopeguard.dll</c> and their runtimeconfig/deps files are copied
/// next to the tests. The apphost is what a .NET global tool puts on PATH, so it is preferred;
/// <c>dotnet scopeguard.dll</c> is the fallback (and what a local tool runs).
/// </summary>
internal static class ScopeGuardTool
{
    /// <summary>Gets the folder the tool is in (the tests' output folder).</summary>
    public static string Directory { get; } = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);

    public static string Dll { get; } = Path.Combine(Directory, "scopeguard.dll");

    /// <summary>Gets the apphost, or <see langword="null"/> when the build made none.</summary>
    public static string? AppHost { get; } = FindAppHost(Directory);

    /// <summary>Gets the dotnet host that runs this test process (what <c>dotnet test</c> was started with).</summary>
    public static string DotnetHost { get; } = FindDotnetHost();

    /// <summary>Gets the folder the dotnet host lives in (symlinks resolved): the runtime the apphost should use.</summary>
    public static string DotnetRoot { get; } = Path.GetDirectoryName(
        new FileInfo(DotnetHost).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? DotnetHost)!;

    /// <summary>Gets the executable and leading arguments that start the tool from <paramref name="directory"/>.</summary>
    public static (string File, string[] Prefix) Command(string directory, bool viaDotnet = false)
    {
        var appHost = FindAppHost(directory);
        return appHost is not null && !viaDotnet
            ? (appHost, [])
            : (DotnetHost, [Path.Combine(directory, "scopeguard.dll")]);
    }

    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string?> environment, IEnumerable<string> args, bool viaDotnet = false, string? toolDirectory = null, string? input = null)
    {
        var (file, prefix) = Command(toolDirectory ?? Directory, viaDotnet);
        return ProcessRunner.Run(file, prefix.Concat(args), workingDirectory, environment, input);
    }

    /// <summary>
    /// Copies the tool into <paramref name="target"/>: the apphost, its runtimeconfig and deps
    /// files, and every runtime and native asset scopeguard.deps.json lists (for tests that then
    /// delete or break the copy).
    /// </summary>
    public static void CopyTo(string target)
    {
        var files = new List<string> { "scopeguard.deps.json", "scopeguard.runtimeconfig.json" };
        if (AppHost is not null)
        {
            files.Add(Path.GetFileName(AppHost));
        }

        using (var deps = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, "scopeguard.deps.json"))))
        {
            foreach (var framework in deps.RootElement.GetProperty("targets").EnumerateObject())
            {
                foreach (var library in framework.Value.EnumerateObject())
                {
                    if (library.Value.TryGetProperty("runtime", out var runtime))
                    {
                        files.AddRange(runtime.EnumerateObject().Select(a => Path.GetFileName(a.Name)));
                    }

                    if (library.Value.TryGetProperty("runtimeTargets", out var targets))
                    {
                        files.AddRange(targets.EnumerateObject().Select(a => a.Name));
                    }
                }
            }
        }

        foreach (var file in files.Distinct(StringComparer.Ordinal))
        {
            var source = Path.Combine(Directory, file);
            if (!File.Exists(source))
            {
                continue;
            }

            var copy = Path.Combine(target, file);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(source, copy);
            File.SetUnixFileMode(copy, File.GetUnixFileMode(source));
        }
    }

    private static string? FindAppHost(string directory)
    {
        var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "scopeguard.exe" : "scopeguard");
        if (!File.Exists(candidate))
        {
            return null;
        }

        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0 ? candidate : null;
    }

    private static string FindDotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return process;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new InvalidOperationException("cannot find the dotnet host to run scopeguard.dll");
    }
}
