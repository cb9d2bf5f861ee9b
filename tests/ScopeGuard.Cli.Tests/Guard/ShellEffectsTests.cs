using System;
using System.IO;
using System.Linq;
using ScopeGuard.Cli.Guard;
using ScopeGuard.Cli.Tests.Support;

namespace ScopeGuard.Cli.Tests.Guard;

/// <summary>
/// The guard's best-effort shell scanner: what it finds in a Bash command line (writes, deletes, what it
/// does to git), and what it deliberately passes (it is a tokenizer, not a shell).
/// </summary>
public sealed class ShellEffectsTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("echo x > out.txt", "W out.txt")]
    [InlineData("echo x >> logs/a.txt", "W logs/a.txt")]
    [InlineData("echo x >| forced.txt", "W forced.txt")]
    [InlineData("make &> build.log", "W build.log")]
    [InlineData("make 2> err.log", "W err.log")]
    [InlineData("make 2>err.log 1>&2", "W err.log")]
    [InlineData("echo \"a > b\" > 'out file.txt'", "W out file.txt")]
    [InlineData("echo hi>x.txt", "W x.txt")]
    [InlineData("ls && echo hi > x.txt; echo y | tee -a t1 t2", "W x.txt|W t1|W t2")]
    [InlineData("cat > Gen.cs <<EOF\nclass A { }\necho inside > not-a-write.txt\nEOF\necho after > after.txt", "W Gen.cs|W after.txt")]
    [InlineData("cat <<-'END' > indented.cs\n\tbody > no.txt\n\tEND", "W indented.cs")]
    [InlineData("sed -i 's/a/b/' f1.cs f2.cs", "W f1.cs|W f2.cs")]
    [InlineData("sed -i.bak -e s/a/b/ -e s/c/d/ f3.cs", "W f3.cs")]
    [InlineData("sed -Ei 's/a/b/' f4.cs", "W f4.cs")]
    [InlineData("sed --in-place=.orig 's/a/b/' f5.cs", "W f5.cs")]
    [InlineData("perl -pi -e 's/a/b/' p.cs", "W p.cs")]
    [InlineData("mv a.txt b.txt", "D a.txt|W b.txt")]
    [InlineData("mv -f a.txt b.txt c.txt into/", "D a.txt|W into/a.txt|D b.txt|W into/b.txt|D c.txt|W into/c.txt")]
    [InlineData("mv -t into a.txt", "D a.txt|W into/a.txt")]
    [InlineData("cp -r src dst", "W dst")]
    [InlineData("cp a.txt existing", "W existing/a.txt")]
    [InlineData("rm -rf build/obj \"with space.txt\"", "D build/obj|D with space.txt")]
    [InlineData("rm -- -dash.txt", "D -dash.txt")]
    [InlineData("rmdir empty", "D empty")]
    [InlineData("touch new.cs", "W new.cs")]
    [InlineData("truncate -s 0 big.log", "W big.log")]
    [InlineData("chmod +x run.sh", "W run.sh")]
    [InlineData("ln -s target.txt link.txt", "W link.txt")]
    [InlineData("dd if=/dev/zero of=disk.img bs=1 count=1", "W disk.img")]
    [InlineData("git checkout -- src/A.cs", "W src/A.cs")]
    [InlineData("git checkout main -- a.cs b.cs", "W a.cs|W b.cs")]
    [InlineData("git restore --source=HEAD~1 y.cs", "W y.cs")]
    [InlineData("git restore -s HEAD~1 --staged z.cs", "W z.cs")]
    [InlineData("cd sub && echo x > y.txt", "W sub/y.txt")]
    [InlineData("(cd sub; rm old.txt)", "D sub/old.txt")]
    [InlineData("git -C sub checkout -- w.cs", "W sub/w.cs")]
    [InlineData("bash -c \"echo x > inner.txt\"", "W inner.txt")]
    [InlineData("sh -c 'rm gone.txt'", "D gone.txt")]
    [InlineData("sudo tee shared.conf", "W shared.conf")]
    [InlineData("env A=1 B=2 rm e.txt", "D e.txt")]
    [InlineData("nohup nice -n 5 rm n.txt", "D n.txt")]
    [InlineData("echo a \\\n  > continued.txt", "W continued.txt")]
    [InlineData("echo x > a.txt # > comment.txt", "W a.txt")]
    public void Scan_PlainWrites_AreFound(string command, string expected)
    {
        Directory.CreateDirectory(Path.Combine(directory.Path, "existing"));
        Directory.CreateDirectory(Path.Combine(directory.Path, "into"));

        Assert.Equal(expected.Split('|'), Describe(command));
    }

    [Theory]
    [InlineData("git commit --no-verify -m wip", "SkipsHooks --no-verify")]
    [InlineData("git commit -nm wip", "SkipsHooks --no-verify")]
    [InlineData("git commit -a -n -m wip", "SkipsHooks --no-verify")]
    [InlineData("git merge --no-verify agent/docs", "SkipsHooks --no-verify")]
    [InlineData("git push --no-verify origin agent/billing", "SkipsHooks --no-verify|PushesBranch agent/billing")]
    [InlineData("git config scopeguard.agent docs", "SetsAgent scopeguard.agent")]
    [InlineData("git config --worktree --unset scopeguard.agent", "SetsAgent scopeguard.agent")]
    [InlineData("git config set ScopeGuard.Agent docs", "SetsAgent ScopeGuard.Agent")]
    [InlineData("git -c scopeguard.agent=docs commit -m x", "SetsAgent scopeguard.agent")]
    [InlineData("SCOPEGUARD_AGENT=docs git commit -m x", "SetsAgent SCOPEGUARD_AGENT=docs")]
    [InlineData("export SCOPEGUARD_AGENT=docs", "SetsAgent SCOPEGUARD_AGENT")]
    [InlineData("env SCOPEGUARD_AGENT=docs git commit -m x", "SetsAgent SCOPEGUARD_AGENT=docs")]
    [InlineData("git config core.hooksPath /dev/null", "MovesHooks core.hooksPath")]
    [InlineData("git -c core.hooksPath=/tmp commit -m x", "MovesHooks core.hooksPath")]
    [InlineData("git push origin :main", "PushesBranch main")]
    [InlineData("git push origin HEAD:refs/heads/main", "PushesBranch main")]
    [InlineData("git push origin +feature:release/1", "PushesBranch release/1")]
    [InlineData("git push --delete origin release/1", "PushesBranch release/1")]
    [InlineData("git push -u origin agent/billing", "PushesBranch agent/billing")]
    public void Scan_WhatCommandsDoToGit_IsFound(string command, string expected)
    {
        var found = ShellEffects.Scan(command, directory.Path, null).Select(e => $"{e.Kind} {e.Target}");

        Assert.Equal(expected.Split('|'), found);
    }

    [Theory]
    [InlineData("ls -la")]
    [InlineData("dotnet build -c Release && dotnet test")]
    [InlineData("grep -rn 'a > b' src | head")]
    [InlineData("cat < input.txt")]
    [InlineData("make 2>&1 | tee")]
    [InlineData("echo x >&2")]
    [InlineData("sed 's/a/b/' f.cs")]
    [InlineData("sed -n 's/a/b/p' f.cs")]
    [InlineData("git status && git diff --stat")]
    [InlineData("git checkout main")]
    [InlineData("git config scopeguard.agent")]
    [InlineData("git config --get scopeguard.agent")]
    [InlineData("git config get scopeguard.agent")]
    [InlineData("git commit -m \"never use --no-verify\"")]
    [InlineData("git commit -am wip")]
    [InlineData("git push")]
    [InlineData("git push origin HEAD")]
    public void Scan_CommandsThatWriteNothing_FindNothing(string command)
    {
        Assert.Empty(ShellEffects.Scan(command, directory.Path, null));
    }

    [Theory]
    [InlineData("echo $(cat x) > $OUT", "the target is an expansion the scanner does not perform")]
    [InlineData("echo x > \"$HOME/y\"", "the target needs a variable's value")]
    [InlineData("echo x > `pick`", "the target is a command substitution")]
    [InlineData("echo \"unterminated > x.txt", "an unterminated quote: the line cannot be tokenized")]
    [InlineData("find . -name '*.tmp' -delete", "find's actions are not modelled")]
    [InlineData("ls | xargs rm", "xargs's arguments come from input")]
    [InlineData("python3 -c \"open('x.txt','w').write('1')\"", "an interpreter's own writes are not modelled")]
    [InlineData("eval 'rm x.txt'", "eval's text is not scanned")]
    [InlineData("rm [ab].txt", "bracket globs are not expanded")]
    public void Scan_WhatItCannotKnow_Passes(string command, string why)
    {
        Assert.True(ShellEffects.Scan(command, directory.Path, null).Count == 0, why);
    }

    [Fact]
    public void Scan_GlobInTheLastPart_IsExpandedAgainstTheFilesThere()
    {
        File.WriteAllText(Path.Combine(directory.Path, "a.tmp"), string.Empty);
        File.WriteAllText(Path.Combine(directory.Path, "b.tmp"), string.Empty);
        File.WriteAllText(Path.Combine(directory.Path, "c.txt"), string.Empty);

        Assert.Equal(["D a.tmp", "D b.tmp"], Describe("rm *.tmp").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Scan_TildeAndAbsolutePaths_ResolveAsTheShellWould()
    {
        var home = Path.Combine(directory.Path, "home");

        var found = ShellEffects.Scan("echo x > ~/notes.txt; rm /var/tmp/abs.txt; echo y > ../up.txt", directory.Path, home).Select(e => e.Target).ToArray();

        Assert.Equal([Path.Combine(home, "notes.txt"), "/var/tmp/abs.txt", Path.GetFullPath(Path.Combine(directory.Path, "..", "up.txt"))], found);
    }

    [Fact]
    public void Scan_CheckoutPathspecs_DoNotStandForWholeFolders()
    {
        var found = ShellEffects.Scan("git checkout -- src; rm -r src", directory.Path, null);

        Assert.Equal([false, true], found.Select(e => e.CoversFolder));
    }

    // "W path" / "D path", relative to the test folder.
    private string[] Describe(string command) =>
        ShellEffects.Scan(command, directory.Path, null)
            .Select(e => $"{(e.Kind == ShellEffectKind.Delete ? "D" : "W")} {Path.GetRelativePath(directory.Path, e.Target).Replace(Path.DirectorySeparatorChar, '/')}")
            .ToArray();
}
