using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Baseline;

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

    /// <summary>The format version this ScopeGuard writes and reads (3: the compiler's IDs of issue 17 with alternate IDs, and the versions a merge in progress brings).</summary>
    public const int FormatVersion = 3;

    private readonly Dictionary<string, BaselineFile> files;
    private readonly Dictionary<string, List<BaselineFile>> brought;

    internal DeclarationBaseline(BaselineHeader header, IEnumerable<BaselineFile> files, IEnumerable<BaselineFile>? broughtFiles = null)
    {
        Header = header;
        this.files = new Dictionary<string, BaselineFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            this.files[file.Path] = file;
        }

        brought = new Dictionary<string, List<BaselineFile>>(StringComparer.Ordinal);
        foreach (var file in broughtFiles ?? [])
        {
            if (!brought.TryGetValue(file.Path, out var versions))
            {
                brought[file.Path] = versions = [];
            }

            versions.Add(file);
        }
    }

    /// <summary>Gets the header.</summary>
    public BaselineHeader Header { get; }

    /// <summary>Gets the recorded files, in path order.</summary>
    public IEnumerable<BaselineFile> Files => files.Values.OrderBy(f => f.Path, StringComparer.Ordinal);

    /// <summary>
    /// Gets the versions a merge, cherry-pick or revert in progress brings of files that differ there from
    /// the base (see <see cref="BaselineHeader.Brought"/>), in path order.
    /// </summary>
    public IEnumerable<BaselineFile> BroughtFiles => brought.OrderBy(b => b.Key, StringComparer.Ordinal).SelectMany(b => b.Value);

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

        if (TextFacts.StartsWithByteOrderMark(text))
        {
            text = text.Substring(1);
        }

        return text.IndexOf('\r') >= 0 ? text.Replace("\r\n", "\n") : text;
    }

    /// <summary>Builds a baseline from the base texts of the files (the caller reads them; Core does no I/O).</summary>
    /// <param name="header">The header.</param>
    /// <param name="baseFiles">Each C# file under the scopes at the base: path and text.</param>
    /// <param name="broughtFiles">
    /// The versions a merge, cherry-pick or revert in progress brings (<see cref="BaselineHeader.Brought"/>)
    /// of files under the scopes that differ there from the base: path and text. A file or declaration
    /// identical to one of them is not the agent's change.
    /// </param>
    /// <returns>The baseline.</returns>
    public static DeclarationBaseline Create(BaselineHeader header, IReadOnlyList<(string Path, string Text)> baseFiles, IReadOnlyList<(string Path, string Text)>? broughtFiles = null)
    {
        if (header is null)
        {
            throw new ArgumentNullException(nameof(header));
        }

        if (baseFiles is null)
        {
            throw new ArgumentNullException(nameof(baseFiles));
        }

        return new DeclarationBaseline(header, Record(baseFiles), Record(broughtFiles ?? []));
    }

    private static BaselineFile[] Record(IReadOnlyList<(string Path, string Text)> texts)
    {
        var result = new BaselineFile[texts.Count];
        Parallel.For(0, texts.Count, i =>
        {
            var (path, text) = texts[i];
            var normalized = Normalize(text);
            result[i] = new BaselineFile(path, Fingerprint.Of(normalized), DeclarationExtractor.Extract(normalized).ToFingerprints());
        });

        return result;
    }

    /// <summary>Makes a baseline with a new header and the files of this one (the files depend only on the merge base and scopes).</summary>
    /// <param name="header">The new header.</param>
    /// <returns>The baseline.</returns>
    public DeclarationBaseline WithHeader(BaselineHeader header) => new(header ?? throw new ArgumentNullException(nameof(header)), files.Values, BroughtFiles);

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
    public BaselineComparison? Compare(string path, string currentText) => Compare(path, currentText, null);

    /// <summary>
    /// Compares a file's current text with its baseline, resolving the current declarations' parameter
    /// types with an index (a <see cref="TypeIndex.Deferred"/> one is built only when a changed member needs it), so a pattern in the compiler's form
    /// matches them (see <see cref="DeclarationExtractor.Extract(string, TypeIndex?)"/>).
    /// </summary>
    /// <param name="path">The repository-relative path.</param>
    /// <param name="currentText">The current text.</param>
    /// <param name="types">What the compilation declares, or <see langword="null"/> not to resolve names.</param>
    /// <returns>The change and its declaration diff, or <see langword="null"/> when the file is outside the scopes or unchanged.</returns>
    public BaselineComparison? Compare(string path, string currentText, TypeIndex? types)
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
        var fingerprint = Fingerprint.Of(normalized);
        var old = Find(path);
        if (old is not null && string.Equals(old.TextFingerprint, fingerprint, StringComparison.Ordinal))
        {
            return null;
        }

        // A file exactly as a merge, cherry-pick or revert in progress brings it is not the agent's change.
        var versions = brought.TryGetValue(path, out var found) ? found : null;
        if (versions is not null && versions.Any(v => string.Equals(v.TextFingerprint, fingerprint, StringComparison.Ordinal)))
        {
            return null;
        }

        var current = DeclarationExtractor.Extract(normalized, types);
        var fingerprinted = current.ToFingerprints();
        var diff = DeclarationDiff.Compare(old?.Declarations, fingerprinted);
        if (versions is not null)
        {
            // Nor is a declaration identical to the version it brings.
            diff = DeclarationDiff.WithoutBrought(diff, fingerprinted, versions.Select(v => (DeclarationSet?)v.Declarations).ToList());
            if (DeclarationDiff.IsEmpty(diff))
            {
                return null;
            }
        }

        var change = old is null
            ? new FileChange(path, path, ChangeStatus.Added, EntryKind.None, EntryKind.File, null, null)
            : new FileChange(path, path, ChangeStatus.Modified, EntryKind.File, EntryKind.File, null, null);
        return new BaselineComparison(change, diff, current);
    }

    /// <summary>Writes the baseline as text (UTF-8, <c>\n</c> line ends, stable order: the same input gives the same bytes).</summary>
    /// <returns>The text.</returns>
    public string Write() => BaselineFormat.Write(this);

    /// <summary>Reads a baseline written by <see cref="Write"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The baseline.</returns>
    /// <exception cref="ScopeGuardException">The text is not a baseline this version reads (the message says where and why).</exception>
    public static DeclarationBaseline Parse(string text) => BaselineFormat.Parse(text);
}
