using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Json;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Baseline;

/// <summary>Who and what a baseline was written for: recorded for people reading it, and for <c>doctor</c>-style debugging.</summary>
/// <param name="Agent">The agent the CLI resolved, or <see langword="null"/> when none was identified.</param>
/// <param name="AgentReason">Why (the identity's reason sentence).</param>
/// <param name="BaseRef">The base as named (<c>--base</c> or <c>settings.baseBranch</c>).</param>
/// <param name="BaseCommit">The commit the base resolved to.</param>
/// <param name="MergeBase">The merge base of the base and HEAD: the commit whose files are recorded.</param>
/// <param name="Head">HEAD's commit when the baseline was written.</param>
/// <param name="Root">The working tree's root, with <c>/</c> separators and no trailing separator.</param>
/// <param name="Scopes">The repository-relative folders whose C# files are recorded (empty string: the whole repository).</param>
public sealed record BaselineHeader(string? Agent, string AgentReason, string BaseRef, string BaseCommit, string MergeBase, string Head, string Root, IReadOnlyList<string> Scopes)
{
    /// <summary>Gets the ScopeGuard version that wrote the declarations (recorded files are reused only by the same one).</summary>
    public string? Generator { get; init; }
}

/// <summary>One C# file as it was at the base commit: its text fingerprint and its fingerprinted declarations.</summary>
/// <param name="Path">The repository-relative path.</param>
/// <param name="TextFingerprint">The fingerprint of its normalized text (<see cref="DeclarationBaseline.Normalize"/>).</param>
/// <param name="Declarations">Its declarations with fingerprints instead of texts (<see cref="DeclarationSet.ToFingerprints"/>).</param>
public sealed record BaselineFile(string Path, string TextFingerprint, DeclarationSet Declarations);

/// <summary>How a file differs from its base: the change as a change set would list it, and its declaration diff.</summary>
/// <param name="Change">The change (added or modified; the analyzer cannot see renames or deletions).</param>
/// <param name="Diff">The declaration diff.</param>
/// <param name="Current">The current declarations (for locating findings).</param>
public sealed record BaselineComparison(FileChange Change, FileDeclarationDiff Diff, DeclarationSet Current);

/// <summary>
/// The analyzer's baseline: every C# file under the recorded folders as it was at the merge base of
/// the base branch and HEAD, as fingerprints of its declarations. The CLI writes it (<c>scopeguard
/// baseline</c>) before compilation; the analyzer reads it from an AdditionalFile and compares the
/// compilation's current text with it, so findings follow the text as it is typed, without git.
/// A file under a recorded folder that the baseline does not list did not exist at the base.
/// </summary>
public sealed class DeclarationBaseline
{
    /// <summary>The file name the MSBuild targets give the baseline; the analyzer recognizes AdditionalFiles by it.</summary>
    public const string FileName = "scopeguard.baseline";

    /// <summary>The format version this ScopeGuard writes and reads.</summary>
    public const int FormatVersion = 1;

    private const string Magic = "scopeguard-baseline";

    private readonly Dictionary<string, BaselineFile> files;

    private DeclarationBaseline(BaselineHeader header, IEnumerable<BaselineFile> files)
    {
        Header = header;
        this.files = new Dictionary<string, BaselineFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            this.files[file.Path] = file;
        }
    }

    /// <summary>Gets the header.</summary>
    public BaselineHeader Header { get; }

    /// <summary>Gets the recorded files, in path order.</summary>
    public IEnumerable<BaselineFile> Files => files.Values.OrderBy(f => f.Path, StringComparer.Ordinal);

    /// <summary>Gets the number of recorded files.</summary>
    public int FileCount => files.Count;

    /// <summary>
    /// Normalizes a text before it is fingerprinted or parsed, on both sides: no byte order mark (the
    /// compiler strips it, git keeps it) and <c>\n</c> line ends (a checkout may turn them into
    /// <c>\r\n</c>). Lines and columns stay where they were.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The normalized text.</returns>
    public static string Normalize(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text.Substring(1);
        }

        return text.IndexOf('\r') >= 0 ? text.Replace("\r\n", "\n") : text;
    }

    /// <summary>Builds a baseline from the base texts of the files (the caller reads them; Core does no I/O).</summary>
    /// <param name="header">The header.</param>
    /// <param name="baseFiles">Each C# file under the scopes at the base: path and text.</param>
    /// <returns>The baseline.</returns>
    public static DeclarationBaseline Create(BaselineHeader header, IReadOnlyList<(string Path, string Text)> baseFiles)
    {
        if (header is null)
        {
            throw new ArgumentNullException(nameof(header));
        }

        if (baseFiles is null)
        {
            throw new ArgumentNullException(nameof(baseFiles));
        }

        var result = new BaselineFile[baseFiles.Count];
        Parallel.For(0, baseFiles.Count, i =>
        {
            var (path, text) = baseFiles[i];
            var normalized = Normalize(text);
            result[i] = new BaselineFile(path, Fingerprint.Of(normalized), DeclarationExtractor.Extract(normalized).ToFingerprints());
        });

        return new DeclarationBaseline(header, result);
    }

    /// <summary>Makes a baseline with a new header and the files of this one (the files depend only on the merge base and scopes).</summary>
    /// <param name="header">The new header.</param>
    /// <returns>The baseline.</returns>
    public DeclarationBaseline WithHeader(BaselineHeader header) => new(header ?? throw new ArgumentNullException(nameof(header)), files.Values);

    /// <summary>Gets a recorded file.</summary>
    /// <param name="path">The repository-relative path.</param>
    /// <returns>The file, or <see langword="null"/> when it did not exist at the base (or is outside the scopes).</returns>
    public BaselineFile? Find(string path) => files.TryGetValue(path, out var file) ? file : null;

    /// <summary>Gets a value indicating whether a repository-relative path is under one of the recorded folders.</summary>
    /// <param name="path">The path.</param>
    /// <returns>Whether the baseline knows the path's base state.</returns>
    public bool Covers(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        foreach (var scope in Header.Scopes)
        {
            if (scope.Length == 0 || path.StartsWith(scope.EndsWith("/", StringComparison.Ordinal) ? scope : scope + "/", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Turns a path as the compiler names a file into a repository-relative one, or <see langword="null"/>
    /// when it is not inside <see cref="BaselineHeader.Root"/>.
    /// </summary>
    /// <param name="filePath">The absolute path.</param>
    /// <returns>The repository-relative path with <c>/</c> separators.</returns>
    public string? ToRepositoryPath(string? filePath)
    {
        if (string.IsNullOrEmpty(filePath))
        {
            return null;
        }

        var path = filePath!.Replace('\\', '/');
        var root = Header.Root.TrimEnd('/');

        // A drive letter means Windows, where paths compare without case.
        var comparison = root.Length >= 2 && root[1] == ':' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return path.Length > root.Length + 1 && path.StartsWith(root + "/", comparison) ? path.Substring(root.Length + 1) : null;
    }

    /// <summary>Compares the current text of a file with its base.</summary>
    /// <param name="path">The repository-relative path.</param>
    /// <param name="currentText">The current text.</param>
    /// <returns>The change and its declaration diff, or <see langword="null"/> when the file is outside the scopes or unchanged.</returns>
    public BaselineComparison? Compare(string path, string currentText)
    {
        if (currentText is null)
        {
            throw new ArgumentNullException(nameof(currentText));
        }

        if (!Covers(path))
        {
            return null;
        }

        var normalized = Normalize(currentText);
        var old = Find(path);
        if (old is not null && string.Equals(old.TextFingerprint, Fingerprint.Of(normalized), StringComparison.Ordinal))
        {
            return null;
        }

        var current = DeclarationExtractor.Extract(normalized);
        var diff = DeclarationDiff.Compare(old?.Declarations, current.ToFingerprints());
        var change = old is null
            ? new FileChange(path, path, ChangeStatus.Added, EntryKind.None, EntryKind.File, null, null)
            : new FileChange(path, path, ChangeStatus.Modified, EntryKind.File, EntryKind.File, null, null);
        return new BaselineComparison(change, diff, current);
    }

    /// <summary>Writes the baseline as text (UTF-8, <c>\n</c> line ends, stable order: the same input gives the same bytes).</summary>
    /// <returns>The text.</returns>
    public string Write()
    {
        var builder = new StringBuilder();
        builder.Append(Magic).Append(' ').Append(FormatVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        builder.Append("# Written by 'scopeguard baseline' before compilation, read by the ScopeGuard analyzer. Do not edit.\n");
        Line("agent", Header.Agent ?? string.Empty);
        Line("reason", Header.AgentReason);
        Line("base", Header.BaseRef);
        Line("base-commit", Header.BaseCommit);
        Line("merge-base", Header.MergeBase);
        Line("head", Header.Head);
        Line("root", Header.Root);
        if (Header.Generator is not null)
        {
            Line("generator", Header.Generator);
        }

        foreach (var scope in Header.Scopes)
        {
            Line("scope", scope.Length == 0 ? "." : scope);
        }

        foreach (var file in Files)
        {
            var set = file.Declarations;
            builder.Append("file ").Append(file.TextFingerprint).Append(' ').Append(set.FileLevel).Append(' ').Append(set.FileLevelText)
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
            }
        }

        builder.Append("end ").Append(files.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
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
                if (line != Magic + " " + FormatVersion.ToString(CultureInfo.InvariantCulture))
                {
                    throw Error(number, line.StartsWith(Magic, StringComparison.Ordinal)
                        ? $"unsupported baseline format '{line}': this ScopeGuard reads version {FormatVersion}; rebuild to write it again"
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
                case "file":
                {
                    Flush();
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
        };
        return new DeclarationBaseline(header, result);

        void Flush()
        {
            if (path is not null)
            {
                // The whole text's fingerprint is the set's source fingerprint: both are of the normalized text.
                result.Add(new BaselineFile(path, textFingerprint!, DeclarationSet.Create(declarations.ToList(), fileLevel!, fileLevelText!, fileLevelPosition, items.ToList(), textFingerprint!)));
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

    private static ScopeGuardException Error(int line, string message) => new($"{FileName}({line}): {message}");
}
