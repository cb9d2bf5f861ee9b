using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ScopeGuard.Cli.Guard;

/// <summary>
/// Reads the patch OpenAI Codex's <c>apply_patch</c> tool applies (<c>*** Begin Patch</c>, <c>*** Add File:</c>,
/// <c>*** Delete File:</c>, <c>*** Update File:</c> with <c>*** Move to:</c> and <c>@@</c> hunks) into the files
/// it writes. Each hunk becomes a replacement of its old lines (context and <c>-</c>) by its new lines
/// (context and <c>+</c>) in the file's current text.
/// </summary>
internal static class PatchText
{
    /// <summary>Reads a patch.</summary>
    /// <param name="patch">The patch text.</param>
    /// <returns>The files it writes; empty when it is not such a patch.</returns>
    public static IReadOnlyList<FileWrite> Parse(string patch)
    {
        var writes = new List<FileWrite>();
        var lines = patch.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (line.StartsWith("*** Add File: ", StringComparison.Ordinal))
            {
                var path = line["*** Add File: ".Length..].Trim();
                var text = new StringBuilder();
                i++;
                while (i < lines.Length && !lines[i].StartsWith("***", StringComparison.Ordinal))
                {
                    if (lines[i].StartsWith('+'))
                    {
                        text.Append(lines[i], 1, lines[i].Length - 1).Append('\n');
                    }

                    i++;
                }

                writes.Add(new FileWrite(path, text.ToString(), null));
            }
            else if (line.StartsWith("*** Delete File: ", StringComparison.Ordinal))
            {
                writes.Add(new FileWrite(line["*** Delete File: ".Length..].Trim(), null, null) { Deletes = true });
                i++;
            }
            else if (line.StartsWith("*** Update File: ", StringComparison.Ordinal))
            {
                var path = line["*** Update File: ".Length..].Trim();
                string? moveTo = null;
                i++;
                if (i < lines.Length && lines[i].StartsWith("*** Move to: ", StringComparison.Ordinal))
                {
                    moveTo = lines[i]["*** Move to: ".Length..].Trim();
                    i++;
                }

                var edits = new List<TextEdit>();
                List<string>? oldLines = null;
                List<string>? newLines = null;
                void Flush()
                {
                    if (oldLines is not null && newLines is not null && (oldLines.Count > 0 || newLines.Count > 0))
                    {
                        edits.Add(new TextEdit(Join(oldLines), Join(newLines), false));
                    }

                    oldLines = [];
                    newLines = [];
                }

                Flush();
                while (i < lines.Length && !(lines[i].StartsWith("*** ", StringComparison.Ordinal) && !lines[i].StartsWith("*** End of File", StringComparison.Ordinal)))
                {
                    var hunkLine = lines[i];
                    if (hunkLine.StartsWith("@@", StringComparison.Ordinal))
                    {
                        Flush();
                    }
                    else if (hunkLine.StartsWith('-'))
                    {
                        oldLines!.Add(hunkLine[1..]);
                    }
                    else if (hunkLine.StartsWith('+'))
                    {
                        newLines!.Add(hunkLine[1..]);
                    }
                    else if (hunkLine.StartsWith(' ') || (hunkLine.Length == 0 && i + 1 < lines.Length && lines[i + 1].Length > 0 && lines[i + 1][0] is ' ' or '-' or '+'))
                    {
                        var context = hunkLine.Length == 0 ? string.Empty : hunkLine[1..];
                        oldLines!.Add(context);
                        newLines!.Add(context);
                    }

                    i++;
                }

                Flush();
                if (moveTo is null)
                {
                    writes.Add(new FileWrite(path, null, edits));
                }
                else
                {
                    writes.Add(new FileWrite(path, null, null) { Deletes = true });
                    writes.Add(new FileWrite(moveTo, null, edits) { SourcePath = path });
                }
            }
            else
            {
                i++;
            }
        }

        return writes;
    }

    private static string Join(List<string> lines) => string.Concat(lines.Select(l => l + "\n"));
}
