using System;
using System.IO;
using System.Text;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Text;
using ScopeGuard.Git;

namespace ScopeGuard.Cli;

/// <summary>Where a command reads the manifest from.</summary>
internal enum ManifestOrigin
{
    /// <summary>A file named with <c>--manifest</c>.</summary>
    File,

    /// <summary><c>scopes.json</c> as committed at HEAD.</summary>
    Head,

    /// <summary><c>scopes.json</c> as staged in the index.</summary>
    Index,

    /// <summary><c>scopes.json</c> in the working tree.</summary>
    WorkingTree,
}

/// <summary>Finds, decodes and validates the manifest.</summary>
internal static class ManifestSource
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Loads the manifest a person is editing: <c>--manifest</c>, else the working tree's
    /// <c>scopes.json</c>, else HEAD's.
    /// </summary>
    public static (ManifestLoadResult Result, ManifestOrigin Origin, string Label) LoadForQuery(string? manifestOption, GitWorkspace? workspace, string currentDirectory)
    {
        if (manifestOption is not null)
        {
            return FromFile(manifestOption, currentDirectory);
        }

        if (workspace is null)
        {
            throw new ScopeGuardException($"not inside a git repository: pass --manifest FILE to name the manifest");
        }

        var file = Path.Combine(workspace.WorkingDirectory, ManifestLoader.FileName);
        if (File.Exists(file))
        {
            return (Decode(ReadFile(file, workspace.WorkingDirectory), ManifestLoader.FileName), ManifestOrigin.WorkingTree, $"{ManifestLoader.FileName} in the working tree");
        }

        var committed = workspace.ReadAtHead(ManifestLoader.FileName);
        if (committed is not null)
        {
            return (Decode(committed, ManifestLoader.FileName), ManifestOrigin.Head, $"{ManifestLoader.FileName} at HEAD");
        }

        throw new ScopeGuardException(
            $"no {ManifestLoader.FileName} at the root of '{workspace.WorkingDirectory}': write one (see scopes.example.json) or pass --manifest FILE");
    }

    private static (ManifestLoadResult, ManifestOrigin, string) FromFile(string manifestOption, string currentDirectory) =>
        (Decode(ReadFile(manifestOption, currentDirectory), manifestOption), ManifestOrigin.File, manifestOption);

    /// <summary>
    /// Reads a manifest file as the user named it (relative to <paramref name="currentDirectory"/>), at
    /// most <see cref="ManifestLoader.MaxLength"/> bytes: a device or pipe that never ends (<c>/dev/zero</c>)
    /// is refused, not read until memory runs out.
    /// </summary>
    public static byte[] ReadFile(string nameAsTyped, string currentDirectory)
    {
        var full = Path.GetFullPath(Path.Combine(currentDirectory, nameAsTyped));
        if (Directory.Exists(full))
        {
            throw new ScopeGuardException($"--manifest names '{nameAsTyped}', which is a folder: name the scopes.json file");
        }

        if (!File.Exists(full))
        {
            throw new ScopeGuardException($"--manifest names '{nameAsTyped}', which does not exist");
        }

        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > ManifestLoader.MaxLength)
            {
                throw new ScopeGuardException($"'{nameAsTyped}' is larger than {ManifestLoader.MaxLength / (1024 * 1024)} MiB (or never ends): not a manifest");
            }
        }

        return buffer.ToArray();
    }

    public static ManifestLoadResult Decode(byte[] bytes, string label)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var index = Math.Max(0, ex.Index);
            var (line, column) = LocateByte(bytes, index);
            return ManifestLoadResult.Failed(new ManifestError(label, new TextPosition(line, column), $"the manifest is not valid UTF-8 (byte 0x{bytes[index]:X2})"));
        }

        return ManifestLoader.Load(text, label);
    }

    private static (int Line, int Column) LocateByte(byte[] bytes, int index)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i < index && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                start = i + 1;
            }
        }

        // Columns count UTF-16 code units, as the JSON reader and editors do, not bytes: every byte
        // before the bad one is valid UTF-8. A byte order mark is not a column.
        if (start == 0 && bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) && index >= Encoding.UTF8.Preamble.Length)
        {
            start = Encoding.UTF8.Preamble.Length;
        }

        return (line, Encoding.UTF8.GetCharCount(bytes, start, index - start) + 1);
    }
}
