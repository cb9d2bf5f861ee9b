using System;
using System.Collections.Generic;
using System.IO;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary><c>scopeguard doctor</c> proves the setup of one worktree; <c>scopeguard demo</c> shows it working.</summary>
public sealed class DoctorAndDemoTests
{
    [Fact]
    public void Doctor_SetUpAgentWorktree_ExitsZeroAndNamesTheAgentAndWhy()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");

        var doctor = repo.ReadOnlyTool(billing, "doctor");

        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        Assert.Contains($"worktree:  {billing}", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains($"(linked worktree of {Path.Combine(repo.Path, ".git")})", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("branch:    agent/billing", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains($"hooks:     {Path.Combine(repo.Path, ".git", "hooks")}", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("pre-commit: ScopeGuard's hook, executable", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("pre-merge-commit: ScopeGuard's hook, executable", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("pre-push:  ScopeGuard's hook, executable", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("(recorded at install)", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains($"manifest:  {repo.BaseManifestLabel()} loads: 4 agent(s) (billing, docs, tests, ops)", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("agent:     billing, because branch \"agent/billing\" matches \"agent/billing\" in agents.billing.branches", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("ok: commits in this worktree are checked by ScopeGuard", doctor.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_AgentBoundOnProtectedBranch_NamesTheWorktreeConfigAndWarnsOfSg0005()
    {
        using var repo = TempRepo.Create();
        repo.Git("config", "extensions.worktreeConfig", "true");
        repo.Git("config", "--worktree", "scopeguard.agent", "docs");

        var doctor = repo.ReadOnlyTool(repo.Path, "doctor");

        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        Assert.Contains("agent:     docs, because git config scopeguard.agent (worktree config) is \"docs\"", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("'main' is a protected branch ('main'): this agent's commits here are refused (SG0005)", doctor.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_WithoutHook_ExitsOneAndSaysMissing()
    {
        using var repo = TempRepo.Create(install: false);

        var doctor = repo.ReadOnlyTool(repo.Path, "doctor");

        Assert.True(doctor.ExitCode == 1, doctor.ToString());
        Assert.Contains("pre-commit: MISSING: git runs no pre-commit hook here; run 'scopeguard install'", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("pre-merge-commit: MISSING: git runs no pre-merge-commit hook here; run 'scopeguard install'", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("pre-push:  MISSING: git runs no pre-push hook here; run 'scopeguard install'", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 problem(s): commits in this worktree are NOT checked as expected", doctor.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_InstallFromBeforePreMergeCommit_ExitsOneAndSaysMergeCommitsAreUnchecked()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        File.Delete(Path.Combine(repo.HooksDirectory(billing), "pre-merge-commit"));

        var doctor = repo.ReadOnlyTool(billing, "doctor");

        Assert.True(doctor.ExitCode == 1, doctor.ToString());
        Assert.Contains("pre-commit: ScopeGuard's hook, executable", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("pre-merge-commit: MISSING: git runs no pre-merge-commit hook here; run 'scopeguard install'", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 problem(s): commits in this worktree are NOT checked as expected", doctor.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_HookInstalledOutsideTheHooksPathGitUses_ExitsOneAndSaysMissing()
    {
        using var repo = TempRepo.Create();
        repo.Git("config", "core.hooksPath", Path.Combine(repo.Root, "elsewhere"));
        var billing = repo.AddWorktree("agent/billing");

        var doctor = repo.ReadOnlyTool(billing, "doctor");

        Assert.True(doctor.ExitCode == 1, doctor.ToString());
        Assert.Contains($"hooks:     {Path.Combine(repo.Root, "elsewhere")} (core.hooksPath = {Path.Combine(repo.Root, "elsewhere")})", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("pre-commit: MISSING", doctor.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_RelativeHooksPathAndWorktreeAddedAfterInstall_BothWorktreesReportItAsInstallDoes()
    {
        using var repo = TempRepo.Create(install: false);
        repo.Git("config", "core.hooksPath", ".githooks");
        Assert.Equal(0, repo.Tool(repo.Path, "install").ExitCode);
        var billing = repo.AddWorktree("agent/billing");

        var inBilling = repo.ReadOnlyTool(billing, "doctor");
        var inMain = repo.ReadOnlyTool(repo.Path, "doctor");
        var install = repo.Tool(repo.Path, "install");

        Assert.True(inBilling.ExitCode == 1, inBilling.ToString());
        Assert.Contains("pre-commit: MISSING", inBilling.Stdout, StringComparison.Ordinal);
        Assert.Contains("core.hooksPath '.githooks' is relative: git resolves it against this worktree's root", inBilling.Stdout, StringComparison.Ordinal);
        Assert.True(inMain.ExitCode == 1, inMain.ToString());
        Assert.Contains("pre-commit: ScopeGuard's hook, executable", inMain.Stdout, StringComparison.Ordinal);
        Assert.Contains("worktrees: NOT ALL CHECKED: core.hooksPath is '.githooks', a relative path", inMain.Stdout, StringComparison.Ordinal);
        Assert.Contains($"'{billing}' runs hooks from '{Path.Combine(billing, ".githooks")}'", inMain.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 problem(s): commits in this worktree are checked by ScopeGuard, but NOT in every other worktree", inMain.Stdout, StringComparison.Ordinal);
        Assert.True(install.ExitCode == 2, install.ToString());
        Assert.Contains($"'{billing}' runs hooks from '{Path.Combine(billing, ".githooks")}'", install.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_ForeignHook_ExitsOneAndSuggestsChain()
    {
        using var repo = TempRepo.Create(install: false);
        var hooks = repo.HooksDirectory(repo.Path);
        Directory.CreateDirectory(hooks);
        File.WriteAllText(Path.Combine(hooks, "pre-commit"), "#!/bin/sh\nexit 0\n");

        var doctor = repo.ReadOnlyTool(repo.Path, "doctor");

        Assert.True(doctor.ExitCode == 1, doctor.ToString());
        Assert.Contains("is NOT ScopeGuard's hook; run 'scopeguard install --chain' to run both", doctor.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_RecordedToolGone_ExitsOneAndSaysCommitsWillBeRefused()
    {
        using var repo = TempRepo.Create(install: false);
        var tool = Path.Combine(repo.Root, "tool");
        ScopeGuardTool.CopyTo(tool);
        Assert.Equal(0, ScopeGuardTool.Run(repo.Path, repo.Environment, ["install"], toolDirectory: tool).ExitCode);
        Directory.Delete(tool, recursive: true);

        var doctor = repo.ReadOnlyTool(repo.Path, "doctor");

        Assert.True(doctor.ExitCode == 1, doctor.ToString());
        Assert.Contains("the tool is NOT FOUND by the hook", doctor.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_NoAgentOnMainWithUnknownAgentAllow_SaysCommitsPassUncheckedAndNeverThatTheyAreChecked()
    {
        using var repo = TempRepo.Create();

        var doctor = repo.ReadOnlyTool(repo.Path, "doctor");

        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        Assert.Contains("commits here are not checked (a person working normally)", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("ok: ScopeGuard's hooks run in this worktree; with no agent identified they let commits through (settings.unknownAgent: allow)", doctor.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("commits in this worktree are checked", doctor.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_UnknownAgentBlock_SaysCommitsAreRefused()
    {
        using var repo = TempRepo.Create(Manifests.UnknownAgentBlocked);
        var feature = repo.AddWorktree("feature/x");

        var doctor = repo.ReadOnlyTool(feature, "doctor");

        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        Assert.Contains("agent:     none: branch \"feature/x\" matches no agent's branches", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("settings.unknownAgent is block: commits here are refused (SG0006)", doctor.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_Runs_ExitsZeroAndCleansUp()
    {
        using var repo = TempRepo.Empty();
        var temp = repo.Environment["TMPDIR"]!;

        var demo = ScopeGuardTool.Run(repo.Root, repo.Environment, ["demo"]);

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("accepted, commit ", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("REFUSED by the pre-commit hook", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("src/Billing/Invoice.cs(1,1): error SG0001: agent 'docs'", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("The demo behaved as expected", demo.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp, "scopeguard-demo-*"));
    }

    [Fact]
    public void Demo_WithDirectory_KeepsTheRepositoryForInspection()
    {
        using var repo = TempRepo.Empty();
        var target = Path.Combine(repo.Root, "demo");

        var demo = ScopeGuardTool.Run(repo.Root, repo.Environment, ["demo", "--directory", "demo"]);

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains($"The demo repository is kept at {target}", demo.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(target, "repo", "scopes.json")));
        var log = repo.TryGit(Path.Combine(target, "billing"), new Dictionary<string, string?>(), "log", "--oneline");
        Assert.True(log.ExitCode == 0, log.ToString());
        Assert.Contains("Billing: document rounding", log.Stdout, StringComparison.Ordinal);
    }
}
