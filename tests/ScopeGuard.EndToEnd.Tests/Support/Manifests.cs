using System.Collections.Generic;
using ScopeGuard.TestSupport;

namespace ScopeGuard.EndToEnd.Tests.Support;

/// <summary>The manifests and project files the end-to-end repositories start from.</summary>
internal static class Manifests
{
    /// <summary>
    /// The standard manifest with the places reports point at marked (<see cref="TextMarkup"/>): span 0 is the
    /// protected branch <c>"main"</c>, span 1 the protected branch pattern <c>"release/*"</c>.
    /// </summary>
    public static TextMarkup StandardMarkup { get; } = new("""
        {
          "version": 1,
          "settings": {
            "mode": "block",
            "unknownAgent": "allow",
            "protectedPaths": ["/scopes.json", "/hooks/"],
            "protectedBranches": [{|#0:"main"|}, {|#1:"release/*"|}]
          },
          "agents": {
            "billing": {
              "branches": ["agent/billing", "agent/billing/*"],
              "paths": ["/src/Billing/"],
              "deny": ["/src/Billing/Generated/"]
            },
            "docs": { "branches": ["agent/docs"], "paths": ["/docs/", "*.md"] },
            "tests": { "branches": ["agent/tests"], "paths": ["/tests/"], "mode": "warn" },
            "ops": { "branches": ["agent/ops"], "paths": ["**"] }
          }
        }
        """);

    /// <summary>Four agents: billing (with a deny), docs, tests (warn mode) and ops (may write everything).</summary>
    public static string Standard => StandardMarkup.Text;

    /// <summary>The standard manifest with <c>unknownAgent</c> set to <c>block</c>.</summary>
    public static string UnknownAgentBlocked => Standard.Replace("\"unknownAgent\": \"allow\"", "\"unknownAgent\": \"block\"", System.StringComparison.Ordinal);

    /// <summary>The files committed on main next to the manifest.</summary>
    public static IReadOnlyDictionary<string, string> ProjectFiles { get; } = new Dictionary<string, string>
    {
        ["README.md"] = "# Contoso\n",
        ["docs/index.md"] = "# Docs\n",
        ["src/Billing/Invoice.cs"] = "namespace Contoso.Billing;\n\npublic sealed class Invoice\n{\n}\n",
        ["src/Billing/Generated/InvoiceDto.cs"] = "namespace Contoso.Billing.Generated;\n\npublic sealed record InvoiceDto(decimal Total);\n",
        ["src/Shipping/Shipment.cs"] = "namespace Contoso.Shipping;\n\npublic sealed class Shipment\n{\n}\n",
        ["tests/Billing/InvoiceTests.cs"] = "namespace Contoso.Billing.Tests;\n\npublic sealed class InvoiceTests\n{\n}\n",
    };
}
