// The LibGit2Sharp calls of a staged check, and nothing else: no manifest, no rules, no command line,
// no report. `libgit2-probe open` only opens and closes the repository. `libgit2-probe base` also makes
// the calls the check needs to judge by the base branch's manifest: the base's local and remote-tracking
// tips, the merge base of HEAD with each, and scopes.json read at that merge base.
using System;
using System.Linq;
using LibGit2Sharp;

using var repo = new Repository(Repository.Discover(Environment.CurrentDirectory));
var mode = args.Length > 0 ? args[0] : string.Empty;
if (mode == "open")
{
    return;
}

var branch = repo.Head.FriendlyName;
var head = repo.Head.Tip;
var manifestAt = head;
if (mode == "base")
{
    var names = repo.Network.Remotes.Select(r => $"refs/remotes/{r.Name}/main").Prepend("refs/heads/main");
    foreach (var name in names)
    {
        if (repo.Refs[name]?.ResolveToDirectReference()?.Target is Commit tip
            && repo.ObjectDatabase.FindMergeBase(tip, head) is { } mergeBase)
        {
            manifestAt = mergeBase;
        }
    }
}

var manifest = manifestAt["scopes.json"]?.Target as Blob;
long length;
using (var stream = manifest?.GetContentStream())
{
    length = stream?.Length ?? 0;
}

var agent = repo.Config.Get<string>("scopeguard.agent")?.Value;
var changes = repo.Diff.Compare<TreeChanges>(
    head.Tree,
    DiffTargets.Index,
    null,
    null,
    new CompareOptions { Similarity = new SimilarityOptions { RenameDetectionMode = RenameDetectionMode.Copies } });
Console.WriteLine($"{branch} {length} {agent} {changes.Count}");
