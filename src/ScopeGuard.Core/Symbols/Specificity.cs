using System;

namespace ScopeGuard.Core.Symbols;

/// <summary>How specifically a pattern names a declaration; larger is more specific.</summary>
/// <param name="Length">How many name parts the pattern's target has.</param>
/// <param name="KindWeight">0 for N:, 1 for T:, 2 for members.</param>
/// <param name="ExactParameters">1 when the parameters were named (or the kind has none), 0 for <c>(*)</c>.</param>
/// <param name="Literals">Minus the number of wildcards.</param>
public readonly record struct Specificity(int Length, int KindWeight, int ExactParameters, int Literals) : IComparable<Specificity>
{
    /// <inheritdoc/>
    public int CompareTo(Specificity other)
    {
        var c = Length.CompareTo(other.Length);
        if (c == 0)
        {
            c = KindWeight.CompareTo(other.KindWeight);
        }

        if (c == 0)
        {
            c = ExactParameters.CompareTo(other.ExactParameters);
        }

        return c != 0 ? c : Literals.CompareTo(other.Literals);
    }

    /// <summary>Compares two specificities.</summary>
    /// <param name="left">The left.</param>
    /// <param name="right">The right.</param>
    /// <returns>Whether left is more specific.</returns>
    public static bool operator >(Specificity left, Specificity right) => left.CompareTo(right) > 0;

    /// <summary>Compares two specificities.</summary>
    /// <param name="left">The left.</param>
    /// <param name="right">The right.</param>
    /// <returns>Whether left is less specific.</returns>
    public static bool operator <(Specificity left, Specificity right) => left.CompareTo(right) < 0;

    /// <summary>Compares two specificities.</summary>
    /// <param name="left">The left.</param>
    /// <param name="right">The right.</param>
    /// <returns>Whether left is at least as specific.</returns>
    public static bool operator >=(Specificity left, Specificity right) => left.CompareTo(right) >= 0;

    /// <summary>Compares two specificities.</summary>
    /// <param name="left">The left.</param>
    /// <param name="right">The right.</param>
    /// <returns>Whether left is at most as specific.</returns>
    public static bool operator <=(Specificity left, Specificity right) => left.CompareTo(right) <= 0;
}
