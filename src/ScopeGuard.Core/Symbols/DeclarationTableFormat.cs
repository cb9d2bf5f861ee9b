using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// The binary form of a <see cref="BlobEntry"/> in the declaration cache. A header (magic <c>SGDT</c>, the
/// format version, a check of the key it was written for), the flags, the scan results by name set, the
/// table, and a 64-bit checksum of all the bytes before it. Anything that does not read back exactly (another version, another key, a truncated
/// or altered file) is refused, and the caller parses the blob again.
/// </summary>
/// <remarks>
/// Fingerprints (16 hex digits) are stored as their 8 bytes; the strings of IDs (name parts, parameter
/// lists) go through a table, so a namespace or type name repeated by every member is stored once.
/// </remarks>
internal static class DeclarationTableFormat
{
    /// <summary>The format version; part of the header and of every entry's context.</summary>
    public const int Version = 1;

    private static readonly byte[] Magic = [(byte)'S', (byte)'G', (byte)'D', (byte)'T'];

    private const byte Unparseable = 1;
    private const byte MayHideNamesFlag = 2;
    private const byte ContainsPartialFlag = 4;
    private const byte HasTable = 8;

    /// <summary>Writes an entry.</summary>
    /// <param name="entry">The entry (its table, if any, must be fingerprints).</param>
    /// <param name="context">The entry's context.</param>
    /// <param name="blobId">The blob's ID.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Write(BlobEntry entry, string context, string blobId)
    {
        using var stream = new MemoryStream(256);
        using (var writer = new Writer(stream))
        {
            writer.Raw(Magic);
            writer.Varint(Version);
            writer.UInt64(KeyCheck(context, blobId));
            var flags = (byte)((entry.Unparseable is null ? 0 : Unparseable)
                | (entry.MayHideNames ? MayHideNamesFlag : 0)
                | (entry.ContainsPartial ? ContainsPartialFlag : 0)
                | (entry.Table is null ? 0 : HasTable));
            writer.Byte(flags);
            if (entry.Unparseable is not null)
            {
                writer.String(entry.Unparseable);
            }

            writer.Varint(entry.Names.Count);
            foreach (var (key, present) in entry.Names)
            {
                writer.UInt64(key);
                writer.Byte(present ? (byte)1 : (byte)0);
            }

            if (entry.Table is { } table)
            {
                WriteTable(writer, table);
            }
        }

        var body = stream.ToArray();
        var result = new byte[body.Length + 8];
        Buffer.BlockCopy(body, 0, result, 0, body.Length);
        WriteUInt64(result, body.Length, Checksum(body, body.Length));
        return result;
    }

    /// <summary>Reads an entry back; refuses anything that is not exactly what <see cref="Write"/> wrote for this key.</summary>
    /// <param name="bytes">The stored bytes.</param>
    /// <param name="context">The context it must have been written for.</param>
    /// <param name="blobId">The blob it must have been written for.</param>
    /// <returns>The entry, or <see langword="null"/> when the bytes are not a valid entry for this key.</returns>
    public static BlobEntry? TryRead(byte[] bytes, string context, string blobId)
    {
        if (bytes is null || bytes.Length < Magic.Length + 1 + 8 + 1 + 8)
        {
            return null;
        }

        var end = bytes.Length - 8;
        if (ReadUInt64(bytes, end) != Checksum(bytes, end))
        {
            return null;
        }

        try
        {
            var reader = new Reader(bytes, end);
            foreach (var b in Magic)
            {
                if (reader.Byte() != b)
                {
                    return null;
                }
            }

            if (reader.Varint() != Version || reader.UInt64() != KeyCheck(context, blobId))
            {
                return null;
            }

            var flags = reader.Byte();
            var unparseable = (flags & Unparseable) != 0 ? reader.String() : null;
            var names = new (ulong Key, bool Present)[reader.Count()];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = (reader.UInt64(), reader.Byte() switch { 0 => false, 1 => true, _ => throw new FormatException() });
            }

            var table = (flags & HasTable) != 0 ? ReadTable(reader) : null;
            return reader.AtEnd
                ? new BlobEntry(unparseable, (flags & MayHideNamesFlag) != 0, (flags & ContainsPartialFlag) != 0, table, names)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void WriteTable(Writer writer, DeclarationSet table)
    {
        writer.Fingerprint(table.FileLevel);
        writer.Fingerprint(table.FileLevelText);
        writer.Position(table.FileLevelPosition);
        writer.Byte((byte)((table.HasErrors ? 1 : 0) | (table.TracksInactiveCode ? 2 : 0)));
        writer.Fingerprint(table.Source);
        writer.Fingerprint(table.InactiveCode);
        writer.Byte(table.InactiveCodePosition is null ? (byte)0 : (byte)1);
        if (table.InactiveCodePosition is { } inactive)
        {
            writer.Position(inactive);
        }

        var items = table.GetFileLevelItems();
        writer.Varint(items.Count);
        foreach (var (fingerprint, position) in items)
        {
            writer.Fingerprint(fingerprint);
            writer.Position(position);
        }

        writer.Varint(table.GlobalUsings.Count);
        foreach (var global in table.GlobalUsings)
        {
            writer.Name(global.Alias);
            writer.Name(global.Target);
            writer.Name(global.TargetSource);
        }

        writer.Varint(table.Declarations.Count);
        foreach (var declaration in table.Declarations)
        {
            WriteId(writer, declaration.Id);
            writer.Position(declaration.Position);
            writer.Fingerprint(declaration.Signature);
            writer.Fingerprint(declaration.Body);
            writer.Fingerprint(declaration.Text);
            writer.Byte(declaration.PartialPart switch { null => 0, false => 1, true => 2 });
        }
    }

    private static DeclarationSet ReadTable(Reader reader)
    {
        var fileLevel = reader.Fingerprint();
        var fileLevelText = reader.Fingerprint();
        var fileLevelPosition = reader.Position();
        var flags = reader.Byte();
        var source = reader.Fingerprint();
        var inactiveCode = reader.Fingerprint();
        TextPosition? inactivePosition = reader.Byte() switch
        {
            0 => null,
            1 => reader.Position(),
            _ => throw new FormatException(),
        };

        var items = new (string Fingerprint, TextPosition Position)[reader.Count()];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = (reader.Fingerprint(), reader.Position());
        }

        var globals = new GlobalUsing[reader.Count()];
        for (var i = 0; i < globals.Length; i++)
        {
            var alias = reader.Name();
            var target = reader.Name() ?? throw new FormatException();
            globals[i] = new GlobalUsing(alias, target) { TargetSource = reader.Name() };
        }

        var declarations = new Declaration[reader.Count()];
        for (var i = 0; i < declarations.Length; i++)
        {
            var id = ReadId(reader);
            var position = reader.Position();
            var signature = reader.Fingerprint();
            var body = reader.Fingerprint();
            var text = reader.Fingerprint();
            bool? partial = reader.Byte() switch
            {
                0 => null,
                1 => false,
                2 => true,
                _ => throw new FormatException(),
            };
            declarations[i] = new Declaration(id, position, signature, body, text) { PartialPart = partial };
        }

        return new DeclarationSet(declarations, fileLevel, fileLevelText, fileLevelPosition, (flags & 1) != 0, items, source)
        {
            InactiveCode = inactiveCode,
            InactiveCodePosition = inactivePosition,
            GlobalUsings = globals,
            TracksInactiveCode = (flags & 2) != 0,
        };
    }

    private static void WriteId(Writer writer, DeclarationId id)
    {
        writer.Byte((byte)id.Kind);
        writer.Varint(id.Parts.Count);
        foreach (var part in id.Parts)
        {
            writer.Name(part);
        }

        writer.Name(id.Parameters);
        writer.Varint(id.NamespaceDepth + 1);
        writer.Name(id.ResolvedParameters);
        writer.Name(id.ResolvedName);
        writer.Varint(id.Alternates.Count);
        foreach (var alternate in id.Alternates)
        {
            WriteId(writer, alternate);
        }
    }

    private static DeclarationId ReadId(Reader reader)
    {
        var kind = reader.Byte();
        if (kind > (byte)SymbolKind.Event)
        {
            throw new FormatException();
        }

        var parts = new string[reader.Count()];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = reader.Name() ?? throw new FormatException();
        }

        var parameters = reader.Name();
        var depth = reader.Varint() - 1;
        var resolvedParameters = reader.Name();
        var resolvedName = reader.Name();
        var alternateCount = reader.Count();
        var alternates = alternateCount == 0 ? Array.Empty<DeclarationId>() : new DeclarationId[alternateCount];
        for (var i = 0; i < alternates.Length; i++)
        {
            alternates[i] = ReadId(reader);
        }

        return new DeclarationId((SymbolKind)kind, parts, parameters, depth)
        {
            ResolvedParameters = resolvedParameters,
            ResolvedName = resolvedName,
            Alternates = alternates,
        };
    }

    // Ties an entry to the key it was written for: an entry copied or renamed to another blob's name is refused.
    private static ulong KeyCheck(string context, string blobId)
    {
        var bytes = Encoding.UTF8.GetBytes(context + "\n" + blobId);
        return Checksum(bytes, bytes.Length);
    }

    // FNV-1a over 64-bit words, then the remaining bytes: catches truncation and flipped bits (it is not
    // a defence against a writer that means harm; see docs/ci.md).
    internal static ulong Checksum(byte[] bytes, int length)
    {
        const ulong Prime = 1099511628211UL;
        var hash = 14695981039346656037UL;
        var i = 0;
        for (; i + 8 <= length; i += 8)
        {
            hash = (hash ^ ReadUInt64(bytes, i)) * Prime;
            hash ^= hash >> 29;
        }

        for (; i < length; i++)
        {
            hash = (hash ^ bytes[i]) * Prime;
        }

        return hash ^ (ulong)length;
    }

    private static ulong ReadUInt64(byte[] bytes, int at)
    {
        ulong value = 0;
        for (var i = 7; i >= 0; i--)
        {
            value = (value << 8) | bytes[at + i];
        }

        return value;
    }

    private static void WriteUInt64(byte[] bytes, int at, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            bytes[at + i] = (byte)(value >> (8 * i));
        }
    }

    private sealed class Writer : IDisposable
    {
        private readonly MemoryStream stream;
        private readonly Dictionary<string, int> names = new(StringComparer.Ordinal);

        public Writer(MemoryStream stream) => this.stream = stream;

        public void Dispose()
        {
        }

        public void Raw(byte[] bytes) => stream.Write(bytes, 0, bytes.Length);

        public void Byte(byte value) => stream.WriteByte(value);

        public void Varint(int value)
        {
            var v = (uint)value;
            while (v >= 0x80)
            {
                stream.WriteByte((byte)(v | 0x80));
                v >>= 7;
            }

            stream.WriteByte((byte)v);
        }

        public void UInt64(ulong value)
        {
            for (var i = 0; i < 8; i++)
            {
                stream.WriteByte((byte)(value >> (8 * i)));
            }
        }

        public void String(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            Varint(bytes.Length);
            Raw(bytes);
        }

        // 0: null; 1: a new string follows; n >= 2: the string stored as the (n-2)th new one.
        public void Name(string? value)
        {
            if (value is null)
            {
                Varint(0);
            }
            else if (names.TryGetValue(value, out var index))
            {
                Varint(index + 2);
            }
            else
            {
                names[value] = names.Count;
                Varint(1);
                String(value);
            }
        }

        // 0: a fingerprint's 8 bytes follow; 1: a string follows (an empty inactive-code text, say).
        public void Fingerprint(string value)
        {
            if (Symbols.Fingerprint.IsFingerprint(value))
            {
                Byte(0);
                for (var i = 0; i < 16; i += 2)
                {
                    stream.WriteByte((byte)((Nibble(value[i]) << 4) | Nibble(value[i + 1])));
                }
            }
            else
            {
                Byte(1);
                String(value);
            }
        }

        public void Position(TextPosition position)
        {
            Varint(position.Line);
            Varint(position.Column);
        }

        private static int Nibble(char c) => c <= '9' ? c - '0' : c - 'a' + 10;
    }

    private sealed class Reader
    {
        private const string HexDigits = "0123456789abcdef";
        private readonly byte[] bytes;
        private readonly int end;
        private readonly List<string> names = new(128);
        private readonly char[] hex = new char[16];
        private int at;

        public Reader(byte[] bytes, int end)
        {
            this.bytes = bytes;
            this.end = end;
        }

        public bool AtEnd => at == end;

        public byte Byte() => at < end ? bytes[at++] : throw new FormatException();

        public int Varint()
        {
            uint value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = Byte();
                value |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value <= int.MaxValue ? (int)value : throw new FormatException();
                }
            }

            throw new FormatException();
        }

        // A count of items that each take at least one byte: never more than the bytes left.
        public int Count()
        {
            var count = Varint();
            return count <= end - at ? count : throw new FormatException();
        }

        public ulong UInt64()
        {
            if (end - at < 8)
            {
                throw new FormatException();
            }

            var value = ReadUInt64(bytes, at);
            at += 8;
            return value;
        }

        public string String()
        {
            var length = Count();
            var value = Encoding.UTF8.GetString(bytes, at, length);
            at += length;
            return value;
        }

        public string? Name()
        {
            var tag = Varint();
            switch (tag)
            {
                case 0:
                    return null;
                case 1:
                    var value = String();
                    names.Add(value);
                    return value;
                default:
                    return tag - 2 < names.Count ? names[tag - 2] : throw new FormatException();
            }
        }

        public string Fingerprint()
        {
            switch (Byte())
            {
                case 0:
                    if (end - at < 8)
                    {
                        throw new FormatException();
                    }

                    var chars = hex;
                    for (var i = 0; i < 8; i++)
                    {
                        var b = bytes[at++];
                        chars[2 * i] = HexDigits[b >> 4];
                        chars[(2 * i) + 1] = HexDigits[b & 0xF];
                    }

                    return new string(chars);
                case 1:
                    return String();
                default:
                    throw new FormatException();
            }
        }

        public TextPosition Position() => new(Varint(), Varint());
    }
}
