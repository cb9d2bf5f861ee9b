using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using ScopeGuard.Cli.Checking;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Git;

namespace ScopeGuard.Cli.Commands;

/// <summary><c>scopeguard symbols FILE…</c>: the documentation comment IDs ScopeGuard computes, to copy into the manifest.</summary>
internal sealed class SymbolsCommand : Command
{
    public SymbolsCommand(CliContext context)
        : base("symbols", "List the C# declarations of files with the IDs symbol rules use (N:, T:, M:, P:, F:, E:).")
    {
        Arguments.Add(Files);
        Options.Add(Format);
        Options.Add(CompilerIds);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Argument<string[]> Files { get; } = new("files")
    {
        Description = "C# files to list.",
        Arity = ArgumentArity.OneOrMore,
    };

    internal Option<string> Format { get; } = CommonOptions.Format("text", "json");

    internal Option<bool> CompilerIds { get; } = new("--compiler-ids")
    {
        Description = "Also print each member's ID as the compiler writes it (parameter types resolved through usings, aliases, the repository's types at HEAD and the SDK's), beside ScopeGuard's.",
    };

    private int Execute(ParseResult parseResult, CliContext context)
    {
        var results = new List<(string File, DeclarationSet Set)>();
        var compilerIds = parseResult.GetValue(CompilerIds);
        var texts = new List<(string File, string Text)>();
        foreach (var file in parseResult.GetValue(Files) ?? [])
        {
            var full = Path.GetFullPath(Path.Combine(context.CurrentDirectory, file));
            if (!File.Exists(full))
            {
                throw new ScopeGuardException($"'{file}' does not exist");
            }

            var text = SourceDecoding.TryDecode(File.ReadAllBytes(full))
                ?? throw new ScopeGuardException($"'{file}' is binary or larger than {SourceDecoding.MaxParsedBytes / (1024 * 1024)} MiB: not a C# source file");
            texts.Add((file, text));
        }

        var index = compilerIds ? Index(context, texts) : null;
        foreach (var (file, text) in texts)
        {
            results.Add((file, DeclarationExtractor.Extract(text, index)));
        }

        if (parseResult.GetValue(Format) == "json")
        {
            WriteJson(context.Output, results, compilerIds);
            return ExitCodes.Success;
        }

        foreach (var (file, set) in results)
        {
            foreach (var declaration in set.Declarations)
            {
                var compiler = compilerIds ? "  compiler: " + declaration.Id.CompilerForm : string.Empty;
                context.Output.WriteLine($"{file}({declaration.Position.Line},{declaration.Position.Column}): {declaration.Id}{compiler}");
            }

            if (set.HasErrors)
            {
                context.Error.WriteLine($"scopeguard: note: {file} has syntax errors; the IDs above are what the error-tolerant parser sees");
            }
        }

        return ExitCodes.Success;
    }

    // What the files' names may refer to: the repository's types at HEAD (when this is a repository
    // with a commit), the listed files' own, and the SDK's.
    private static TypeIndex Index(CliContext context, List<(string File, string Text)> texts)
    {
        var own = texts.Select(t => DeclarationExtractor.Extract(t.Text)).ToList();
        try
        {
            using var workspace = GitWorkspace.Open(context.CurrentDirectory, context.Environment);
            if (workspace.HeadSha is { } head)
            {
                var repository = RepositoryTypes.Sets(workspace, head);
                return TypeIndex.Create(repository.Concat(own), RepositoryTypes.ImplicitUsings(workspace, head));
            }
        }
        catch (ScopeGuardException)
        {
            // Not a repository: the files themselves and the SDK.
        }

        return TypeIndex.Create(own);
    }

    private static void WriteJson(TextWriter output, List<(string File, DeclarationSet Set)> results, bool compilerIds)
    {
        JsonOutput.Write(output, writer =>
        {
            writer.WriteStartArray();
            foreach (var (file, set) in results)
            {
                writer.WriteStartObject();
                writer.WriteString("path", file);
                writer.WriteBoolean("syntaxErrors", set.HasErrors);
                writer.WriteStartArray("declarations");
                foreach (var declaration in set.Declarations)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", declaration.Id.ToString());
                    if (compilerIds)
                    {
                        writer.WriteString("compilerId", declaration.Id.CompilerForm);
                    }

                    writer.WriteString("kind", declaration.Id.Kind.ToString().ToLowerInvariant());
                    writer.WriteNumber("line", declaration.Position.Line);
                    writer.WriteNumber("column", declaration.Position.Column);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }
}
