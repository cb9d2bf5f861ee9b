using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Symbols;

/// <summary>How one declaration changed.</summary>
public enum DeclarationChangeKind
{
    /// <summary>Only whitespace, comments or doc comments changed.</summary>
    TriviaOnly,

    /// <summary>The implementation changed: bodies, expression bodies, initializers.</summary>
    BodyChanged,

    /// <summary>The signature changed: attributes, modifiers, name parts, parameters, constraints, base list, accessors.</summary>
    SignatureChanged,

    /// <summary>The declaration is new.</summary>
    Added,

    /// <summary>The declaration was removed.</summary>
    Removed,
}

/// <summary>What changed outside every declaration (usings, extern aliases, assembly attributes, file trivia).</summary>
public enum FileLevelChangeKind
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>Only trivia: whitespace, comments, line endings, a byte order mark.</summary>
    TriviaOnly,

    /// <summary>Usings, extern aliases or file-level attributes changed.</summary>
    Changed,
}

/// <summary>
/// Where a removed declaration stood in the old text, and where in the new text it is reported
/// instead: its line in the old text may hold another declaration now.
/// </summary>
/// <param name="OldPosition">Where its identifier was in the old text.</param>
/// <param name="Container">
/// The nearest containing type or namespace still in the new text, at whose identifier the removal is
/// reported; <see langword="null"/> when none is left (or the file was deleted): the removal is then
/// reported at line 1, column 1 of the file.
/// </param>
/// <param name="ContainerNameLength">How many characters the container's name has at that position (0 without a container).</param>
public sealed record Removal(TextPosition OldPosition, DeclarationId? Container, int ContainerNameLength);

/// <summary>
/// One declaration's change, located in the new text. A removed declaration is not in the new text: it
/// is located at its nearest surviving container, or at the start of the file (see <see cref="Removal"/>).
/// </summary>
/// <param name="Id">The declaration.</param>
/// <param name="Kind">How it changed.</param>
/// <param name="Position">Where its identifier is (for a removal, where the removal is reported).</param>
public sealed record DeclarationChange(DeclarationId Id, DeclarationChangeKind Kind, TextPosition Position)
{
    /// <summary>Gets where a removed declaration stood and what it is reported at; <see langword="null"/> unless <see cref="Kind"/> is <see cref="DeclarationChangeKind.Removed"/>.</summary>
    public Removal? Removal { get; init; }

    /// <summary>
    /// Gets a value indicating whether this is an added <c>partial</c> declaration: a new part of a type,
    /// or a part of a partial method, property or event, whose other parts may live in other files, so
    /// adding it changes what they declare.
    /// </summary>
    public bool AddsPartialPart { get; init; }
}

/// <summary>The declaration diff of one file.</summary>
/// <param name="Changes">The changed declarations (unchanged ones are left out), in new-text order then removals.</param>
/// <param name="FileLevel">What changed outside declarations.</param>
/// <param name="FileLevelPosition">Where that is.</param>
public sealed record FileDeclarationDiff(IReadOnlyList<DeclarationChange> Changes, FileLevelChangeKind FileLevel, TextPosition FileLevelPosition)
{
    /// <summary>
    /// Gets where code changed that no declaration owns because no parse made its <c>#if</c> branch
    /// active (<c>#if false</c>, a condition a <c>#define</c> contradicts), or <see langword="null"/>
    /// when there is no such change. A restrictive symbol rule cannot be checked there.
    /// </summary>
    public TextPosition? InactiveCodeChanged { get; init; }
}

/// <summary>Compares the declarations of two versions of a C# file, matched by ID.</summary>
public static class DeclarationDiff
{
    /// <summary>Compares the old and new text of a file; either may be <see langword="null"/> (added or deleted file).</summary>
    /// <param name="oldText">The old text.</param>
    /// <param name="newText">The new text.</param>
    /// <returns>The diff.</returns>
    public static FileDeclarationDiff Compare(string? oldText, string? newText) =>
        Compare(oldText, newText, null);

    /// <summary>Compares the old and new text of a file, resolving parameter types with an index (see <see cref="DeclarationExtractor.Extract(string, TypeIndex?)"/>).</summary>
    /// <param name="oldText">The old text.</param>
    /// <param name="newText">The new text.</param>
    /// <param name="types">What the repository declares, or <see langword="null"/> not to resolve names.</param>
    /// <returns>The diff.</returns>
    public static FileDeclarationDiff Compare(string? oldText, string? newText, TypeIndex? types) =>
        Compare(oldText is null ? null : DeclarationExtractor.Extract(oldText, types), newText is null ? null : DeclarationExtractor.Extract(newText, types));

    /// <summary>Compares two declaration sets; either may be <see langword="null"/>.</summary>
    /// <param name="before">The old declarations.</param>
    /// <param name="after">The new declarations.</param>
    /// <returns>The diff.</returns>
    public static FileDeclarationDiff Compare(DeclarationSet? before, DeclarationSet? after)
    {
        var oldByKey = new Dictionary<string, List<Declaration>>(StringComparer.Ordinal);
        foreach (var declaration in before?.Declarations ?? [])
        {
            var key = declaration.Id.ToString();
            if (!oldByKey.TryGetValue(key, out var list))
            {
                oldByKey[key] = list = [];
            }

            list.Add(declaration);
        }

        var changes = new List<DeclarationChange>();
        foreach (var declaration in after?.Declarations ?? [])
        {
            // Same ID twice in one file (partial method parts, duplicates while typing): pair each with
            // the old one it is most like, so swapping two parts is not reported as changing both.
            if (!oldByKey.TryGetValue(declaration.Id.ToString(), out var candidates) || candidates.Count == 0)
            {
                changes.Add(new DeclarationChange(declaration.Id, DeclarationChangeKind.Added, declaration.Position) { AddsPartialPart = IsPartialPart(declaration) });
                continue;
            }

            var old = candidates.Count == 1 ? candidates[0] : candidates.OrderByDescending(c => Likeness(c, declaration)).First();
            candidates.Remove(old);
            var kind = !string.Equals(old.Signature, declaration.Signature, StringComparison.Ordinal) ? DeclarationChangeKind.SignatureChanged
                : !string.Equals(old.Body, declaration.Body, StringComparison.Ordinal) ? DeclarationChangeKind.BodyChanged
                : !string.Equals(old.Text, declaration.Text, StringComparison.Ordinal) ? DeclarationChangeKind.TriviaOnly
                : (DeclarationChangeKind?)null;
            if (kind is { } k)
            {
                changes.Add(new DeclarationChange(declaration.Id, k, declaration.Position));
            }
        }

        foreach (var list in oldByKey.Values)
        {
            foreach (var removed in list)
            {
                changes.Add(Removed(removed, after));
            }
        }

        var fileLevel = FileLevelChangeKind.None;
        var position = (after ?? before)?.FileLevelPosition ?? new TextPosition(1, 1);
        var beforeFile = before?.FileLevel ?? string.Empty;
        var afterFile = after?.FileLevel ?? string.Empty;
        if (!string.Equals(beforeFile, afterFile, StringComparison.Ordinal) || (before is null) != (after is null))
        {
            fileLevel = FileLevelChangeKind.Changed;
            if (before is not null && after is not null)
            {
                position = FirstDifference(before.FileLevelItems, after.FileLevelItems);
            }
        }
        else if (!string.Equals(before?.FileLevelText, after?.FileLevelText, StringComparison.Ordinal))
        {
            fileLevel = FileLevelChangeKind.TriviaOnly;
        }
        else if (changes.Count == 0 && !string.Equals(before?.Source, after?.Source, StringComparison.Ordinal))
        {
            // The text changed but no declaration did (members reordered, say): still a change to the
            // file, for the path rule to judge, never a silent pass.
            fileLevel = FileLevelChangeKind.TriviaOnly;
        }

        // A set from the analyzer's baseline knows its inactive code only through its file level.
        var inactivePosition = after?.InactiveCodePosition ?? before?.InactiveCodePosition ?? new TextPosition(1, 1);
        var inactive = before is { TracksInactiveCode: false } || after is { TracksInactiveCode: false }
            ? (fileLevel == FileLevelChangeKind.Changed && (before?.InactiveCode.Length > 0 || after?.InactiveCode.Length > 0) ? inactivePosition : (TextPosition?)null)
            : string.Equals(before?.InactiveCode ?? string.Empty, after?.InactiveCode ?? string.Empty, StringComparison.Ordinal) ? null : inactivePosition;
        return new FileDeclarationDiff(changes, fileLevel, position) { InactiveCodeChanged = inactive };
    }

    /// <summary>
    /// Leaves out of a diff what a merge, cherry-pick or revert in progress brought: a declaration whose
    /// new version is identical to its version in a brought commit (signature and body; for a trivia-only
    /// change, its text), a removal
    /// of a declaration a brought version does not have either, and file-level changes identical to a
    /// brought version's. What is left is the committer's own change. All sets must be alike: all texts,
    /// or all fingerprints (<see cref="DeclarationSet.ToFingerprints"/>).
    /// </summary>
    /// <param name="diff">The diff of the file (from the commit's own base to the new text).</param>
    /// <param name="after">The new declarations the diff was computed with.</param>
    /// <param name="brought">The file's declarations in each brought commit (<see langword="null"/> where the file is absent there).</param>
    /// <returns>The diff without what was brought.</returns>
    public static FileDeclarationDiff WithoutBrought(FileDeclarationDiff diff, DeclarationSet? after, IReadOnlyList<DeclarationSet?> brought)
    {
        if (diff is null)
        {
            throw new ArgumentNullException(nameof(diff));
        }

        if (brought is null || brought.Count == 0)
        {
            return diff;
        }

        var changes = diff.Changes.Where(c => !WasBrought(c)).ToList();
        var fileLevel = diff.FileLevel;
        if (fileLevel != FileLevelChangeKind.None && after is not null)
        {
            if (brought.Any(b => b is not null && string.Equals(b.FileLevelText, after.FileLevelText, StringComparison.Ordinal)))
            {
                fileLevel = FileLevelChangeKind.None;
            }
            else if (fileLevel == FileLevelChangeKind.Changed && brought.Any(b => b is not null && string.Equals(b.FileLevel, after.FileLevel, StringComparison.Ordinal)))
            {
                fileLevel = FileLevelChangeKind.TriviaOnly;
            }
        }

        var inactive = diff.InactiveCodeChanged;
        if (inactive is not null && after is not null
            && (after.TracksInactiveCode
                ? brought.Any(b => b is not null && b.TracksInactiveCode && string.Equals(b.InactiveCode, after.InactiveCode, StringComparison.Ordinal))
                : fileLevel != FileLevelChangeKind.Changed))
        {
            inactive = null;
        }

        return new FileDeclarationDiff(changes, fileLevel, diff.FileLevelPosition) { InactiveCodeChanged = inactive };

        bool WasBrought(DeclarationChange change)
        {
            var key = change.Id.ToString();
            if (change.Kind == DeclarationChangeKind.Removed)
            {
                return brought.Any(b => b is null || !b.Declarations.Any(d => string.Equals(d.Id.ToString(), key, StringComparison.Ordinal)));
            }

            var candidates = after?.Declarations.Where(d => string.Equals(d.Id.ToString(), key, StringComparison.Ordinal)).ToList() ?? [];
            var current = candidates.FirstOrDefault(d => d.Position == change.Position) ?? candidates.FirstOrDefault();
            // Where a resolution placed what was brought (a blank line more or less) is not a change of it;
            // a trivia-only change is brought only when the text is the brought text too.
            return current is not null && brought.Any(b => b is not null && b.Declarations.Any(d =>
                string.Equals(d.Id.ToString(), key, StringComparison.Ordinal)
                && string.Equals(d.Signature, current.Signature, StringComparison.Ordinal)
                && string.Equals(d.Body, current.Body, StringComparison.Ordinal)
                && (change.Kind != DeclarationChangeKind.TriviaOnly || string.Equals(d.Text, current.Text, StringComparison.Ordinal))));
        }
    }

    /// <summary>Tells whether a diff holds no change at all (no declaration, file-level or inactive-code change).</summary>
    /// <param name="diff">The diff.</param>
    /// <returns>Whether it is empty.</returns>
    public static bool IsEmpty(FileDeclarationDiff diff) =>
        diff is null ? throw new ArgumentNullException(nameof(diff))
        : diff.Changes.Count == 0 && diff.FileLevel == FileLevelChangeKind.None && diff.InactiveCodeChanged is null;

    // A removal is reported where it is still true in the new text: at the identifier of the nearest
    // containing type or namespace left there (of a partial type's parts, the last one that starts
    // before where the declaration stood), else at the start of the file. Never at its old position,
    // which may now hold another declaration.
    private static DeclarationChange Removed(Declaration removed, DeclarationSet? after)
    {
        Declaration? container = null;
        foreach (var candidate in after?.Declarations ?? [])
        {
            if (candidate.Id.Kind is not (SymbolKind.Type or SymbolKind.Namespace) || !Contains(candidate.Id, removed.Id))
            {
                continue;
            }

            if (container is null
                || candidate.Id.Parts.Count > container.Id.Parts.Count
                || (candidate.Id.Parts.Count == container.Id.Parts.Count && Before(candidate.Position, removed.Position)))
            {
                container = candidate;
            }
        }

        var position = container?.Position ?? new TextPosition(1, 1);
        var length = container is null ? 0 : NameLength(container, after!);
        return new DeclarationChange(removed.Id, DeclarationChangeKind.Removed, position)
        {
            Removal = new Removal(removed.Position, container?.Id, length),
        };
    }

    // Whether a type or namespace contains a declaration: its name parts are a proper prefix of the
    // declaration's (a type's part carries its arity, so C and C`1 differ).
    private static bool Contains(DeclarationId container, DeclarationId member)
    {
        if (container.Parts.Count >= member.Parts.Count)
        {
            return false;
        }

        for (var i = 0; i < container.Parts.Count; i++)
        {
            if (!string.Equals(container.Parts[i], member.Parts[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Before(TextPosition a, TextPosition b) => a.Line < b.Line || (a.Line == b.Line && a.Column <= b.Column);

    // The length of the name at a container's position: a type's identifier without its arity (and
    // without a verbatim '@', which the name parts do not keep); a namespace's dotted name after the
    // namespace it is declared in (namespace A.B is located at A and its name is A.B).
    private static int NameLength(Declaration container, DeclarationSet after)
    {
        var parts = container.Id.Parts;
        if (container.Id.Kind == SymbolKind.Type)
        {
            var name = parts[parts.Count - 1];
            var tick = name.IndexOf('`');
            return tick < 0 ? name.Length : tick;
        }

        var outer = after.Declarations
            .Where(d => d.Id.Kind == SymbolKind.Namespace && Contains(d.Id, container.Id) && Before(d.Position, container.Position))
            .Select(d => d.Id.Parts.Count)
            .DefaultIfEmpty(0)
            .Max();
        return string.Join(".", parts.Skip(outer)).Length;
    }

    // A declaration with the partial modifier: a type part (partial class, struct, interface, record), or
    // a partial method, property or event (defining or implementing part). Signature tokens are separated
    // by spaces; a parameter named "partial" only makes the caller look for other parts, which a method
    // declared once does not have.
    internal static bool IsPartialPart(Declaration declaration)
    {
        if (declaration.PartialPart is { } known)
        {
            return known;
        }

        var signature = " " + declaration.Signature;
        for (var at = signature.IndexOf(" partial ", StringComparison.Ordinal); at >= 0; at = signature.IndexOf(" partial ", at + 1, StringComparison.Ordinal))
        {
            var next = at + " partial ".Length;
            if (declaration.Id.Kind is SymbolKind.Method or SymbolKind.Property or SymbolKind.Event
                || (declaration.Id.Kind == SymbolKind.Type && PartialTypeKeywords.Any(k => string.CompareOrdinal(signature, next, k, 0, k.Length) == 0)))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] PartialTypeKeywords = ["class ", "struct ", "interface ", "record "];

    private static int Likeness(Declaration old, Declaration @new) =>
        (string.Equals(old.Signature, @new.Signature, StringComparison.Ordinal) ? 4 : 0)
        + (string.Equals(old.Body, @new.Body, StringComparison.Ordinal) ? 2 : 0)
        + (string.Equals(old.Text, @new.Text, StringComparison.Ordinal) ? 1 : 0);

    // Where the file-level part first differs, in the new text: the first using (extern alias,
    // attribute list) that is new or changed; for a removal, the one before it; else the start of the file.
    private static TextPosition FirstDifference(IReadOnlyList<(string Fingerprint, TextPosition Position)> before, IReadOnlyList<(string Fingerprint, TextPosition Position)> after)
    {
        var i = 0;
        while (i < before.Count && i < after.Count && string.Equals(before[i].Fingerprint, after[i].Fingerprint, StringComparison.Ordinal))
        {
            i++;
        }

        return i < after.Count ? after[i].Position
            : after.Count > 0 ? after[after.Count - 1].Position
            : new TextPosition(1, 1);
    }
}
