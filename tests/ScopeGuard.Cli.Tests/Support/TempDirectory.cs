using ScopeGuard.TestSupport;

namespace ScopeGuard.Cli.Tests.Support;

/// <summary>A fresh folder under the system temp folder, deleted on dispose (<see cref="TempFolder"/>).</summary>
internal sealed class TempDirectory : TempFolder
{
    public TempDirectory()
        : base("sg-cli-")
    {
    }
}
