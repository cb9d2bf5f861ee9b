using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary><c>scopeguard install</c>/<c>uninstall</c> as processes, and the hook git then really runs.</summary>
public sealed class InstallTests
{
    private const string ForeignFailing = "#!/bin/sh\necho 'foreign hook: lint failed' >&2\nexit 3\n";

    private static readonly string[] GuiClientPath = ["/usr/bin", "/bin"];

    private static readonly string[] HookNames = ["pre-commit", "pre-merge-commit", "pre-push"];

    [Fact]
    public void Install_SecondRun_SaysAlreadyInstalledAndLeavesTheFilesUnchanged()
    {
        using var repo = TempRepo.Create();
        var hooks = repo.HooksDirectory(repo.Path);
        var before = HookNames.Select(n => (Bytes: File.ReadAllBytes(Path.Combine(hooks, n)), Written: File.GetLastWriteTimeUtc(Path.Combine(hooks, n)))).ToArray();

        var again = repo.Tool(repo.Path, "install");

        Assert.True(again.ExitCode == 0, again.ToString());
        for (var i = 0; i < HookNames.Length; i++)
        {
            var hook = Path.Combine(hooks, HookNames[i]);
            Assert.Contains($"scopeguard: the {HookNames[i]} hook is already installed at {hook}", again.Stdout, StringComparison.Ordinal);
            Assert.Equal(before[i].Bytes, File.ReadAllBytes(hook));
            Assert.Equal(before[i].Written, File.GetLastWriteTimeUtc(hook));
        }

        Assert.Equal(HookNames, HookFiles(hooks));
    }

    [Fact]
    public void Install_Default_WritesExecutableShimsThatRecordThisTool()
    {
        using var repo = TempRepo.Create();
        var (file, _) = ScopeGuardTool.Command(ScopeGuardTool.Directory);

        foreach (var name in HookNames)
        {
            var hook = Path.Combine(repo.Path, ".git", "hooks", name);
            var text = File.ReadAllText(hook);

            Assert.StartsWith("#!/bin/sh\n# scopeguard-managed-hook v1\n", text, StringComparison.Ordinal);
            Assert.Contains($"\nscopeguard_hook={name}\n", text, StringComparison.Ordinal);
            Assert.Contains($"scopeguard_recorded_file='{file}'", text, StringComparison.Ordinal);
            Assert.DoesNotContain("@RECORDED", text, StringComparison.Ordinal);
            Assert.NotEqual(default, File.GetUnixFileMode(hook) & UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Install_RelativeHooksPath_HookLandsWhereGitLooksAndGitRunsIt()
    {
        using var repo = TempRepo.Create(install: false);
        repo.Git("config", "core.hooksPath", ".githooks");

        var install = repo.Tool(repo.Path, "install");
        repo.Git("switch", "--quiet", "-c", "agent/billing");
        repo.Append("docs/index.md", "x\n");
        var commit = repo.Commit(repo.Path, "-a");

        Assert.True(install.ExitCode == 0, install.ToString());
        var hooks = repo.HooksDirectory(repo.Path);
        Assert.Equal(Path.Combine(repo.Path, ".githooks"), hooks);
        Assert.Contains($"installed the pre-commit hook at {Path.Combine(hooks, "pre-commit")}", install.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(repo.Path, ".git", "hooks", "pre-commit")));
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("docs/index.md(1,1): error SG0001: agent 'billing'", commit.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Install_RelativeHooksPathWithLinkedWorktree_ExitsTwoWritesNothingAndSaysHowToFix(bool fromLinkedWorktree)
    {
        using var repo = TempRepo.Create(install: false);
        repo.Git("config", "core.hooksPath", ".githooks");
        var billing = repo.AddWorktree("agent/billing");
        var (here, other) = fromLinkedWorktree ? (billing, repo.Path) : (repo.Path, billing);

        var install = repo.Tool(here, "install");

        Assert.True(install.ExitCode == 2, install.ToString());
        Assert.Contains("core.hooksPath is '.githooks', a relative path, which git resolves against the root of each worktree", install.Stderr, StringComparison.Ordinal);
        Assert.Contains($"'{other}' runs hooks from '{Path.Combine(other, ".githooks")}', where ScopeGuard's pre-commit, pre-merge-commit, pre-push hooks are missing", install.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", install.Stderr, StringComparison.Ordinal);
        Assert.Contains($"git config core.hooksPath '{Path.Combine(here, ".githooks")}'", install.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("installed", install.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(here, ".githooks")));
        Assert.False(Directory.Exists(Path.Combine(other, ".githooks")));
    }

    [Fact]
    public void Install_RelativeHooksPathWithABrokenLinkedWorktree_InstallsBecauseGitCannotCommitThere()
    {
        using var repo = TempRepo.Create(install: false);
        repo.Git("config", "core.hooksPath", ".githooks");
        var billing = repo.AddWorktree("agent/billing");
        File.WriteAllText(Path.Combine(billing, ".git"), "gitdir: " + Path.Combine(repo.Root, "no-such-git-dir") + "\n");

        var install = repo.Tool(repo.Path, "install");
        var gitThere = repo.TryGit(billing, null, "status");

        Assert.True(gitThere.ExitCode != 0, gitThere.ToString());
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.True(File.Exists(Path.Combine(repo.Path, ".githooks", "pre-commit")));
    }

    [Fact]
    public void Install_RelativeHooksPathMadeAbsoluteAsAdvised_OutOfScopeCommitInLinkedWorktreeIsRefused()
    {
        using var repo = TempRepo.Create(install: false);
        repo.Git("config", "core.hooksPath", ".githooks");
        var billing = repo.AddWorktree("agent/billing");
        var refused = repo.Tool(repo.Path, "install");

        repo.Git("config", "core.hooksPath", Path.Combine(repo.Path, ".githooks"));
        var install = repo.Tool(repo.Path, "install");
        repo.Append("docs/index.md", "x\n", billing);
        var commit = repo.Commit(billing, "-a");

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Equal(Path.Combine(repo.Path, ".githooks"), repo.HooksDirectory(billing));
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("docs/index.md(1,1): error SG0001: agent 'billing'", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_RelativeHooksPathWithCommittedHooks_EveryWorktreeRunsThemAndInstallAgrees()
    {
        using var repo = TempRepo.Create(install: false);
        repo.Git("config", "core.hooksPath", ".githooks");
        var first = repo.Tool(repo.Path, "install");
        repo.Git("add", ".githooks");
        repo.Git("commit", "--quiet", "--no-verify", "-m", "ScopeGuard's hooks for every checkout");

        var billing = repo.AddWorktree("agent/billing");
        var fromMain = repo.Tool(repo.Path, "install");
        var fromBilling = repo.Tool(billing, "install");
        repo.Append("docs/index.md", "x\n", billing);
        var commit = repo.Commit(billing, "-a");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("scopeguard: note: core.hooksPath '.githooks' is relative", first.Stdout, StringComparison.Ordinal);
        Assert.True(fromMain.ExitCode == 0, fromMain.ToString());
        Assert.True(fromBilling.ExitCode == 0, fromBilling.ToString());
        Assert.Contains($"the pre-commit hook is already installed at {Path.Combine(billing, ".githooks", "pre-commit")}", fromBilling.Stdout, StringComparison.Ordinal);
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("docs/index.md(1,1): error SG0001: agent 'billing'", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_AbsoluteHooksPath_HookLandsThereAndRunsInEveryWorktree()
    {
        using var repo = TempRepo.Create(install: false);
        var shared = Path.Combine(repo.Root, "shared hooks");
        var (billing, install, commit) = InstallFromAWorktreeAndCommitOutOfScope(repo, shared);

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Equal(shared, repo.HooksDirectory(billing));
        Assert.Equal(shared, repo.HooksDirectory(repo.Path));
        Assert.True(File.Exists(Path.Combine(shared, "pre-commit")));
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("docs/index.md(1,1): error SG0001: agent 'billing'", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_HomeRelativeHooksPath_HookLandsUnderHomeAndGitRunsIt()
    {
        using var repo = TempRepo.Create(install: false);
        var (billing, install, commit) = InstallFromAWorktreeAndCommitOutOfScope(repo, "~/git-hooks");

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Equal(Path.Combine(repo.Home, "git-hooks"), repo.HooksDirectory(billing));
        Assert.True(File.Exists(Path.Combine(repo.Home, "git-hooks", "pre-commit")), install.ToString());
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("docs/index.md(1,1): error SG0001:", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_FromLinkedWorktreeWithRepositoryHooksPath_HookLandsWhereGitLooks()
    {
        using var repo = TempRepo.Create(install: false);
        var shared = Path.Combine(repo.Root, "team-hooks");
        var (_, install, commit) = InstallFromAWorktreeAndCommitOutOfScope(repo, shared);

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains($"installed the pre-commit hook at {Path.Combine(shared, "pre-commit")}", install.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(repo.Path, ".git", "hooks", "pre-commit")));
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("docs/index.md(1,1): error SG0001:", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_FromLinkedWorktreeWithoutHooksPath_UsesTheCommonHooksFolder()
    {
        using var repo = TempRepo.Create(install: false);
        var billing = repo.AddWorktree("agent/billing");

        var install = repo.Tool(billing, "install");
        repo.Append("docs/index.md", "x\n");
        repo.Git("switch", "--quiet", "-c", "agent/docs");
        repo.Append("src/Billing/Invoice.cs", "// x\n");
        var commitInMain = repo.Commit(repo.Path, "-a");

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Equal(Path.Combine(repo.Path, ".git", "hooks"), repo.HooksDirectory(billing));
        Assert.True(File.Exists(Path.Combine(repo.Path, ".git", "hooks", "pre-commit")));
        Assert.True(commitInMain.ExitCode != 0, commitInMain.ToString());
        Assert.Contains("src/Billing/Invoice.cs(1,1): error SG0001: agent 'docs'", commitInMain.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_ForeignHookPresent_ExitsTwoAndLeavesItByteIdentical()
    {
        using var repo = TempRepo.Create(install: false);
        var hooks = repo.HooksDirectory(repo.Path);
        var foreign = WriteHook(hooks, "pre-commit", ForeignFailing);
        var before = File.ReadAllBytes(foreign);
        var mode = File.GetUnixFileMode(foreign);

        var install = repo.Tool(repo.Path, "install");

        Assert.True(install.ExitCode == 2, install.ToString());
        Assert.Contains("already exists and is not ScopeGuard's hook; nothing was changed", install.Stderr, StringComparison.Ordinal);
        Assert.Contains("--chain", install.Stderr, StringComparison.Ordinal);
        Assert.Contains("--force", install.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(foreign));
        Assert.Equal(mode, File.GetUnixFileMode(foreign));
        Assert.Equal(["pre-commit"], HookFiles(hooks));
    }

    [Fact]
    public void Install_ChainWithFailingForeignHook_CommitIsRefusedByTheForeignHook()
    {
        using var repo = TempRepo.Create(install: false);
        var hooks = repo.HooksDirectory(repo.Path);
        var original = File.ReadAllBytes(WriteHook(hooks, "pre-commit", ForeignFailing));

        var install = repo.Tool(repo.Path, "install", "--chain");
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// in scope\n", billing);
        var commit = repo.Commit(billing, "-a");

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("the existing hook runs first (pre-commit.scopeguard-chained)", install.Stdout, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(Path.Combine(hooks, "pre-commit.scopeguard-chained")));
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("foreign hook: lint failed", commit.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("scopeguard:", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_ChainWithPassingForeignHook_ForeignRunsFirstThenScopeGuardStillChecks()
    {
        using var repo = TempRepo.Create(install: false);
        var hooks = repo.HooksDirectory(repo.Path);
        var marker = Path.Combine(repo.Root, "foreign-ran");
        WriteHook(hooks, "pre-commit", $"#!/bin/sh\necho 'foreign hook ran' >&2\necho ran >> '{marker}'\nexit 0\n");

        var install = repo.Tool(repo.Path, "install", "--chain");
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Shipping/Shipment.cs", "// out of scope\n", billing);
        var refused = repo.Commit(billing, "-a");
        repo.GitIn(billing, "checkout", "--", ".");
        repo.Append("src/Billing/Invoice.cs", "// in scope\n", billing);
        var accepted = repo.Commit(billing, "-a");

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.True(refused.ExitCode != 0, refused.ToString());
        var foreignAt = refused.Output.IndexOf("foreign hook ran", StringComparison.Ordinal);
        var scopeGuardAt = refused.Output.IndexOf("src/Shipping/Shipment.cs(1,1): error SG0001:", StringComparison.Ordinal);
        Assert.True(foreignAt >= 0 && scopeGuardAt > foreignAt, refused.ToString());
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal(["ran", "ran"], File.ReadAllLines(marker));
    }

    [Fact]
    public void Install_Force_ReplacesTheForeignHookAndKeepsAByteIdenticalBackup()
    {
        using var repo = TempRepo.Create(install: false);
        var hooks = repo.HooksDirectory(repo.Path);
        var original = File.ReadAllBytes(WriteHook(hooks, "pre-commit", ForeignFailing));

        var install = repo.Tool(repo.Path, "install", "--force");
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// in scope\n", billing);
        var commit = repo.Commit(billing, "-a");

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("the old hook is kept as pre-commit.scopeguard-backup", install.Stdout, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(Path.Combine(hooks, "pre-commit.scopeguard-backup")));
        Assert.Contains("scopeguard-managed-hook", File.ReadAllText(Path.Combine(hooks, "pre-commit")), StringComparison.Ordinal);
        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.DoesNotContain("foreign hook", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Uninstall_AfterChain_RestoresTheForeignHookByteIdentical()
    {
        using var repo = TempRepo.Create(install: false);
        var hooks = repo.HooksDirectory(repo.Path);
        var foreign = WriteHook(hooks, "pre-commit", ForeignFailing);
        var original = File.ReadAllBytes(foreign);
        var mode = File.GetUnixFileMode(foreign);
        Assert.Equal(0, repo.Tool(repo.Path, "install", "--chain").ExitCode);

        var uninstall = repo.Tool(repo.Path, "uninstall");

        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.Equal(original, File.ReadAllBytes(foreign));
        Assert.Equal(mode, File.GetUnixFileMode(foreign));
        Assert.Equal(["pre-commit"], HookFiles(hooks));
    }

    [Fact]
    public void Uninstall_Twice_RemovesTheHookThenSaysNothingToRemove()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");

        var first = repo.Tool(billing, "uninstall");
        var second = repo.Tool(billing, "uninstall");
        repo.Append("src/Shipping/Shipment.cs", "// unchecked now\n", billing);
        var commit = repo.Commit(billing, "-a");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("removed the pre-commit hook", first.Stdout, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("nothing to remove", second.Stdout, StringComparison.Ordinal);
        Assert.Empty(HookFiles(repo.HooksDirectory(billing)));
        Assert.True(commit.ExitCode == 0, commit.ToString());
    }

    [Fact]
    public void Uninstall_ForeignHook_LeavesItByteIdenticalAndRemovesOnlyScopeGuardsOwn()
    {
        using var repo = TempRepo.Create();
        var hooks = repo.HooksDirectory(repo.Path);
        File.Delete(Path.Combine(hooks, "pre-commit"));
        var foreign = WriteHook(hooks, "pre-commit", ForeignFailing);
        var original = File.ReadAllBytes(foreign);

        var uninstall = repo.Tool(repo.Path, "uninstall");

        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.Contains($"scopeguard: {foreign} is not ScopeGuard's hook; left alone", uninstall.Stdout, StringComparison.Ordinal);
        Assert.Contains("removed the pre-push hook", uninstall.Stdout, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(foreign));
        Assert.Equal(["pre-commit"], HookFiles(hooks));
    }

    [Fact]
    public void Hook_GuiClientPath_UsesTheRecordedCommand()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Shipping/Shipment.cs", "// x\n", billing);
        var path = string.Join(':', GuiClientPath.Where(d => !File.Exists(Path.Combine(d, "scopeguard"))));

        var commit = repo.CommitWith(billing, new Dictionary<string, string?> { ["PATH"] = path }, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001:", commit.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Hook_PathWithoutDotnetOrTools_UsesTheRecordedCommand(bool installedViaDotnet)
    {
        using var repo = TempRepo.Create(install: false);
        var install = ScopeGuardTool.Run(repo.Path, repo.Environment, ["install"], viaDotnet: installedViaDotnet);
        Assert.True(install.ExitCode == 0, install.ToString());
        var hook = File.ReadAllText(Path.Combine(repo.HooksDirectory(repo.Path), "pre-commit"));
        var bin = MinimalBin(repo);
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Shipping/Shipment.cs", "// x\n", billing);

        var commit = repo.CommitWith(billing, new Dictionary<string, string?> { ["PATH"] = bin }, "-a");

        Assert.Contains(
            installedViaDotnet ? $"scopeguard_recorded_file='{ScopeGuardTool.Dll}'" : $"scopeguard_recorded_file='{ScopeGuardTool.AppHost}'",
            hook,
            StringComparison.Ordinal);
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001:", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Hook_RecordedToolGone_RefusesEveryCommitWithAReadableMessage()
    {
        using var repo = TempRepo.Create(install: false);
        var tool = Path.Combine(repo.Root, "tool");
        ScopeGuardTool.CopyTo(tool);
        var install = ScopeGuardTool.Run(repo.Path, repo.Environment, ["install"], toolDirectory: tool);
        Assert.True(install.ExitCode == 0, install.ToString());
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// in scope\n", billing);
        var before = repo.Head(billing);

        Directory.Move(tool, tool + "-moved");
        var commit = repo.Commit(billing, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("scopeguard: the pre-commit hook cannot find the scopeguard tool", commit.Output, StringComparison.Ordinal);
        Assert.Contains($"recorded '{Path.Combine(tool, "scopeguard")}' is missing", commit.Output, StringComparison.Ordinal);
        Assert.Contains("scopeguard: the commit is refused.", commit.Output, StringComparison.Ordinal);
        Assert.Equal(before, repo.Head(billing));
    }

    [Fact]
    public void Hook_RecordedToolBroken_FailsClosed()
    {
        using var repo = TempRepo.Create(install: false);
        var tool = Path.Combine(repo.Root, "tool");
        ScopeGuardTool.CopyTo(tool);
        Assert.Equal(0, ScopeGuardTool.Run(repo.Path, repo.Environment, ["install"], toolDirectory: tool).ExitCode);
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// in scope\n", billing);

        File.Delete(Path.Combine(tool, "ScopeGuard.Git.dll"));
        var commit = repo.Commit(billing, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("ScopeGuard.Git", commit.Output, StringComparison.Ordinal);
    }

    private static string WriteHook(string hooks, string name, string text)
    {
        Directory.CreateDirectory(hooks);
        var file = Path.Combine(hooks, name);
        File.WriteAllText(file, text);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        return file;
    }

    private static string[] HookFiles(string hooks) =>
        Directory.Exists(hooks)
            ? Directory.GetFiles(hooks).Select(f => Path.GetFileName(f)).Where(n => !n.EndsWith(".sample", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()
            : [];

    // A PATH with git and the few utilities the shim uses, and no dotnet and no scopeguard.
    private static string MinimalBin(TempRepo repo)
    {
        var bin = Path.Combine(repo.Root, "bin");
        Directory.CreateDirectory(bin);
        foreach (var tool in new[] { "git", "dirname", "grep" })
        {
            var found = TempRepo.SafePath().Split(':').Select(d => Path.Combine(d, tool)).First(File.Exists);
            File.CreateSymbolicLink(Path.Combine(bin, tool), found);
        }

        return bin;
    }

    // Sets core.hooksPath, installs from billing's linked worktree, and commits an edit outside its paths there.
    private static (string Billing, ProcessResult Install, ProcessResult Commit) InstallFromAWorktreeAndCommitOutOfScope(TempRepo repo, string hooksPath)
    {
        repo.Git("config", "core.hooksPath", hooksPath);
        var billing = repo.AddWorktree("agent/billing");
        var install = repo.Tool(billing, "install");
        repo.Append("docs/index.md", "x\n", billing);
        return (billing, install, repo.Commit(billing, "-a"));
    }
}
