using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary>
/// <c>scopeguard check</c>: judges what is about to be committed (<c>--staged</c>, the pre-commit
/// hook), a pull request's range (<c>--base</c>, the CI gate), or what is being pushed
/// (<c>--pre-push</c>, the pre-push hook).
/// </summary>
internal sealed class CheckCommand : Command
{
    /// <summary>The formats <c>--format</c> accepts.</summary>
    public static readonly string[] Formats = ["text", "json", "sarif", "github", "markdown"];

    /// <summary>Where CI systems put a pull request's source branch, in the order they are tried.</summary>
    internal static readonly string[] CiBranchVariables =
    [
        "GITHUB_HEAD_REF", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "SYSTEM_PULLREQUEST_SOURCEBRANCH",
        "BITBUCKET_BRANCH", "CIRCLE_BRANCH", "BUILDKITE_BRANCH", "CI_COMMIT_BRANCH", "BUILD_SOURCEBRANCH",
    ];

    public CheckCommand(CliContext context)
        : base("check", "Check changes against the agent's scope: the staged changes (default), a range (--base), or a push (--pre-push).")
    {
        Options.Add(Staged);
        Options.Add(Base);
        Options.Add(Head);
        Options.Add(PrePush);
        Options.Add(ManifestFrom);
        Options.Add(PerCommit);
        Options.Add(AgentOption);
        Options.Add(Format);
        Options.Add(OutputFile);
        Options.Add(Mode);
        Options.Add(ManifestOption);
        Validators.Add(result =>
        {
            // GetResult, not GetValue: GetValue throws here when --base lacks its value, which the parser reports itself.
            var hasBase = result.GetResult(Base) is not null;
            var sources = (result.GetValue(Staged) ? 1 : 0) + (hasBase ? 1 : 0) + (result.GetValue(PrePush) ? 1 : 0);
            if (sources > 1)
            {
                result.AddError("--staged, --base and --pre-push are different sources of changes: give one");
            }

            if (!hasBase && (result.GetResult(Head) is not null || result.GetResult(ManifestFrom) is not null || result.GetValue(PerCommit)))
            {
                result.AddError("--head, --manifest-from and --per-commit go with --base");
            }
        });
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<bool> Staged { get; } = new("--staged")
    {
        Description = "Check the index against HEAD: what the next commit will contain (the default; what the pre-commit hook runs).",
    };

    internal Option<string?> Base { get; } = new("--base")
    {
        Description = "Check the range from the merge base of REF and --head to --head (a pull request), judged by the manifest at REF.",
        HelpName = "REF",
    };

    internal Option<string> Head { get; } = new("--head")
    {
        Description = "The head of the range checked with --base.",
        HelpName = "REF",
        DefaultValueFactory = _ => "HEAD",
    };

    internal Option<bool> PrePush { get; } = new("--pre-push")
    {
        Description = "Check every commit being pushed; reads git's pre-push lines from standard input (what the pre-push hook runs).",
    };

    internal Option<string> ManifestFrom { get; } = CreateManifestFrom();

    internal Option<bool> PerCommit { get; } = new("--per-commit")
    {
        Description = "Name the commit that introduced each finding (range checks).",
    };

    internal Option<string?> AgentOption { get; } = CommonOptions.Agent("Judge the changes as this agent (else SCOPEGUARD_AGENT, git config scopeguard.agent, then the branch; for --base: the CI source branch, then the branch).");

    internal Option<string[]> Format { get; } = CreateFormat();

    internal Option<string[]> OutputFile { get; } = new("--output")
    {
        Description = "Write the report of the --format before it to this file instead of standard output. Repeatable.",
        HelpName = "FILE",
        AllowMultipleArgumentsPerToken = false,
    };

    internal Option<string?> Mode { get; } = CreateMode();

    internal Option<string?> ManifestOption { get; } = CommonOptions.Manifest();

    private static Option<string[]> CreateFormat()
    {
        var option = new Option<string[]>("--format")
        {
            Description = "Output format: text, json, sarif, github or markdown. Repeatable; pair each with an --output after it.",
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => ["text"],
        };
        option.AcceptOnlyFromAmong(Formats);
        return option;
    }

    private static Option<string> CreateManifestFrom()
    {
        var option = new Option<string>("--manifest-from")
        {
            Description = "Which commit's scopes.json judges a range: base (default; an agent cannot widen its own scope) or head.",
            DefaultValueFactory = _ => "base",
        };
        option.AcceptOnlyFromAmong("base", "head");
        return option;
    }

    private static Option<string?> CreateMode()
    {
        var option = new Option<string?>("--mode")
        {
            Description = "Override the manifest's mode: block (findings are errors, exit 1) or warn (warnings, exit 0).",
        };
        option.AcceptOnlyFromAmong("block", "warn");
        return option;
    }

    private int Execute(ParseResult parseResult, CliContext context)
    {
        var outputs = PairOutputs(parseResult);
        var machine = outputs.Any(o => o.Format is "json" && o.File is null);
        using var workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
        ScopeMode? modeOverride = parseResult.GetValue(Mode) switch
        {
            "block" => ScopeMode.Block,
            "warn" => ScopeMode.Warn,
            _ => null,
        };

        IReadOnlyList<CheckReport> reports;
        if (parseResult.GetValue(Base) is { } baseRef)
        {
            var report = CheckRange(parseResult, context, workspace, baseRef, parseResult.GetValue(Head) ?? "HEAD", modeOverride);
            if (report is null)
            {
                return ExitCodes.Error;
            }

            reports = [report];
        }
        else if (parseResult.GetValue(PrePush))
        {
            var pushed = CheckPush(parseResult, context, workspace, modeOverride);
            if (pushed is null)
            {
                return ExitCodes.Error;
            }

            reports = pushed;
        }
        else
        {
            var report = CheckStaged(parseResult, context, workspace, modeOverride, machine);
            if (report is null)
            {
                return ExitCodes.Error;
            }

            reports = [report];
        }

        foreach (var report in reports)
        {
            Emit(context, report, outputs);
        }

        return reports.Any(r => r.ExitCode != ExitCodes.Success) ? ExitCodes.Findings : ExitCodes.Success;
    }

    private CheckReport? CheckStaged(ParseResult parseResult, CliContext context, GitWorkspace workspace, ScopeMode? modeOverride, bool json)
    {
        var (load, _, label) = ManifestSource.LoadForCheck(parseResult.GetValue(ManifestOption), workspace, context.CurrentDirectory);
        if (load.Manifest is null)
        {
            ManifestErrorReporter.Report(context, load, json);
            return null;
        }

        var manifest = load.Manifest;
        var branch = workspace.Branch;
        var (configAgent, configOrigin) = workspace.ReadAgentConfig();
        var identity = AgentIdentity.Resolve(
            manifest,
            new IdentityInputs(parseResult.GetValue(AgentOption), context.Environment("SCOPEGUARD_AGENT"), configAgent, configOrigin, branch));
        var changes = workspace.StagedChanges();
        var findings = new ScopeEvaluator(manifest).Evaluate(identity, branch, changes, modeOverride, workspace.Contents);
        var mode = modeOverride ?? identity.Agent?.Mode ?? manifest.Settings.Mode;
        return new CheckReport("staged", label, identity.Agent, identity.Reason, branch, mode, changes.Count, findings)
        {
            RepositoryRoot = workspace.WorkingDirectory,
        };
    }

    private CheckReport? CheckRange(ParseResult parseResult, CliContext context, GitWorkspace workspace, string baseRef, string headRef, ScopeMode? modeOverride)
    {
        var baseSha = workspace.ResolveCommit(baseRef) ?? throw new ScopeGuardException(MissingRef(workspace, baseRef, "--base"));
        var headSha = workspace.ResolveCommit(headRef) ?? throw new ScopeGuardException(MissingRef(workspace, headRef, "--head"));
        var mergeBase = workspace.MergeBase(baseSha, headSha) ?? throw new ScopeGuardException(
            $"no merge base between {baseRef} ({Short(baseSha)}) and {headRef} ({Short(headSha)}): "
            + (workspace.IsShallow
                ? "this is a shallow clone and the common history was not fetched. Fetch full history (actions/checkout: fetch-depth: 0; GitLab: GIT_DEPTH: 0) or deepen it (git fetch --deepen=200, or git fetch --unshallow)."
                : "the two histories are unrelated. Check that --base names the branch the pull request targets."));

        var fromHead = parseResult.GetValue(ManifestFrom) == "head";
        var notes = new List<string>();
        ManifestLoadResult load;
        string label;
        if (parseResult.GetValue(ManifestOption) is { } manifestFile)
        {
            (load, _, label) = ManifestSource.LoadForQuery(manifestFile, workspace, context.CurrentDirectory);
            notes.Add($"the manifest is the file named by --manifest ({manifestFile}), not the base's: a scope the change widens is not caught");
        }
        else
        {
            var manifestCommit = fromHead ? headSha : baseSha;
            var bytes = workspace.ReadAt(manifestCommit, ManifestLoader.FileName) ?? throw new ScopeGuardException(
                $"{headRef} and {baseRef} are checked against {ManifestLoader.FileName} as committed at {(fromHead ? headRef : baseRef)} ({Short(manifestCommit)}), which has none: commit a manifest to the base branch first");
            label = $"{ManifestLoader.FileName} at {(fromHead ? "head" : "base")} {(fromHead ? headRef : baseRef)} ({Short(manifestCommit)})";
            load = ManifestSource.Decode(bytes, ManifestLoader.FileName);
            if (fromHead)
            {
                notes.Add("--manifest-from head: the pull request's own scopes.json judges it, so a scope it widens for itself is not caught; the base's manifest is the safe default");
            }
        }

        if (load.Manifest is null)
        {
            ManifestErrorReporter.Report(context, load, json: false);
            return null;
        }

        var manifest = load.Manifest;
        var (ciBranch, ciVariable) = CiBranch(context);
        var branch = ciBranch ?? workspace.Branch;
        var identity = AgentIdentity.Resolve(manifest, new IdentityInputs(parseResult.GetValue(AgentOption), null, null, null, branch, ciVariable));
        var changes = workspace.CommitChanges(mergeBase, headSha);
        var evaluator = new ScopeEvaluator(manifest);
        IReadOnlyList<Finding> findings = evaluator.Evaluate(identity, branch, changes, modeOverride, workspace.Contents);
        var commits = workspace.CommitsBetween(mergeBase, headSha);
        if (parseResult.GetValue(PerCommit))
        {
            findings = Attribute(findings, commits, workspace, evaluator, identity, branch, modeOverride);
        }

        var mode = modeOverride ?? identity.Agent?.Mode ?? manifest.Settings.Mode;
        return new CheckReport($"range {Short(mergeBase)}..{Short(headSha)}", label, identity.Agent, identity.Reason, branch, mode, changes.Count, findings)
        {
            Range = new RangeInfo(baseRef, baseSha, headRef, headSha, mergeBase, commits.Count),
            Notes = notes,
            RepositoryRoot = workspace.WorkingDirectory,
        };
    }

    // git's pre-push input: "<local ref> <local sha> <remote ref> <remote sha>" per line.
    private List<CheckReport>? CheckPush(ParseResult parseResult, CliContext context, GitWorkspace workspace, ScopeMode? modeOverride)
    {
        const string zero = "0000000000000000000000000000000000000000";
        var reports = new List<CheckReport>();
        string? line;
        while ((line = context.Input.ReadLine()) is not null)
        {
            var fields = line.Split(' ');
            if (fields.Length != 4)
            {
                continue;
            }

            var (localRef, localSha, remoteSha) = (fields[0], fields[1], fields[3]);
            if (localSha.Trim('0').Length == 0 || workspace.ResolveCommit(localSha) is null)
            {
                continue; // a deletion, or nothing local to check
            }

            // An existing remote branch: check what is new since it. A new branch: since it left
            // the base branch (or everything, when there is no base branch here).
            string? exclude = remoteSha != zero && workspace.ResolveCommit(remoteSha) is { } known ? known : null;
            var (load, _, label) = ManifestSource.LoadForCheck(parseResult.GetValue(ManifestOption), workspace, context.CurrentDirectory);
            if (load.Manifest is null)
            {
                ManifestErrorReporter.Report(context, load, json: false);
                return null;
            }

            var manifest = load.Manifest;
            if (exclude is null)
            {
                var baseSha = workspace.ResolveCommit("refs/remotes/origin/" + manifest.Settings.BaseBranch) ?? workspace.ResolveCommit("refs/heads/" + manifest.Settings.BaseBranch);
                exclude = baseSha is null ? null : workspace.MergeBase(baseSha, localSha);
            }

            var branch = localRef.StartsWith("refs/heads/", StringComparison.Ordinal) ? localRef["refs/heads/".Length..] : null;
            var (configAgent, configOrigin) = workspace.ReadAgentConfig();
            var identity = AgentIdentity.Resolve(
                manifest,
                new IdentityInputs(parseResult.GetValue(AgentOption), context.Environment("SCOPEGUARD_AGENT"), configAgent, configOrigin, branch, branch is null ? null : "the pushed ref"));
            var changes = workspace.CommitChanges(exclude, localSha);
            var findings = new ScopeEvaluator(manifest).Evaluate(identity, branch, changes, modeOverride, workspace.Contents);
            var mode = modeOverride ?? identity.Agent?.Mode ?? manifest.Settings.Mode;
            reports.Add(new CheckReport($"push of {localRef} ({(exclude is null ? "all history" : Short(exclude))}..{Short(localSha)})", label, identity.Agent, identity.Reason, branch, mode, changes.Count, findings)
            {
                RepositoryRoot = workspace.WorkingDirectory,
            });
        }

        return reports;
    }

    // Finds, for each finding of the whole range, the first commit whose own change produces it
    // (else the first commit that touched its path).
    private static List<Finding> Attribute(IReadOnlyList<Finding> findings, IReadOnlyList<(string Sha, string? Parent)> commits, GitWorkspace workspace, ScopeEvaluator evaluator, AgentIdentity identity, string? branch, ScopeMode? modeOverride)
    {
        var perCommit = commits.Select(c =>
        {
            var changes = workspace.CommitChanges(c.Parent, c.Sha);
            var own = evaluator.Evaluate(identity, branch, changes, modeOverride, workspace.Contents);
            return (c.Sha, Findings: own, Paths: changes.SelectMany(x => x.TouchedPaths).ToHashSet(StringComparer.Ordinal));
        }).ToList();

        return findings.Select(f =>
        {
            var exact = perCommit.FirstOrDefault(c => c.Findings.Any(o => o.Id == f.Id && o.Path == f.Path && o.Symbol == f.Symbol));
            var commit = exact.Sha ?? perCommit.FirstOrDefault(c => f.Path is not null && c.Paths.Contains(f.Path)).Sha;
            return f with { Commit = commit };
        }).ToList();
    }

    private static (string? Branch, string? Variable) CiBranch(CliContext context)
    {
        foreach (var name in CiBranchVariables)
        {
            var value = context.Environment(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (value.StartsWith("refs/heads/", StringComparison.Ordinal))
            {
                return (value["refs/heads/".Length..], name);
            }

            if (value.StartsWith("refs/", StringComparison.Ordinal))
            {
                continue; // refs/pull/N/merge and the like name no branch
            }

            return (value, name);
        }

        return (null, null);
    }

    private static string MissingRef(GitWorkspace workspace, string reference, string option) =>
        $"{option} '{reference}' names no commit in this repository"
        + (workspace.IsShallow
            ? ": this is a shallow clone; fetch the branch and its history (actions/checkout: fetch-depth: 0; or git fetch origin " + reference.Replace("origin/", string.Empty, StringComparison.Ordinal) + " --deepen=200)"
            : ": fetch it first (git fetch origin), or name it as the CI system does (e.g. origin/main)");

    private static string Short(string sha) => sha.Length > 10 ? sha[..10] : sha;

    // Pairs each --output with the --format before it, in command-line order.
    private static List<(string Format, string? File)> PairOutputs(ParseResult parseResult)
    {
        var pairs = new List<(string Format, string? File)>();
        string? pendingOutput = null;
        var tokens = parseResult.Tokens;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            var name = tokens[i].Value;
            var value = tokens[i + 1].Value;
            if (name == "--format")
            {
                pairs.Add((value, pendingOutput));
                pendingOutput = null;
                i++;
            }
            else if (name == "--output")
            {
                if (pairs.Count > 0 && pairs[^1].File is null)
                {
                    pairs[^1] = (pairs[^1].Format, value);
                }
                else if (pairs.Count == 0 && pendingOutput is null)
                {
                    pendingOutput = value;
                }
                else
                {
                    throw new ScopeGuardException($"--output {value} has no --format of its own before it: write --format FORMAT --output FILE for each report");
                }

                i++;
            }
        }

        if (pairs.Count == 0)
        {
            pairs.Add(("text", pendingOutput));
        }
        else if (pendingOutput is not null)
        {
            throw new ScopeGuardException($"--output {pendingOutput} comes before any --format: write --format FORMAT --output FILE");
        }

        if (pairs.Count(p => p.File is null) > 1)
        {
            throw new ScopeGuardException("only one report can go to standard output: give the other formats an --output FILE each");
        }

        return pairs;
    }

    private static void Emit(CliContext context, CheckReport report, List<(string Format, string? File)> outputs)
    {
        foreach (var (format, file) in outputs)
        {
            if (file is null)
            {
                Write(context, context.Output, report, format, context.Color);
                continue;
            }

            var full = Path.GetFullPath(Path.Combine(context.CurrentDirectory, file));
            using (var writer = new StreamWriter(full, append: false, new System.Text.UTF8Encoding(false)))
            {
                Write(context, writer, report, format, color: false);
            }

            if (outputs.All(o => o.File is not null))
            {
                context.Output.WriteLine($"scopeguard: {report.Errors} error(s), {report.Warnings} warning(s); {report.Verdict}; {format} report written to {file}");
            }
        }
    }

    private static void Write(CliContext context, TextWriter writer, CheckReport report, string format, bool color)
    {
        switch (format)
        {
            case "json": JsonReporter.Write(writer, report); break;
            case "sarif": SarifReporter.Write(writer, report); break;
            case "github": GitHubReporter.Write(writer, report, context.Environment("GITHUB_STEP_SUMMARY")); break;
            case "markdown": MarkdownReporter.Write(writer, report); break;
            default: TextReporter.Write(writer, report, color); break;
        }
    }
}
