using System;
using ScopeGuard.Core.Manifest;

namespace ScopeGuard.Core.Rules;

/// <summary>
/// The one place that decides a check's mode and its findings' severity, for the evaluator, every
/// reporter's header and the analyzer alike.
/// </summary>
public static class Severities
{
    /// <summary>
    /// Gets the mode a check runs in: <c>--mode</c> when given, else the agent's mode, else, with no
    /// agent, <c>block</c> when <c>unknownAgent</c> refuses unidentified committers (SG0006 is a refusal
    /// whatever <c>settings.mode</c> says) and <c>settings.mode</c> otherwise.
    /// </summary>
    /// <param name="manifest">The manifest that judges.</param>
    /// <param name="agent">The agent, or <see langword="null"/> when none was identified.</param>
    /// <param name="modeOverride">The <c>--mode</c> option's value.</param>
    /// <returns>The mode.</returns>
    public static ScopeMode EffectiveMode(ScopeManifest manifest, AgentScope? agent, ScopeMode? modeOverride)
    {
        if (manifest is null)
        {
            throw new ArgumentNullException(nameof(manifest));
        }

        return modeOverride
            ?? agent?.Mode
            ?? (manifest.Settings.UnknownAgent == UnknownAgentPolicy.Block ? ScopeMode.Block : manifest.Settings.Mode);
    }

    /// <summary>Gets the severity a finding has in a mode: errors block, warnings do not.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The severity.</returns>
    public static FindingSeverity Of(ScopeMode mode) => mode == ScopeMode.Block ? FindingSeverity.Error : FindingSeverity.Warning;

    /// <summary>Gets a mode's name as the manifest and <c>--mode</c> spell it.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns><c>block</c> or <c>warn</c>.</returns>
    public static string Name(ScopeMode mode) => mode == ScopeMode.Block ? "block" : "warn";

    /// <summary>Gets a severity's name as compilers and every report format spell it.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns><c>error</c>, <c>warning</c> or <c>note</c>.</returns>
    public static string Name(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Note => "note",
        _ => "warning",
    };

    /// <summary>Parses a mode as the manifest and <c>--mode</c> spell it.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The mode, or <see langword="null"/> when the text names none.</returns>
    public static ScopeMode? ParseMode(string? text) => text switch
    {
        "block" => ScopeMode.Block,
        "warn" => ScopeMode.Warn,
        _ => null,
    };
}
