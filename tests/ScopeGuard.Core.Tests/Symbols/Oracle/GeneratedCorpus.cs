using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ScopeGuard.Core.Tests.Symbols.Oracle;

/// <summary>
/// A larger project for the oracle, generated from a seed: namespaces, nested and generic types,
/// records, every member kind, and parameter types drawn from keywords, arrays of every shape,
/// nullable value types (keywords, the file's structs and enums, type parameters), tuples of up to
/// ten elements, qualified generic types and explicit implementations. It always compiles.
/// </summary>
internal static class GeneratedCorpus
{
    public static IReadOnlyList<(string Path, string Text)> Create(int seed, int files)
    {
        var random = new Random(seed);
        var result = new List<(string, string)>();
        for (var f = 0; f < files; f++)
        {
            result.Add(($"Gen/File{f}.cs", File(random, f)));
        }

        return result;
    }

    private static string File(Random random, int f)
    {
        var ns = "Gen.N" + f.ToString(CultureInfo.InvariantCulture);
        var b = new StringBuilder();
        b.Append("#nullable enable\nusing System;\nusing System.Collections.Generic;\nnamespace ").Append(ns).Append(";\n");
        b.Append(CultureInfo.InvariantCulture, $"public enum E{f} {{ A, B }}\n");
        b.Append(CultureInfo.InvariantCulture, $"public struct S{f} {{ public int V; }}\n");
        b.Append(CultureInfo.InvariantCulture, $"public interface IGen{f}<T> {{ void Get(T t); T Value {{ get; }} }}\n");
        b.Append(CultureInfo.InvariantCulture, $"public record R{f}(int Id, string? Name, {ns}.S{f}? Size);\n");
        for (var t = 0; t < 4; t++)
        {
            var generic = random.Next(3) == 0;
            var name = $"C{f}_{t}";
            var self = generic ? name + "<T>" : name;
            var qualifiedSelf = ns + "." + self;
            var typeParameters = generic ? new[] { "T" } : [];
            var isStruct = !generic && random.Next(4) == 0;
            var implemented = $"{ns}.IGen{f}<{Pick(random, generic ? SimpleAndT : Simple, f, ns)}>";
            b.Append(isStruct ? "public struct " : "public class ").Append(self).Append(" : ").Append(implemented);
            b.Append(generic ? " where T : struct\n{\n" : "\n{\n");
            var open = implemented.IndexOf('<', StringComparison.Ordinal) + 1;
            var argument = implemented.Substring(open, implemented.Length - open - 1);
            b.Append(CultureInfo.InvariantCulture, $"    void {ns}.IGen{f}<{argument}>.Get({argument} t) {{ }}\n");
            b.Append(CultureInfo.InvariantCulture, $"    {argument} {ns}.IGen{f}<{argument}>.Value => default!;\n");
            for (var m = 0; m < 12; m++)
            {
                var count = random.Next(4);
                var parameters = string.Join(", ", Enumerable.Range(0, count).Select(i => Modifier(random) + Pick(random, [.. All, .. typeParameters.Select(p => random.Next(2) == 0 ? p : p + "?")], f, ns) + " p" + i.ToString(CultureInfo.InvariantCulture)));
                var methodGeneric = random.Next(4) == 0;
                b.Append(methodGeneric
                    ? $"    public void M{m}<U>({parameters}{(count > 0 ? ", " : string.Empty)}U? u) where U : struct {{ throw null!; }}\n"
                    : $"    public void M{m}({parameters}) {{ throw null!; }}\n");
            }

            b.Append(CultureInfo.InvariantCulture, $"    public {Pick(random, All, f, ns)} P{t} {{ get => default!; set {{ }} }}\n");
            b.Append(CultureInfo.InvariantCulture, $"    public int this[{Pick(random, All, f, ns)} key] => 0;\n");
            b.Append(CultureInfo.InvariantCulture, $"    public event EventHandler? Changed{t};\n");
            b.Append(CultureInfo.InvariantCulture, $"    public int field{t}, other{t};\n");
            b.Append(CultureInfo.InvariantCulture, $"    public static {qualifiedSelf} operator +({qualifiedSelf} a, {qualifiedSelf} b) => a;\n");
            b.Append(CultureInfo.InvariantCulture, $"    public static implicit operator {Pick(random, Simple.Where(s => s != "object").ToArray(), f, ns)}({qualifiedSelf} value) => default!;\n");
            if (!isStruct)
            {
                b.Append(CultureInfo.InvariantCulture, $"    public {name}({Pick(random, All, f, ns)} a) {{ }}\n");
            }

            b.Append(CultureInfo.InvariantCulture, $"    public class Nested{t}<V> {{ public void N(V v, {Pick(random, All, f, ns)} w) {{ }} }}\n");
            b.Append("}\n");
        }

        return b.ToString();
    }

    private static readonly string[] Simple =
    [
        "int", "string", "bool", "long", "double", "decimal", "char", "byte", "object", "int?", "long?", "System.DateTime",
        "System.Guid?", "System.TimeSpan", "System.Collections.Generic.List<int>", "(int, string)",
    ];

    private static readonly string[] SimpleAndT = [.. Simple, "T"];

    private static readonly string[] All =
    [
        .. Simple,
        "int[]", "int[][]", "int[,]", "int[][,]", "int[,][]", "string[][,,]", "int?[]", "(int, string)?", "(int, long, int, long, int, long, int, long)",
        "(int, int, int, int, int, int, int, int, int, int)", "System.Collections.Generic.Dictionary<string, int?[]>", "System.DateTime?",
        "System.Nullable<int>", "System.ValueTuple<int, int>", "dynamic", "nint", "nuint", "string?", "object?", "$S", "$S?", "$E?", "$Q?", "$R", "$R?",
        "System.Collections.Generic.KeyValuePair<int, string>?", "$P?", "$C?",
    ];

    // $S, $E: the file's struct and enum as written in the file; $Q: the struct qualified; $R: the record;
    // $P, $C: the previous file's struct and record (declared elsewhere: X? needs binding, see ValueTypeFromElsewhere).
    private static string Pick(Random random, string[] pool, int f, string ns)
    {
        var type = pool[random.Next(pool.Length)];
        return type
            .Replace("$S", "S" + f.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("$E", "E" + f.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("$Q", ns + ".S" + f.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("$R", ns + ".R" + f.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("$P", "Gen.N" + Math.Max(f - 1, 0).ToString(CultureInfo.InvariantCulture) + ".S" + Math.Max(f - 1, 0).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("$C", "Gen.N" + Math.Max(f - 1, 0).ToString(CultureInfo.InvariantCulture) + ".R" + Math.Max(f - 1, 0).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static string Modifier(Random random) => random.Next(8) switch
    {
        0 => "ref ",
        1 => "in ",
        _ => string.Empty,
    };
}
