using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.CodeAnalysis.MSBuild;

namespace ScopeGuard.Workspace;

/// <summary>
/// Shows on standard error how far the load is: a progress bar redrawn in place on a terminal, one plain
/// line per loaded project otherwise (a CI log).
/// </summary>
public sealed class LoadProgressWriter : IProgress<ProjectLoadProgress>
{
    private const int BarWidth = 30;
    private readonly TextWriter writer;
    private readonly bool terminal;
    private readonly int total;
    private readonly HashSet<string> loaded = new(StringComparer.Ordinal);
    private bool drawn;

    /// <summary>Initializes a new instance of the <see cref="LoadProgressWriter"/> class.</summary>
    /// <param name="writer">Standard error.</param>
    /// <param name="terminal">Whether it is a terminal (redraw one line) or a log (a line per project).</param>
    /// <param name="total">How many projects the solution lists, or 0 when unknown.</param>
    public LoadProgressWriter(TextWriter writer, bool terminal, int total)
    {
        this.writer = writer;
        this.terminal = terminal;
        this.total = total;
    }

    /// <inheritdoc/>
    public void Report(ProjectLoadProgress value)
    {
        if (value.Operation != ProjectLoadOperation.Resolve)
        {
            return;
        }

        lock (loaded)
        {
            var name = Path.GetFileNameWithoutExtension(value.FilePath) + (value.TargetFramework is { } tfm ? $" ({tfm})" : string.Empty);
            if (!loaded.Add(name))
            {
                return;
            }

            var count = loaded.Count;
            var of = total > 0 ? $"{Math.Min(count, total)}/{total}" : $"{count}";
            if (terminal)
            {
                var filled = total > 0 ? Math.Min(BarWidth, count * BarWidth / total) : 0;
                var line = $"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {of} projects loaded: {name}";
                writer.Write(line.Length > 100 ? line[..100] : line.PadRight(100));
                drawn = true;
            }
            else
            {
                writer.WriteLine($"scopeguard: loaded project {of}: {name} in {value.ElapsedTime.TotalSeconds:0.0} s");
            }
        }
    }

    /// <summary>Ends the bar's line, if one was drawn.</summary>
    public void Finish()
    {
        lock (loaded)
        {
            if (terminal && drawn)
            {
                writer.WriteLine();
                drawn = false;
            }
        }
    }
}
