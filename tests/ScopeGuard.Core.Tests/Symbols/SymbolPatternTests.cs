using System.Linq;
using ScopeGuard.Core.Symbols;

namespace ScopeGuard.Core.Tests.Symbols;

public sealed class SymbolPatternTests
{
    private const string Sample = """
        using System;
        using System.Collections.Generic;

        namespace Contoso.Billing
        {
            public record Money(decimal Amount) { public static implicit operator decimal(Money m) => m.Amount; }

            public class Invoice : IEquatable<Invoice>, IDictionary<string, int>
            {
                public int this[int index] => index;
                public event EventHandler? Changed;
                public const int Max = 10;
                public Invoice() { }
                public void Add(int amount) { }
                public T Map<T>(Func<Invoice, T> map) => map(this);
                bool IEquatable<Invoice>.Equals(Invoice? other) => false;
                int IDictionary<string, int>.this[string key] { get => 0; set { } }
                public static Money operator +(Invoice a, Invoice b) => new(0);
                public class Line { public decimal Total { get; set; } }
            }

            public enum Status { Open, Paid }

            public delegate void Handler<T>(T value);

            public static class InvoiceExtensions
            {
                extension<T>(List<T> list) { public T First() => list[0]; }
            }
        }
        """;

    private static SymbolPattern Parse(string text)
    {
        var pattern = SymbolPattern.TryParse(text, out var error);
        Assert.True(pattern is not null, error);
        return pattern!;
    }

    private static DeclarationId Id(string source, string id) =>
        Assert.Single(DeclarationExtractor.Extract(source).Declarations, d => d.Id.ToString() == id).Id;

    private static DeclarationId Id(string id) => Id(Sample, id);

    [Theory]
    [InlineData("", "starts with N:, T:, M:, P:, F: or E:")]
    [InlineData("T:", "starts with N:, T:, M:, P:, F: or E:")]
    [InlineData("X:Contoso", "starts with N:, T:, M:, P:, F: or E:")]
    [InlineData("t:Contoso", "starts with N:, T:, M:, P:, F: or E:")]
    [InlineData("Contoso.Billing", "starts with N:, T:, M:, P:, F: or E:")]
    [InlineData("T:Contoso Billing", "may not contain spaces")]
    [InlineData("M:Contoso.Add(System.Int32, System.Int32)", "may not contain spaces")]
    [InlineData("T:Contoso..Billing", "empty name part")]
    [InlineData("T:.Contoso", "empty name part")]
    [InlineData("T:Contoso.", "empty name part")]
    [InlineData("M:Contoso.Invoice.(*)", "empty name part")]
    [InlineData("T:Contoso.**Api", "'**' must be a whole name part")]
    [InlineData("T:Contoso.Api**", "'**' must be a whole name part")]
    [InlineData("T:***", "'**' must be a whole name part")]
    [InlineData("N:Contoso(System.Int32)", "only M: and P: (indexers) IDs have parameter lists")]
    [InlineData("T:Contoso.Invoice(*)", "only M: and P: (indexers) IDs have parameter lists")]
    [InlineData("F:Contoso.Invoice.total(*)", "only M: and P: (indexers) IDs have parameter lists")]
    [InlineData("E:Contoso.Invoice.Changed(System.Int32)", "only M: and P: (indexers) IDs have parameter lists")]
    [InlineData("M:Contoso.Invoice.Add(System.Int32", "unbalanced parentheses")]
    [InlineData("M:Contoso.Invoice.Add(System.Int32))", "unbalanced parentheses")]
    [InlineData("M:Contoso.Invoice.Add)", "invalid character")]
    [InlineData("M:Contoso.Invoice,Add", "invalid character")]
    [InlineData("T:Contoso/Billing", "invalid character")]
    [InlineData("M:Contoso.Money.op_Implicit~System.Int32", "'~' (a conversion's return type) must follow a parameter list")]
    public void TryParse_Invalid_RefusedWithReason(string text, string reason)
    {
        Assert.Null(SymbolPattern.TryParse(text, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("N:Contoso.Billing", SymbolKind.Namespace, 2, null, false)]
    [InlineData("T:Contoso.Billing.Cache`1", SymbolKind.Type, 3, null, false)]
    [InlineData("M:Contoso.Invoice.Add(System.Int32)", SymbolKind.Method, 3, "(System.Int32)", false)]
    [InlineData("M:Contoso.Invoice.Add(*)", SymbolKind.Method, 3, null, true)]
    [InlineData("M:Contoso.Money.op_Implicit(Money)~System.Decimal", SymbolKind.Method, 3, "(Money)~System.Decimal", false)]
    [InlineData("M:Contoso.Invoice.Map``1(System.Func{Contoso.Invoice,``0})", SymbolKind.Method, 3, "(System.Func{Contoso.Invoice,``0})", false)]
    [InlineData("P:Contoso.Invoice.Item(System.Int32)", SymbolKind.Property, 3, "(System.Int32)", false)]
    [InlineData("F:Contoso.Status.Open", SymbolKind.Field, 3, null, false)]
    [InlineData("E:Contoso.Invoice.Changed", SymbolKind.Event, 3, null, false)]
    [InlineData("T:Contoso.*.Api.**", SymbolKind.Type, 4, null, false)]
    [InlineData("M:Program.<Main>$(System.String[])", SymbolKind.Method, 2, "(System.String[])", false)]
    public void TryParse_Valid_KindPartsAndParameters(string text, SymbolKind kind, int parts, string? parameters, bool any)
    {
        var pattern = Parse(text);

        Assert.Equal((kind, parts, parameters, any), (pattern.Kind, pattern.Parts.Count, pattern.Parameters, pattern.AnyParameters));
        Assert.Equal(text, pattern.ToString());
    }

    [Fact]
    public void TryParse_ExplicitImplementationOfGenericInterfaceWithTwoArguments_CommaInsideBracesAccepted()
    {
        var pattern = Parse("P:Contoso.Billing.Invoice.IDictionary{System#String,System#Int32}#Item(System.String)");

        Assert.Equal(4, pattern.Parts.Count);
        Assert.True(pattern.Match(Id("P:Contoso.Billing.Invoice.IDictionary{System#String,System#Int32}#Item(System.String)"))?.IsTarget);
    }

    [Fact]
    public void TryParse_EveryExtractedId_ParsesAndMatchesItselfAsTarget()
    {
        // What `scopeguard symbols` prints must be usable as a pattern as it is.
        foreach (var declaration in DeclarationExtractor.Extract(Sample + "\nSystem.Console.WriteLine();\n").Declarations)
        {
            var text = declaration.Id.ToString();
            var pattern = SymbolPattern.TryParse(text, out var error);

            Assert.True(pattern is not null, $"{text}: {error}");
            Assert.True(pattern!.Match(declaration.Id) is { IsTarget: true }, text);
            Assert.Equal(declaration.Id, DeclarationId.TryParse(text));
        }
    }

    [Theory]
    [InlineData("T:Contoso.*")]
    [InlineData("M:Contoso.Invoice.Add(*)")]
    [InlineData("not an id")]
    public void DeclarationIdTryParse_WildcardsOrInvalid_Null(string text)
    {
        Assert.Null(DeclarationId.TryParse(text));
    }

    [Theory]
    [InlineData("N:Contoso.Billing", true)]
    [InlineData("N:Contoso.Billing.Api", false)]
    [InlineData("T:Contoso.Billing.Invoice", false)]
    [InlineData("M:Contoso.Billing.Invoice.Add(System.Int32)", false)]
    [InlineData("P:Contoso.Billing.Invoice.Line.Total", false)]
    public void Match_Namespace_CoversItselfChildNamespacesAndEverythingDeclared(string id, bool isTarget)
    {
        const string Source = """
            namespace Contoso.Billing
            {
                class Invoice { void Add(int amount) { } class Line { decimal Total { get; set; } } }
                namespace Api { }
            }
            """;

        var match = Parse("N:Contoso.Billing").Match(Id(Source, id));

        Assert.NotNull(match);
        Assert.Equal(isTarget, match.Value.IsTarget);
    }

    [Theory]
    [InlineData("N:Contoso")]
    [InlineData("N:Contoso.Shared")]
    [InlineData("N:Contoso.BillingApi")]
    [InlineData("T:Contoso.Billing")]
    [InlineData("M:Contoso.Billing.Run")]
    public void Match_Namespace_DoesNotCoverParentsSiblingsOrATypeOfTheSameName(string id)
    {
        const string Source = """
            namespace Contoso { class Billing { void Run() { } } }
            namespace Contoso.Shared { }
            namespace Contoso.BillingApi { }
            """;

        Assert.Null(Parse("N:Contoso.Billing").Match(Id(Source, id)));
    }

    [Theory]
    [InlineData("T:Contoso.Billing.Invoice", true)]
    [InlineData("T:Contoso.Billing.Invoice.Line", false)]
    [InlineData("P:Contoso.Billing.Invoice.Line.Total", false)]
    [InlineData("M:Contoso.Billing.Invoice.Add(System.Int32)", false)]
    [InlineData("M:Contoso.Billing.Invoice.#ctor", false)]
    [InlineData("P:Contoso.Billing.Invoice.Item(System.Int32)", false)]
    [InlineData("E:Contoso.Billing.Invoice.Changed", false)]
    [InlineData("F:Contoso.Billing.Invoice.Max", false)]
    [InlineData("M:Contoso.Billing.Invoice.IEquatable{Contoso#Billing#Invoice}#Equals(Contoso.Billing.Invoice)", false)]
    public void Match_Type_CoversItselfNestedTypesAndAllMembers(string id, bool isTarget)
    {
        var match = Parse("T:Contoso.Billing.Invoice").Match(Id(id));

        Assert.NotNull(match);
        Assert.Equal(isTarget, match.Value.IsTarget);
    }

    [Theory]
    [InlineData("N:Contoso.Billing")]
    [InlineData("T:Contoso.Billing.Money")]
    [InlineData("T:Contoso.Billing.Status")]
    [InlineData("F:Contoso.Billing.Status.Open")]
    public void Match_Type_DoesNotCoverOtherTypesOrTheNamespace(string id)
    {
        Assert.Null(Parse("T:Contoso.Billing.Invoice").Match(Id(id)));
    }

    [Fact]
    public void Match_TypeNamedLikeANamespace_OnlyTypesMatch()
    {
        const string Source = "namespace A.B { class C { void M() { } } }";

        Assert.Null(Parse("T:A.B").Match(Id(Source, "T:A.B.C")));
        Assert.Null(Parse("T:A.B").Match(Id(Source, "M:A.B.C.M")));
        Assert.Null(Parse("T:A.B").Match(Id(Source, "N:A.B")));
    }

    [Fact]
    public void Match_GenericArity_IsPartOfTheName()
    {
        const string Source = "namespace N { class Cache { } class Cache<T> { void Get(T key) { } } }";

        Assert.NotNull(Parse("T:N.Cache`1").Match(Id(Source, "M:N.Cache`1.Get(`0)")));
        Assert.Null(Parse("T:N.Cache").Match(Id(Source, "M:N.Cache`1.Get(`0)")));
        Assert.Null(Parse("T:N.Cache`1").Match(Id(Source, "T:N.Cache")));
        Assert.NotNull(Parse("T:N.Cache*").Match(Id(Source, "T:N.Cache")));
        Assert.NotNull(Parse("T:N.Cache*").Match(Id(Source, "T:N.Cache`1")));
    }

    [Theory]
    [InlineData("M:Contoso.Billing.Invoice.Add(System.Int32)", "M:Contoso.Billing.Invoice.Add(System.Int32)", true)]
    [InlineData("M:Contoso.Billing.Invoice.Add(System.Int64)", "M:Contoso.Billing.Invoice.Add(System.Int32)", false)]
    [InlineData("M:Contoso.Billing.Invoice.Add", "M:Contoso.Billing.Invoice.Add(System.Int32)", false)]
    [InlineData("M:Contoso.Billing.Invoice.Add(*)", "M:Contoso.Billing.Invoice.Add(System.Int32)", true)]
    [InlineData("M:Contoso.Billing.Invoice.#ctor", "M:Contoso.Billing.Invoice.#ctor", true)]
    [InlineData("M:Contoso.Billing.Invoice.#ctor(*)", "M:Contoso.Billing.Invoice.#ctor", true)]
    [InlineData("M:Contoso.Billing.Invoice.Map``1(Func{Contoso.Billing.Invoice,``0})", "M:Contoso.Billing.Invoice.Map``1(Func{Contoso.Billing.Invoice,``0})", true)]
    [InlineData("M:Contoso.Billing.Invoice.Map(*)", "M:Contoso.Billing.Invoice.Map``1(Func{Contoso.Billing.Invoice,``0})", false)]
    [InlineData("M:Contoso.Billing.Invoice.Map*(*)", "M:Contoso.Billing.Invoice.Map``1(Func{Contoso.Billing.Invoice,``0})", true)]
    [InlineData("M:Contoso.Billing.Invoice.op_Addition(Contoso.Billing.Invoice,Contoso.Billing.Invoice)", "M:Contoso.Billing.Invoice.op_Addition(Contoso.Billing.Invoice,Contoso.Billing.Invoice)", true)]
    [InlineData("M:Contoso.Billing.Money.op_Implicit(Contoso.Billing.Money)~System.Decimal", "M:Contoso.Billing.Money.op_Implicit(Contoso.Billing.Money)~System.Decimal", true)]
    [InlineData("M:Contoso.Billing.Money.op_Implicit(Contoso.Billing.Money)~System.Int32", "M:Contoso.Billing.Money.op_Implicit(Contoso.Billing.Money)~System.Decimal", false)]
    [InlineData("M:Contoso.Billing.Money.op_Implicit(*)", "M:Contoso.Billing.Money.op_Implicit(Contoso.Billing.Money)~System.Decimal", true)]
    [InlineData("P:Contoso.Billing.Invoice.Item(System.Int32)", "P:Contoso.Billing.Invoice.Item(System.Int32)", true)]
    [InlineData("P:Contoso.Billing.Invoice.Item(*)", "P:Contoso.Billing.Invoice.Item(System.Int32)", true)]
    [InlineData("P:Contoso.Billing.Invoice.Item", "P:Contoso.Billing.Invoice.Item(System.Int32)", false)]
    [InlineData("P:Contoso.Billing.Invoice.Line.Total", "P:Contoso.Billing.Invoice.Line.Total", true)]
    [InlineData("F:Contoso.Billing.Invoice.Max", "F:Contoso.Billing.Invoice.Max", true)]
    [InlineData("F:Contoso.Billing.Status.Paid", "F:Contoso.Billing.Status.Paid", true)]
    [InlineData("F:Contoso.Billing.Status.Paid", "F:Contoso.Billing.Status.Open", false)]
    [InlineData("E:Contoso.Billing.Invoice.Changed", "E:Contoso.Billing.Invoice.Changed", true)]
    [InlineData("M:Contoso.Billing.Invoice.Changed", "E:Contoso.Billing.Invoice.Changed", false)]
    [InlineData("P:Contoso.Billing.Invoice.Max", "F:Contoso.Billing.Invoice.Max", false)]
    [InlineData("F:Contoso.Billing.Invoice.Max", "T:Contoso.Billing.Invoice", false)]
    [InlineData("M:Contoso.Billing.InvoiceExtensions.First``1(List{``0})", "M:Contoso.Billing.InvoiceExtensions.First``1(List{``0})", true)]
    [InlineData("T:Contoso.Billing.Handler`1", "T:Contoso.Billing.Handler`1", true)]
    public void Match_Member_ExactKindNameAndParameters(string pattern, string id, bool matches)
    {
        var match = Parse(pattern).Match(Id(id));

        Assert.Equal(matches, match is not null);
        if (matches)
        {
            Assert.True(match!.Value.IsTarget);
        }
    }

    [Theory]
    [InlineData("T:Contoso.*.Invoice", "T:Contoso.Billing.Invoice", true)]
    [InlineData("T:*.Billing.Invoice", "T:Contoso.Billing.Invoice", true)]
    [InlineData("T:Contoso.*.Invoice", "T:Contoso.Billing.Api.Invoice", false)]
    [InlineData("T:Contoso.Billing.*Service", "T:Contoso.Billing.InvoiceService", true)]
    [InlineData("T:Contoso.Billing.*Service", "T:Contoso.Billing.ServiceHost", false)]
    [InlineData("T:Contoso.Billing.Invoice*", "T:Contoso.Billing.Invoice", true)]
    [InlineData("T:Contoso.Billing.In*ce", "T:Contoso.Billing.Invoice", true)]
    [InlineData("T:Contoso.Billing.In*ce", "T:Contoso.Billing.Ince", true)]
    [InlineData("T:Contoso.Billing.In*nce", "T:Contoso.Billing.Ince", false)]
    [InlineData("T:Contoso.Billing.*o*e*", "T:Contoso.Billing.Invoice", true)]
    [InlineData("T:Contoso.**.Invoice", "T:Contoso.Invoice", true)]
    [InlineData("T:Contoso.**.Invoice", "T:Contoso.Billing.Invoice", true)]
    [InlineData("T:Contoso.**.Invoice", "T:Contoso.Billing.Api.V2.Invoice", true)]
    [InlineData("T:Contoso.**.Invoice", "T:Fabrikam.Billing.Invoice", false)]
    [InlineData("T:**.Invoice", "T:Contoso.Billing.Invoice", true)]
    [InlineData("T:**", "T:Contoso.Billing.Invoice", true)]
    [InlineData("N:Contoso.**", "T:Contoso.Billing.Invoice", true)]
    [InlineData("N:**.Billing", "T:Contoso.Billing.Invoice", true)]
    [InlineData("N:**.Billing", "T:Contoso.Billing.Api.V2.Invoice", true)]
    [InlineData("M:Contoso.**.Add(*)", "M:Contoso.Billing.Invoice.Add(System.Int32)", true)]
    [InlineData("M:Contoso.Billing.*.Add(*)", "M:Contoso.Billing.Invoice.Add(System.Int32)", true)]
    [InlineData("M:Contoso.Billing.*.Add(*)", "M:Contoso.Billing.Api.V2.Invoice.Add(System.Int32)", false)]
    [InlineData("P:**.Total", "P:Contoso.Billing.Api.V2.Invoice.Line.Total", true)]
    public void Match_Wildcards_StarWithinAPartDoubleStarAcrossParts(string pattern, string id, bool matches)
    {
        const string Source = """
            namespace Contoso { class Invoice { } }
            namespace Contoso.Billing
            {
                class Invoice { void Add(int a) { } }
                class InvoiceService { }
                class ServiceHost { }
                class Ince { }
            }
            namespace Contoso.Billing.Api { class Invoice { } }
            namespace Contoso.Billing.Api.V2 { class Invoice { void Add(int a) { } class Line { int Total { get; } } } }
            namespace Fabrikam.Billing { class Invoice { } }
            """;

        Assert.Equal(matches, Parse(pattern).Match(Id(Source, id)) is not null);
    }

    [Fact]
    public void Match_NestedType_CoversOnlyItsOwnMembers()
    {
        var inner = Parse("T:Contoso.Billing.Invoice.Line");

        Assert.NotNull(inner.Match(Id("P:Contoso.Billing.Invoice.Line.Total")));
        Assert.True(inner.Match(Id("T:Contoso.Billing.Invoice.Line"))?.IsTarget);
        Assert.Null(inner.Match(Id("M:Contoso.Billing.Invoice.Add(System.Int32)")));
        Assert.Null(inner.Match(Id("T:Contoso.Billing.Invoice")));
    }

    [Fact]
    public void Match_ParsedIdWithoutNamespaceDepth_StillMatches()
    {
        // IDs typed by a user (scopeguard which --symbol) do not say where the namespace ends.
        var id = DeclarationId.TryParse("M:Contoso.Billing.Invoice.Add(System.Int32)")!;

        Assert.Equal(-1, id.NamespaceDepth);
        Assert.NotNull(Parse("N:Contoso.Billing").Match(id));
        Assert.NotNull(Parse("T:Contoso.Billing.Invoice").Match(id));
        Assert.NotNull(Parse("M:Contoso.Billing.Invoice.Add(*)").Match(id));
    }

    [Fact]
    public void Match_ParsedIdWithoutNamespaceDepth_DoubleStarTypeStillBeatsNamespace()
    {
        var parsed = DeclarationId.TryParse("M:Contoso.Billing.Invoice.Add(System.Int32)")!;
        var extracted = Id("M:Contoso.Billing.Invoice.Add(System.Int32)");

        foreach (var id in new[] { parsed, extracted })
        {
            Assert.True(Parse("T:Contoso.**").Match(id)!.Value.Specificity > Parse("N:Contoso.Billing").Match(id)!.Value.Specificity);
        }
    }

    [Fact]
    public void Specificity_ForOneDeclaration_MemberThenTypeThenNamespace()
    {
        var id = Id("M:Contoso.Billing.Invoice.Add(System.Int32)");
        string[] ordered =
        [
            "M:Contoso.Billing.Invoice.Add(System.Int32)",
            "M:Contoso.Billing.Invoice.Add(*)",
            "M:Contoso.Billing.Invoice.A*(*)",
            "T:Contoso.Billing.Invoice",
            "T:Contoso.Billing.Inv*",
            "T:Contoso.**",
            "N:Contoso.Billing",
            "N:Contoso.B*",
            "N:Contoso",
            "N:**",
        ];

        var specificities = ordered.Select(p => Parse(p).Match(id)!.Value.Specificity).ToList();

        for (var i = 1; i < specificities.Count; i++)
        {
            Assert.True(specificities[i - 1] > specificities[i], $"{ordered[i - 1]} should be more specific than {ordered[i]}");
        }
    }

    [Fact]
    public void Specificity_NestedTypeBeatsItsContainingType()
    {
        var id = Id("P:Contoso.Billing.Invoice.Line.Total");

        Assert.True(Parse("T:Contoso.Billing.Invoice.Line").Match(id)!.Value.Specificity > Parse("T:Contoso.Billing.Invoice").Match(id)!.Value.Specificity);
    }

    [Fact]
    public void Specificity_DoubleStarTypePattern_NoMoreSpecificThanALiteralContainingType()
    {
        // T:Contoso.** covers Invoice.Line through Invoice, like any pattern naming Invoice; the
        // literal T:Contoso.Billing.Invoice must not lose to it for members of nested types.
        var id = Id("P:Contoso.Billing.Invoice.Line.Total");

        Assert.True(Parse("T:Contoso.Billing.Invoice").Match(id)!.Value.Specificity > Parse("T:Contoso.**").Match(id)!.Value.Specificity);
    }

    [Fact]
    public void Specificity_Comparison_OperatorsAgreeWithCompareTo()
    {
        var low = new Specificity(2, 0, 1, 0);
        var high = new Specificity(3, 1, 1, -1);

        Assert.True(high > low);
        Assert.True(low < high);
        var sameAsLow = new Specificity(2, 0, 1, 0);
        Assert.True(high >= low && low >= sameAsLow);
        Assert.True(low <= high && low <= sameAsLow);
        Assert.Equal(0, low.CompareTo(new Specificity(2, 0, 1, 0)));
        Assert.True(new Specificity(3, 2, 1, 0) > new Specificity(3, 2, 0, 0));
        Assert.True(new Specificity(3, 2, 1, 0) > new Specificity(3, 2, 1, -1));
    }
}
