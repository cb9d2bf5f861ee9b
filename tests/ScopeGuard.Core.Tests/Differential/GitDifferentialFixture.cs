using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace ScopeGuard.Core.Tests.Differential;

/// <summary>
/// Generates the pattern corpus and asks git about every (pattern, path) pair once, for all the
/// tests of a class: one <c>git check-ignore</c> process per pattern, all paths on its standard input.
/// </summary>
public sealed class GitDifferentialFixture : IDisposable
{
    private readonly GitCheckIgnore git;

    public GitDifferentialFixture()
    {
        var clock = Stopwatch.StartNew();
        var corpus = PatternCorpus.Create();
        Patterns = corpus.Patterns;
        Paths = corpus.Paths;
        git = GitCheckIgnore.Create();
        GitVersion = git.Version();

        var answers = new BitArray[Patterns.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount * 2) };
        Parallel.For(0, Patterns.Count, options, i => answers[i] = git.Ignored(Patterns[i], Paths));
        GitIgnored = answers;
        GitElapsed = clock.Elapsed;
    }

    /// <summary>Gets the generated patterns.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>Gets the generated paths.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Gets, per pattern, which paths git ignores.</summary>
    public IReadOnlyList<BitArray> GitIgnored { get; }

    /// <summary>Gets the git version the answers came from.</summary>
    public string GitVersion { get; }

    /// <summary>Gets how long generating the corpus and asking git took.</summary>
    public TimeSpan GitElapsed { get; }

    public void Dispose() => git.Dispose();
}
