using System;
using System.Collections.Generic;
using System.Linq;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Symbols;

/// <summary>Everything the declaration diff needs from one version of a C# file.</summary>
public sealed class DeclarationSet
{
    internal DeclarationSet(IReadOnlyList<Declaration> declarations, string fileLevel, string fileLevelText, TextPosition fileLevelPosition, bool hasErrors, IReadOnlyList<(string Fingerprint, TextPosition Position)> fileLevelItems, string source)
    {
        Declarations = declarations;
        FileLevel = fileLevel;
        FileLevelText = fileLevelText;
        FileLevelPosition = fileLevelPosition;
        HasErrors = hasErrors;
        FileLevelItems = fileLevelItems;
        Source = source;
    }

    /// <summary>Gets the declarations in source order.</summary>
    public IReadOnlyList<Declaration> Declarations { get; }

    /// <summary>Gets the tokens outside every declaration: usings, extern aliases, assembly attributes.</summary>
    public string FileLevel { get; }

    /// <summary>Gets the same with trivia, plus the file's trailing trivia and byte order mark.</summary>
    public string FileLevelText { get; }

    /// <summary>Gets where the file-level part starts (the first using, or 1:1).</summary>
    public TextPosition FileLevelPosition { get; }

    /// <summary>Gets a value indicating whether the parser reported errors (the file is still attributed).</summary>
    public bool HasErrors { get; }

    /// <summary>Gets each file-level element (a using, an extern alias, an attribute list…) with where it starts, so a diff can point at the first one that changed.</summary>
    internal IReadOnlyList<(string Fingerprint, TextPosition Position)> FileLevelItems { get; }

    /// <summary>Gets the text the set was extracted from.</summary>
    internal string Source { get; }

    /// <summary>
    /// Gets the code of <c>#if</c> branches that no parse could make active (<c>#if false</c>, a
    /// condition a <c>#define</c> contradicts): no declaration owns it. Empty when there is none.
    /// </summary>
    public string InactiveCode { get; internal set; } = string.Empty;

    /// <summary>Gets the file's <c>global using</c> directives (for a <see cref="TypeIndex"/>).</summary>
    public IReadOnlyList<GlobalUsing> GlobalUsings { get; internal set; } = [];

    /// <summary>Gets where the first such code is, or <see langword="null"/>.</summary>
    public TextPosition? InactiveCodePosition { get; internal set; }

    // False for a set made by Create (the analyzer's baseline does not store the inactive code; its
    // file-level fingerprint includes it).
    internal bool TracksInactiveCode { get; set; } = true;

    /// <summary>
    /// Makes a declaration set from parts stored elsewhere (the analyzer's baseline): the strings are
    /// fingerprints (<see cref="ToFingerprints"/>), compared only with another fingerprinted set.
    /// </summary>
    /// <param name="declarations">The declarations.</param>
    /// <param name="fileLevel">The fingerprint of the file-level tokens.</param>
    /// <param name="fileLevelText">The fingerprint of the file-level text.</param>
    /// <param name="fileLevelPosition">Where the file-level part starts.</param>
    /// <param name="fileLevelItems">The fingerprint and position of each file-level element.</param>
    /// <param name="source">The fingerprint of the whole text.</param>
    /// <returns>The set.</returns>
    public static DeclarationSet Create(IReadOnlyList<Declaration> declarations, string fileLevel, string fileLevelText, TextPosition fileLevelPosition, IReadOnlyList<(string Fingerprint, TextPosition Position)> fileLevelItems, string source) =>
        new(
            declarations ?? throw new ArgumentNullException(nameof(declarations)),
            fileLevel ?? throw new ArgumentNullException(nameof(fileLevel)),
            fileLevelText ?? throw new ArgumentNullException(nameof(fileLevelText)),
            fileLevelPosition,
            hasErrors: false,
            fileLevelItems ?? throw new ArgumentNullException(nameof(fileLevelItems)),
            source ?? throw new ArgumentNullException(nameof(source)))
        {
            TracksInactiveCode = false,
        };

    /// <summary>
    /// Replaces every signature, body, text, file-level and source string by its <see cref="Fingerprint"/>:
    /// compared with another fingerprinted set, the diff is the same as between the full sets.
    /// </summary>
    /// <returns>The fingerprinted set.</returns>
    public DeclarationSet ToFingerprints() => new(
        Declarations.Select(d => d with { Signature = Fingerprint.Of(d.Signature), Body = Fingerprint.Of(d.Body), Text = Fingerprint.Of(d.Text), PartialPart = DeclarationDiff.IsPartialPart(d) }).ToList(),
        Fingerprint.Of(FileLevel),
        Fingerprint.Of(FileLevelText),
        FileLevelPosition,
        HasErrors,
        FileLevelItems.Select(i => (Fingerprint.Of(i.Fingerprint), i.Position)).ToList(),
        Fingerprint.Of(Source))
    {
        InactiveCode = InactiveCode.Length == 0 ? string.Empty : Fingerprint.Of(InactiveCode),
        InactiveCodePosition = InactiveCodePosition,
        TracksInactiveCode = TracksInactiveCode,
        GlobalUsings = GlobalUsings,
    };

    // The same set with other declarations (see ResolvedForms).
    internal DeclarationSet WithDeclarations(IReadOnlyList<Declaration> declarations) =>
        new(declarations, FileLevel, FileLevelText, FileLevelPosition, HasErrors, FileLevelItems, Source)
        {
            InactiveCode = InactiveCode,
            InactiveCodePosition = InactiveCodePosition,
            TracksInactiveCode = TracksInactiveCode,
            GlobalUsings = GlobalUsings,
        };

    /// <summary>Gets each file-level element's fingerprint and position (for the analyzer's baseline).</summary>
    /// <returns>The elements in file order.</returns>
    public IReadOnlyList<(string Fingerprint, TextPosition Position)> GetFileLevelItems() => FileLevelItems;
}
