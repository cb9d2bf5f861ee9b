using System;
using System.Security.Cryptography;
using System.Text;

namespace ScopeGuard.Core.Symbols;

/// <summary>
/// A short, stable fingerprint of a text: the first 64 bits of the SHA-256 of its UTF-8 bytes, as
/// 16 lowercase hex digits. The same on every platform and runtime, so a fingerprint written by the
/// CLI compares equal to one computed inside the compiler.
/// </summary>
public static class Fingerprint
{
    /// <summary>The number of characters of a fingerprint.</summary>
    public const int Length = 16;

    [ThreadStatic]
    private static SHA256? sha;

    /// <summary>Computes the fingerprint of a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>16 hex digits.</returns>
    public static string Of(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        sha ??= SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var chars = new char[Length];
        for (var i = 0; i < Length / 2; i++)
        {
            chars[2 * i] = Hex(hash[i] >> 4);
            chars[(2 * i) + 1] = Hex(hash[i] & 0xF);
        }

        return new string(chars);
    }

    /// <summary>Gets a value indicating whether a string has the shape of a fingerprint.</summary>
    /// <param name="text">The string.</param>
    /// <returns>Whether it is 16 lowercase hex digits.</returns>
    public static bool IsFingerprint(string text)
    {
        if (text is null || text.Length != Length)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    private static char Hex(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
