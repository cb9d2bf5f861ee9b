using System.Collections.Generic;
using System.Text;

namespace ScopeGuard.Cli.Guard;

/// <summary>One word of a shell command after quote removal.</summary>
/// <param name="Text">The word's text with quotes and escapes removed.</param>
/// <param name="Opaque">Whether it holds an expansion the scanner does not perform (<c>$VAR</c>, <c>$(…)</c>, backticks): its value is unknown.</param>
/// <param name="Glob">Whether it holds an unquoted <c>*</c>, <c>?</c> or <c>[</c>, which the shell would expand.</param>
internal sealed record ShellWord(string Text, bool Opaque, bool Glob);

/// <summary>A redirection: its operator (<c>&gt;</c>, <c>&gt;&gt;</c>, <c>&amp;&gt;</c>, <c>&lt;</c>, …) and the word after it.</summary>
internal sealed record ShellRedirect(string Operator, ShellWord Target)
{
    /// <summary>Gets a value indicating whether the redirection writes a file (not a read, not a descriptor copy such as <c>2&gt;&amp;1</c>).</summary>
    public bool WritesFile => Operator switch
    {
        ">" or ">>" or ">|" or "&>" or "&>>" or "<>" => true,
        ">&" => !IsDescriptor(Target.Text),
        _ => false,
    };

    private static bool IsDescriptor(string text) => text == "-" || (text.Length > 0 && text.TrimEnd('-').Length > 0 && IsDigits(text.TrimEnd('-')));

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>One simple command: its words and redirections.</summary>
internal sealed record ShellCommand(IReadOnlyList<ShellWord> Words, IReadOnlyList<ShellRedirect> Redirects);

/// <summary>
/// Splits a shell command line into simple commands, the way a POSIX shell would before expansion: quotes
/// (<c>'…'</c>, <c>"…"</c>, <c>\</c>), the list and pipeline operators (<c>;</c> <c>&amp;</c> <c>&amp;&amp;</c>
/// <c>||</c> <c>|</c> newlines, parentheses), redirections with or without a descriptor number, here-documents
/// (their bodies are skipped) and comments. It is a tokenizer, not a shell: it expands nothing, and marks
/// words whose value it cannot know. Text it cannot tokenize (an unterminated quote) gives <see langword="null"/>.
/// </summary>
internal static class ShellWords
{
    private static readonly string[] Operators = ["&&", "||", ";;", "|&", ";", "&", "|", "(", ")", "\n"];

    /// <summary>Splits a command line.</summary>
    /// <param name="text">The command line.</param>
    /// <returns>The simple commands in order, or <see langword="null"/> when the text cannot be tokenized.</returns>
    public static IReadOnlyList<ShellCommand>? Split(string text)
    {
        var commands = new List<ShellCommand>();
        var words = new List<ShellWord>();
        var redirects = new List<ShellRedirect>();
        var heredocs = new List<(string Delimiter, bool StripTabs)>();
        string? pendingRedirect = null;
        var i = 0;

        void EndCommand()
        {
            if (words.Count > 0 || redirects.Count > 0)
            {
                commands.Add(new ShellCommand(words.ToArray(), redirects.ToArray()));
            }

            words.Clear();
            redirects.Clear();
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r')
            {
                i++;
                continue;
            }

            if (c == '\\' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i += 2;
                continue;
            }

            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '\n')
            {
                if (pendingRedirect is not null)
                {
                    return null;
                }

                EndCommand();
                i++;
                if (heredocs.Count > 0)
                {
                    i = SkipHeredocs(text, i, heredocs);
                    heredocs.Clear();
                }

                continue;
            }

            // A descriptor number directly before a redirection belongs to the redirection.
            var digits = i;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                digits++;
            }

            if (digits > i && digits < text.Length && text[digits] is '>' or '<' && pendingRedirect is null)
            {
                i = digits;
            }

            if (RedirectOperator(text, i) is { } redirect)
            {
                if (pendingRedirect is not null)
                {
                    return null;
                }

                pendingRedirect = redirect;
                i += redirect.Length;
                continue;
            }

            if (OperatorAt(text, i) is { } op)
            {
                if (pendingRedirect is not null)
                {
                    return null;
                }

                EndCommand();
                i += op.Length;
                continue;
            }

            var word = ReadWord(text, ref i);
            if (word is null)
            {
                return null;
            }

            if (pendingRedirect is not null)
            {
                if (pendingRedirect is "<<" or "<<-")
                {
                    heredocs.Add((word.Text, pendingRedirect == "<<-"));
                }

                redirects.Add(new ShellRedirect(pendingRedirect, word));
                pendingRedirect = null;
            }
            else
            {
                words.Add(word);
            }
        }

        if (pendingRedirect is not null)
        {
            return null;
        }

        EndCommand();
        return commands;
    }

    private static string? RedirectOperator(string text, int i)
    {
        foreach (var op in new[] { "&>>", "<<<", "<<-", ">>", ">|", "&>", ">&", "<&", "<>", "<<", ">", "<" })
        {
            if (string.CompareOrdinal(text, i, op, 0, op.Length) == 0)
            {
                return op;
            }
        }

        return null;
    }

    private static string? OperatorAt(string text, int i)
    {
        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(text, i, op, 0, op.Length) == 0)
            {
                return op;
            }
        }

        return null;
    }

    private static int SkipHeredocs(string text, int i, List<(string Delimiter, bool StripTabs)> heredocs)
    {
        foreach (var (delimiter, stripTabs) in heredocs)
        {
            while (i < text.Length)
            {
                var end = text.IndexOf('\n', i);
                var line = end < 0 ? text[i..] : text[i..end];
                i = end < 0 ? text.Length : end + 1;
                if ((stripTabs ? line.TrimStart('\t') : line).TrimEnd('\r') == delimiter)
                {
                    break;
                }
            }
        }

        return i;
    }

    private static bool EndsWord(char c) => c is ' ' or '\t' or '\r' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>';

    // Reads one word from i, removing quotes; null when a quote or substitution is not closed.
    private static ShellWord? ReadWord(string text, ref int i)
    {
        var builder = new StringBuilder();
        var opaque = false;
        var glob = false;
        while (i < text.Length && !EndsWord(text[i]))
        {
            var c = text[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 >= text.Length)
                    {
                        i++;
                        break;
                    }

                    if (text[i + 1] != '\n')
                    {
                        builder.Append(text[i + 1]);
                    }

                    i += 2;
                    break;
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        return null;
                    }

                    builder.Append(text, i + 1, close - i - 1);
                    i = close + 1;
                    break;
                case '"':
                    i++;
                    var closed = false;
                    while (i < text.Length)
                    {
                        var d = text[i];
                        if (d == '"')
                        {
                            closed = true;
                            i++;
                            break;
                        }

                        if (d == '\\' && i + 1 < text.Length && text[i + 1] is '$' or '`' or '"' or '\\' or '\n')
                        {
                            if (text[i + 1] != '\n')
                            {
                                builder.Append(text[i + 1]);
                            }

                            i += 2;
                            continue;
                        }

                        if (d is '$' or '`')
                        {
                            if (!SkipExpansion(text, ref i))
                            {
                                return null;
                            }

                            opaque = true;
                            continue;
                        }

                        builder.Append(d);
                        i++;
                    }

                    if (!closed)
                    {
                        return null;
                    }

                    break;
                case '$' or '`':
                    if (!SkipExpansion(text, ref i))
                    {
                        return null;
                    }

                    opaque = true;
                    break;
                default:
                    if (c is '*' or '?' or '[')
                    {
                        glob = true;
                    }

                    builder.Append(c);
                    i++;
                    break;
            }
        }

        return new ShellWord(builder.ToString(), opaque, glob);
    }

    // Skips $NAME, ${…}, $(…), $((…)), $'…' or `…` starting at i; false when it is not closed.
    private static bool SkipExpansion(string text, ref int i)
    {
        if (text[i] == '`')
        {
            var end = i + 1;
            while (end < text.Length && text[end] != '`')
            {
                end += text[end] == '\\' ? 2 : 1;
            }

            if (end >= text.Length)
            {
                return false;
            }

            i = end + 1;
            return true;
        }

        // text[i] == '$'
        if (i + 1 >= text.Length)
        {
            i++;
            return true;
        }

        var next = text[i + 1];
        if (next is '(' or '{')
        {
            var (open, shut) = next == '(' ? ('(', ')') : ('{', '}');
            var depth = 0;
            var j = i + 1;
            while (j < text.Length)
            {
                var c = text[j];
                if (c == '\\')
                {
                    j += 2;
                    continue;
                }

                if (c == '\'')
                {
                    var close = text.IndexOf('\'', j + 1);
                    if (close < 0)
                    {
                        return false;
                    }

                    j = close + 1;
                    continue;
                }

                if (c == open)
                {
                    depth++;
                }
                else if (c == shut)
                {
                    depth--;
                    if (depth == 0)
                    {
                        i = j + 1;
                        return true;
                    }
                }

                j++;
            }

            return false;
        }

        if (next == '\'')
        {
            var j = i + 2;
            while (j < text.Length && text[j] != '\'')
            {
                j += text[j] == '\\' ? 2 : 1;
            }

            if (j >= text.Length)
            {
                return false;
            }

            i = j + 1;
            return true;
        }

        var k = i + 1;
        if (k < text.Length && (char.IsAsciiLetterOrDigit(text[k]) || text[k] == '_'))
        {
            while (k < text.Length && (char.IsAsciiLetterOrDigit(text[k]) || text[k] == '_'))
            {
                k++;
            }
        }
        else if (k < text.Length && text[k] is '@' or '*' or '#' or '?' or '-' or '$' or '!')
        {
            k++;
        }

        i = k;
        return true;
    }
}
