using System;
using System.IO;
using System.Text;

namespace ScopeGuard.TestSupport;

/// <summary>Files under a folder, named by paths with <c>/</c> separators, as tests write them.</summary>
public static class FileTree
{
    /// <summary>UTF-8 without a byte order mark: what every test file is written in.</summary>
    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Gets the absolute path of <paramref name="relativePath"/> under <paramref name="folder"/>.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="relativePath">A path with <c>/</c> separators.</param>
    /// <returns>The absolute path.</returns>
    public static string PathIn(string folder, string relativePath) =>
        Path.Combine(folder, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes a text file (UTF-8, no BOM, the text as given), creating folders.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="relativePath">A path with <c>/</c> separators.</param>
    /// <param name="text">The text.</param>
    /// <returns>The absolute path.</returns>
    public static string Write(string folder, string relativePath, string text) => WriteBytes(folder, relativePath, Utf8NoBom.GetBytes(text));

    /// <summary>Writes a file's bytes, creating folders.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="relativePath">A path with <c>/</c> separators.</param>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The absolute path.</returns>
    public static string WriteBytes(string folder, string relativePath, byte[] bytes)
    {
        var full = PathIn(folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>Appends text (UTF-8, no BOM) to a file.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="relativePath">A path with <c>/</c> separators.</param>
    /// <param name="text">The text.</param>
    public static void Append(string folder, string relativePath, string text) => File.AppendAllText(PathIn(folder, relativePath), text, Utf8NoBom);

    /// <summary>Resolves every symbolic link in an absolute path, like <c>realpath</c>.</summary>
    /// <param name="path">An absolute path.</param>
    /// <returns>The path with each existing link component replaced by its target.</returns>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.Exists && info.LinkTarget is not null)
            {
                current = info.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
            }
        }

        return current;
    }
}
