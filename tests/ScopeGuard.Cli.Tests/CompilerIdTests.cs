using System.Linq;
using System.Text.Json;
using ScopeGuard.Cli.Tests.Support;
using ScopeGuard.Core.Tests.Symbols;

namespace ScopeGuard.Cli.Tests;

// Issue 17: IDs copied from the compiler (XML doc files, GetDocumentationCommentId) name the same
// declarations as ScopeGuard's own IDs. Expected compiler IDs come from Roslyn's semantic model.
public sealed class CompilerIdTests
{
    private const string Shared = """
        namespace Microsoft.UI.Xaml
        {
            public class UIElement { }
        }

        namespace Microsoft.Build.Construction
        {
            public class ProjectMetadataElement { }
        }
        """;

    // The method under a readonly rule, in a file of its own; each case names its parameter type differently.
    public static TheoryData<string, string> Panels => new()
    {
        {
            "a short name declared in another file",
            """
            using Microsoft.Build.Construction;

            namespace Contoso.Ui
            {
                public class Panel
                {
                    public int Add(ProjectMetadataElement element, int index)
                    {
                        return index;
                    }
                }
            }
            """
        },
        {
            "an SDK type",
            """
            using System;

            namespace Contoso.Ui
            {
                public class Panel
                {
                    public int Add(ReadOnlySpan<char> text, int index)
                    {
                        return index;
                    }
                }
            }
            """
        },
        {
            "a using alias",
            """
            using View = Microsoft.UI.Xaml.UIElement;

            namespace Contoso.Ui
            {
                public class Panel
                {
                    public int Add(View view, int index)
                    {
                        return index;
                    }
                }
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Panels))]
    public void CheckStaged_ReadonlyPatternInCompilerForm_BlocksABodyChange(string why, string panel)
    {
        var compilerId = CompilerIds.MemberIds(panel, Shared).Single();
        using var repo = Repository(panel, compilerId);
        repo.Git("checkout", "--quiet", "-b", "agent/ui");
        repo.Write("src/Ui/Panel.cs", panel.Replace("return index;", "return index + 1;", System.StringComparison.Ordinal));
        repo.Git("add", "-A");

        var result = CliRunner.Run(repo.Path, "check", "--staged");

        Assert.True(result.ExitCode == ExitCodes.Findings, why + ": " + result);
        Assert.Contains($"error SG0002: agent 'ui' may not change", result.Output, System.StringComparison.Ordinal);
        Assert.Contains($"'readonly {compilerId}' in agents.ui.symbols.readonly decides", result.Output, System.StringComparison.Ordinal);
    }

    [Fact]
    public void CheckStaged_ReadonlyPatternInCompilerForm_AllowsTheOtherOverload()
    {
        const string panel = """
            using System;

            namespace Contoso.Ui
            {
                public class Panel
                {
                    public int Add(ReadOnlySpan<char> text) => 0;
                    public int Add(Span<char> text) => 0;
                }
            }
            """;
        var compilerId = CompilerIds.MemberIds(panel, Shared)[0];
        using var repo = Repository(panel, compilerId);
        repo.Git("checkout", "--quiet", "-b", "agent/ui");
        repo.Write("src/Ui/Panel.cs", panel.Replace("Span<char> text) => 0;\n    }", "Span<char> text) => 1;\n    }", System.StringComparison.Ordinal).Replace("public int Add(Span<char> text) => 0;", "public int Add(Span<char> text) => 1;", System.StringComparison.Ordinal));
        repo.Git("add", "-A");

        var result = CliRunner.Run(repo.Path, "check", "--staged");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
    }

    [Fact]
    public void Lint_MemberPatternThatMatchesNothing_WarnsWithTheNearestId()
    {
        const string panel = """
            using System;

            namespace Contoso.Ui
            {
                public class Panel
                {
                    public int Add(ReadOnlySpan<char> text, int index) => index;
                }
            }
            """;
        using var repo = Repository(panel, "M:Contoso.Ui.Panel.Add(System.Span{System.Char},System.Int32)", "M:Contoso.Ui.Panel.Add(System.ReadOnlySpan{System.Char},System.Int32)");

        var result = CliRunner.Run(repo.Path, "lint");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        var warning = Assert.Single(result.ErrorLines, l => l.Contains("SG01", System.StringComparison.Ordinal));
        Assert.StartsWith("scopes.json(", warning, System.StringComparison.Ordinal);
        Assert.Contains("warning SG0101: 'M:Contoso.Ui.Panel.Add(System.Span{System.Char},System.Int32)' in agents.ui.symbols.readonly matches no declaration", warning, System.StringComparison.Ordinal);
        Assert.Contains("nearest existing ID: M:Contoso.Ui.Panel.Add(ReadOnlySpan{System.Char},System.Int32), which the compiler writes " + CompilerIds.MemberIds(panel).Single(), warning, System.StringComparison.Ordinal);
        Assert.EndsWith("valid (1 warning(s)); 1 agent(s): ui", result.OutputLines[^1], System.StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_MemberPatternsAsJson_CountsWarnings()
    {
        using var repo = Repository("namespace Contoso.Ui { public class Panel { public void Clear() { } } }", "M:Contoso.Ui.Panel.Reset", "F:Contoso.Ui.Panel.count");

        var result = CliRunner.Run(repo.Path, "lint", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(2, json.RootElement.GetProperty("warnings").GetInt32());
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.All(findings, f => Assert.Equal("SG0101", f.GetProperty("id").GetString()));
        Assert.Contains("nearest existing ID: M:Contoso.Ui.Panel.Clear", findings[0].GetProperty("message").GetString(), System.StringComparison.Ordinal);
        Assert.Contains("no member of that kind", findings[1].GetProperty("message").GetString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_ShortNameThatMeansTwoTypes_WarnsAmbiguous()
    {
        // Two parts of one class, each with its own usings: Thing is A.Thing in one, B.Thing in the other.
        const string first = "using A; namespace N { public partial class C { public void M(Thing t) { } } }";
        const string second = "using B; namespace N { public partial class C { public void M(Thing t) { } } }";
        const string things = "namespace A { public class Thing { } } namespace B { public class Thing { } }";
        using var repo = TempRepo.Init(Manifest("M:N.C.M(Thing)", CompilerIds.MemberIds(first, second, things).Single()));
        repo.Write("src/One.cs", first);
        repo.Write("src/Two.cs", second);
        repo.Write("src/Things.cs", things);
        repo.Git("add", "-A");
        repo.Git("commit", "--quiet", "-m", "init");

        var result = CliRunner.Run(repo.Path, "lint");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        var warning = Assert.Single(result.ErrorLines, l => l.Contains("SG01", System.StringComparison.Ordinal));
        Assert.Contains("warning SG0102: 'M:N.C.M(Thing)' in agents.ui.symbols.readonly covers 2 declarations whose compiler IDs differ (M:N.C.M(A.Thing), M:N.C.M(B.Thing))", warning, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Symbols_CompilerIds_PrintsBothFormsSideBySide()
    {
        const string panel = """
            using System.Collections.Generic;
            using Microsoft.Build.Construction;
            using View = Microsoft.UI.Xaml.UIElement;

            namespace Contoso.Ui
            {
                public class Panel
                {
                    public void AddCore(View view, List<ProjectMetadataElement> items) { }
                }
            }
            """;
        using var repo = Repository(panel);
        var compilerId = CompilerIds.MemberIds(panel, Shared).Single();

        var text = CliRunner.Run(repo.Path, "symbols", "--compiler-ids", "src/Ui/Panel.cs");
        var json = CliRunner.Run(repo.Path, "symbols", "--compiler-ids", "--format", "json", "src/Ui/Panel.cs");

        Assert.True(text.ExitCode == ExitCodes.Success, text.ToString());
        Assert.Equal(
            [
                "src/Ui/Panel.cs(5,11): N:Contoso.Ui  compiler: N:Contoso.Ui",
                "src/Ui/Panel.cs(7,18): T:Contoso.Ui.Panel  compiler: T:Contoso.Ui.Panel",
                $"src/Ui/Panel.cs(9,21): M:Contoso.Ui.Panel.AddCore(View,List{{ProjectMetadataElement}})  compiler: {compilerId}",
            ],
            text.OutputLines);
        using var document = JsonDocument.Parse(json.Output);
        var method = document.RootElement[0].GetProperty("declarations")[2];
        Assert.Equal("M:Contoso.Ui.Panel.AddCore(View,List{ProjectMetadataElement})", method.GetProperty("id").GetString());
        Assert.Equal(compilerId, method.GetProperty("compilerId").GetString());
    }

    private static TempRepo Repository(string panel, params string[] readonlyPatterns)
    {
        var repo = TempRepo.Init(Manifest(readonlyPatterns));
        repo.Write("src/Ui/Panel.cs", panel);
        repo.Write("src/Shared/Shared.cs", Shared);
        repo.Git("add", "-A");
        repo.Git("commit", "--quiet", "-m", "init");
        return repo;
    }

    private static string Manifest(params string[] readonlyPatterns) => $$"""
        {
          "version": 1,
          "settings": { "unknownAgent": "allow", "baseBranch": "main" },
          "agents": {
            "ui": {
              "branches": ["agent/ui"],
              "paths": ["src/"],
              "symbols": { "readonly": [{{string.Join(", ", readonlyPatterns.Select(p => "\"" + p + "\""))}}] }
            }
          }
        }
        """;
}
