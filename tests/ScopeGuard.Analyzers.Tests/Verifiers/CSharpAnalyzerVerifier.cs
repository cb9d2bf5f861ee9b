using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ScopeGuard.Analyzers.Tests.Verifiers;

// CA1000: static helpers on the generic verifier are the Microsoft.CodeAnalysis.Testing pattern (Verify.Diagnostic(id)).
#pragma warning disable CA1000

/// <summary>The one verifier every analyzer test uses: Microsoft.CodeAnalysis.Testing with offline reference assemblies.</summary>
/// <typeparam name="TAnalyzer">The analyzer under test.</typeparam>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Creates an expected diagnostic with the descriptor's default severity; its message is checked only with <c>WithMessage</c>.</summary>
    /// <param name="id">The diagnostic ID.</param>
    /// <returns>The expectation.</returns>
    public static DiagnosticResult Diagnostic(string id) => new(id, new TAnalyzer().SupportedDiagnostics.Single(d => d.Id == id).DefaultSeverity);

    /// <summary>Runs the analyzer on the sources (markup marks the expected diagnostics) and checks the result.</summary>
    /// <param name="source">The source.</param>
    /// <param name="expected">Diagnostics not given by markup.</param>
    /// <returns>The task.</returns>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The test type: offline .NET reference assemblies and nothing downloaded while tests run.</summary>
    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> NetCoreApp = new(LoadReferences);

        public Test()
        {
            // No package: the framework resolves nothing from NuGet; the references come from restore.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            TestState.AdditionalReferences.AddRange(NetCoreApp.Value);

            // The framework re-runs each test with '#pragma warning disable' lines added to the sources.
            // ScopeGuard judges text against a baseline, so those added lines are themselves an edit.
            TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
        }

        private static ImmutableArray<MetadataReference> LoadReferences()
        {
            var folder = typeof(Test).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "NetCoreAppReferenceAssemblies").Value!;
            if (!Directory.Exists(folder))
            {
                throw new InvalidOperationException($"the .NET reference assemblies are not at '{folder}': run 'dotnet restore' (the test project downloads Microsoft.NETCore.App.Ref at restore time)");
            }

            return [.. Directory.GetFiles(folder, "*.dll").OrderBy(f => f, StringComparer.Ordinal).Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))];
        }
    }
}
