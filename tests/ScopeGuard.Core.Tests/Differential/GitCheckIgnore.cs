using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ScopeGuard.Core.Tests.Differential;

/// <summary>
/// Asks the git CLI which paths one <c>.gitignore</c> line ignores: <c>git check-ignore --no-index</c>
/// in a throwaway repository whose work tree holds none of the paths, so git takes each path as a
/// file whose parents are directories.
/// </summary>
internal sealed class GitCheckIgnore : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string root;
    private readonly string workTree;
    private int fileCounter;

    private GitCheckIgnore(string root)
    {
        this.root = root;
        workTree = Path.Combine(root, "repo");
        Directory.CreateDirectory(workTree);
        var init = Run(["init", "-q", workTree], stdin: null);
        if (init.ExitCode != 0)
        {
            throw new InvalidOperationException("git init failed: " + init.Error);
        }
    }

    /// <summary>Creates a fresh repository in a new temporary directory.</summary>
    /// <returns>The oracle; dispose it to delete the directory.</returns>
    public static GitCheckIgnore Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "scopeguard-wildmatch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            return new GitCheckIgnore(root);
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>Gets the output of <c>git --version</c>.</summary>
    /// <returns>The version line.</returns>
    public string Version() => Encoding.UTF8.GetString(Run(["--version"], stdin: null).Output).Trim();

    /// <summary>
    /// Runs one git process with <paramref name="pattern"/> as the only line of the exclude file and
    /// every path on standard input; returns which of the paths git ignores.
    /// </summary>
    /// <param name="pattern">The pattern, written as one line of UTF-8 without a byte order mark.</param>
    /// <param name="paths">Repository-relative paths; none may start with ':' (pathspec magic).</param>
    /// <returns>One flag per path, in order.</returns>
    public BitArray Ignored(string pattern, IReadOnlyList<string> paths)
    {
        var excludeFile = Path.Combine(root, "exclude-" + Interlocked.Increment(ref fileCounter) + ".txt");
        File.WriteAllText(excludeFile, pattern + "\n", Utf8NoBom);
        try
        {
            var input = new MemoryStream();
            foreach (var path in paths)
            {
                var bytes = Utf8NoBom.GetBytes(path);
                input.Write(bytes, 0, bytes.Length);
                input.WriteByte(0);
            }

            var result = Run(
                [
                    "-c", "core.ignorecase=false",
                    "-c", "core.excludesFile=" + excludeFile,
                    "check-ignore", "--no-index", "--stdin", "-z", "-v", "-n",
                ],
                input.ToArray());

            // Exit code 1 means "nothing ignored"; anything above is an error.
            if (result.ExitCode > 1)
            {
                throw new InvalidOperationException($"git check-ignore failed for pattern {Show(pattern)}: {result.Error}");
            }

            return Parse(pattern, paths, result.Output);
        }
        finally
        {
            File.Delete(excludeFile);
        }
    }

    /// <summary>Shows a string with C#-style escapes for anything that is not plainly visible.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text in double quotes.</returns>
    public static string Show(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || char.IsWhiteSpace(c) && c != ' ' || c is '\u0301')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }

    // Records are "<source> NUL <line> NUL <pattern> NUL <path> NUL"; the first three are empty for a path nothing matched.
    private static BitArray Parse(string pattern, IReadOnlyList<string> paths, byte[] output)
    {
        var fields = new List<string>();
        var start = 0;
        for (var i = 0; i < output.Length; i++)
        {
            if (output[i] == 0)
            {
                fields.Add(Utf8NoBom.GetString(output, start, i - start));
                start = i + 1;
            }
        }

        if (fields.Count != paths.Count * 4)
        {
            throw new InvalidOperationException(
                $"git check-ignore gave {fields.Count} fields for {paths.Count} paths with pattern {Show(pattern)}");
        }

        var ignored = new BitArray(paths.Count);
        for (var i = 0; i < paths.Count; i++)
        {
            if (!string.Equals(fields[(i * 4) + 3], paths[i], StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"git check-ignore answered for {Show(fields[(i * 4) + 3])} where {Show(paths[i])} was asked");
            }

            ignored[i] = fields[i * 4].Length > 0;
        }

        return ignored;
    }

    private (int ExitCode, byte[] Output, string Error) Run(string[] arguments, byte[]? stdin)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = workTree,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Keep the user's and the system's configuration, and any GIT_* steering, out of the answers.
        foreach (var key in new List<string>(info.Environment.Keys))
        {
            if (key.StartsWith("GIT_", StringComparison.Ordinal))
            {
                info.Environment.Remove(key);
            }
        }

        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = Path.Combine(root, "no-global-config");
        info.Environment["HOME"] = root;
        info.Environment["XDG_CONFIG_HOME"] = root;
        info.Environment["LC_ALL"] = "C";

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start git");
        var output = new MemoryStream();
        var readOutput = process.StandardOutput.BaseStream.CopyToAsync(output);
        var readError = process.StandardError.ReadToEndAsync();
        var writeInput = Task.Run(() =>
        {
            using var input = process.StandardInput.BaseStream;
            if (stdin is not null)
            {
                input.Write(stdin, 0, stdin.Length);
            }
        });
        Task.WaitAll(readOutput, readError, writeInput);
        process.WaitForExit();
        return (process.ExitCode, output.ToArray(), readError.Result);
    }
}
