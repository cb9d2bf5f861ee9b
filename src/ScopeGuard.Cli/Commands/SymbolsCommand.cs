using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using ScopeGuard.Cli.Reporting;
using ScopeGuard.Core;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Cli.Commands;

/// <summary><c>scopeguard symbols FILE…</c>: the documentation comment IDs ScopeGuard computes, to copy into the manifest.</summary>
internal sealed class SymbolsCommand : Command
{
    public SymbolsCommand(CliContext context)
        : base("symbols", "List the C# declarations of files with the IDs symbol rules use (N:, T:, M:, P:, F:, E:).")
    {
        Arguments.Add(Files);
        Options.Add(Format);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Argument<string[]> Files { get; } = new("files")
    {
        Description = "C# files to list.",
        Arity = ArgumentArity.OneOrMore,
    };

    internal Option<string> Format { get; } = CommonOptions.Format("text", "json");

    private int Execute(ParseResult parseResult, CliContext context)
    {
        var results = new List<(string File, DeclarationSet Set)>();
        foreach (var file in parseResult.GetValue(Files) ?? [])
        {
            var full = Path.GetFullPath(Path.Combine(context.CurrentDirectory, file));
            if (!File.Exists(full))
            {
                throw new ScopeGuardException($"'{file}' does not exist");
            }

            var text = SourceDecoding.TryDecode(File.ReadAllBytes(full))
                ?? throw new ScopeGuardException($"'{file}' is binary or larger than {SourceDecoding.MaxParsedBytes / (1024 * 1024)} MiB: not a C# source file");
            results.Add((file, DeclarationExtractor.Extract(text)));
        }

        if (parseResult.GetValue(Format) == "json")
        {
            WriteJson(context.Output, results);
            return ExitCodes.Success;
        }

        foreach (var (file, set) in results)
        {
            foreach (var declaration in set.Declarations)
            {
                context.Output.WriteLine($"{file}({declaration.Position.Line},{declaration.Position.Column}): {declaration.Id}");
            }

            if (set.HasErrors)
            {
                context.Error.WriteLine($"scopeguard: note: {file} has syntax errors; the IDs above are what the error-tolerant parser sees");
            }
        }

        return ExitCodes.Success;
    }

    private static void WriteJson(TextWriter output, List<(string File, DeclarationSet Set)> results)
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
