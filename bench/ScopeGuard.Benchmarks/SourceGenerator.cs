using System.Globalization;
using System.Text;

namespace ScopeGuard.Benchmarks;

/// <summary>Generates realistic C# files for the benchmarks: a namespace, a few types, many members.</summary>
internal static class SourceGenerator
{
    /// <summary>Generates a file of about <paramref name="lines"/> lines; <paramref name="variant"/> changes some bodies and one signature.</summary>
    public static string File(int lines, int variant)
    {
        var builder = new StringBuilder();
        builder.AppendLine("using System;");
        builder.AppendLine("using System.Collections.Generic;");
        builder.AppendLine();
        builder.AppendLine("namespace Contoso.Billing.Generated;");
        builder.AppendLine();
        var member = 0;
        var type = 0;
        while (CountLines(builder) < lines)
        {
            builder.Append("public sealed partial class Invoice").Append(type.ToString(CultureInfo.InvariantCulture)).AppendLine(" : IDisposable");
            builder.AppendLine("{");
            builder.AppendLine("    private readonly List<decimal> lines = new();");
            for (var i = 0; i < 20 && CountLines(builder) < lines - 10; i++, member++)
            {
                var changedBody = variant > 0 && member % 10 == 3;
                var changedSignature = variant > 0 && member == 17;
                builder.AppendLine("    /// <summary>Adds a line.</summary>");
                builder.Append("    public decimal Add").Append(member.ToString(CultureInfo.InvariantCulture))
                    .Append(changedSignature ? "(decimal amount, int quantity, string note)" : "(decimal amount, int quantity)").AppendLine();
                builder.AppendLine("    {");
                builder.AppendLine("        var total = amount * quantity;");
                builder.Append("        lines.Add(total").Append(changedBody ? " + 1" : string.Empty).AppendLine(");");
                builder.AppendLine("        return total;");
                builder.AppendLine("    }");
                builder.AppendLine();
            }

            builder.AppendLine("    public void Dispose() => lines.Clear();");
            builder.AppendLine("}");
            builder.AppendLine();
            type++;
        }

        return builder.ToString();
    }

    private static int CountLines(StringBuilder builder)
    {
        var count = 0;
        for (var i = 0; i < builder.Length; i++)
        {
            if (builder[i] == '\n')
            {
                count++;
            }
        }

        return count;
    }
}
