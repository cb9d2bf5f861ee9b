using System.Collections.Generic;

namespace ScopeGuard.EndToEnd.Tests.Support;

/// <summary>The manifests and project files the end-to-end repositories start from.</summary>
internal static class Manifests
{
    /// <summary>Four agents: billing (with a deny), docs, tests (warn mode) and ops (may write everything).</summary>
    public const string Standard = """
        {
          "version": 1,
          "settings": {
            "mode": "block",
            "unknownAgent": "allow",
            "protectedPaths": ["/scopes.json", "/hooks/"],
            "protectedBranches": ["main", "release/*"]
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
        """;

    /// <summary>The standard manifest with <c>unknownAgent</c> set to <c>block</c>.</summary>
    public static string UnknownAgentBlocked => Standard.Replace("\"unknownAgent\": \"allow\"", "\"unknownAgent\": \"block\"", System.StringComparison.Ordinal);

    /// <summary>Gets where <paramref name="needle"/> starts in <paramref name="text"/>, as <c>FILE(line,col)</c> counts.</summary>
    public static (int Line, int Column) PositionOf(string text, string needle)
    {
        var at = text.IndexOf(needle, System.StringComparison.Ordinal);
        if (at < 0)
        {
            throw new System.ArgumentException($"'{needle}' is not in the text", nameof(needle));
        }

        var lineStart = text.LastIndexOf('\n', System.Math.Max(at - 1, 0)) + 1;
        return (text[..at].Split('\n').Length, at - lineStart + 1);
    }

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
