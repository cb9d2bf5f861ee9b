using System;
using System.IO;
using System.Linq;
using System.Text;
using ScopeGuard.Core.Changes;

namespace ScopeGuard.Git.Tests;

public sealed class StagedChangesTests
{
    // Twenty distinct lines: enough content for rename and copy similarity to be meaningful.
    private static readonly string Lines = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i} of a file with some content\n"));

    [Fact]
    public void StagedChanges_AddedFile_ReportsAddedWithNoOldSide()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        repo.WriteFile("src/b.txt", "b\n");
        repo.Run("add", "src/b.txt");

        using var workspace = repo.Open();
        var change = Assert.Single(workspace.StagedChanges());

        Assert.Equal(new FileChange("src/b.txt", "src/b.txt", ChangeStatus.Added, EntryKind.None, EntryKind.File, null, BlobId(repo, ":src/b.txt")), change);
        Assert.Equal(["src/b.txt"], change.TouchedPaths);
    }

    [Fact]
    public void StagedChanges_ModifiedFile_ReportsModifiedWithBothBlobs()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        repo.WriteFile("a.txt", "a changed\n");
        repo.Run("add", "a.txt");

        using var workspace = repo.Open();
        var change = Assert.Single(workspace.StagedChanges());

        Assert.Equal(new FileChange("a.txt", "a.txt", ChangeStatus.Modified, EntryKind.File, EntryKind.File, BlobId(repo, "HEAD:a.txt"), BlobId(repo, ":a.txt")), change);
        Assert.False(change.IsModeChange);
    }

    [Fact]
    public void StagedChanges_DeletedFile_ReportsDeletedWithNoNewSide()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.WriteFile("keep.txt", "keep\n");
        repo.CommitAll();
        repo.Run("rm", "-q", "a.txt");

        using var workspace = repo.Open();
        var change = Assert.Single(workspace.StagedChanges());

        Assert.Equal(new FileChange("a.txt", "a.txt", ChangeStatus.Deleted, EntryKind.File, EntryKind.None, BlobId(repo, "HEAD:a.txt"), null), change);
    }

    [Fact]
    public void StagedChanges_Rename_ReportsRenamedTouchingBothPaths()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("old/name.txt", Lines);
        repo.CommitAll();
        Directory.CreateDirectory(repo.PathOf("new"));
        repo.Run("mv", "old/name.txt", "new/place.txt");

        using var workspace = repo.Open();
        var change = Assert.Single(workspace.StagedChanges());

        Assert.Equal(ChangeStatus.Renamed, change.Status);
        Assert.Equal("new/place.txt", change.Path);
        Assert.Equal("old/name.txt", change.OldPath);
        Assert.Equal(["old/name.txt", "new/place.txt"], change.TouchedPaths);
        Assert.Equal(change.OldBlobId, change.NewBlobId);
        Assert.Equal(GitStaged(repo, "-M"), NameStatus.Of([change]));
    }

    [Fact]
    public void StagedChanges_RenameWithSmallEdit_ReportsRenamedWithDifferentBlobs()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("before.txt", Lines);
        repo.CommitAll();
        repo.Run("mv", "before.txt", "after.txt");
        repo.WriteFile("after.txt", Lines.Replace("line 7 ", "line seven ", StringComparison.Ordinal));
        repo.Run("add", "after.txt");

        using var workspace = repo.Open();
        var change = Assert.Single(workspace.StagedChanges());

        Assert.Equal(new FileChange("after.txt", "before.txt", ChangeStatus.Renamed, EntryKind.File, EntryKind.File, BlobId(repo, "HEAD:before.txt"), BlobId(repo, ":after.txt")), change);
        Assert.Equal(["before.txt", "after.txt"], change.TouchedPaths);
        Assert.Equal(GitStaged(repo, "-M"), NameStatus.Of([change]));
    }

    [Fact]
    public void StagedChanges_CopyOfModifiedFile_ReportsCopiedLikeGitFindCopies()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("source.txt", Lines);
        repo.CommitAll();
        repo.WriteFile("source.txt", Lines + "an extra line\n");
        repo.WriteFile("copy.txt", Lines);
        repo.Run("add", "-A");

        using var workspace = repo.Open();
        var changes = workspace.StagedChanges();

        Assert.Equal([new NameStatus('C', "source.txt", "copy.txt"), new NameStatus('M', "source.txt", "source.txt")], NameStatus.Of(changes));
        Assert.Equal(GitStaged(repo, "-C"), NameStatus.Of(changes));
        Assert.Equal(["source.txt", "copy.txt"], changes[0].TouchedPaths);
        Assert.Equal(BlobId(repo, "HEAD:source.txt"), changes[0].OldBlobId);
    }

    [Fact]
    public void StagedChanges_CopyOfUnmodifiedFile_ReportsAddedLikeGitWithoutFindCopiesHarder()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("source.txt", Lines);
        repo.CommitAll();
        repo.WriteFile("copy.txt", Lines);
        repo.Run("add", "-A");

        using var workspace = repo.Open();
        var changes = workspace.StagedChanges();

        Assert.Equal([new NameStatus('A', "copy.txt", "copy.txt")], NameStatus.Of(changes));
        Assert.Equal(GitStaged(repo, "-C"), NameStatus.Of(changes));
    }

    [Fact]
    public void StagedChanges_ExecutableBitAdded_ReportsModeChangeFromFileToExecutable()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("run.sh", "#!/bin/sh\necho hi\n");
        repo.CommitAll();
        MakeExecutable(repo, "run.sh");
        repo.Run("add", "run.sh");

        using var workspace = repo.Open();
        var change = Assert.Single(workspace.StagedChanges());

        Assert.Equal(ChangeStatus.Modified, change.Status);
        Assert.Equal(EntryKind.File, change.OldKind);
        Assert.Equal(EntryKind.Executable, change.NewKind);
        Assert.Equal(change.OldBlobId, change.NewBlobId);
        Assert.True(change.IsModeChange);
        Assert.Equal("100755", repo.Run("ls-files", "-s", "run.sh").Split(' ')[0]);
    }

    [Fact]
    public void StagedChanges_BinaryFileAdded_ReportsAddedAndReadsExactBytes()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0xFF, 0xFE, 0x0D, 0x0A, 0x1A, 0x00, 0x7F };
        repo.WriteBytes("assets/logo.png", bytes);
        repo.Run("add", "assets/logo.png");

        using var workspace = repo.Open();
        var change = Assert.Single(workspace.StagedChanges());

        Assert.Equal(new FileChange("assets/logo.png", "assets/logo.png", ChangeStatus.Added, EntryKind.None, EntryKind.File, null, BlobId(repo, ":assets/logo.png")), change);
        Assert.Equal(bytes, workspace.ReadStaged("assets/logo.png"));
        Assert.Null(workspace.ReadAtHead("assets/logo.png"));
    }

    [Fact]
    public void StagedChanges_SymlinkAdded_ReportsSymlinkKindAndStagesTheTarget()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("target.txt", "t\n");
        repo.CommitAll();
        File.CreateSymbolicLink(repo.PathOf("link"), "target.txt");
        repo.Run("add", "link");

        using var workspace = repo.Open();
        var change = Assert.Single(workspace.StagedChanges());

        Assert.Equal(new FileChange("link", "link", ChangeStatus.Added, EntryKind.None, EntryKind.Symlink, null, BlobId(repo, ":link")), change);
        Assert.Equal("target.txt"u8.ToArray(), workspace.ReadStaged("link"));
    }

    [Fact]
    public void StagedChanges_FileReplacedBySymlink_ReportsTypeChangedLikeGit()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("target.txt", "t\n");
        repo.WriteFile("config.txt", "regular file\n");
        repo.CommitAll();
        repo.DeleteFile("config.txt");
        File.CreateSymbolicLink(repo.PathOf("config.txt"), "target.txt");
        repo.Run("add", "config.txt");

        using var workspace = repo.Open();
        var change = Assert.Single(workspace.StagedChanges());

        Assert.Equal(new FileChange("config.txt", "config.txt", ChangeStatus.TypeChanged, EntryKind.File, EntryKind.Symlink, BlobId(repo, "HEAD:config.txt"), BlobId(repo, ":config.txt")), change);
        Assert.Equal(GitStaged(repo), NameStatus.Of([change]));
    }

    [Fact]
    public void StagedChanges_SubmoduleAddedThenMoved_ReportsSubmoduleKind()
    {
        using var library = TempRepo.Init();
        library.WriteFile("lib.txt", "v1\n");
        var first = library.CommitAll("v1");
        library.WriteFile("lib.txt", "v2\n");
        var second = library.CommitAll("v2");

        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        repo.Run("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.WorkDir, "vendor/lib");

        using (var added = repo.Open())
        {
            Assert.Equal(
                [
                    new FileChange(".gitmodules", ".gitmodules", ChangeStatus.Added, EntryKind.None, EntryKind.File, null, BlobId(repo, ":.gitmodules")),
                    new FileChange("vendor/lib", "vendor/lib", ChangeStatus.Added, EntryKind.None, EntryKind.Submodule, null, second),
                ],
                added.StagedChanges());
        }

        repo.Run("commit", "-q", "-m", "add submodule");
        repo.RunIn(repo.PathOf("vendor/lib"), "checkout", "-q", first);
        repo.Run("add", "vendor/lib");

        using var workspace = repo.Open();
        var change = Assert.Single(workspace.StagedChanges());

        Assert.Equal(new FileChange("vendor/lib", "vendor/lib", ChangeStatus.Modified, EntryKind.Submodule, EntryKind.Submodule, second, first), change);
        Assert.True(change.IsSubmodule("vendor/lib"));
    }

    [Fact]
    public void StagedChanges_CaseOnlyRename_ReportsRenamedTouchingBothSpellings()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("File.txt", Lines);
        repo.CommitAll();
        repo.Run("mv", "File.txt", "file.txt");

        using var workspace = repo.Open();
        var change = Assert.Single(workspace.StagedChanges());

        Assert.Equal(ChangeStatus.Renamed, change.Status);
        Assert.Equal("file.txt", change.Path);
        Assert.Equal("File.txt", change.OldPath);
        Assert.Equal(["File.txt", "file.txt"], change.TouchedPaths);
        Assert.Equal(GitStaged(repo, "-M"), NameStatus.Of([change]));
    }

    [Fact]
    public void StagedChanges_UnusualPathNames_ReportsEachPathVerbatim()
    {
        string[] names =
        [
            "with space.txt",
            "quote\"d 'single'.txt",
            "back\\slash.txt",
            "ünïcødé/日本語 ファイル.txt",
            "new\nline.txt",
            "tab\tname.txt",
        ];
        if (OperatingSystem.IsWindows())
        {
            return; // Quotes, backslashes, newlines and tabs are not valid Windows file names.
        }

        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        foreach (var name in names)
        {
            repo.WriteFile(name, name + "\n");
        }

        repo.Run("add", "-A");

        using var workspace = repo.Open();
        var changes = workspace.StagedChanges();

        Assert.Equal(names.Order(StringComparer.Ordinal), changes.Select(c => c.Path));
        Assert.All(changes, c => Assert.Equal(ChangeStatus.Added, c.Status));
        Assert.Equal(GitStaged(repo), NameStatus.Of(changes));
        Assert.All(names, name => Assert.Equal(Encoding.UTF8.GetBytes(name + "\n"), workspace.ReadStaged(name)));
    }

    [Fact]
    public void StagedChanges_FirstCommitOnUnbornHead_ReportsEverythingAdded()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("README.md", "hello\n");
        repo.WriteFile("src/app.cs", "class App {}\n");
        repo.Run("add", "-A");

        using var workspace = repo.Open();
        var changes = workspace.StagedChanges();

        Assert.True(workspace.IsHeadUnborn);
        Assert.Equal(
            [
                new FileChange("README.md", "README.md", ChangeStatus.Added, EntryKind.None, EntryKind.File, null, BlobId(repo, ":README.md")),
                new FileChange("src/app.cs", "src/app.cs", ChangeStatus.Added, EntryKind.None, EntryKind.File, null, BlobId(repo, ":src/app.cs")),
            ],
            changes);
        Assert.Null(workspace.ReadAtHead("README.md"));
    }

    [Fact]
    public void StagedChanges_PartiallyStagedFile_ReportsOnlyTheStagedContent()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("scope/in.txt", "one\ntwo\nthree\n");
        repo.WriteFile("outside/other.txt", "other\n");
        repo.CommitAll();
        repo.WriteFile("scope/in.txt", "ONE\ntwo\nthree\n");
        repo.Run("add", "scope/in.txt");
        repo.WriteFile("scope/in.txt", "ONE\ntwo\nTHREE\n");
        repo.WriteFile("outside/other.txt", "unstaged edit out of scope\n");
        repo.WriteFile("outside/untracked.txt", "untracked\n");

        using var workspace = repo.Open();
        var change = Assert.Single(workspace.StagedChanges());

        Assert.Equal(new FileChange("scope/in.txt", "scope/in.txt", ChangeStatus.Modified, EntryKind.File, EntryKind.File, BlobId(repo, "HEAD:scope/in.txt"), BlobId(repo, ":scope/in.txt")), change);
        Assert.Equal("ONE\ntwo\nthree\n"u8.ToArray(), workspace.ReadStaged("scope/in.txt"));
        Assert.Equal("one\ntwo\nthree\n"u8.ToArray(), workspace.ReadAtHead("scope/in.txt"));
    }

    private static string BlobId(TempRepo repo, string revision) => repo.Run("rev-parse", revision).Trim();

    private static System.Collections.Generic.IReadOnlyList<NameStatus> GitStaged(TempRepo repo, params string[] options) =>
        NameStatus.ParseZ(repo.Run(["diff", "--cached", "--name-status", "-z", .. options]));

    private static void MakeExecutable(TempRepo repo, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            repo.Run("update-index", "--chmod=+x", path);
            return;
        }

        var full = repo.PathOf(path);
        File.SetUnixFileMode(full, File.GetUnixFileMode(full) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }
}
