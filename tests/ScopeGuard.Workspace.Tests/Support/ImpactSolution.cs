using System.Linq;
using System.Threading;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Workspace.Tests.Support;

/// <summary>
/// One real solution shared by a test class: a library owned by agent lib and two consumers owned by
/// agents billing and reports, committed on main, restored with the real SDK and loaded once with
/// MSBuildWorkspace. Tests that change it do so on branches and leave main checked out.
/// </summary>
public sealed class ImpactSolution : GitSandbox
{
    public const string Manifest = """
        {
          "version": 1,
          "agents": {
            "lib": { "branches": ["agent/lib"], "paths": ["src/Lib/"] },
            "billing": { "branches": ["agent/billing"], "paths": ["src/Billing/"] },
            "reports": { "branches": ["agent/reports"], "paths": ["src/Reports/"] }
          }
        }
        """;

    public const string Calc = """
        namespace Lib;

        public class Calc
        {
            public int Add(int a) => a + 1;

            public int Twice(int a) => a * 2;

            public int Three() => Add(2);
        }

        public interface IShape
        {
            double Area();

            string Name();
        }

        public abstract class Animal
        {
            public abstract string Sound();
        }
        """;

    public const string Invoice = """
        namespace Billing;

        public class Invoice
        {
            public int Total() => new Lib.Calc().Add(1);
        }

        public sealed class Square : Lib.IShape
        {
            public double Area() => 4;

            public string Name() => "square";
        }

        public sealed class Dog : Lib.Animal
        {
            public override string Sound() => "woof";
        }
        """;

    public const string Monthly = """
        namespace Reports;

        public class Monthly
        {
            public int Sum() => new Lib.Calc().Add(2) + 1;
        }

        public sealed class Circle : Lib.IShape
        {
            public double Area() => 3.14;

            public string Name() => "circle";
        }
        """;

    public ImpactSolution()
        : base("sg-impact-")
    {
        InitRepository();
        Write("scopes.json", Manifest);
        Write(".gitignore", "bin/\nobj/\n");
        Write("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        Write("All.slnx", """
            <Solution>
              <Project Path="src/Lib/Lib.csproj" />
              <Project Path="src/Billing/Billing.csproj" />
              <Project Path="src/Reports/Reports.csproj" />
            </Solution>
            """);
        Write("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        Write("src/Lib/Calc.cs", Calc);
        foreach (var consumer in new[] { "Billing", "Reports" })
        {
            Write($"src/{consumer}/{consumer}.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <ProjectReference Include="../Lib/Lib.csproj" />
                  </ItemGroup>
                </Project>
                """);
        }

        Write("src/Billing/Invoice.cs", Invoice);
        Write("src/Reports/Monthly.cs", Monthly);
        CommitAll("a library and two consumers");
        Dotnet.Run(Path, "restore", "All.slnx");

        Loaded = SolutionLoader.OpenAsync(System.IO.Path.Combine(Path, "All.slnx"), null, CancellationToken.None).GetAwaiter().GetResult();

        // Read every text now: a loaded solution reads files lazily, and tests check other branches out.
        foreach (var document in Loaded.Solution.Projects.SelectMany(p => p.Documents))
        {
            _ = document.GetTextAsync().GetAwaiter().GetResult();
        }
    }

    public LoadedSolution Loaded { get; }

    /// <summary>The base and head of a change to files of the library (path, head text), against main.</summary>
    public SolutionVersions Change(params (string Path, string? HeadText)[] files)
    {
        var changed = files.Select(f => new ChangedFile(f.Path, f.Path, Base(f.Path), f.HeadText)).ToList();
        return SolutionVersions.Create(Loaded.Solution, Path, changed);
    }

    public ImpactResult Analyze(params (string Path, string? HeadText)[] files) =>
        ImpactAnalyzer.AnalyzeAsync(Change(files), CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Commits the files on a new branch from main, then checks main out again.</summary>
    public void Branch(string branch, params (string Path, string Text)[] files)
    {
        Git("checkout", "--quiet", "-b", branch, "main");
        try
        {
            foreach (var (path, text) in files)
            {
                Write(path, text);
            }

            CommitAll("change on " + branch);
        }
        finally
        {
            Git("checkout", "--quiet", "main");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Loaded.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string? Base(string path) => path switch
    {
        "src/Lib/Calc.cs" => Calc,
        "src/Billing/Invoice.cs" => Invoice,
        "src/Reports/Monthly.cs" => Monthly,
        _ => null,
    };
}
