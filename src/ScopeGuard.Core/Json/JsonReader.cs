using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Json;

/// <summary>
/// A strict RFC 8259 reader that keeps the line and column of every value and member name,
/// so that manifest errors can point into the file. No comments, no trailing commas.
/// </summary>
public static class JsonReader
{
    /// <summary>The deepest nesting accepted, to keep hostile input from exhausting the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses a whole JSON document.</summary>
    /// <param name="text">The document text (a leading byte order mark is skipped).</param>
    /// <returns>The root value.</returns>
    /// <exception cref="JsonSyntaxException">The text is not valid JSON.</exception>
    public static JsonNode Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var cursor = new Cursor(text);
        if (cursor.Peek() == TextFacts.ByteOrderMark)
        {
            cursor.SkipByteOrderMark();
        }

        cursor.SkipWhitespace();
        if (cursor.AtEnd)
        {
            throw cursor.Error("the file is empty: expected a JSON object");
        }

        var root = cursor.ReadValue(0);
        cursor.SkipWhitespace();
        if (!cursor.AtEnd)
        {
            throw cursor.Error($"unexpected {Describe(cursor.Peek())} after the end of the JSON document");
        }

        return root;
    }

    private static string Describe(char c) => c switch
    {
        '\0' => "end of file",
        '\n' or '\r' => "line break",
        _ when char.IsControl(c) => $"control character U+{(int)c:X4}",
        _ => $"'{c}'",
    };

    private sealed class Cursor
    {
        private readonly string text;
        private StringBuilder? builder;
        private int index;
        private int line = 1;
        private int lineStart;

        public Cursor(string text)
        {
            this.text = text;
        }

        public bool AtEnd => index >= text.Length;

        public TextPosition Position => new(line, index - lineStart + 1);

        public char Peek() => index < text.Length ? text[index] : '\0';

        // A byte order mark is not a column: editors count the first character after it as column 1.
        public void SkipByteOrderMark()
        {
            index++;
            lineStart = index;
        }

        public void Advance()
        {
            if (text[index] == '\n')
            {
                line++;
                lineStart = index + 1;
            }

            index++;
        }

        public JsonSyntaxException Error(string message) => new(Position, message);

        public void SkipWhitespace()
        {
            while (!AtEnd)
            {
                var c = text[index];
                if (c is ' ' or '\t' or '\n' or '\r')
                {
                    Advance();
                }
                else if (c == '/' && index + 1 < text.Length && (text[index + 1] == '/' || text[index + 1] == '*'))
                {
                    throw Error("comments are not allowed in JSON; use a \"description\" field instead");
                }
                else
                {
                    return;
                }
            }
        }

        public JsonNode ReadValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error($"nesting deeper than {MaxDepth} levels");
            }

            var c = Peek();
            var node = c switch
            {
                '{' => ReadObject(depth),
                '[' => ReadArray(depth),
                '"' => ReadStringNode(),
                't' => ReadLiteral("true", JsonKind.Boolean),
                'f' => ReadLiteral("false", JsonKind.Boolean),
                'n' => ReadLiteral("null", JsonKind.Null),
                '-' or (>= '0' and <= '9') => ReadNumber(),
                '\'' => throw Error("strings must use double quotes (\"), not single quotes"),
                '\0' when AtEnd => throw Error("unexpected end of file: expected a value"),
                _ => throw Error($"unexpected {Describe(c)}: expected a value (object, array, string, number, true, false or null)"),
            };
            node.End = Position;
            return node;
        }

        private JsonNode ReadObject(int depth)
        {
            var node = new JsonNode(JsonKind.Object, Position);
            var members = new List<JsonMember>();
            Advance();
            SkipWhitespace();
            if (Peek() == '}')
            {
                Advance();
                node.Members = members;
                return node;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw AtEnd
                        ? Error("unexpected end of file: the object is not closed with '}'")
                        : Error($"unexpected {Describe(Peek())}: expected a member name in double quotes");
                }

                var namePosition = Position;
                var name = ReadString();
                var nameEnd = Position;
                SkipWhitespace();
                if (Peek() != ':')
                {
                    throw Error($"expected ':' after member name \"{name}\"");
                }

                Advance();
                SkipWhitespace();
                var value = ReadValue(depth + 1);
                members.Add(new JsonMember(name, namePosition, value) { NameEnd = nameEnd });
                SkipWhitespace();
                var c = Peek();
                if (c == ',')
                {
                    var comma = Position;
                    Advance();
                    SkipWhitespace();
                    if (Peek() == '}')
                    {
                        throw new JsonSyntaxException(comma, "trailing comma before '}': remove it");
                    }

                    continue;
                }

                if (c == '}')
                {
                    Advance();
                    node.Members = members;
                    return node;
                }

                throw AtEnd
                    ? Error("unexpected end of file: the object is not closed with '}'")
                    : Error($"unexpected {Describe(c)}: expected ',' or '}}' after a member (is a comma missing?)");
            }
        }

        private JsonNode ReadArray(int depth)
        {
            var node = new JsonNode(JsonKind.Array, Position);
            var items = new List<JsonNode>();
            Advance();
            SkipWhitespace();
            if (Peek() == ']')
            {
                Advance();
                node.Items = items;
                return node;
            }

            while (true)
            {
                SkipWhitespace();
                items.Add(ReadValue(depth + 1));
                SkipWhitespace();
                var c = Peek();
                if (c == ',')
                {
                    var comma = Position;
                    Advance();
                    SkipWhitespace();
                    if (Peek() == ']')
                    {
                        throw new JsonSyntaxException(comma, "trailing comma before ']': remove it");
                    }

                    continue;
                }

                if (c == ']')
                {
                    Advance();
                    node.Items = items;
                    return node;
                }

                throw AtEnd
                    ? Error("unexpected end of file: the array is not closed with ']'")
                    : Error($"unexpected {Describe(c)}: expected ',' or ']' after an array item (is a comma missing?)");
            }
        }

        private JsonNode ReadStringNode()
        {
            var node = new JsonNode(JsonKind.String, Position);
            node.Text = ReadString();
            return node;
        }

        private string ReadString()
        {
            var start = Position;
            Advance();

            // Most strings have no escape: take them as one substring (a string cannot hold a line
            // break, so the position moves by columns only).
            var end = index;
            while (end < text.Length && text[end] is not ('"' or '\\') && text[end] >= 0x20)
            {
                end++;
            }

            if (end < text.Length && text[end] == '"')
            {
                var plain = text.Substring(index, end - index);
                index = end + 1;
                return plain;
            }

            var builder = this.builder ??= new StringBuilder();
            builder.Clear();
            while (true)
            {
                if (AtEnd)
                {
                    throw new JsonSyntaxException(start, "unterminated string: no closing '\"'");
                }

                var c = text[index];
                if (c == '"')
                {
                    Advance();
                    return builder.ToString();
                }

                if (c == '\\')
                {
                    var escape = Position;
                    Advance();
                    builder.Append(ReadEscape(escape));
                    continue;
                }

                if (c < 0x20)
                {
                    throw Error(c == '\n' || c == '\r'
                        ? "line break inside a string: strings must end on the line they start (write \\n for a newline)"
                        : $"control character U+{(int)c:X4} inside a string must be escaped");
                }

                builder.Append(c);
                Advance();
            }
        }

        private string ReadEscape(TextPosition position)
        {
            if (AtEnd)
            {
                throw Error("unexpected end of file inside an escape sequence");
            }

            var c = text[index];
            Advance();
            switch (c)
            {
                case '"': return "\"";
                case '\\': return "\\";
                case '/': return "/";
                case 'b': return "\b";
                case 'f': return "\f";
                case 'n': return "\n";
                case 'r': return "\r";
                case 't': return "\t";
                case 'u':
                    if (index + 4 > text.Length
                        || !int.TryParse(text.Substring(index, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new JsonSyntaxException(position, "\\u must be followed by four hexadecimal digits");
                    }

                    for (var i = 0; i < 4; i++)
                    {
                        Advance();
                    }

                    return ((char)code).ToString();
                default:
                    throw new JsonSyntaxException(position, $"invalid escape '\\{c}' (a backslash in a JSON string is written \\\\)");
            }
        }

        private JsonNode ReadLiteral(string literal, JsonKind kind)
        {
            var node = new JsonNode(kind, Position);
            if (string.CompareOrdinal(text, index, literal, 0, literal.Length) != 0)
            {
                throw Error($"unexpected {Describe(Peek())}: expected a value (strings must be in double quotes)");
            }

            for (var i = 0; i < literal.Length; i++)
            {
                Advance();
            }

            node.Text = literal;
            return node;
        }

        private JsonNode ReadNumber()
        {
            var node = new JsonNode(JsonKind.Number, Position);
            var start = index;
            if (Peek() == '-')
            {
                Advance();
            }

            if (Peek() == '0')
            {
                Advance();
            }
            else if (Peek() is >= '1' and <= '9')
            {
                while (Peek() is >= '0' and <= '9')
                {
                    Advance();
                }
            }
            else
            {
                throw Error("invalid number");
            }

            if (Peek() == '.')
            {
                Advance();
                if (Peek() is not (>= '0' and <= '9'))
                {
                    throw Error("invalid number: expected a digit after '.'");
                }

                while (Peek() is >= '0' and <= '9')
                {
                    Advance();
                }
            }

            if (Peek() is 'e' or 'E')
            {
                Advance();
                if (Peek() is '+' or '-')
                {
                    Advance();
                }

                if (Peek() is not (>= '0' and <= '9'))
                {
                    throw Error("invalid number: expected a digit in the exponent");
                }

                while (Peek() is >= '0' and <= '9')
                {
                    Advance();
                }
            }

            node.Text = text.Substring(start, index - start);
            return node;
        }
    }
}
