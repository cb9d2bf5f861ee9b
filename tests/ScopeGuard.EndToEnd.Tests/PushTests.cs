using System;
using System.IO;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary><c>git commit --no-verify</c> skips pre-commit; the pre-push hook <c>install</c> also writes re-checks what is pushed.</summary>
public sealed class PushTests
{
    [Fact]
    public void Push_OutOfScopeCommitMadeWithNoVerify_IsRefusedByPrePush()
    {
        using var repo = TempRepo.Create();
        var remote = repo.AddBareRemote();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// in scope\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a").ExitCode);
        repo.Append("src/Shipping/Shipment.cs", "// sneaked past pre-commit\n", billing);
        var skipped = repo.Commit(billing, "-a", "--no-verify");

        var push = repo.TryGit(billing, null, "push", "origin", "agent/billing");

        Assert.True(skipped.ExitCode == 0, skipped.ToString());
        Assert.True(push.ExitCode != 0, push.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing' may not change 'src/Shipping/Shipment.cs'", push.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, repo.GitIn(repo.Path, "ls-remote", "--heads", remote, "agent/billing"));
    }

    [Fact]
    public void Push_InScopeBranch_IsAccepted()
    {
        using var repo = TempRepo.Create();
        var remote = repo.AddBareRemote();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// in scope\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a").ExitCode);

        var push = repo.TryGit(billing, null, "push", "origin", "agent/billing");

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains(repo.Head(billing), repo.GitIn(repo.Path, "ls-remote", "--heads", remote, "agent/billing"), StringComparison.Ordinal);
    }

    [Fact]
    public void Push_ChainedForeignPrePushHook_GetsGitsRefLinesAndScopeGuardStillChecks()
    {
        using var repo = TempRepo.Create(install: false);
        repo.AddBareRemote();
        var hooks = repo.HooksDirectory(repo.Path);
        Directory.CreateDirectory(hooks);
        var seen = Path.Combine(repo.Root, "foreign-stdin");
        var foreign = Path.Combine(hooks, "pre-push");
        File.WriteAllText(foreign, $"#!/bin/sh\ncat > '{seen}'\nexit 0\n");
        File.SetUnixFileMode(foreign, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Equal(0, repo.Tool(repo.Path, "install", "--chain").ExitCode);
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("docs/index.md", "not billing's\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a", "--no-verify").ExitCode);

        var push = repo.TryGit(billing, null, "push", "origin", "agent/billing");

        Assert.True(push.ExitCode != 0, push.ToString());
        Assert.Contains("docs/index.md(1,1): error SG0001: agent 'billing'", push.Output, StringComparison.Ordinal);
        Assert.StartsWith($"refs/heads/agent/billing {repo.Head(billing)} refs/heads/agent/billing 0000000000000000000000000000000000000000", File.ReadAllText(seen), StringComparison.Ordinal);
    }
}
