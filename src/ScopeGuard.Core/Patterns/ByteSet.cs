namespace ScopeGuard.Core.Patterns;

/// <summary>A set of byte values, as a 256-bit mask.</summary>
internal readonly record struct ByteSet(ulong W0, ulong W1, ulong W2, ulong W3)
{
    /// <summary>Gets the empty set.</summary>
    internal static ByteSet Empty => default;

    /// <summary>Gets every byte.</summary>
    internal static ByteSet All => new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    /// <summary>Makes a set of one byte.</summary>
    /// <param name="b">The byte.</param>
    /// <returns>The set.</returns>
    internal static ByteSet Of(byte b) => Empty.With(b);

    /// <summary>Tests a byte.</summary>
    /// <param name="b">The byte.</param>
    /// <returns>Whether it is in the set.</returns>
    internal bool Contains(byte b) => ((b >> 6) switch { 0 => W0, 1 => W1, 2 => W2, _ => W3 } & (1UL << (b & 63))) != 0;

    /// <summary>Adds a byte.</summary>
    /// <param name="b">The byte.</param>
    /// <returns>The new set.</returns>
    internal ByteSet With(byte b)
    {
        var bit = 1UL << (b & 63);
        return (b >> 6) switch
        {
            0 => this with { W0 = W0 | bit },
            1 => this with { W1 = W1 | bit },
            2 => this with { W2 = W2 | bit },
            _ => this with { W3 = W3 | bit },
        };
    }

    /// <summary>Removes a byte.</summary>
    /// <param name="b">The byte.</param>
    /// <returns>The new set.</returns>
    internal ByteSet Without(byte b)
    {
        var bit = ~(1UL << (b & 63));
        return (b >> 6) switch
        {
            0 => this with { W0 = W0 & bit },
            1 => this with { W1 = W1 & bit },
            2 => this with { W2 = W2 & bit },
            _ => this with { W3 = W3 & bit },
        };
    }
}
