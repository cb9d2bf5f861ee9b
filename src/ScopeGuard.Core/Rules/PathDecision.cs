using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Patterns;

namespace ScopeGuard.Core.Rules;

/// <summary>The verdict for one path and the rule that decided it.</summary>
/// <param name="Path">The path.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Rule">The deciding pattern, or <see langword="null"/> for default deny.</param>
public sealed record PathDecision(string Path, PathVerdict Verdict, ManifestEntry<PathPattern>? Rule)
{
    /// <summary>Gets a value indicating whether the agent may write the path.</summary>
    public bool Allowed => Verdict == PathVerdict.Granted;

    /// <summary>Gets the deciding rule as text: the pattern and its origin, or "default deny".</summary>
    public string RuleText => Rule is null ? "default deny" : $"{Rule.Origin}: {Rule.Pattern.Text}";
}
