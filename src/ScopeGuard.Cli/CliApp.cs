using System;
using System.CommandLine;
using ScopeGuard.Cli.Commands;
using ScopeGuard.Core;
using ScopeGuard.Git;

namespace ScopeGuard.Cli;

/// <summary>Builds the command tree and runs one command line, mapping every failure to an exit code.</summary>
internal static class CliApp
{
    public static RootCommand Build(CliContext context) => new("ScopeGuard keeps coding agents inside their scope: it checks git changes against scopes.json.")
    {
        new CheckCommand(context),
        new WhichCommand(context),
        new SymbolsCommand(context),
        new LintCommand(context),
        new InstallCommand(context),
        new UninstallCommand(context),
        new DoctorCommand(context),
        new DemoCommand(context),
        new BaselineCommand(context),

        // Agent workspaces (issue 12): the scope card and the first manifest.
        new ExplainCommand(context),
        new InitCommand(context),

        // Agent workspaces (issue 12): the pre-edit guard.
        new GuardCommand(context),

        // Agent workspaces (issue 12): agent new, list, remove.
        new Agents.AgentCommand(context),

        // scopeguard conflicts (issue 13): overlap and trial merges between agents' branches.
        new ConflictsCommand(context),

        // Semantic impact (issue 14): what a change breaks in other agents' code.
        new ImpactCommand(context),
    };

    public static int Run(string[] args, CliContext context)
    {
        try
        {
            // Parsing runs the commands' validators too: inside the try, so no input can crash the tool.
            var parseResult = Build(context).Parse(args);
            if (parseResult.Errors.Count > 0)
            {
                foreach (var error in parseResult.Errors)
                {
                    context.Error.WriteLine($"scopeguard: error: {error.Message}");
                }

                context.Error.WriteLine("Run 'scopeguard --help' for usage.");
                return ExitCodes.Error;
            }

            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = context.Output,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (ScopeGuardException ex)
        {
            context.Error.WriteLine($"scopeguard: error: {ex.Message}");
            Debug(context, ex);
            return ExitCodes.Error;
        }
        catch (Exception ex) when (GitFailures.Explain(ex) is { } explained)
        {
            // Fail closed, in one line: what git could not do (the stack only with SCOPEGUARD_DEBUG=1).
            context.Error.WriteLine($"scopeguard: error: {explained}");
            Debug(context, ex);
            return ExitCodes.Error;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Fail closed: an unexpected failure must never let a commit through silently.
            var message = string.Join(' ', ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            context.Error.WriteLine($"scopeguard: error: internal error, nothing was checked, so this counts as a failure: {ex.GetType().Name}: {message}{(DebugOn(context) ? string.Empty : " (SCOPEGUARD_DEBUG=1 shows where)")}");
            Debug(context, ex);
            return ExitCodes.Error;
        }
    }

    private static bool DebugOn(CliContext context) => context.Environment("SCOPEGUARD_DEBUG") is "1" or "true";

    private static void Debug(CliContext context, Exception ex)
    {
        if (DebugOn(context))
        {
            context.Error.WriteLine(ex.ToString());
        }
    }
}
