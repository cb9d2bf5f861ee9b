using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using ScopeGuard.Core.Changes;

namespace ScopeGuard.TestSupport;

/// <summary>
/// The old and new contents Core's evaluator reads, without git: either the same two texts for every change, or
/// contents by blob id (<see cref="Put(string)"/>) as a git source hands them in. It counts reads, which may come
/// from several threads at once.
/// </summary>
public class FakeContents : IChangeContents
{
    private readonly Dictionary<string, byte[]> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> idByContent = new(StringComparer.Ordinal);
    private readonly Func<FileChange, byte[]?> readOld;
    private readonly Func<FileChange, byte[]?> readNew;
    private int reads;

    /// <summary>Initializes a new instance of the <see cref="FakeContents"/> class that reads by blob id; <see cref="Put(string)"/> fills it.</summary>
    public FakeContents()
    {
        readOld = change => ById(change.OldBlobId);
        readNew = change => ById(change.NewBlobId);
    }

    /// <summary>Initializes a new instance of the <see cref="FakeContents"/> class that gives the same two texts for every change, in UTF-8.</summary>
    /// <param name="old">The text before the change; <see langword="null"/> for no old side.</param>
    /// <param name="new">The text after the change; <see langword="null"/> for no new side.</param>
    public FakeContents(string? old, string? @new)
    {
        var oldBytes = old is null ? null : Encoding.UTF8.GetBytes(old);
        var newBytes = @new is null ? null : Encoding.UTF8.GetBytes(@new);
        readOld = _ => oldBytes;
        readNew = _ => newBytes;
    }

    /// <summary>Initializes a new instance of the <see cref="FakeContents"/> class whose every read throws.</summary>
    /// <param name="failure">Makes the exception to throw.</param>
    public FakeContents(Func<Exception> failure)
    {
        readOld = _ => throw failure();
        readNew = _ => throw failure();
    }

    /// <summary>Gets how many times a side was read.</summary>
    public int Reads => Volatile.Read(ref reads);

    /// <summary>Stores a text (UTF-8) as a blob.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Its blob id (the same for the same bytes).</returns>
    public string Put(string text) => Put(Encoding.UTF8.GetBytes(text));

    /// <summary>Stores bytes as a blob.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>Their blob id (the same for the same bytes).</returns>
    public string Put(byte[] bytes)
    {
        var key = Convert.ToBase64String(bytes);
        if (!idByContent.TryGetValue(key, out var id))
        {
            id = "blob" + byId.Count;
            idByContent[key] = id;
            byId[id] = bytes;
        }

        return id;
    }

    /// <inheritdoc/>
    public byte[]? ReadOld(FileChange change)
    {
        Interlocked.Increment(ref reads);
        return readOld(change);
    }

    /// <inheritdoc/>
    public byte[]? ReadNew(FileChange change)
    {
        Interlocked.Increment(ref reads);
        return readNew(change);
    }

    private byte[]? ById(string? id) => id is null ? null : byId[id];
}
