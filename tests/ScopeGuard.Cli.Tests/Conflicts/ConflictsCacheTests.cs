using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using ScopeGuard.Cli.Tests.Support;

namespace ScopeGuard.Cli.Tests.Conflicts;

/// <summary>
/// <c>conflicts</c> reads and fills the declaration cache <c>check</c> keeps: the same report without the
/// cache, with a cold cache (filled) and with a warm one (no parse), and the entries it writes serve <c>check</c>.
/// </summary>
public sealed class ConflictsCacheTests
{
    private const string Calc = """
        namespace Shop;

        public partial class Calc
        {
            public int First(int x)
            {
                return x + 1;
            }

            public int Second(int x)
            {
                var doubled = x * 2;
                return doubled + 2;
            }

            public int Third(int x)
            {
                return x + 3;
            }
        }

        """;

    private const string Contract = """
        namespace Shop;

        public interface IInvoice
        {
            int Total();

            int Tax();
        }

        """;

    private const string CalcMore = """
        namespace Shop;

        public partial class Calc
        {
            public int Fourth(int x) => x + 4;
        }

        """;

    [Fact]
    public void Conflicts_WithoutColdAndWarmCache_ReportTheSameJson_AndTheWarmRunParsesNothing()
    {
        using var repo = ConflictsRepo.Create(
            new Dictionary<string, string> { ["src/Calc.cs"] = Calc, ["src/IInvoice.cs"] = Contract, ["src/Calc.More.cs"] = CalcMore },
            ["rename", "edit", "remove", "contract", "partial"]);

        // A rename (same body) on one branch and an edit of the renamed member on another.
        repo.Branch("rename", new Dictionary<string, string?> { ["src/Calc.cs"] = Calc.Replace("public int Second(", "public int Double(", StringComparison.Ordinal) });
        repo.Branch("edit", new Dictionary<string, string?> { ["src/Calc.cs"] = Calc.Replace("return doubled + 2;", "return doubled + 20;", StringComparison.Ordinal).Replace("return x + 1;", "return x + 10;", StringComparison.Ordinal) });
        repo.Branch("remove", new Dictionary<string, string?> { ["src/Calc.cs"] = Calc.Replace("    public int Third(int x)\n    {\n        return x + 3;\n    }\n", string.Empty, StringComparison.Ordinal).Replace("return x + 1;", "return x - 1;", StringComparison.Ordinal) });

        // Bodiless members: Total replaced by Sum is no rename (no body to compare), on both branches.
        repo.Branch("contract", new Dictionary<string, string?> { ["src/IInvoice.cs"] = Contract.Replace("int Total();", "int Sum();", StringComparison.Ordinal) });
        repo.Branch("partial", new Dictionary<string, string?>
        {
            ["src/IInvoice.cs"] = Contract.Replace("int Total();", "int Total(int discount);", StringComparison.Ordinal),
            ["src/Calc.More.cs"] = CalcMore.Replace("x + 4", "x + 40", StringComparison.Ordinal),
        });

        var cacheDirectory = Path.Combine(repo.Path, ".git", "scopeguard", "cache");
        var uncached = repo.Run("--format", "json", "--no-cache", "--cache-stats");
        Assert.False(Directory.Exists(cacheDirectory), "--no-cache wrote the cache");
        var cold = repo.Run("--format", "json", "--cache-stats");
        var warm = repo.Run("--format", "json", "--cache-stats");

        Assert.True(uncached.ExitCode == ExitCodes.Findings, uncached.ToString());
        Assert.Equal(uncached.ExitCode, cold.ExitCode);
        Assert.Equal(uncached.ExitCode, warm.ExitCode);
        Assert.Equal(uncached.Output, cold.Output);
        Assert.Equal(uncached.Output, warm.Output);

        // Cold: every compared version parsed and written; warm: every one from the cache, none parsed.
        var parsedCold = Count(cold, "read from git");
        Assert.True(parsedCold >= 5, cold.ToString());
        Assert.Equal(parsedCold, Count(cold, "written"));
        Assert.Equal(0, Count(cold, "from the cache"));
        Assert.Equal(parsedCold, Count(warm, "from the cache"));
        Assert.Equal(0, Count(warm, "read from git"));
        Assert.Equal(0, Count(warm, "written"));
        Assert.Equal(0, Count(warm, "rejected"));
        Assert.Contains("off (--no-cache)", uncached.Error, StringComparison.Ordinal);

        // The report says what a user relies on: the rename against the edit, and the bodiless replacement.
        using var json = JsonDocument.Parse(warm.Output);
        var members = json.RootElement.GetProperty("pairs").EnumerateArray()
            .SelectMany(p => p.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString()))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("M:Shop.Calc.Second(System.Int32)", members);
        Assert.Contains("M:Shop.Calc.First(System.Int32)", members);
        Assert.Contains("M:Shop.IInvoice.Total", members);
        Assert.Contains("renamed to M:Shop.Calc.Double(System.Int32)", warm.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Conflicts_FilledCache_ServesCheck_WithTheSameFindingsAsWithoutIt()
    {
        using var repo = ConflictsRepo.Create(
            new Dictionary<string, string> { ["src/Calc.cs"] = Calc, ["src/IInvoice.cs"] = Contract },
            ["a", "b"]);
        repo.Branch("a", new Dictionary<string, string?> { ["src/Calc.cs"] = Calc.Replace("return x + 1;", "return x + 10;", StringComparison.Ordinal) });
        repo.Branch("b", new Dictionary<string, string?> { ["src/Calc.cs"] = Calc.Replace("return x + 3;", "return x + 30;", StringComparison.Ordinal) });

        var fill = repo.Run("--cache-stats");
        var warmCheck = CliRunner.Run(repo.Path, "check", "--base", "main", "--head", "agent/a", "--agent", "a", "--format", "json", "--cache-stats");
        var coldCheck = CliRunner.Run(repo.Path, "check", "--base", "main", "--head", "agent/a", "--agent", "a", "--format", "json", "--no-cache");

        Assert.True(Count(fill, "written") >= 2, fill.ToString());
        Assert.Equal(coldCheck.ExitCode, warmCheck.ExitCode);
        Assert.Equal(Findings(coldCheck), Findings(warmCheck));
        Assert.Equal(0, Count(warmCheck, "rejected"));
        Assert.True(Count(warmCheck, "from the cache") >= 1, warmCheck.ToString());
    }

    [Fact]
    public void Conflicts_WarmCache_DoesNotReadFilesOnlyOneBranchChanged_ThatDeclareNoPartialType()
    {
        var alone = Contract.Replace("IInvoice", "IAlone", StringComparison.Ordinal);
        using var repo = ConflictsRepo.Create(
            new Dictionary<string, string> { ["src/Calc.cs"] = Calc, ["src/IAlone.cs"] = alone },
            ["a", "b"]);
        repo.Branch("a", new Dictionary<string, string?>
        {
            ["src/Calc.cs"] = Calc.Replace("return x + 1;", "return x + 10;", StringComparison.Ordinal),
            ["src/IAlone.cs"] = alone.Replace("int Tax();", "int Tax(int rate);", StringComparison.Ordinal),
        });
        repo.Branch("b", new Dictionary<string, string?> { ["src/Calc.cs"] = Calc.Replace("return x + 1;", "return x + 11;", StringComparison.Ordinal) });

        var fill = repo.Run("--format", "json", "--cache-stats");
        Assert.True(fill.ExitCode == ExitCodes.Findings, fill.ToString());

        // Both versions of the file only branch a changed, and which declares no partial type, leave the
        // object store: a run that still read them would fail.
        foreach (var side in new[] { "main:src/IAlone.cs", "agent/a:src/IAlone.cs" })
        {
            var id = repo.Repo.Git("rev-parse", side).Trim();
            File.Delete(Path.Combine(repo.Path, ".git", "objects", id[..2], id[2..]));
        }

        var warm = repo.Run("--format", "json", "--cache-stats");
        var uncached = repo.Run("--format", "json", "--no-cache");

        Assert.True(warm.ExitCode == fill.ExitCode, warm.ToString());
        Assert.Equal(fill.Output, warm.Output);
        Assert.Equal(0, Count(warm, "read from git"));
        Assert.True(uncached.ExitCode == ExitCodes.Error, uncached.ToString());
        Assert.Contains("is not in this repository", uncached.Error, StringComparison.Ordinal);
    }

    private static string Findings(CliResult result)
    {
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("findings").GetRawText();
    }

    private static int Count(CliResult result, string what)
    {
        var line = result.Error.Split('\n').LastOrDefault(l => l.Contains("declaration cache", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no cache statistics:\n{result}");
        var match = Regex.Match(line, @"(\d+) " + Regex.Escape(what));
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : throw new InvalidOperationException($"'{what}' is not in: {line}");
    }
}
