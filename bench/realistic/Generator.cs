using System;
using System.Linq;
using System.Globalization;
using System.Text;

namespace ScopeGuard.Bench.Realistic;

/// <summary>
/// C# files in the shape of real code: 10-30 KB, a block or file-scoped namespace, a service class with
/// fields, a constructor, long methods (loops, conditions, LINQ, interpolated strings), XML documentation,
/// <c>#region</c> and <c>#if</c>, nested types, a record and an interface. Every file is a function of its
/// number only, so a rerun generates the same repository.
/// </summary>
internal static class Generator
{
    private static readonly string[] Areas = ["Billing", "Shipping", "Catalog", "Identity", "Search"];
    private static readonly string[] Modules = ["Api", "Domain", "Data", "Services", "Models", "Handlers", "Jobs", "Reports"];

    public static string PathOf(int i) =>
        string.Create(CultureInfo.InvariantCulture, $"src/{Areas[i % Areas.Length]}/{Modules[i / Areas.Length % Modules.Length]}/{Name(i)}.cs");

    public static string File(int i)
    {
        var random = new Random(1000 + i);
        var target = random.Next(10_000, 30_000);
        var ns = $"Contoso.{Areas[i % Areas.Length]}.{Modules[i / Areas.Length % Modules.Length]}";
        var fileScoped = i % 3 == 0;
        var indent = fileScoped ? string.Empty : "    ";
        var b = new StringBuilder();
        void Line(string text) => b.Append(text.Length == 0 ? string.Empty : indent).Append(text).Append('\n');

        b.Append("// <copyright file=\"").Append(Name(i)).Append(".cs\" company=\"Contoso\">\n// Copyright (c) Contoso. All rights reserved.\n// </copyright>\n\n");
        b.Append("using System;\nusing System.Collections.Generic;\nusing System.Globalization;\nusing System.Linq;\nusing System.Text;\nusing System.Threading;\nusing System.Threading.Tasks;\n\n");
        b.Append(fileScoped ? $"namespace {ns};\n\n" : $"namespace {ns}\n{{\n");
        var name = Name(i);
        Line("/// <summary>");
        Line($"/// Handles {name} requests: validation, pricing and persistence of the {Modules[i / Areas.Length % Modules.Length].ToLowerInvariant()} records.");
        Line("/// </summary>");
        Line("/// <remarks>");
        Line("/// Instances are not thread-safe; create one per unit of work.");
        Line("/// </remarks>");
        Line($"public sealed partial class {name} : IDisposable");
        Line("{");
        Line("    #region Fields");
        Line("    private readonly Dictionary<string, decimal> cache = new(StringComparer.Ordinal);");
        Line("    private readonly List<string> log = new();");
        Line("    private int processed, failed;");
        Line("    #endregion");
        Line(string.Empty);
        Line($"    /// <summary>Initializes a new instance of the <see cref=\"{name}\"/> class.</summary>");
        Line("    /// <param name=\"limit\">The largest batch accepted.</param>");
        Line($"    public {name}(int limit)");
        Line("    {");
        Line("        Limit = limit > 0 ? limit : throw new ArgumentOutOfRangeException(nameof(limit));");
        Line("    }");
        Line(string.Empty);
        Line("    /// <summary>Gets the largest batch accepted.</summary>");
        Line("    public int Limit { get; }");
        Line(string.Empty);
        Line("    #region Operations");
        var m = 0;
        while (b.Length < target - 1500)
        {
            Method(b, indent, random, m++, conditional: i % 3 == 1);
        }

        Line("    #endregion");
        Line(string.Empty);
        Line("    /// <inheritdoc/>");
        Line("    public void Dispose() => cache.Clear();");
        Line(string.Empty);
        Line("    /// <summary>Options of one run.</summary>");
        Line("    public sealed class Options");
        Line("    {");
        Line("        /// <summary>Gets or sets the culture used for the report.</summary>");
        Line("        public CultureInfo Culture { get; set; } = CultureInfo.InvariantCulture;");
        Line(string.Empty);
        Line("        /// <summary>Gets or sets how many items are processed at once.</summary>");
        Line("        public int BatchSize { get; set; } = 50;");
        Line("    }");
        Line(string.Empty);
        Line("    private enum State");
        Line("    {");
        Line("        Idle,");
        Line("        Running,");
        Line("        Done = 4,");
        Line("    }");
        Line("}");
        Line(string.Empty);
        Line($"/// <summary>One line of a {name} batch.</summary>");
        Line($"public sealed record {name}Line(string Sku, int Quantity, decimal Price);");
        Line(string.Empty);
        Line($"/// <summary>What callers of <see cref=\"{name}\"/> depend on.</summary>");
        Line($"public interface I{name}");
        Line("{");
        Line("    /// <summary>Processes one batch.</summary>");
        Line($"    Task<decimal> ProcessAsync(IReadOnlyList<{name}Line> lines, CancellationToken cancellationToken);");
        Line("}");
        if (!fileScoped)
        {
            b.Append("}\n");
        }

        return b.ToString();
    }

    // A method of 20-60 lines. In a third of the files (conditional), the third method is wrapped in
    // #if DEBUG and some statements in #if TRACE: such files are parsed once more per symbol set.
    private static void Method(StringBuilder b, string indent, Random random, int m, bool conditional)
    {
        void Line(string text) => b.Append(text.Length == 0 ? string.Empty : indent).Append(text).Append('\n');
        var guarded = conditional && m == 2;
        if (guarded)
        {
            b.Append("#if DEBUG\n");
        }

        Line($"    /// <summary>Computes step {m} of the batch.</summary>");
        Line("    /// <param name=\"lines\">The lines of the batch.</param>");
        Line("    /// <param name=\"factor\">The factor applied to each price.</param>");
        Line("    /// <returns>The total.</returns>");
        Line($"    public decimal Step{m}(IReadOnlyList<string> lines, decimal factor)");
        Line("    {");
        Line("        var total = 0m;");
        Line("        var builder = new StringBuilder();");
        var statements = random.Next(6, 18);
        for (var s = 0; s < statements; s++)
        {
            switch (random.Next(conditional ? 6 : 5))
            {
                case 0:
                    Line("        foreach (var line in lines)");
                    Line("        {");
                    Line($"            var price{s} = decimal.Parse(line, CultureInfo.InvariantCulture) * factor;");
                    Line($"            total += price{s} + {s};");
                    Line("        }");
                    break;
                case 1:
                    Line($"        if (total > {random.Next(100, 1000)})");
                    Line("        {");
                    Line($"            builder.Append(\"over {s}: \").Append(total.ToString(CultureInfo.InvariantCulture));");
                    Line("            failed++;");
                    Line("        }");
                    Line("        else");
                    Line("        {");
                    Line("            processed++;");
                    Line("        }");
                    break;
                case 2:
                    Line($"        var selected{s} = lines.Where(l => l.Length > {s}).Select(l => l.Trim()).ToList();");
                    Line($"        total += selected{s}.Count * factor;");
                    break;
                case 3:
                    Line($"        log.Add($\"step {m}.{s}: {{total}} after {{processed}} lines\");");
                    break;
                case 4:
                    Line($"        if (cache.TryGetValue(\"k{s}\", out var cached{s}))");
                    Line("        {");
                    Line($"            total -= cached{s};");
                    Line("        }");
                    Line(string.Empty);
                    Line($"        cache[\"k{s}\"] = total;");
                    break;
                default:
                    b.Append("#if TRACE\n");
                    Line($"        builder.AppendLine(\"trace {m}.{s}\");");
                    b.Append("#endif\n");
                    break;
            }
        }

        Line("        return total + builder.Length;");
        Line("    }");
        if (guarded)
        {
            b.Append("#endif\n");
        }

        Line(string.Empty);
    }

    // 1-3 hunks in method bodies, about 20 changed lines in all: statements changed and statements added.
    public static string Edit(string text, int i)
    {
        var random = new Random(5000 + i);
        var lines = text.Split('\n').ToList();
        var body = Enumerable.Range(0, lines.Count).Where(n => IsStatement(lines[n])).ToList();
        var hunks = random.Next(1, 4);
        var budget = random.Next(14, 27);
        for (var h = 0; h < hunks && body.Count > 0; h++)
        {
            var start = body[random.Next(body.Count)];
            var size = h == hunks - 1 ? budget : Math.Max(2, budget / (hunks - h));
            budget -= size;
            var changed = 0;
            for (var n = start; n < lines.Count && changed < size; n++)
            {
                if (!IsStatement(lines[n]))
                {
                    continue;
                }

                var line = lines[n];
                var semicolon = line.LastIndexOf(';');
                lines[n] = string.Concat(line.AsSpan(0, semicolon), " + ", (h + 1).ToString(CultureInfo.InvariantCulture), line.AsSpan(semicolon));
                changed++;
                if (changed % 4 == 0 && changed < size)
                {
                    var lead = line.Length - line.TrimStart().Length;
                    lines.Insert(n + 1, new string(' ', lead) + "total += " + changed.ToString(CultureInfo.InvariantCulture) + ";");
                    n++;
                    changed++;
                }
            }
        }

        return string.Join("\n", lines);
    }

    // A statement that ends in an expression: "total += x;", "var y = ...;", "processed++;".
    private static bool IsStatement(string line)
    {
        var trimmed = line.TrimStart();
        return line.Length - trimmed.Length >= 8 && trimmed.EndsWith(';')
            && (trimmed.StartsWith("total", StringComparison.Ordinal) || trimmed.StartsWith("var ", StringComparison.Ordinal) || trimmed.StartsWith("cache[", StringComparison.Ordinal));
    }

    private static string Name(int i) => string.Create(CultureInfo.InvariantCulture, $"{Modules[i / Areas.Length % Modules.Length]}Processor{i}");
}
