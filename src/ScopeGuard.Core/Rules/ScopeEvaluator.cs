using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Patterns;

namespace ScopeGuard.Core.Rules;

/// <summary>Judges change sets against a manifest and produces findings.</summary>
public sealed class ScopeEvaluator
{
    private readonly ScopeManifest manifest;

    /// <summary>Initializes a new instance of the <see cref="ScopeEvaluator"/> class.</summary>
    /// <param name="manifest">The manifest to judge by.</param>
    public ScopeEvaluator(ScopeManifest manifest)
    {
        this.manifest = manifest ?? throw new ArgumentNullException(nameof(manifest));
    }

    /// <summary>
    /// Decides whether an agent may write a path: protected paths first, then deny, then paths,
    /// else default deny.
    /// </summary>
    /// <param name="agent">The agent.</param>
    /// <param name="path">The repository-relative path.</param>
    /// <param name="isDirectory">Whether the path is a directory or submodule.</param>
    /// <returns>The decision and the rule that made it.</returns>
    public PathDecision Decide(AgentScope agent, string path, bool isDirectory = false)
    {
        if (agent is null)
        {
            throw new ArgumentNullException(nameof(agent));
        }

        var bytes = Encoding.UTF8.GetBytes(path);
        var guarded = First(manifest.Settings.ProtectedPaths, bytes, isDirectory);
        if (guarded is not null)
        {
            return new PathDecision(path, PathVerdict.Protected, guarded);
        }

        var denied = First(agent.Deny, bytes, isDirectory);
        if (denied is not null)
        {
            return new PathDecision(path, PathVerdict.Denied, denied);
        }

        var granted = First(agent.Paths, bytes, isDirectory);
        return granted is not null
            ? new PathDecision(path, PathVerdict.Granted, granted)
            : new PathDecision(path, PathVerdict.NotGranted, null);
    }

    /// <summary>Judges a change set.</summary>
    /// <param name="identity">Who made the changes.</param>
    /// <param name="branch">The branch being committed to, or <see langword="null"/> when detached.</param>
    /// <param name="changes">The changes.</param>
    /// <param name="modeOverride">A mode that overrides the manifest's (the <c>--mode</c> option).</param>
    /// <returns>The findings, in path order.</returns>
    public IReadOnlyList<Finding> Evaluate(AgentIdentity identity, string? branch, IEnumerable<FileChange> changes, ScopeMode? modeOverride = null)
    {
        if (identity is null)
        {
            throw new ArgumentNullException(nameof(identity));
        }

        if (changes is null)
        {
            throw new ArgumentNullException(nameof(changes));
        }

        var findings = new List<Finding>();
        var agent = identity.Agent;
        if (agent is null)
        {
            if (manifest.Settings.UnknownAgent == UnknownAgentPolicy.Block)
            {
                var severity = ToSeverity(modeOverride ?? ScopeMode.Block);
                findings.Add(new Finding(
                    DiagnosticIds.UnknownAgent,
                    severity,
                    null,
                    null,
                    1,
                    1,
                    null,
                    "settings.unknownAgent: block",
                    Messages.UnknownAgent(identity.Reason, manifest.Path)));
            }

            return findings;
        }

        var mode = ToSeverity(modeOverride ?? agent.Mode);
        if (branch is not null)
        {
            var protectedBranch = manifest.Settings.ProtectedBranches.FirstOrDefault(b => b.Pattern.Matches(branch));
            if (protectedBranch is not null)
            {
                findings.Add(new Finding(
                    DiagnosticIds.ProtectedBranch,
                    mode,
                    agent.Name,
                    null,
                    1,
                    1,
                    null,
                    $"{protectedBranch.Origin}: {protectedBranch.Source}",
                    Messages.ProtectedBranch(agent.Name, branch, protectedBranch.Source)));
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes.OrderBy(c => c.Path, StringComparer.Ordinal))
        {
            foreach (var path in change.TouchedPaths)
            {
                if (!seen.Add(path))
                {
                    continue;
                }

                var decision = Decide(agent, path, change.IsSubmodule(path));
                if (decision.Allowed)
                {
                    continue;
                }

                var how = Messages.HowChanged(change, path);
                var finding = decision.Verdict == PathVerdict.Protected
                    ? new Finding(DiagnosticIds.ProtectedPath, mode, agent.Name, path, 1, 1, null, decision.RuleText, Messages.ProtectedPath(agent.Name, path, how, decision.Rule!.Source))
                    : new Finding(DiagnosticIds.PathOutOfScope, mode, agent.Name, path, 1, 1, null, decision.RuleText, Messages.PathOutOfScope(agent, path, how, decision));
                findings.Add(finding);
            }
        }

        return findings;
    }

    private static FindingSeverity ToSeverity(ScopeMode mode) => mode == ScopeMode.Block ? FindingSeverity.Error : FindingSeverity.Warning;

    private static ManifestEntry<PathPattern>? First(IReadOnlyList<ManifestEntry<PathPattern>> rules, byte[] path, bool isDirectory)
    {
        foreach (var rule in rules)
        {
            if (rule.Pattern.Matches(path, isDirectory))
            {
                return rule;
            }
        }

        return null;
    }
}
