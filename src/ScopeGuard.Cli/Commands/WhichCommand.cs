using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Rules;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary><c>scopeguard which PATH…</c>: which agents may write these paths, and the rule that decided.</summary>
internal sealed class WhichCommand : Command
{
    public WhichCommand(CliContext context)
        : base("which", "Say which agents may write each path, and which rule decided.")
    {
        Arguments.Add(Paths);
        Options.Add(Symbols);
        Options.Add(AgentOption);
        Options.Add(Format);
        Options.Add(ManifestOption);
        Validators.Add(result =>
        {
            // Count tokens rather than GetValue: GetValue throws while validating when an option lacks its
            // value ('which a --symbol'), which the parser reports as its own error.
            var paths = result.GetResult(Paths)?.Tokens.Count ?? 0;
            var symbols = result.GetResult(Symbols)?.Tokens.Count ?? 0;
            var json = result.GetResult(Format)?.Tokens is { Count: > 0 } format && format[^1].Value == "json";
            if (paths == 0 && symbols == 0)
            {
                result.AddError("name at least one path, or a symbol with --symbol");
            }
            else if (paths > 0 && symbols > 0 && json)
            {
                result.AddError("with --format json, ask about paths or about --symbol, not both in one call");
            }
        });

        // The parser hands a mistyped option (--agnet) to the paths argument; refuse it rather than
        // answer for a path nobody meant.
        Paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-')
                {
                    result.AddError($"unknown option '{token.Value}' for 'which' (write ./{token.Value} for a path that starts with '-')");
                }
            }
        });
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Argument<string[]> Paths { get; } = new("paths")
    {
        Description = "Paths relative to the current directory; '-' reads more paths from standard input, one per line.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    internal Option<string[]> Symbols { get; } = new("--symbol")
    {
        Description = "A C# symbol's documentation comment ID (as 'scopeguard symbols' prints it): which symbol rule of each agent decides for it. Repeatable.",
        HelpName = "ID",
        AllowMultipleArgumentsPerToken = false,
    };

    internal Option<string?> AgentOption { get; } = CommonOptions.Agent("Answer for this agent only: exit 1 when any path is not allowed.");

    internal Option<string> Format { get; } = CommonOptions.Format("text", "json");

    internal Option<string?> ManifestOption { get; } = CommonOptions.Manifest();

    private int Execute(ParseResult parseResult, CliContext context)
    {
        GitWorkspace? workspace = null;
        try
        {
            var manifestOption = parseResult.GetValue(ManifestOption);
            try
            {
                workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
            }
            catch (ScopeGuardException) when (manifestOption is not null)
            {
                // Outside a repository the paths are taken as repository-relative, as typed.
            }

            var json = parseResult.GetValue(Format) == "json";
            var (load, _, label) = ManifestSource.LoadForQuery(manifestOption, workspace, context.CurrentDirectory);
            if (load.Manifest is null)
            {
                return ReportEmitter.ReportManifestErrors(context, load, label, "which", json);
            }

            var manifest = load.Manifest;
            var symbols = parseResult.GetValue(Symbols) ?? [];
            if (symbols.Length > 0)
            {
                SymbolAnswers.Write(context.Output, manifest, symbols, parseResult.GetValue(AgentOption), json);
            }

            // Deny and protected paths match every case of a name where git says the file system folds case.
            var evaluator = new ScopeEvaluator(manifest, new PathMatchOptions(workspace?.IgnoreCase ?? false));
            var paths = ReadPaths(parseResult.GetValue(Paths) ?? [], context)
                .Select(p => Normalize(p, workspace, context.CurrentDirectory))
                .ToList();

            if (paths.Count == 0)
            {
                return ExitCodes.Success;
            }

            var agentName = parseResult.GetValue(AgentOption);
            if (agentName is not null)
            {
                var agent = manifest.FindAgent(agentName)
                    ?? throw new ScopeGuardException(Messages.UndeclaredAgent("--agent", agentName, manifest));
                var decisions = paths.Select(p => evaluator.Decide(agent, p.Path, p.IsDirectory)).ToList();
                WriteForAgent(context.Output, decisions, json);
                return decisions.All(d => d.Allowed) ? ExitCodes.Success : ExitCodes.Findings;
            }

            var table = paths.Select(p => (p.Path, Decisions: manifest.Agents.Select(a => (a.Name, Decision: evaluator.Decide(a, p.Path, p.IsDirectory))).ToList())).ToList();
            WriteForAll(context.Output, table, json);
            return ExitCodes.Success;
        }
        finally
        {
            workspace?.Dispose();
        }
    }

    private static IEnumerable<string> ReadPaths(string[] arguments, CliContext context)
    {
        foreach (var argument in arguments)
        {
            if (argument != "-")
            {
                yield return argument;
                continue;
            }

            string? line;
            while ((line = context.Input.ReadLine()) is not null)
            {
                if (line.Length > 0)
                {
                    yield return line;
                }
            }
        }
    }

    private static (string Path, bool IsDirectory) Normalize(string typed, GitWorkspace? workspace, string currentDirectory)
    {
        var isDirectory = typed.EndsWith('/') || typed.EndsWith(Path.DirectorySeparatorChar);
        string path;
        if (workspace is not null)
        {
            path = workspace.ToRepositoryPath(typed, currentDirectory);
        }
        else
        {
            path = typed.Replace('\\', '/');
            while (path.StartsWith("./", StringComparison.Ordinal))
            {
                path = path[2..];
            }

            path = path.TrimStart('/');
        }

        path = path.TrimEnd('/');
        if (path.Length == 0)
        {
            throw new ScopeGuardException($"'{typed}' is the repository root, not a path inside it");
        }

        return (path, isDirectory);
    }

    private static void WriteForAgent(TextWriter output, List<PathDecision> decisions, bool json)
    {
        if (!json)
        {
            foreach (var d in decisions)
            {
                output.WriteLine($"{d.Path}: {(d.Allowed ? "allowed" : Verdict(d))} ({d.RuleText})");
            }

            return;
        }

        WriteJson(output, writer =>
        {
            writer.WriteStartArray();
            foreach (var d in decisions)
            {
                writer.WriteStartObject();
                writer.WriteString("path", d.Path);
                writer.WriteBoolean("allowed", d.Allowed);
                writer.WriteString("verdict", VerdictName(d.Verdict));
                writer.WriteString("rule", d.RuleText);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    private static void WriteForAll(TextWriter output, List<(string Path, List<(string Name, PathDecision Decision)> Decisions)> table, bool json)
    {
        if (!json)
        {
            foreach (var (path, decisions) in table)
            {
                var allowed = decisions.Where(d => d.Decision.Allowed).ToList();
                var guarded = decisions.FirstOrDefault(d => d.Decision.Verdict == PathVerdict.Protected);
                if (guarded.Decision is not null)
                {
                    output.WriteLine($"{path}: no agent (protected: {guarded.Decision.RuleText})");
                }
                else if (allowed.Count == 0)
                {
                    output.WriteLine($"{path}: no agent");
                }
                else
                {
                    output.WriteLine($"{path}: {string.Join(", ", allowed.Select(a => $"{a.Name} ({a.Decision.RuleText})"))}");
                }
            }

            return;
        }

        WriteJson(output, writer =>
        {
            writer.WriteStartArray();
            foreach (var (path, decisions) in table)
            {
                writer.WriteStartObject();
                writer.WriteString("path", path);
                writer.WriteStartArray("agents");
                foreach (var (name, d) in decisions)
                {
                    writer.WriteStartObject();
                    writer.WriteString("agent", name);
                    writer.WriteBoolean("allowed", d.Allowed);
                    writer.WriteString("verdict", VerdictName(d.Verdict));
                    writer.WriteString("rule", d.RuleText);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    private static string Verdict(PathDecision d) => d.Verdict switch
    {
        PathVerdict.Protected => "not allowed: protected",
        PathVerdict.Denied => "not allowed: denied",
        _ => "not allowed",
    };

    private static string VerdictName(PathVerdict verdict) => verdict switch
    {
        PathVerdict.Granted => "granted",
        PathVerdict.Denied => "denied",
        PathVerdict.Protected => "protected",
        _ => "not-granted",
    };

    private static void WriteJson(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
