using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ScopeGuard.Core.Tests.Symbols;

/// <summary>
/// The compiler's documentation comment IDs of sources, from Roslyn's semantic model, compiled against
/// the SDK's reference pack (Microsoft.NETCore.App.Ref next to the running dotnet): the oracle that the
/// resolved IDs are checked against.
/// </summary>
internal static class CompilerIds
{
    private static readonly Lazy<List<MetadataReference>> References = new(LoadReferences);

    /// <summary>Compiles the files together (no errors allowed) and returns the IDs of the methods, constructors, operators and indexers the first one declares, in source order.</summary>
    public static IReadOnlyList<string> MemberIds(params string[] sources)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Preview))).ToList();
        var compilation = CSharpCompilation.Create("Oracle", trees, References.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var ids = new List<string>();
        foreach (var tree in trees.Take(1))
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.IndexerDeclarationSyntax
                    && model.GetDeclaredSymbol(node) is { } symbol && symbol.GetDocumentationCommentId() is { } id)
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    private static List<MetadataReference> LoadReferences()
    {
        // shared/Microsoft.NETCore.App/<version>/ -> the dotnet root -> packs/Microsoft.NETCore.App.Ref/<newest>/ref/<tfm>/
        var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var packs = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref"));
        var pack = Directory.GetDirectories(packs).OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0)).Last();
        var folder = Directory.GetDirectories(Path.Combine(pack, "ref")).OrderBy(d => d, StringComparer.Ordinal).Last();
        return Directory.GetFiles(folder, "*.dll").Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
    }
}
