using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ScopeGuard.TestSupport;

/// <summary>
/// Text with the places a test expects a diagnostic marked in it, so that no test spells out a line or
/// column: <c>{|#0:"colour"|}</c> marks span 0 (the markup the Roslyn testing library uses for sources),
/// and one <c>‸</c> marks a single position. <see cref="Text"/> is the text without the markup; lines and
/// columns are 1-based and count UTF-16 code units, as editors, the compiler and ScopeGuard do.
/// </summary>
public sealed class TextMarkup
{
    /// <summary>The character that marks one position.</summary>
    public const char Caret = '‸';

    private readonly Dictionary<int, MarkedSpan> spans = [];
    private readonly MarkedSpan? caret;

    /// <summary>Initializes a new instance of the <see cref="TextMarkup"/> class.</summary>
    /// <param name="marked">The text with its markup.</param>
    public TextMarkup(string marked)
    {
        ArgumentNullException.ThrowIfNull(marked);
        var text = new StringBuilder(marked.Length);
        var open = new Stack<(int Id, int Line, int Column)>();
        var (line, column) = (1, 1);
        for (var i = 0; i < marked.Length;)
        {
            if (string.CompareOrdinal(marked, i, "{|#", 0, 3) == 0)
            {
                var colon = marked.IndexOf(':', i);
                var id = int.Parse(marked.AsSpan(i + 3, colon - i - 3), CultureInfo.InvariantCulture);
                open.Push((id, line, column));
                i = colon + 1;
                continue;
            }

            if (string.CompareOrdinal(marked, i, "|}", 0, 2) == 0 && open.Count > 0)
            {
                var (id, startLine, startColumn) = open.Pop();
                if (!spans.TryAdd(id, new MarkedSpan(startLine, startColumn, line, column)))
                {
                    throw new ArgumentException($"span {id} is marked twice", nameof(marked));
                }

                i += 2;
                continue;
            }

            if (marked[i] == Caret)
            {
                caret = caret is null ? new MarkedSpan(line, column, line, column) : throw new ArgumentException("mark at most one position with ‸", nameof(marked));
                i++;
                continue;
            }

            var c = marked[i++];
            text.Append(c);
            (line, column) = c == '\n' ? (line + 1, 1) : (line, column + 1);
        }

        if (open.Count > 0)
        {
            throw new ArgumentException($"span {open.Peek().Id} is not closed", nameof(marked));
        }

        Text = text.ToString();
    }

    /// <summary>Gets the text without its markup.</summary>
    public string Text { get; }

    /// <summary>Gets the position marked with <see cref="Caret"/>.</summary>
    public MarkedSpan Position => caret ?? throw new InvalidOperationException("no position is marked with ‸");

    /// <summary>Gives the text and the position marked with <see cref="Caret"/>.</summary>
    /// <param name="text">The text without markup.</param>
    /// <param name="line">The marked line.</param>
    /// <param name="column">The marked column.</param>
    public void Deconstruct(out string text, out int line, out int column) => (text, line, column) = (Text, Position.Line, Position.Column);

    /// <summary>Gets span <paramref name="id"/>.</summary>
    /// <param name="id">The number after <c>#</c>.</param>
    /// <returns>The span.</returns>
    public MarkedSpan Span(int id) => spans.TryGetValue(id, out var span) ? span : throw new ArgumentException($"no span {id} is marked", nameof(id));
}

/// <summary>A marked span: its first character and the position just after its last.</summary>
/// <param name="Line">The first line.</param>
/// <param name="Column">The first column.</param>
/// <param name="EndLine">The line of the end.</param>
/// <param name="EndColumn">The column just after the last character.</param>
public readonly record struct MarkedSpan(int Line, int Column, int EndLine, int EndColumn);
