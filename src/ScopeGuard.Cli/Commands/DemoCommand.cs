using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using ScopeGuard.Cli.Hooks;
using ScopeGuard.Core;

namespace ScopeGuard.Cli.Commands;

/// <summary>
/// <c>scopeguard demo</c>: builds a throwaway repository from scopes.example.json, gives two agents
/// a worktree each, installs the real hook, and lets one commit pass and one be refused by git.
/// </summary>
internal sealed class DemoCommand : Command
{
    private static readonly string[] ScrubbedVariables =
        ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_COMMON_DIR", "SCOPEGUARD_AGENT", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM"];

    public DemoCommand(CliContext context)
        : base("demo", "Run ScopeGuard on a throwaway repository: one agent's commit passes, another's is refused.")
    {
        Options.Add(Keep);
        Options.Add(Directory);
        SetAction(parseResult => Execute(parseResult, context));
    }

    internal Option<bool> Keep { get; } = new("--keep")
    {
        Description = "Keep the demo repository afterwards to look around.",
    };

    internal Option<string?> Directory { get; } = new("--directory")
    {
        Description = "Build the demo here (an empty or new folder) instead of a new temporary folder.",
        HelpName = "DIR",
    };

    private int Execute(ParseResult parseResult, CliContext context)
    {
        var output = context.Output;
        var requested = parseResult.GetValue(Directory);
        var root = requested is null
            ? Path.Combine(Path.GetTempPath(), "scopeguard-demo-" + Guid.NewGuid().ToString("N")[..8])
            : Path.GetFullPath(Path.Combine(context.CurrentDirectory, requested));
        if (System.IO.Directory.Exists(root) && System.IO.Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new ScopeGuardException($"--directory '{root}' is not empty: the demo needs an empty or new folder");
        }

        var keep = parseResult.GetValue(Keep) || requested is not null;
        try
        {
            return Run(root, context);
        }
        finally
        {
            if (keep)
            {
                output.WriteLine($"The demo repository is kept at {root}");
            }
            else
            {
                TryDelete(root);
            }
        }
    }

    private static int Run(string root, CliContext context)
    {
        var output = context.Output;
        var repo = Path.Combine(root, "repo");
        System.IO.Directory.CreateDirectory(repo);
        var git = new DemoGit(context);
        output.WriteLine("ScopeGuard demo");
        output.WriteLine($"  repository: {repo}");

        git.Run(repo, "init", "--quiet", "--initial-branch=main");
        git.Run(repo, "config", "user.name", "Demo Maintainer");
        git.Run(repo, "config", "user.email", "maintainer@example.invalid");
        git.Run(repo, "config", "commit.gpgsign", "false");

        // Pin the hooks folder so a global core.hooksPath cannot send the demo's hook elsewhere.
        git.Run(repo, "config", "core.hooksPath", Path.Combine(repo, ".git", "hooks"));
        WriteProject(repo);
        git.Run(repo, "add", "--all");
        git.Run(repo, "commit", "--quiet", "-m", "Project skeleton with scopes.json");
        output.WriteLine("  1. the maintainer commits the project and scopes.json (from scopes.example.json) on main");

        var install = new StringWriter();
        var installContext = new CliContext(install, install, TextReader.Null, repo, DemoGit.Scrubbed(context.Environment));
        var installed = CliApp.Run(["install"], installContext);
        if (installed != ExitCodes.Success)
        {
            output.WriteLine(Indent(install.ToString(), "     | "));
            throw new ScopeGuardException("the demo could not install the hook");
        }

        output.WriteLine($"  2. scopeguard install: pre-commit hook written to {Path.Combine(repo, ".git", "hooks", HookInstaller.HookName)}");

        var billing = Path.Combine(root, "billing");
        var docs = Path.Combine(root, "docs");
        git.Run(repo, "worktree", "add", "--quiet", "-b", "agent/billing", billing);
        git.Run(repo, "worktree", "add", "--quiet", "-b", "agent/docs", docs);
        output.WriteLine($"  3. two agents get a worktree and a branch each: billing ({billing}, agent/billing), docs ({docs}, agent/docs)");

        File.AppendAllText(Path.Combine(billing, "src", "Billing", "Invoice.cs"), "\n// Billing: rounding follows the currency's minor unit.\n");
        var accepted = git.TryRun(billing, "commit", "--quiet", "-am", "Billing: document rounding");
        output.WriteLine("  4. billing edits src/Billing/Invoice.cs (its own scope) and runs git commit:");
        output.WriteLine(accepted.ExitCode == 0
            ? $"     accepted, commit {git.Run(billing, "rev-parse", "--short", "HEAD").Trim()}"
            : "     REFUSED (unexpected):");
        output.WriteLine(Indent(accepted.Output, "     | "));

        File.AppendAllText(Path.Combine(docs, "docs", "index.md"), "\nBilling rounds to the currency's minor unit.\n");
        File.AppendAllText(Path.Combine(docs, "src", "Billing", "Invoice.cs"), "\n// docs agent was here\n");
        var refused = git.TryRun(docs, "commit", "--quiet", "-am", "Docs: explain rounding (and touch billing code)");
        output.WriteLine("  5. docs edits docs/index.md (its scope) and src/Billing/Invoice.cs (not its scope) and runs git commit:");
        output.WriteLine(refused.ExitCode != 0 ? "     REFUSED by the pre-commit hook, which said:" : "     accepted (unexpected)");
        output.WriteLine(Indent(refused.Output, "     | "));

        var asExpected = accepted.ExitCode == 0 && refused.ExitCode != 0 && refused.Output.Contains(DiagnosticIds.PathOutOfScope, StringComparison.Ordinal);
        output.WriteLine(asExpected
            ? "The demo behaved as expected: the in-scope commit was accepted and git refused the out-of-scope one (SG0001)."
            : "The demo did NOT behave as expected; see above.");
        return asExpected ? ExitCodes.Success : ExitCodes.Findings;
    }

    private static void WriteProject(string repo)
    {
        using (var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream("ScopeGuard.scopes.example.json")
            ?? throw new InvalidOperationException("scopes.example.json is missing from the tool's resources"))
        using (var file = File.Create(Path.Combine(repo, "scopes.json")))
        {
            stream.CopyTo(file);
        }

        var files = new Dictionary<string, string>
        {
            ["README.md"] = "# Contoso\n\nA demo project for ScopeGuard.\n",
            ["docs/index.md"] = "# Contoso docs\n",
            ["src/Billing/Invoice.cs"] = "namespace Contoso.Billing;\n\npublic sealed class Invoice\n{\n    public decimal Total { get; set; }\n}\n",
            ["src/Billing/Generated/InvoiceDto.cs"] = "namespace Contoso.Billing.Generated;\n\npublic sealed record InvoiceDto(decimal Total);\n",
            ["src/Shipping/Shipment.cs"] = "namespace Contoso.Shipping;\n\npublic sealed class Shipment\n{\n}\n",
            ["src/Shared/SystemClock.cs"] = "namespace Contoso.Shared;\n\npublic sealed class SystemClock\n{\n    public System.DateTimeOffset Now => System.DateTimeOffset.UtcNow;\n}\n",
            ["tests/Billing/InvoiceTests.cs"] = "namespace Contoso.Billing.Tests;\n\npublic sealed class InvoiceTests\n{\n}\n",
        };
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(repo, path.Replace('/', Path.DirectorySeparatorChar));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }

    private static string Indent(string text, string prefix)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        return string.Join(Environment.NewLine, lines.Where(l => l.Length > 0).Select(l => prefix + l));
    }

    private static void TryDelete(string root)
    {
        try
        {
            if (System.IO.Directory.Exists(root))
            {
                foreach (var file in System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(file, FileAttributes.Normal);
                }

                System.IO.Directory.Delete(root, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Runs the git CLI: the demo shows what git itself does with the hook.</summary>
    private sealed class DemoGit
    {
        private readonly Func<string, string?> environment;
        private readonly string? toolDirectory;

        public DemoGit(CliContext context)
        {
            environment = Scrubbed(context.Environment);
            var (file, _) = HookInstaller.CurrentToolCommand();
            toolDirectory = Path.GetFileNameWithoutExtension(file) == "scopeguard" ? Path.GetDirectoryName(file) : null;
        }

        public static Func<string, string?> Scrubbed(Func<string, string?> environment) =>
            name => Array.IndexOf(ScrubbedVariables, name) >= 0 ? null : environment(name);

        public string Run(string directory, params string[] args)
        {
            var result = TryRun(directory, args);
            if (result.ExitCode != 0)
            {
                throw new ScopeGuardException($"git {string.Join(' ', args)} failed in {directory}: {result.Output.Trim()}");
            }

            return result.Output;
        }

        public (int ExitCode, string Output) TryRun(string directory, params string[] args)
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var name in ScrubbedVariables)
            {
                start.Environment.Remove(name);
            }

            // The hook finds this very build first, whatever else is on PATH.
            if (toolDirectory is not null)
            {
                start.Environment["PATH"] = toolDirectory + Path.PathSeparator + (environment("PATH") ?? string.Empty);
            }

            start.Environment["NO_COLOR"] = "1";
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new ScopeGuardException("could not start git");
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new ScopeGuardException($"the demo needs git on PATH: {ex.Message}", ex);
            }

            using (process)
            {
                var stderr = process.StandardError.ReadToEndAsync();
                var stdout = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                return (process.ExitCode, stdout + stderr.GetAwaiter().GetResult());
            }
        }
    }
}
