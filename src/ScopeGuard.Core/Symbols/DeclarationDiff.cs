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

/// <summary>One declaration's change, located in the new text (the old text for removals).</summary>
/// <param name="Id">The declaration.</param>
/// <param name="Kind">How it changed.</param>
/// <param name="Position">Where its identifier is.</param>
public sealed record DeclarationChange(DeclarationId Id, DeclarationChangeKind Kind, TextPosition Position);

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
        Compare(oldText is null ? null : DeclarationExtractor.Extract(oldText), newText is null ? null : DeclarationExtractor.Extract(newText));

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
                changes.Add(new DeclarationChange(declaration.Id, DeclarationChangeKind.Added, declaration.Position));
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
                changes.Add(new DeclarationChange(removed.Id, DeclarationChangeKind.Removed, removed.Position));
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
