using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Bench.Realistic;

/// <summary>
/// realistic generate DIR COUNT: writes COUNT C# files of 10-30 KB under DIR/src (the base version).
/// realistic edit DIR FROM TO: edits files FROM to TO-1 in place: 1-3 hunks in method bodies, about 20 changed lines.
/// realistic parse OLD NEW LIST: parses both sides of each path in LIST with Roslyn, in parallel (the floor).
/// realistic walk OLD NEW LIST: on one thread, times the parse, the full declaration diff and the touched one.
/// </summary>
internal static class Program
{
    // Bump when the generated files change: bench/realistic-range.sh keys its cached repository by it.
    public const int Version = 1;

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, DocumentationMode.None);

    private static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "version":
                Console.WriteLine(Version.ToString(CultureInfo.InvariantCulture));
                return 0;
            case "generate" when args.Length == 3:
                for (var i = 0; i < int.Parse(args[2], CultureInfo.InvariantCulture); i++)
                {
                    var path = Path.Combine(args[1], Generator.PathOf(i));
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, Generator.File(i));
                }

                return 0;
            case "edit" when args.Length == 4:
                for (var i = int.Parse(args[2], CultureInfo.InvariantCulture); i < int.Parse(args[3], CultureInfo.InvariantCulture); i++)
                {
                    var path = Path.Combine(args[1], Generator.PathOf(i));
                    File.WriteAllText(path, Generator.Edit(File.ReadAllText(path), i));
                }

                return 0;
            case "parse" when args.Length == 4:
                var paths = File.ReadAllLines(args[3]);
                Parallel.ForEach(paths, p =>
                {
                    _ = CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(Path.Combine(args[1], p))), Options).GetRoot();
                    _ = CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(Path.Combine(args[2], p))), Options).GetRoot();
                });
                return 0;
            case "walk" when args.Length == 4:
                Walk(args[1], args[2], File.ReadAllLines(args[3]));
                return 0;
            default:
                Console.Error.WriteLine("usage: realistic version | generate DIR COUNT | edit DIR FROM TO | parse OLD NEW LIST | walk OLD NEW LIST");
                return 2;
        }
    }

    // One thread, in process, each stage three times (the median reported): parse only, the full
    // declaration diff (parse + full walk) and the touched one (parse + touched walk).
    private static void Walk(string oldDir, string newDir, string[] paths)
    {
        var pairs = paths.Select(p => (Old: File.ReadAllText(Path.Combine(oldDir, p)), New: File.ReadAllText(Path.Combine(newDir, p)))).ToList();
        var stages = new (string Name, Action<(string Old, string New)> Run)[]
        {
            ("parse both sides", p =>
            {
                _ = CSharpSyntaxTree.ParseText(SourceText.From(p.Old), Options).GetRoot();
                _ = CSharpSyntaxTree.ParseText(SourceText.From(p.New), Options).GetRoot();
            }),
            ("full declaration diff (DeclarationDiff.Compare)", p => DeclarationDiff.Compare(p.Old, p.New, null)),
            ("touched declaration diff (TouchedDiff.Compare)", p => TouchedDiff.Compare(p.Old, p.New, null)),
        };
        foreach (var p in pairs)
        {
            if (!string.Equals(Render(DeclarationDiff.Compare(p.Old, p.New, null)), Render(TouchedDiff.Compare(p.Old, p.New, null)), StringComparison.Ordinal))
            {
                throw new InvalidOperationException("the touched diff differs from the full diff");
            }
        }

        foreach (var (name, run) in stages)
        {
            var times = new List<double>();
            for (var r = 0; r < 3; r++)
            {
                GC.Collect();
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                foreach (var p in pairs)
                {
                    run(p);
                }

                times.Add(watch.Elapsed.TotalMilliseconds);
                if (r == 2)
                {
                    times.Sort();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {times[1]:F0} ms (median of 3), {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0:F0} MB allocated, {pairs.Count} files"));
                }
            }
        }

    }

    private static string Render(FileDeclarationDiff diff) =>
        diff.FileLevel + " " + string.Join("|", diff.Changes.Select(c => $"{c.Kind} {c.Id} {c.Position}"));
}
