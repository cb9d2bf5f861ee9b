using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Cli.Conflicts;

/// <summary>
/// Reads each lane's changes once: the paths it touched, and in C# files the members it changed, by the
/// declaration diff the symbol rules use (<see cref="DeclarationDiff"/>). A C# file is parsed only when
/// its members can matter: another lane touched the same path, or the file declares a <c>partial</c>
/// type of which another lane touched a file declaring a part of the same name in a namespace of the
/// same name (a lexical pre-filter: <c>partial</c> then modifiers, the type keyword and the name). Each blob is parsed once,
/// however many lanes share it, and at most once per build of ScopeGuard with the declaration cache: the
/// tables (as fingerprints) come from <see cref="DeclarationTables"/>, the same entries <c>check</c> reads
/// and writes. Reading and parsing run in parallel.
/// </summary>
internal static partial class LaneReader
{
    private static readonly string EmptyBody = Fingerprint.Of(string.Empty);

    public static List<LaneWork> Read(IReadOnlyList<(Lane Lane, IReadOnlyList<FileChange> Changes)> lanes, IChangeContents contents, DeclarationTables tables)
    {
        var works = lanes.Select(l => new LaneWork(l.Lane)).ToList();
        var touchedBy = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lanes.Count; i++)
        {
            var work = works[i];
            work.FileCount = lanes[i].Changes.Count;
            foreach (var change in lanes[i].Changes)
            {
                foreach (var path in change.TouchedPaths)
                {
                    if (work.Paths.Add(path))
                    {
                        touchedBy[path] = touchedBy.GetValueOrDefault(path) + 1;
                    }

                    AddFolders(work, path);
                }

                if (change.Status == ChangeStatus.Renamed && Parent(change.OldPath) != Parent(change.Path))
                {
                    work.MovesAcrossFolders = true;
                }
            }
        }

        var items = new List<(int Lane, FileChange Change)>();
        for (var i = 0; i < lanes.Count; i++)
        {
            items.AddRange(lanes[i].Changes.Where(IsCSharp).Select(c => (i, c)));
        }

        // Read and decode every changed C# file once, in parallel, and note the partial types each declares;
        // a side the declaration cache knows and whose text does not mention "partial" is not read (its
        // table, when it matters, is the cached one).
        var sides = new (Side Old, Side New)[items.Count];
        var partialNames = new HashSet<string>?[items.Count];
        Run(items.Count, k =>
        {
            var change = items[k].Change;
            var old = Side.Of(change.OldKind, change.OldBlobId, tables, () => contents.ReadOld(change));
            var @new = Side.Of(change.NewKind, change.NewBlobId, tables, () => contents.ReadNew(change));
            sides[k] = (old, @new);
            partialNames[k] = PartialTypeNames(old.Text, @new.Text);
        });

        // A file only one lane touched matters only through a partial type whose other part another lane
        // touched: some other lane's file declares a partial type of the same simple name.
        var lanesByName = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        for (var k = 0; k < items.Count; k++)
        {
            foreach (var name in partialNames[k] ?? [])
            {
                if (!lanesByName.TryGetValue(name, out var set))
                {
                    lanesByName[name] = set = [];
                }

                set.Add(items[k].Lane);
            }
        }

        var diffs = new (FileDeclarationDiff Diff, DeclarationSet? Before, DeclarationSet? After)?[items.Count];
        Run(items.Count, k =>
        {
            var change = items[k].Change;
            var shared = change.TouchedPaths.Any(p => touchedBy.GetValueOrDefault(p) > 1);
            if (!shared && !(partialNames[k] ?? []).Any(n => lanesByName[n].Count > 1))
            {
                // Not parsed: keep what the scan found, so the next run need not read it again.
                sides[k].Old.NoteScanned(tables);
                sides[k].New.NoteScanned(tables);
                return;
            }

            var before = sides[k].Old.Table(tables, () => contents.ReadOld(change));
            var after = sides[k].New.Table(tables, () => contents.ReadNew(change));
            diffs[k] = (DeclarationDiff.Compare(before, after), before, after);
        });

        for (var i = 0; i < lanes.Count; i++)
        {
            var own = Enumerable.Range(0, items.Count).Where(k => items[k].Lane == i && diffs[k] is not null)
                .Select(k => (items[k].Change.Path, diffs[k]!.Value)).ToList();
            CollectMembers(works[i], own);
        }

        return works;
    }

    // The members one lane touched: every declaration the diff reports but trivia-only changes and
    // namespaces. A removed member with an added one of the same kind in the same type and the same body
    // (or, for a method, the same name: its parameters changed) is a rename: the old ID is what the other
    // lane would have touched, so it is kept, said as "renamed to NEW". The same ID removed in one file
    // and added in another is a move, which changes it.
    private static void CollectMembers(LaneWork work, List<(string Path, (FileDeclarationDiff Diff, DeclarationSet? Before, DeclarationSet? After) File)> files)
    {
        var removed = new List<(Declaration Old, string Path, DeclarationChange Change)>();
        var added = new List<(Declaration New, string Path, DeclarationChange Change)>();
        foreach (var (path, file) in files)
        {
            foreach (var change in file.Diff.Changes)
            {
                if (change.Kind == DeclarationChangeKind.TriviaOnly || change.Id.Kind == SymbolKind.Namespace)
                {
                    continue;
                }

                var id = change.Id.ToString();
                switch (change.Kind)
                {
                    case DeclarationChangeKind.Removed:
                        if (file.Before?.Declarations.FirstOrDefault(d => d.Id.ToString() == id) is { } old)
                        {
                            removed.Add((old, path, change));
                        }

                        break;
                    case DeclarationChangeKind.Added:
                        if (file.After?.Declarations.FirstOrDefault(d => d.Id.ToString() == id && d.Position == change.Position) is { } @new)
                        {
                            added.Add((@new, path, change));
                        }

                        break;
                    default:
                        Touch(work, new MemberTouch(id, path, change.Kind == DeclarationChangeKind.SignatureChanged ? "signature changed" : "changed", change.Position));
                        break;
                }
            }
        }

        var renamedTo = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (old, path, change) in removed)
        {
            var id = old.Id.ToString();
            var moved = added.FirstOrDefault(a => a.New.Id.ToString() == id);
            if (moved.New is not null)
            {
                Touch(work, new MemberTouch(id, path, $"moved to {moved.Path}", moved.Change.Position));
                renamedTo.Add(id);
                continue;
            }

            var candidates = added.Where(a => IsRenameOf(old, a.New)).ToList();
            if (candidates.Count == 1)
            {
                var target = candidates[0];
                renamedTo.Add(target.New.Id.ToString());
                Touch(work, new MemberTouch(id, path, $"renamed to {target.New.Id}", target.Change.Position));
            }
            else
            {
                Touch(work, new MemberTouch(id, path, "removed", change.Position));
            }
        }

        foreach (var (@new, path, change) in added)
        {
            if (!renamedTo.Contains(@new.Id.ToString()))
            {
                Touch(work, new MemberTouch(@new.Id.ToString(), path, "added", change.Position));
            }
        }
    }

    // A rename: same kind, same containing type or namespace, and the same implementation (a non-empty
    // body, token for token), or, for methods, the same name with other parameters.
    internal static bool IsRenameOf(Declaration old, Declaration @new)
    {
        var a = old.Id;
        var b = @new.Id;
        if (a.Kind != b.Kind || a.Kind == SymbolKind.Namespace || a.Parts.Count != b.Parts.Count || !a.Parts.Take(a.Parts.Count - 1).SequenceEqual(b.Parts.Take(b.Parts.Count - 1), StringComparer.Ordinal))
        {
            return false;
        }

        // Bodies are fingerprints here (DeclarationTables): an empty body is the fingerprint of no text.
        var sameBody = old.Body.Length > 0 && !string.Equals(old.Body, EmptyBody, StringComparison.Ordinal) && string.Equals(old.Body, @new.Body, StringComparison.Ordinal);
        var sameName = string.Equals(a.Parts[^1], b.Parts[^1], StringComparison.Ordinal);
        return sameBody || (sameName && a.Kind == SymbolKind.Method);
    }

    // The first lane to report an ID keeps it, unless a later report says more (a removal or rename over a change).
    private static void Touch(LaneWork work, MemberTouch touch)
    {
        if (!work.Members.TryGetValue(touch.Id, out var known) || known.How is "changed" or "added")
        {
            work.Members[touch.Id] = touch;
        }
    }

    // Runs the work on this thread when it is small (starting workers costs more than it saves), else in parallel.
    private static void Run(int count, Action<int> work)
    {
        if (count < 16)
        {
            for (var k = 0; k < count; k++)
            {
                work(k);
            }

            return;
        }

        try
        {
            Parallel.For(0, count, work);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }

    // The partial types a file declares in either version ("partial", modifiers, the type keyword, the
    // name), each as NAMESPACE.Name for every namespace the text may declare it in (or the bare name when
    // it declares none: a part in another namespace is another type); null when neither mentions "partial".
    private static HashSet<string>? PartialTypeNames(string? oldText, string? newText)
    {
        if (!MentionsPartial(oldText) && !MentionsPartial(newText))
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in new[] { oldText, newText })
        {
            if (MentionsPartial(text))
            {
                var declared = NamespaceDeclaration().Matches(text!).Select(m => m.Groups[1].Value).ToList();
                // Block namespaces nest (namespace A { namespace B { … } }): every run of consecutive
                // declarations joined (A, B, A.B) is a namespace the type may be in.
                var namespaces = new List<string>();
                for (var i = 0; i < declared.Count; i++)
                {
                    for (var j = i; j < declared.Count; j++)
                    {
                        namespaces.Add(string.Join(".", declared.Skip(i).Take(j - i + 1)) + ".");
                    }
                }

                if (namespaces.Count == 0)
                {
                    namespaces.Add(string.Empty);
                }

                foreach (System.Text.RegularExpressions.Match match in PartialType().Matches(text!))
                {
                    foreach (var ns in namespaces)
                    {
                        names.Add(ns + match.Groups[1].Value);
                    }
                }
            }
        }

        return names;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bpartial\s+(?:(?:abstract|sealed|static|unsafe|readonly|ref|new|public|internal|private|protected|file)\s+)*(?:class|struct|interface|record)\s+(?:(?:class|struct)\s+)?@?([\p{L}_][\p{L}\p{Nd}_]*)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PartialType();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^\s*namespace\s+(@?[\p{L}_][\p{L}\p{Nd}_.@]*)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex NamespaceDeclaration();

    private static string? Decode(byte[]? bytes) => bytes is null ? null : SourceDecoding.TryDecode(bytes);

    // One side of a changed C# file: absent, read (its text, null when it is not text), or known from the
    // declaration cache without "partial" in it (its cached table, or none when only a scan was kept).
    private sealed class Side
    {
        private static readonly Side Absent = new(null, null, null, read: true);

        private Side(string? blobId, string? text, DeclarationSet? cached, bool read)
        {
            BlobId = blobId;
            Text = text;
            Cached = cached;
            Read = read;
        }

        public string? BlobId { get; }

        public string? Text { get; private set; }

        public DeclarationSet? Cached { get; }

        public bool Read { get; private set; }

        public static Side Of(EntryKind kind, string? blobId, DeclarationTables tables, Func<byte[]?> read)
        {
            if (kind == EntryKind.None)
            {
                return Absent;
            }

            if (blobId is not null && tables.TryKnown(blobId, out var table, out var mentionsPartial) && !mentionsPartial)
            {
                return new Side(blobId, null, table, read: false);
            }

            return new Side(blobId, Decode(read()), null, read: true);
        }

        public void NoteScanned(DeclarationTables tables)
        {
            if (BlobId is not null && Text is not null)
            {
                tables.NoteScanned(BlobId, Text);
            }
        }

        // The side's table: the cached one, else parsed from its text (read now if it was not read yet);
        // null for an absent side or one that is not text.
        public DeclarationSet? Table(DeclarationTables tables, Func<byte[]?> read)
        {
            if (Cached is not null)
            {
                return Cached;
            }

            if (!Read)
            {
                Text = Decode(read());
                Read = true;
            }

            return Text is { } text ? tables.TableOf(BlobId, text) : null;
        }
    }

    private static bool MentionsPartial(string? text) => text is not null && text.Contains("partial", StringComparison.Ordinal);

    private static bool IsCSharp(FileChange change) =>
        change.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || change.OldPath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    private static void AddFolders(LaneWork work, string path)
    {
        var parent = Parent(path);
        if (parent.Length > 0)
        {
            work.Parents.Add(parent);
        }

        for (var folder = parent; folder.Length > 0; folder = Parent(folder))
        {
            if (!work.Folders.Add(folder))
            {
                break;
            }
        }
    }

    internal static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }
}
