using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using ScopeGuard.Core.Rules;

namespace ScopeGuard.Core.Tests.Rules;

public sealed class GitPathQuotingTests
{
    private static readonly string[] Names =
    [
        "plain.txt", "sp ace.txt", "a\nb.txt", "tab\there.txt", "cr\rx.txt", "bell\a.txt", "esc\u001b[2J.txt", "del\u007f.txt",
        "q\"uote.txt", "back\\slash.txt", "tick`.txt", "**bold**.md", "[l](x).md", "<img>.md", "café.txt", "日本.txt", "v\vf\f.txt",
    ];

    [Theory]
    [InlineData("plain/a.cs", true, "plain/a.cs")]
    [InlineData("a\nb", false, "\"a\\nb\"")]
    [InlineData("a\tb", false, "\"a\\tb\"")]
    [InlineData("a\"b", false, "\"a\\\"b\"")]
    [InlineData("a\\b", false, "\"a\\\\b\"")]
    [InlineData("a\u0001b", false, "\"a\\001b\"")]
    [InlineData("café", true, "\"caf\\303\\251\"")]
    [InlineData("café", false, "café")]
    [InlineData("café\n", false, "\"café\\n\"")]
    [InlineData("bad\uFFFDname", true, "\"bad\\357\\277\\275name\"")]
    public void Quote_Name_IsQuotedAsGitQuotesIt(string path, bool quotePath, string expected)
    {
        Assert.Equal(expected, GitPathQuoting.Quote(path, quotePath));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Quote_NamesInARealRepository_AgreeWithGitLsFiles(bool quotePath)
    {
        var root = Directory.CreateTempSubdirectory("scopeguard-quote-").FullName;
        try
        {
            Git(root, "init", "-q");
            foreach (var name in Names)
            {
                File.WriteAllText(Path.Combine(root, name), "x");
            }

            Git(root, "add", "-A");
            var listed = Git(root, "-c", $"core.quotepath={(quotePath ? "true" : "false")}", "ls-files").Split('\n', StringSplitOptions.RemoveEmptyEntries);

            var ours = Names.Select(n => GitPathQuoting.Quote(n, quotePath)).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(listed.OrderBy(n => n, StringComparer.Ordinal), ours);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("src/a.cs", "'src/a.cs'")]
    [InlineData("src/café.cs", "'src/café.cs'")]
    [InlineData("src/a\nb.cs", "\"src/a\\nb.cs\"")]
    public void InMessage_Path_IsSingleQuotedUnlessGitWouldQuoteIt(string path, string expected)
    {
        Assert.Equal(expected, GitPathQuoting.InMessage(path));
    }

    private static string Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = new System.Text.UTF8Encoding(false) };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = directory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
