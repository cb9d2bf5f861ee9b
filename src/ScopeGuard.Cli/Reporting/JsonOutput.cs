using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ScopeGuard.Cli.Reporting;

/// <summary>The one way the CLI writes JSON: indented UTF-8, one document, then a newline.</summary>
internal static class JsonOutput
{
    public static void Write(TextWriter writer, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            body(json);
        }

        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Writes a string property, or <c>null</c>.</summary>
    public static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
