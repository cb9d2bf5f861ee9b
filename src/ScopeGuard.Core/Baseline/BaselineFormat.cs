using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Baseline;

/// <summary>
/// The text format of <see cref="DeclarationBaseline"/>: a header of <c>key value</c> lines, then for
/// each file a <c>file</c> line, its file-level items (<c>u</c>) and declarations (<c>d</c>, each
/// followed by its alternate IDs, <c>a</c>; see <see cref="DeclarationId.Alternates"/>), then in the
/// same shape each version a merge, cherry-pick or revert in progress brings (<c>brought</c>), and an
/// <c>end</c> line that counts the files, so a truncated baseline is refused.
/// </summary>
internal static class BaselineFormat
{
    private const string Magic = "scopeguard-baseline";

    /// <summary>Writes a baseline as text (UTF-8, <c>\n</c> line ends, stable order: the same input gives the same bytes).</summary>
    /// <param name="baseline">The baseline.</param>
    /// <returns>The text.</returns>
    public static string Write(DeclarationBaseline baseline)
    {
        var builder = new StringBuilder();
        builder.Append(Magic).Append(' ').Append(DeclarationBaseline.FormatVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        builder.Append("# Written by 'scopeguard baseline' before compilation, read by the ScopeGuard analyzer. Do not edit.\n");
        Line("agent", baseline.Header.Agent ?? string.Empty);
        Line("reason", baseline.Header.AgentReason);
        Line("base", baseline.Header.BaseRef);
        Line("base-commit", baseline.Header.BaseCommit);
        Line("merge-base", baseline.Header.MergeBase);
        Line("head", baseline.Header.Head);
        Line("root", baseline.Header.Root);
        if (baseline.Header.Generator is not null)
        {
            Line("generator", baseline.Header.Generator);
        }

        foreach (var scope in baseline.Header.Scopes)
        {
            Line("scope", scope.Length == 0 ? "." : scope);
        }

        foreach (var commit in baseline.Header.Brought)
        {
            Line("brought-commit", commit);
        }

        foreach (var (key, file) in baseline.Files.Select(f => ("file", f)).Concat(baseline.BroughtFiles.Select(f => ("brought", f))))
        {
            var set = file.Declarations;
            builder.Append(key).Append(' ').Append(file.TextFingerprint).Append(' ').Append(set.FileLevel).Append(' ').Append(set.FileLevelText)
                .Append(' ').Append(Position(set.FileLevelPosition)).Append(' ').Append(Escape(file.Path)).Append('\n');
            foreach (var (fingerprint, position) in set.GetFileLevelItems())
            {
                builder.Append("u ").Append(fingerprint).Append(' ').Append(Position(position)).Append('\n');
            }

            foreach (var d in set.Declarations)
            {
                builder.Append("d ").Append(d.Id.NamespaceDepth.ToString(CultureInfo.InvariantCulture)).Append(' ')
                    .Append(d.Id.Parts.Count.ToString(CultureInfo.InvariantCulture)).Append(' ')
                    .Append(d.Signature).Append(' ').Append(d.Body).Append(' ').Append(d.Text).Append(' ')
                    .Append(Position(d.Position)).Append(' ').Append(Escape(d.Id.ToString())).Append('\n');
                foreach (var alternate in d.Id.Alternates)
                {
                    builder.Append("a ").Append(Escape(alternate.ToString())).Append('\n');
                }
            }
        }

        builder.Append("end ").Append(baseline.FileCount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return builder.ToString();

        void Line(string key, string value) => builder.Append(key).Append(' ').Append(Escape(value)).Append('\n');
    }

    /// <summary>Reads a baseline written by <see cref="Write"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The baseline.</returns>
    /// <exception cref="ScopeGuardException">The text is not a baseline this version reads (the message says where and why).</exception>
    public static DeclarationBaseline Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var lines = text.Split('\n');
        var headerValues = new Dictionary<string, string>(StringComparer.Ordinal);
        var scopes = new List<string>();
        var result = new List<BaselineFile>();
        var broughtFiles = new List<BaselineFile>();
        var broughtCommits = new List<string>();
        var isBrought = false;
        string? path = null;
        string? textFingerprint = null;
        string? fileLevel = null;
        string? fileLevelText = null;
        var fileLevelPosition = new TextPosition(1, 1);
        var declarations = new List<Declaration>();
        var items = new List<(string Fingerprint, TextPosition Position)>();
        var ended = false;

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var number = i + 1;
            if (i == 0)
            {
                if (line != Magic + " " + DeclarationBaseline.FormatVersion.ToString(CultureInfo.InvariantCulture))
                {
                    throw Error(number, line.StartsWith(Magic, StringComparison.Ordinal)
                        ? $"unsupported baseline format '{line}': this ScopeGuard reads version {DeclarationBaseline.FormatVersion}; rebuild to write it again"
                        : "not a ScopeGuard baseline");
                }

                continue;
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (ended)
            {
                throw Error(number, "text after 'end'");
            }

            var space = line.IndexOf(' ');
            var key = space < 0 ? line : line.Substring(0, space);
            var rest = space < 0 ? string.Empty : line.Substring(space + 1);
            switch (key)
            {
                case "agent" or "reason" or "base" or "base-commit" or "merge-base" or "head" or "root" or "generator":
                    headerValues[key] = Unescape(rest, number);
                    break;
                case "scope":
                    var scope = Unescape(rest, number);
                    scopes.Add(scope == "." ? string.Empty : scope);
                    break;
                case "brought-commit":
                    broughtCommits.Add(Unescape(rest, number));
                    break;
                case "file" or "brought":
                {
                    Flush();
                    isBrought = key == "brought";
                    var fields = Split(rest, 5, number);
                    textFingerprint = CheckFingerprint(fields[0], number);
                    fileLevel = CheckFingerprint(fields[1], number);
                    fileLevelText = CheckFingerprint(fields[2], number);
                    fileLevelPosition = ParsePosition(fields[3], number);
                    path = Unescape(fields[4], number);
                    break;
                }

                case "u":
                {
                    if (path is null)
                    {
                        throw Error(number, "a file-level item before any 'file' line");
                    }

                    var fields = Split(rest, 2, number);
                    items.Add((CheckFingerprint(fields[0], number), ParsePosition(fields[1], number)));
                    break;
                }

                case "d":
                {
                    if (path is null)
                    {
                        throw Error(number, "a declaration before any 'file' line");
                    }

                    var fields = Split(rest, 7, number);
                    var depth = ParseInt(fields[0], number);
                    var partCount = ParseInt(fields[1], number);
                    var id = ParseId(Unescape(fields[6], number), depth, partCount, number);
                    declarations.Add(new Declaration(id, ParsePosition(fields[5], number), CheckFingerprint(fields[2], number), CheckFingerprint(fields[3], number), CheckFingerprint(fields[4], number)));
                    break;
                }

                case "a":
                {
                    // Another ID of the declaration just read (see DeclarationId.Alternates).
                    if (declarations.Count == 0)
                    {
                        throw Error(number, "an alternate ID before any declaration of the file");
                    }

                    var last = declarations[declarations.Count - 1];
                    var alternate = ParseId(Unescape(rest, number), last.Id.NamespaceDepth, last.Id.Parts.Count, number);
                    declarations[declarations.Count - 1] = last with
                    {
                        Id = new DeclarationId(last.Id.Kind, last.Id.Parts, last.Id.Parameters, last.Id.NamespaceDepth) { Alternates = [.. last.Id.Alternates, alternate] },
                    };
                    break;
                }

                case "end":
                    Flush();
                    if (ParseInt(rest, number) != result.Count)
                    {
                        throw Error(number, $"'end' counts {rest} files but {result.Count} were read: the file is truncated or was edited");
                    }

                    ended = true;
                    break;
                default:
                    throw Error(number, $"unknown line '{key}'");
            }
        }

        if (!ended)
        {
            throw Error(lines.Length, "no 'end' line: the file is truncated (a build may have been interrupted while writing it); rebuild");
        }

        string Value(string key) => headerValues.TryGetValue(key, out var value) ? value : throw Error(1, $"no '{key}' line");
        var agent = Value("agent");
        var header = new BaselineHeader(agent.Length == 0 ? null : agent, Value("reason"), Value("base"), Value("base-commit"), Value("merge-base"), Value("head"), Value("root"), scopes)
        {
            Generator = headerValues.TryGetValue("generator", out var generator) ? generator : null,
            Brought = broughtCommits,
        };
        return new DeclarationBaseline(header, result, broughtFiles);

        void Flush()
        {
            if (path is not null)
            {
                // The whole text's fingerprint is the set's source fingerprint: both are of the normalized text.
                (isBrought ? broughtFiles : result).Add(new BaselineFile(path, textFingerprint!, DeclarationSet.Create(declarations.ToList(), fileLevel!, fileLevelText!, fileLevelPosition, items.ToList(), textFingerprint!)));
            }

            path = null;
            declarations.Clear();
            items.Clear();
        }
    }

    private static string[] Split(string rest, int count, int line)
    {
        // The last field (a path or an ID) may contain spaces; the others never do.
        var fields = rest.Split([' '], count);
        if (fields.Length != count)
        {
            throw Error(line, $"expected {count} fields");
        }

        return fields;
    }

    private static DeclarationId ParseId(string text, int depth, int partCount, int line)
    {
        if (text.Length < 3 || text[1] != ':')
        {
            throw Error(line, $"'{text}' is not a declaration ID");
        }

        if (!DeclarationId.TryKind(text[0], out var kind))
        {
            throw Error(line, $"'{text}' has an unknown kind");
        }

        // Name parts never contain '(' or '.' (explicit interface names use '#'); parameters may contain both.
        var open = text.IndexOf('(', 2);
        var name = open < 0 ? text.Substring(2) : text.Substring(2, open - 2);
        var parts = name.Split('.');
        if (parts.Length != partCount)
        {
            throw Error(line, $"'{text}' does not have {partCount} name parts");
        }

        return new DeclarationId(kind, parts, open < 0 ? null : text.Substring(open), depth);
    }

    private static string CheckFingerprint(string value, int line) =>
        Fingerprint.IsFingerprint(value) ? value : throw Error(line, $"'{value}' is not a fingerprint");

    private static int ParseInt(string value, int line) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result) ? result : throw Error(line, $"'{value}' is not a number");

    private static TextPosition ParsePosition(string value, int line)
    {
        var colon = value.IndexOf(':');
        return colon < 0 ? throw Error(line, $"'{value}' is not line:column") : new TextPosition(ParseInt(value.Substring(0, colon), line), ParseInt(value.Substring(colon + 1), line));
    }

    private static string Position(TextPosition position) =>
        position.Line.ToString(CultureInfo.InvariantCulture) + ":" + position.Column.ToString(CultureInfo.InvariantCulture);

    // Paths and IDs are written on one line: backslash, line ends and tabs are escaped.
    private static string Escape(string value)
    {
        if (value.IndexOfAny(['\\', '\n', '\r', '\t']) < 0)
        {
            return value;
        }

        return value.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t");
    }

    private static string Unescape(string value, int line)
    {
        if (value.IndexOf('\\') < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\')
            {
                builder.Append(value[i]);
                continue;
            }

            if (++i == value.Length)
            {
                throw Error(line, "a lone backslash at the end of the line");
            }

            builder.Append(value[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => throw Error(line, $"unknown escape '\\{value[i]}'"),
            });
        }

        return builder.ToString();
    }

    private static ScopeGuardException Error(int line, string message) => new($"{DeclarationBaseline.FileName}({line}): {message}");
}
