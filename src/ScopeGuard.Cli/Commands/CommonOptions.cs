using System.CommandLine;

namespace ScopeGuard.Cli.Commands;

/// <summary>Options several commands share, made fresh for each command.</summary>
internal static class CommonOptions
{
    public static Option<string?> Manifest() => new("--manifest")
    {
        Description = "Read the manifest from this file instead of the repository's scopes.json.",
        HelpName = "FILE",
    };

    public static Option<string?> Agent(string description) => new("--agent")
    {
        Description = description,
        HelpName = "NAME",
    };

    public static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = "Output format.",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }
}
