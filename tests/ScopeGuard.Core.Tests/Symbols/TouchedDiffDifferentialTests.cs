using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Tests.Symbols;

/// <summary>
/// The touched walk (<see cref="TouchedDiff"/>) against the full declaration diff it replaces
/// (<see cref="DeclarationDiff.Compare(string, string, TypeIndex)"/>, the oracle): over thousands of
/// seeded edits of this repository's own C# files and of generated files, the diffs and the findings
/// of every agent must be identical, including edits that change what later code means (comments and
/// strings opened or closed, directives, braces, namespace lines, type parameter renames).
/// </summary>
[Collection(SeededPropertyTests.Name)]
public sealed class TouchedDiffDifferentialTests
{
    private const string Json = """
        {
          "version": 1,
          "agents": {
            "outside": { "paths": ["other/"], "symbols": { "edit": ["N:Nowhere"] } },
            "rules": {
              "paths": ["src/"],
              "symbols": {
                "edit": ["N:ScopeGuard.Core.Json", "N:Gen.Api.Open"],
                "body": ["N:ScopeGuard.Core", "N:Gen"],
                "extend": ["N:ScopeGuard.Core.Rules", "N:Gen.Api"],
                "readonly": ["N:ScopeGuard.Core.Symbols", "N:Gen.Data", "T:Program"]
              }
            },
            "members": {
              "paths": ["other/"],
              "symbols": { "edit": ["M:ScopeGuard.Core.*.*.*", "P:Gen.*.*", "M:Gen.*.*.*(System.Int32)"] }
            }
          }
        }
        """;

    // Lines that change what the lines after them mean, or that add or remove declarations.
    private static readonly string[] Lines =
    [
        "/*", "*/", "/* closed */", "// comment", "/// <summary>doc</summary>", "#define A", "#undef A", "#if A", "#if DEBUG", "#elif B", "#else",
        "#endif", "#region R", "#endregion", "#nullable enable", "#pragma warning disable CS0168", "}", "{", "};", "namespace Other.Space;", "namespace Other {",
        "var s = @\"", "\"", "\";", "@\"", "\"\"\"", "var r = \"\"\"", "var i = $\"\"\"", "$\"{", "var v = $@\"{x}", "'", "\"unterminated",
        "public void Added() { }", "public int Field, Other;", "class Nested<T> { }", "<<<<<<< HEAD", "=======", ">>>>>>> other", "partial class P { }",
        "public partial void Part();", "struct Value { }", "enum E { A, B }", "[Obsolete]", "using System.Text;", "global using X;", "int x = 1;", "return;",
        "extension(int i) { public int M() => 1; }", "public int this[int i] => i;", "public static implicit operator int(Value v) => 0;", "delegate void D<T>(T t);",
        "record R(int A, string B);", "public event EventHandler Changed;", "~Finalizer() { }", "static Program() { }", string.Empty, "    ",
    ];

    // Bits of text put into a line at a random column.
    private static readonly string[] Bits =
    [
        " x++; ", "1", " + 1", "int ", "partial ", "static ", "/*", "*/", "\"", "@\"", "\"\"\"", "$\"{", "}", "{", "//", "<U>", "?", "(", ")", ",", ";", "#",
        " where T : struct", "async ", "ref ", "this ", "params ", "[A] ", "=> 0", " // c", "\r", "\t",
    ];

    private static readonly (string From, string To)[] Renames = [("<T>", "<U>"), ("class ", "struct "), ("(T ", "(U "), ("int ", "long "), ("public ", "private "), ("string ", "string? "), ("{", "{ }")];

    private static readonly ScopeManifest Manifest = ManifestLoader.Load(Json, "scopes.json").Manifest!;

    [Fact]
    public void RealFiles_SeededEdits_SameDiffAndFindingsAsTheFullWalk()
    {
        var root = RepositoryRoot.Find();
        var corpus = Directory.GetFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length < 64 * 1024)
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();
        Assert.True(corpus.Count > 50, "the repository's own C# files are the corpus");

        Run(corpus, cases: 1200, seed: 1501);
    }

    [Fact]
    public void GeneratedFiles_SeededEdits_SameDiffAndFindingsAsTheFullWalk()
    {
        var random = new Random(1502);
        var corpus = Enumerable.Range(0, 40).Select(_ => Generate(random)).ToList();

        Run(corpus, cases: 1000, seed: 1503);
    }

    [Theory]
    [InlineData("        public int Count() => 1;\n", "        public int Count() => 1; /*\n")]
    [InlineData("        public int Count() => 1;\n", "        public int Count() => 1;\n#define A\n")]
    [InlineData("#if A\n", "#if !A\n")]
    [InlineData("        public int Count() => 1;\n", "        public int Count() => 1;\n    }\n")]
    [InlineData("namespace Gen.Api\n", "namespace Gen.Data\n")]
    [InlineData("    public class Box<T>\n", "    public class Box<U>\n")]
    [InlineData("        public string Text = @\"a\n", "        public string Text = @\"a\"; string More = @\"\n")]
    [InlineData("        public int Count() => 1;\n", "        public int Count() => 1; string S = \"\"\"\n")]
    [InlineData("        public int Count() => 1;\n", "        public int Count() => 2;\n")]
    public void MeaningChangingEdits_SameDiffAsTheFullWalk(string line, string replacement)
    {
        const string File = "using System;\n\nnamespace Gen.Api\n{\n    public class Box<T>\n    {\n        public int Count() => 1;\n\n        public T Get(T value) => value;\n\n#if A\n        public int Guarded() => 1;\n#endif\n        public string Text = @\"a\n        b\";\n\n        public int After(int x) => x;\n    }\n\n    public class Tail { public void M(int x) { } }\n}\n";
        Assert.Contains(line, File, StringComparison.Ordinal);
        var edited = File.Replace(line, replacement);

        Assert.Equal(Render(DeclarationDiff.Compare(File, edited, null)), Render(TouchedDiff.Compare(File, edited, null)));
    }

    [Fact]
    public void ABodyEditInALargeFile_WalksOnlyWhatItTouches()
    {
        var random = new Random(1504);
        var file = Generate(random);
        var lines = file.Split('\n').ToList();
        var at = lines.FindIndex(l => l.Contains("return value", StringComparison.Ordinal));
        lines[at] = lines[at].Replace("return value", "return value + 1", StringComparison.Ordinal);
        var edited = string.Join("\n", lines);

        var diff = TouchedDiff.Compare(file, edited, null, out var fullWalk);

        Assert.False(fullWalk);
        Assert.Equal(Render(DeclarationDiff.Compare(file, edited, null)), Render(diff));
        Assert.Contains(diff.Changes, c => c.Kind == DeclarationChangeKind.BodyChanged);
    }

    private static void Run(List<string> corpus, int cases, int seed)
    {
        var evaluator = new ScopeEvaluator(Manifest);
        var agents = Manifest.Agents.ToList();
        var failures = new ConcurrentBag<string>();
        var touched = 0;
        var changed = 0;
        Parallel.For(0, cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var random = new Random(seed + i);
            var before = corpus[random.Next(corpus.Count)];
            var after = Edit(before, random);
            var oracle = DeclarationDiff.Compare(before, after, null);
            var diff = TouchedDiff.Compare(before, after, null, out var fullWalk);
            if (!fullWalk)
            {
                Interlocked.Increment(ref touched);
            }

            if (!DeclarationDiff.IsEmpty(oracle))
            {
                Interlocked.Increment(ref changed);
            }

            var expected = Render(oracle);
            var actual = Render(diff);
            var change = new FileChange("src/Gen/File.cs", "src/Gen/File.cs", ChangeStatus.Modified, EntryKind.File, EntryKind.File, "old", "new");
            foreach (var agent in agents)
            {
                expected += "\n" + string.Join("\n", evaluator.JudgeFile(agent, change, oracle));
                actual += "\n" + string.Join("\n", evaluator.JudgeFile(agent, change, diff));
            }

            if (!string.Equals(expected, actual, StringComparison.Ordinal) && failures.Count < 3)
            {
                failures.Add($"case {i} (seed {seed + i}):\n--- full walk\n{expected}\n--- touched walk\n{actual}\n--- before\n{before}\n--- after\n{after}");
            }
        });

        Assert.True(failures.IsEmpty, string.Join("\n\n", failures));

        // The comparison means something only if most edits change declarations and take the touched path.
        Assert.True(changed > cases / 2, $"{changed} of {cases} edits changed a declaration");
        Assert.True(touched > cases / 4, $"{touched} of {cases} edits took the touched walk");
        Assert.True(touched < cases, "some edits trip a guard");
    }

    private static string Render(FileDeclarationDiff diff) =>
        $"file level {diff.FileLevel} at {diff.FileLevelPosition}, inactive {diff.InactiveCodeChanged}\n"
        + string.Join("\n", diff.Changes.Select(c => $"{c.Kind} {c.Id} [{string.Join(" ", c.Id.Alternates)}] at {c.Position} removal {c.Removal} partial {c.AddsPartialPart}"));

    // One to three edits, each at a random place: lines changed, deleted, inserted, duplicated or swapped.
    private static string Edit(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && lines.Count > 1; e++)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(9))
            {
                case 0:
                case 1:
                    var line = lines[at];
                    var column = random.Next(line.Length + 1);
                    lines[at] = string.Concat(line.AsSpan(0, column), Bits[random.Next(Bits.Length)], line.AsSpan(column));
                    break;
                case 2:
                    lines.RemoveRange(at, Math.Min(random.Next(1, 6), lines.Count - at));
                    break;
                case 3:
                case 4:
                    for (var n = random.Next(1, 3); n > 0; n--)
                    {
                        lines.Insert(at, Lines[random.Next(Lines.Length)]);
                    }

                    break;
                case 5:
                    lines.Insert(at, lines[random.Next(lines.Count)]);
                    break;
                case 6:
                    if (at + 1 < lines.Count)
                    {
                        (lines[at], lines[at + 1]) = (lines[at + 1], lines[at]);
                    }

                    break;
                case 7:
                    // A renamed identifier, type parameter or keyword on one line (class to struct, T to U).
                    var (from, to) = Renames[random.Next(Renames.Length)];
                    var found = lines.FindIndex(at, l => l.Contains(from, StringComparison.Ordinal));
                    if (found >= 0)
                    {
                        lines[found] = lines[found].Replace(from, to, StringComparison.Ordinal);
                    }

                    break;
                default:
                    // A body edit, the most common change of all.
                    var body = lines.FindIndex(at, l => l.Contains(';', StringComparison.Ordinal));
                    if (body >= 0)
                    {
                        lines[body] = lines[body].Replace(";", " + 1;", StringComparison.Ordinal);
                    }

                    break;
            }
        }

        return string.Join("\n", lines);
    }

    // A file in the shape of real code: namespaces, nested and generic types, XML docs, #region and #if,
    // verbatim, raw and interpolated strings, properties, fields with several declarators, enums, records.
    private static string Generate(Random random)
    {
        var ns = new[] { "Gen.Api", "Gen.Data", "Gen.Api.Open", "Gen.Core" }[random.Next(4)];
        var b = new StringBuilder();
        void W(FormattableString text) => b.Append(FormattableString.Invariant(text));
        b.Append("using System;\nusing System.Collections.Generic;\n\n");
        var fileScoped = random.Next(2) == 0;
        b.Append(fileScoped ? $"namespace {ns};\n\n" : $"namespace {ns}\n{{\n");
        for (var t = 0; t < random.Next(2, 4); t++)
        {
            var generic = random.Next(3) == 0;
            W($"/// <summary>Type {t}.</summary>\npublic {(random.Next(4) == 0 ? "partial " : string.Empty)}class Type{t}{(generic ? "<T>" : string.Empty)}\n{{\n");
            W($"    private int count, total = {t};\n");
            b.Append("    #region Members\n");
            for (var m = 0; m < random.Next(3, 9); m++)
            {
                W($"    /// <summary>Member {m}.</summary>\n    /// <param name=\"value\">A value.</param>\n");
                switch (random.Next(7))
                {
                    case 0:
                        W($"    public int Method{m}(int value)\n    {{\n        var x = value * {m};\n        if (x > 3)\n        {{\n            x--;\n        }}\n\n        return value + x;\n    }}\n\n");
                        break;
                    case 1:
                        W($"    public string Text{m} {{ get; set; }} = @\"line\n    second\";\n\n");
                        break;
                    case 2:
                        W($"    public string Raw{m}() => \"\"\"\n        raw {m}\n        \"\"\";\n\n");
                        break;
                    case 3:
                        W($"#if DEBUG\n    public void Debug{m}() {{ }}\n#else\n    public void Release{m}() {{ }}\n#endif\n\n");
                        break;
                    case 4:
                        W($"    public {(generic ? "T" : "int")} Get{m}({(generic ? "T" : "int")} value)\n    {{\n        return value;\n    }}\n\n");
                        break;
                    case 5:
                        W($"    public string Say{m}(int value) => $\"{{value}} and {{count}}\";\n\n    public int this[int i{m}] => i{m};\n\n");
                        break;
                    default:
                        W($"    public class Inner{m}\n    {{\n        /* a block\n           comment */\n        public int Value => {m};\n    }}\n\n");
                        break;
                }
            }

            b.Append("    #endregion\n}\n\n");
        }

        b.Append("public enum Kind\n{\n    First,\n    Second = 2,\n}\n\npublic record Point(int X, int Y);\n");
        if (!fileScoped)
        {
            b.Append("}\n");
        }

        return b.ToString();
    }
}
