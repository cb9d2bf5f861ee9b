using System;
using System.IO;

namespace ScopeGuard.TestSupport;

/// <summary>A fresh folder under the system temp folder (its real path, no symlinks), deleted with all it holds on dispose.</summary>
public class TempFolder : IDisposable
{
    /// <summary>Initializes a new instance of the <see cref="TempFolder"/> class.</summary>
    /// <param name="prefix">How the folder's name starts, so a leftover one says which tests made it.</param>
    public TempFolder(string prefix)
    {
        Path = FileTree.RealPath(Directory.CreateTempSubdirectory(prefix).FullName);
    }

    /// <summary>Gets the folder.</summary>
    public string Path { get; }

    /// <summary>Gets the absolute path of a folder-relative path.</summary>
    /// <param name="relativePath">A path with <c>/</c> separators.</param>
    /// <returns>The absolute path.</returns>
    public string FullPath(string relativePath) => FileTree.PathIn(Path, relativePath);

    /// <summary>Writes a text file (UTF-8, no BOM, the text as given), creating folders.</summary>
    /// <param name="relativePath">A path with <c>/</c> separators.</param>
    /// <param name="text">The text.</param>
    /// <returns>The absolute path.</returns>
    public string Write(string relativePath, string text) => FileTree.Write(Path, relativePath, text);

    /// <summary>Writes a file's bytes, creating folders.</summary>
    /// <param name="relativePath">A path with <c>/</c> separators.</param>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The absolute path.</returns>
    public string WriteBytes(string relativePath, byte[] bytes) => FileTree.WriteBytes(Path, relativePath, bytes);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Deletes the folder.</summary>
    /// <param name="disposing">Whether <see cref="Dispose()"/> was called.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing || !Directory.Exists(Path))
        {
            return;
        }

        try
        {
            // git writes its objects read-only, and Windows refuses to delete those.
            if (OperatingSystem.IsWindows())
            {
                foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(file, FileAttributes.Normal);
                }
            }

            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
