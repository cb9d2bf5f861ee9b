// The LibGit2Sharp calls of a staged check, and nothing else: no manifest, no rules, no command line,
// no report. `libgit2-probe open` only opens and closes the repository.
using System;
using LibGit2Sharp;

using var repo = new Repository(Repository.Discover(Environment.CurrentDirectory));
if (args.Length > 0 && args[0] == "open")
{
    return;
}

var branch = repo.Head.FriendlyName;
var manifest = repo.Head.Tip["scopes.json"]?.Target as Blob;
long length;
using (var stream = manifest?.GetContentStream())
{
    length = stream?.Length ?? 0;
}

var agent = repo.Config.Get<string>("scopeguard.agent")?.Value;
var changes = repo.Diff.Compare<TreeChanges>(
    repo.Head.Tip.Tree,
    DiffTargets.Index,
    null,
    null,
    new CompareOptions { Similarity = new SimilarityOptions { RenameDetectionMode = RenameDetectionMode.Copies } });
Console.WriteLine($"{branch} {length} {agent} {changes.Count}");
