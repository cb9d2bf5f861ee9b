using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Patterns;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;
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

            var declarations = new DeclarationReader(workspace, context.CurrentDirectory, manifest.Agents.Any(a => !a.Symbols.IsEmpty));
            var agentName = parseResult.GetValue(AgentOption);
            if (agentName is not null)
            {
                var agent = manifest.FindAgent(agentName)
                    ?? throw new ScopeGuardException(Messages.UndeclaredAgent("--agent", agentName, manifest));
                var answers = paths.Select(p => Answer(evaluator, agent, p.Path, p.IsDirectory, declarations)).ToList();
                WriteForAgent(context.Output, answers, json);
                return answers.All(a => a.Decision.Allowed && !a.Partly) ? ExitCodes.Success : ExitCodes.Findings;
            }

            var table = paths.Select(p => (p.Path, Answers: manifest.Agents.Select(a => (a.Name, Answer: Answer(evaluator, a, p.Path, p.IsDirectory, declarations))).ToList())).ToList();
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

    // A C# file's declarations that the agent's symbol rules decide for: they are judged by those
    // rules whatever the path says (except on a protected path, which no agent may change at all).
    private static PathAnswer Answer(ScopeEvaluator evaluator, AgentScope agent, string path, bool isDirectory, DeclarationReader declarations)
    {
        var decision = evaluator.Decide(agent, path, isDirectory);
        if (isDirectory || agent.Symbols.IsEmpty || decision.Verdict == PathVerdict.Protected || declarations.Read(path) is not { } found)
        {
            return new PathAnswer(decision, []);
        }

        return new PathAnswer(decision, SymbolAnswers.InFile(agent, found));
    }

    private static void WriteForAgent(TextWriter output, List<PathAnswer> answers, bool json)
    {
        if (!json)
        {
            foreach (var a in answers)
            {
                var d = a.Decision;
                output.WriteLine(a.Partly
                    ? $"{d.Path}: partly: {string.Join(", ", a.Symbols)}; the rest {(d.Allowed ? "allowed" : Verdict(d))} ({d.RuleText})"
                    : $"{d.Path}: {(d.Allowed ? "allowed" : Verdict(d))} ({d.RuleText})");
            }

            return;
        }

        WriteJson(output, writer =>
        {
            writer.WriteStartArray();
            foreach (var a in answers)
            {
                writer.WriteStartObject();
                writer.WriteString("path", a.Decision.Path);
                WriteAnswer(writer, a);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    private static void WriteForAll(TextWriter output, List<(string Path, List<(string Name, PathAnswer Answer)> Answers)> table, bool json)
    {
        if (!json)
        {
            foreach (var (path, answers) in table)
            {
                output.WriteLine($"{path}: {DescribeAgents(answers)}");
            }

            return;
        }

        WriteJson(output, writer =>
        {
            writer.WriteStartArray();
            foreach (var (path, answers) in table)
            {
                writer.WriteStartObject();
                writer.WriteString("path", path);
                writer.WriteStartArray("agents");
                foreach (var (name, a) in answers)
                {
                    writer.WriteStartObject();
                    writer.WriteString("agent", name);
                    WriteAnswer(writer, a);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    // One line per path: the agents that may change it, those that may change part of it, and why
    // the others may not (every agent's rule when none may; the deny rules when some may).
    private static string DescribeAgents(List<(string Name, PathAnswer Answer)> answers)
    {
        var guarded = answers.FirstOrDefault(a => a.Answer.Decision.Verdict == PathVerdict.Protected);
        if (guarded.Answer is not null)
        {
            return $"no agent (protected: {guarded.Answer.Decision.RuleText})";
        }

        var parts = new List<string>();
        var allowed = answers.Where(a => a.Answer.Decision.Allowed && !a.Answer.Partly).ToList();
        var partly = answers.Where(a => a.Answer.Partly).ToList();
        var refused = answers.Where(a => !a.Answer.Decision.Allowed && !a.Answer.Partly).ToList();
        if (allowed.Count > 0)
        {
            parts.Add(string.Join(", ", allowed.Select(a => $"{a.Name} ({a.Answer.Decision.RuleText})")));
        }

        if (partly.Count > 0)
        {
            parts.Add("partly: " + string.Join(", ", partly.Select(a =>
                $"{a.Name} ({string.Join(", ", a.Answer.Symbols)}; the rest {(a.Answer.Decision.Allowed ? "allowed" : Verdict(a.Answer.Decision))} ({a.Answer.Decision.RuleText}))")));
        }

        if (parts.Count == 0)
        {
            return refused.Count == 0
                ? "no agent (the manifest declares none)"
                : $"no agent ({string.Join("; ", refused.Select(a => $"{a.Name}: {Refusal(a.Answer.Decision)}"))})";
        }

        var denied = refused.Where(a => a.Answer.Decision.Verdict == PathVerdict.Denied).ToList();
        if (denied.Count > 0)
        {
            parts.Add("denied: " + string.Join(", ", denied.Select(a => $"{a.Name} ({a.Answer.Decision.RuleText})")));
        }

        return string.Join("; ", parts);
    }

    private static string Refusal(PathDecision d) => d.Verdict == PathVerdict.Denied ? $"denied by {d.RuleText}" : d.RuleText;

    // The fields of one agent's answer for a path; "partly" and "symbols" were added after the first four.
    private static void WriteAnswer(Utf8JsonWriter writer, PathAnswer a)
    {
        var d = a.Decision;
        writer.WriteBoolean("allowed", d.Allowed);
        writer.WriteString("verdict", VerdictName(d.Verdict));
        writer.WriteString("rule", d.RuleText);
        writer.WriteBoolean("partly", a.Partly);
        writer.WriteStartArray("symbols");
        foreach (var grant in a.Symbols)
        {
            writer.WriteStartObject();
            writer.WriteString("symbol", grant.Id.ToString());
            writer.WriteString("access", grant.Rule.AccessName);
            writer.WriteString("rule", grant.RuleText);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
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

    /// <summary>One agent's answer for one path: the path rule's decision and the symbol rules that decide for declarations in it.</summary>
    private sealed record PathAnswer(PathDecision Decision, IReadOnlyList<SymbolGrant> Symbols)
    {
        /// <summary>
        /// Gets a value indicating whether symbol rules change the path's answer for part of the file:
        /// they grant something on a path the agent may not change, or restrict something on one it may.
        /// </summary>
        public bool Partly => Symbols.Any(g => Decision.Allowed ? g.Rule.Access != SymbolAccess.Edit : g.Rule.Access != SymbolAccess.ReadOnly);
    }

    /// <summary>Reads and parses a C# file once per call: the working tree's text, else HEAD's.</summary>
    private sealed class DeclarationReader(GitWorkspace? workspace, string currentDirectory, bool needed)
    {
        private readonly Dictionary<string, IReadOnlyList<Declaration>?> parsed = new(StringComparer.Ordinal);

        public IReadOnlyList<Declaration>? Read(string path)
        {
            if (!needed || !path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (!parsed.TryGetValue(path, out var declarations))
            {
                var bytes = ReadBytes(path);
                var text = bytes is null ? null : SourceDecoding.TryDecode(bytes);
                declarations = text is null ? null : DeclarationExtractor.Extract(text, TypeIndex.Empty).Declarations;
                parsed[path] = declarations;
            }

            return declarations;
        }

        private byte[]? ReadBytes(string path)
        {
            var file = Path.Combine(workspace?.WorkingDirectory ?? currentDirectory, path.Replace('/', Path.DirectorySeparatorChar));
            var info = new FileInfo(file);
            if (info.Exists)
            {
                // git records a symbolic link's target, not the file it points at; and read no more
                // than the parser would take (a device or a huge file is not C# source).
                return info.LinkTarget is not null ? null : ReadAtMost(file, SourceDecoding.MaxParsedBytes + 1);
            }

            return workspace is { IsHeadUnborn: false } ? workspace.ReadAtHead(path) : null;
        }

        private static byte[]? ReadAtMost(string file, int limit)
        {
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while (buffer.Length < limit && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
                {
                    buffer.Write(chunk, 0, read);
                }

                return buffer.ToArray();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
