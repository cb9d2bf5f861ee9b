namespace ScopeGuard.Analyzers.Tests;

internal static class Manifests
{
    /// <summary>billing has every permission level; docs has paths only and warns.</summary>
    public const string Default = """
        {
          "version": 1,
          "settings": { "mode": "block", "protectedPaths": ["/scopes.json", "/src/Protected/"] },
          "agents": {
            "billing": {
              "branches": ["agent/billing"],
              "paths": ["src/Billing/"],
              "symbols": {
                "edit": ["T:Contoso.Shared.Editable"],
                "body": ["T:Contoso.Shared.Clock"],
                "extend": ["T:Contoso.Shared.Registry"],
                "readonly": ["T:Contoso.Billing.Contracts.IInvoice"]
              }
            },
            "docs": { "branches": ["agent/docs"], "paths": ["docs/"], "mode": "warn" }
          }
        }
        """;

    /// <summary>The same, with billing in warn mode.</summary>
    public static string BillingWarns => Default.Replace("\"paths\": [\"src/Billing/\"],", "\"paths\": [\"src/Billing/\"], \"mode\": \"warn\",", System.StringComparison.Ordinal);
}
