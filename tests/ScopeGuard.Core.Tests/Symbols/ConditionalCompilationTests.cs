using System.Linq;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Tests.Symbols;

/// <summary>Code in inactive #if branches is code: its declarations are listed and diffed as declarations.</summary>
public sealed class ConditionalCompilationTests
{
    private static string[] Ids(string text) => DeclarationExtractor.Extract(text).Declarations.Select(d => d.Id.ToString()).ToArray();

    private static (DeclarationChangeKind Kind, string Id)[] Changes(string? before, string? after) =>
        DeclarationDiff.Compare(before, after).Changes.Select(c => (c.Kind, c.Id.ToString())).ToArray();

    [Fact]
    public void Extract_NamespaceInsideIfNet_Listed()
    {
        var ids = Ids("#if NET\nnamespace Contoso.Billing.Contracts { public class Injected { } }\n#endif\n");

        Assert.Equal(["N:Contoso.Billing.Contracts", "T:Contoso.Billing.Contracts.Injected"], ids);
    }

    [Fact]
    public void Extract_IfElifElseBranches_EveryBranchListed()
    {
        var ids = Ids("class C\n{\n#if A\n    void InA() { }\n#elif B\n    void InB() { }\n#else\n    void InElse() { }\n#endif\n}\n");

        Assert.Equal(["T:C", "M:C.InA", "M:C.InB", "M:C.InElse"], ids);
    }

    [Theory]
    [InlineData("#if X && !Y")]
    [InlineData("#if !(X || Y) == false && (Z != W)")]
    [InlineData("#if DEBUG\n#if !TRACE")]
    public void Extract_ConditionNeitherNoneNorAllSymbolsSatisfy_Listed(string condition)
    {
        var endifs = string.Concat(Enumerable.Repeat("#endif\n", condition.Count(c => c == '\n') + 1));

        var ids = Ids($"class C\n{{\n{condition}\n    void Hidden() {{ }}\n{endifs}}}\n");

        Assert.Contains("M:C.Hidden", ids);
    }

    [Fact]
    public void Extract_PartialTypeUnderIfDebug_Listed()
    {
        var ids = Ids("namespace Contoso.Shared;\n#if DEBUG\npublic partial class SystemClock\n{\n    public void Reset() { }\n}\n#endif\n");

        Assert.Equal(["N:Contoso.Shared", "T:Contoso.Shared.SystemClock", "M:Contoso.Shared.SystemClock.Reset"], ids);
    }

    [Theory]
    [InlineData("#if false\nclass Hidden { }\n#endif\nclass C { }\n")]
    [InlineData("#define X\n#if !X\nclass Hidden { }\n#endif\nclass C { }\n")]
    public void Extract_BranchNoSymbolsActivate_KeptAsInactiveCode(string text)
    {
        var set = DeclarationExtractor.Extract(text);

        Assert.Equal(["T:C"], set.Declarations.Select(d => d.Id.ToString()));
        Assert.Contains("class Hidden", set.InactiveCode, System.StringComparison.Ordinal);
        Assert.NotNull(set.InactiveCodePosition);
    }

    [Fact]
    public void Extract_FileWithoutIf_NoInactiveCode()
    {
        var set = DeclarationExtractor.Extract("#region R\nclass C { }\n#endregion\n");

        Assert.Equal(string.Empty, set.InactiveCode);
        Assert.Null(set.InactiveCodePosition);
    }

    [Fact]
    public void Compare_TypeAddedInsideIfNet_Added()
    {
        var changes = Changes(null, "#if NET\nnamespace Contoso.Billing.Contracts { public class Injected { } }\n#endif\n");

        Assert.Equal([(DeclarationChangeKind.Added, "N:Contoso.Billing.Contracts"), (DeclarationChangeKind.Added, "T:Contoso.Billing.Contracts.Injected")], changes);
    }

    [Fact]
    public void Compare_MemberAddedToInterfaceInsideIfDebug_Added()
    {
        const string Before = "namespace Contoso.Billing.Contracts;\npublic interface IInvoice\n{\n    decimal Total { get; }\n}\n";
        const string After = "namespace Contoso.Billing.Contracts;\npublic interface IInvoice\n{\n    decimal Total { get; }\n#if DEBUG\n    void Hack();\n#endif\n}\n";

        Assert.Equal([(DeclarationChangeKind.Added, "M:Contoso.Billing.Contracts.IInvoice.Hack")], Changes(Before, After));
    }

    // Issue 18: a body-only edit of a member under #if DEBUG is a body change of that member.
    [Fact]
    public void Compare_BodyEditOfMemberUnderIfDebug_BodyChanged()
    {
        const string Before = "class C\n{\n#if DEBUG\n    void M()\n    {\n        Log(1);\n    }\n#endif\n    void N() { }\n}\n";

        Assert.Equal([(DeclarationChangeKind.BodyChanged, "M:C.M")], Changes(Before, Before.Replace("Log(1)", "Log(2)")));
    }

    // Issue 18: adding members next to an #if region adds them; no neighbour's signature changes.
    [Theory]
    [InlineData("#endif\n    void B() { }", "#endif\n    void Added() { }\n    void B() { }")]
    [InlineData("    void A() { }\n#endif", "    void A() { }\n    void Added() { }\n#endif")]
    [InlineData("#if DEBUG\n    void A() { }", "#if DEBUG\n    void Added() { }\n    void A() { }")]
    [InlineData("    void B() { }\n}", "    void B() { }\n#if DEBUG\n    void Added() { }\n#endif\n}")]
    [InlineData("class C\n{\n", "class C\n{\n#if TRACE\n    void Added() { }\n#endif\n")]
    public void Compare_MemberAddedNextToOrInsideIfRegion_OnlyAddedAndTrivia(string from, string to)
    {
        const string Before = "class C\n{\n#if DEBUG\n    void A() { }\n#endif\n    void B() { }\n}\n";

        var changes = Changes(Before, Before.Replace(from, to));

        Assert.Contains((DeclarationChangeKind.Added, "M:C.Added"), changes);
        Assert.All(changes.Where(c => c.Id != "M:C.Added"), c => Assert.Equal(DeclarationChangeKind.TriviaOnly, c.Kind));
    }

    // Issue 18: wrapping a file in #if DEBUG makes its declarations conditional; it removes none.
    [Fact]
    public void Compare_FileWrappedInIfDebug_NothingRemoved()
    {
        const string Before = "namespace N\n{\n    class C\n    {\n        void M() { }\n        int P => 1;\n    }\n}\n";

        var changes = Changes(Before, "#if DEBUG\n" + Before + "#endif\n");

        Assert.DoesNotContain(changes, c => c.Kind is DeclarationChangeKind.Removed or DeclarationChangeKind.Added);
        Assert.Equal(["N:N", "T:N.C", "M:N.C.M", "P:N.C.P"], changes.Select(c => c.Id));
    }

    [Fact]
    public void Compare_ConditionAroundMemberChanged_SignatureChanged()
    {
        const string Before = "class C\n{\n#if DEBUG\n    void M() { }\n#endif\n}\n";

        Assert.Equal([(DeclarationChangeKind.SignatureChanged, "M:C.M")], Changes(Before, Before.Replace("#if DEBUG", "#if RELEASE")));
    }

    [Fact]
    public void Compare_BodyEditInOneOfTwoBranchesOfAMember_BodyChanged()
    {
        const string Before = "class C\n{\n#if NET\n    int M() => 1;\n#else\n    int M() => 2;\n#endif\n}\n";

        Assert.Equal([(DeclarationChangeKind.BodyChanged, "M:C.M")], Changes(Before, Before.Replace("=> 2", "=> 3")));
    }

    [Fact]
    public void Compare_IfAddedElsewhereInFile_OtherDeclarationsUnchanged()
    {
        const string Before = "class C\n{\n    void A() { }\n\n    void B() { }\n}\n";
        const string After = "class C\n{\n    void A() { }\n#if DEBUG\n    void D() { }\n#endif\n    void B() { }\n}\n";

        Assert.Equal([(DeclarationChangeKind.Added, "M:C.D"), (DeclarationChangeKind.TriviaOnly, "M:C.B")], Changes(Before, After));
    }

    [Fact]
    public void Compare_EditInBranchNoSymbolsActivate_InactiveCodeChanged()
    {
        const string Before = "class C\n{\n#if false\n    void Hidden() { }\n#endif\n    void M() { }\n}\n";

        var diff = DeclarationDiff.Compare(Before, Before.Replace("void Hidden() { }", "void Hidden() { Steal(); }"));

        Assert.Equal(new TextPosition(4, 1), diff.InactiveCodeChanged);
        Assert.Equal(FileLevelChangeKind.Changed, diff.FileLevel);
    }

    [Fact]
    public void Compare_UnchangedFileWithIf_NoChange()
    {
        const string Text = "class C\n{\n#if false\n    void Hidden() { }\n#endif\n#if A\n    void M() { }\n#else\n    void M() { }\n#endif\n}\n";

        var diff = DeclarationDiff.Compare(Text, Text);

        Assert.Empty(diff.Changes);
        Assert.Null(diff.InactiveCodeChanged);
        Assert.Equal(FileLevelChangeKind.None, diff.FileLevel);
    }
}
