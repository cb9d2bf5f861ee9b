using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ScopeGuard.Core.Baseline;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Analyzers;

/// <summary>
/// Reports the current agent's out-of-scope edits while the code is typed and when it is built.
/// Inputs, all handed in by the MSBuild targets (the analyzer reads no file, environment or git):
/// <c>scopes.json</c> and <c>scopeguard.baseline</c> as AdditionalFiles, and the agent as
/// <c>build_property.ScopeGuardAgent</c>. Each syntax tree's text is compared with its base in the
/// baseline and the declaration diff is judged by Core's <see cref="ScopeEvaluator.JudgeFile"/>, the
/// same evaluation as the hook and the CI gate.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScopeGuardAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The analyzer config key of the agent (an MSBuild <c>CompilerVisibleProperty</c>).</summary>
    public const string AgentProperty = "build_property.ScopeGuardAgent";

    /// <summary>The analyzer config key that turns the analyzer off.</summary>
    public const string DisabledProperty = "build_property.ScopeGuardDisabled";

    // The IDE builds a new compilation on each edit; parse the manifest and the baseline once per text.
    private static readonly ConditionalWeakTable<SourceText, ManifestLoadResult> Manifests = new();
    private static readonly ConditionalWeakTable<SourceText, DeclarationBaseline> Baselines = new();

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();

        // Generated code (obj/ files, source generators) is never the agent's edit.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(Start);
    }

    private static void Start(CompilationStartAnalysisContext context)
    {
        var options = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
        if (options.TryGetValue(DisabledProperty, out var disabled) && string.Equals(disabled.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        // No agent identified: a person working normally. Nothing is reported, not even manifest errors.
        if (!options.TryGetValue(AgentProperty, out var agentName) || string.IsNullOrWhiteSpace(agentName))
        {
            return;
        }

        var manifestFile = Pick(context.Options.AdditionalFiles, ManifestLoader.FileName);
        if (manifestFile is null)
        {
            return;
        }

        var manifestText = manifestFile.GetText(context.CancellationToken);
        if (manifestText is null)
        {
            return;
        }

        var load = Manifests.GetValue(manifestText, text => ManifestLoader.Load(text.ToString(), ManifestLoader.FileName));
        if (load.Manifest is null)
        {
            // Once per compilation, located in scopes.json.
            ReportInManifest(context, manifestFile, manifestText, load.Errors.Select(e => (e.Range, e.Related, e.Message)).ToImmutableArray());
            return;
        }

        var agent = load.Manifest.FindAgent(agentName.Trim());
        if (agent is null)
        {
            var message = Messages.UndeclaredAgent("ScopeGuardAgent", agentName.Trim(), load.Manifest);
            ReportInManifest(context, manifestFile, manifestText, [(TextRange.At(new TextPosition(1, 1)), (TextRange?)null, message)]);
            return;
        }

        var baselineFile = Pick(context.Options.AdditionalFiles, DeclarationBaseline.FileName);
        var baselineText = baselineFile?.GetText(context.CancellationToken);
        if (baselineText is null)
        {
            // Nothing to compare with: the targets warned why (no CLI, not a git repository).
            return;
        }

        // A baseline this version cannot read throws here; the compiler shows it as AD0001 with the reason.
        var baseline = Baselines.GetValue(baselineText, text => DeclarationBaseline.Parse(text.ToString()));
        var evaluator = new ScopeEvaluator(load.Manifest);
        var trees = context.Compilation.SyntaxTrees;

        // Parameter types are resolved (so a pattern in the compiler's form matches) only for an agent
        // whose patterns name parameters, from the compilation's files that mention those names or a
        // global using (the SDK's generated implicit usings among them), once per compilation.
        var patterns = TypeResolution.PatternsOf(agent).ToList();
        var names = TypeResolution.NamesToResolve(patterns);
        var cancellation = context.CancellationToken;
        var types = names.Count == 0 ? null : TypeIndex.Deferred(() => TypeIndex.Create(trees
            .Select(t => t.GetText(cancellation).ToString())
            .Where(t => TypeResolution.MayMatter(t, names))
            .Select(DeclarationExtractor.Extract)
            .ToList())).ForMembers(TypeResolution.MembersToResolve(patterns));
        context.RegisterSyntaxTreeAction(tree => Analyze(tree, baseline, evaluator, agent, new CompilationPartialTypes(trees, baseline, tree.CancellationToken), types));
    }

    private static void Analyze(SyntaxTreeAnalysisContext context, DeclarationBaseline baseline, ScopeEvaluator evaluator, AgentScope agent, CompilationPartialTypes partialTypes, TypeIndex? types)
    {
        var path = baseline.ToRepositoryPath(context.Tree.FilePath);
        if (path is null)
        {
            return;
        }

        var text = context.Tree.GetText(context.CancellationToken);
        var comparison = baseline.Compare(path, text.ToString(), types);
        if (comparison is null)
        {
            return;
        }

        foreach (var finding in evaluator.JudgeFile(agent, comparison.Change, comparison.Diff, partialTypes: partialTypes))
        {
            // SG0004 (a protected C# file) is left to the hook and the CI gate.
            if (Descriptors.For(finding.Id) is not { } descriptor)
            {
                continue;
            }

            var severity = finding.Severity == FindingSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
            var location = Locate(context.Tree, text, finding, context.CancellationToken);
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, severity, additionalLocations: null, properties: null, finding.Message));
        }
    }

    // A declaration's finding goes to its identifier. A removed declaration's goes where Core located
    // it, as every front end does: the identifier of its nearest container still in the file, or, when
    // nothing that contained it is left, an empty span at the start of the file (never its old line,
    // which may hold another declaration now). A file-level finding goes to the first using (or the
    // first line).
    private static Location Locate(SyntaxTree tree, SourceText text, Finding finding, CancellationToken cancellationToken)
    {
        var (line, column) = (finding.Line, finding.Column);
        if (text.Lines.Count == 0 || finding.Removal is { Container: null })
        {
            return Location.Create(tree, default);
        }

        var lineIndex = Math.Min(Math.Max(line, 1), text.Lines.Count) - 1;
        var textLine = text.Lines[lineIndex];
        if (finding.Symbol is null && line == 1 && column == 1)
        {
            return Location.Create(tree, textLine.Span);
        }

        var position = Math.Min(textLine.Start + Math.Max(column, 1) - 1, textLine.End);
        var token = tree.GetRoot(cancellationToken).FindToken(position);
        return Location.Create(tree, token.Span.Contains(position) ? token.Span : new TextSpan(position, 0));
    }

    private static void ReportInManifest(CompilationStartAnalysisContext context, AdditionalText manifestFile, SourceText text, ImmutableArray<(TextRange Range, TextRange? Related, string Message)> errors)
    {
        context.RegisterAdditionalFileAction(additional =>
        {
            if (!string.Equals(additional.AdditionalFile.Path, manifestFile.Path, StringComparison.Ordinal))
            {
                return;
            }

            // A duplicate points at the first declaration too (an additional location), as roslyn's
            // banned-API analyzer does for a symbol listed twice.
            foreach (var (range, related, message) in errors)
            {
                var additionalLocations = related is { } first ? [LocateIn(manifestFile.Path, text, first)] : Array.Empty<Location>();
                additional.ReportDiagnostic(Diagnostic.Create(Descriptors.ManifestInvalid, LocateIn(manifestFile.Path, text, range), additionalLocations, message));
            }
        });
    }

    private static Location LocateIn(string path, SourceText text, TextRange range)
    {
        if (text.Lines.Count == 0)
        {
            return Location.Create(path, default, default);
        }

        var start = Offset(text, range.Start);
        var end = Math.Max(start, Offset(text, range.End));
        return Location.Create(path, TextSpan.FromBounds(start, end), new LinePositionSpan(text.Lines.GetLinePosition(start), text.Lines.GetLinePosition(end)));
    }

    // A 1-based line and column (UTF-16 code units), clamped into the text.
    private static int Offset(SourceText text, TextPosition position)
    {
        var lineIndex = Math.Min(Math.Max(position.Line, 1), text.Lines.Count) - 1;
        var textLine = text.Lines[lineIndex];
        return Math.Min(textLine.Start + Math.Max(position.Column, 1) - 1, textLine.End);
    }

    // The targets pass one of each; should a project add more, the first by path decides, deterministically.
    private static AdditionalText? Pick(ImmutableArray<AdditionalText> files, string name) =>
        files.Where(f => string.Equals(Path.GetFileName(f.Path), name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .FirstOrDefault();
}
