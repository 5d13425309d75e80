using Orch.Core.Tools;
using Orch.Testing;

namespace Orch.Core.Tests.Tools;

/// <summary>
/// Symbolic links in a workspace: one that leads outside is refused wherever it sits on the path (and is
/// never followed by a listing); one that stays inside works like what it points to. Links swapped in
/// after a path was checked still cannot take a read or a write outside.
/// </summary>
public sealed class WorkspaceSymlinkTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task FileLinkToOutside_IsRefusedForReadingAndWriting_AndTheTargetIsUntouched()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        File.CreateSymbolicLink(Path.Combine(harness.Workspace, "leak.txt"), Path.Combine(harness.Outside, "secret.txt"));
        var before = harness.Snapshot();

        var read = await harness.CallAsync("read_file", new { path = "leak.txt" }, Ct);
        var write = await harness.CallAsync("write_file", new { path = "leak.txt", content = "overwritten" }, Ct);

        Assert.Equal("path: 'leak.txt' goes through 'leak.txt', a symbolic link that leads outside the workspace.", read.Content);
        Assert.True(write.IsError);
        Assert.Contains("a symbolic link that leads outside the workspace", write.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("launch codes", read.Content, StringComparison.Ordinal);
        Assert.Equal(before, harness.Snapshot());
    }

    [Fact]
    public async Task FolderLinkToOutside_IsRefusedForEveryTool_AndListingShowsItWithoutFollowing()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        Directory.CreateSymbolicLink(Path.Combine(harness.Workspace, "out"), harness.Outside);
        // A relative link, and a link to that link: both end outside.
        Directory.CreateSymbolicLink(Path.Combine(harness.Workspace, "rel"), "../../../outside");
        Directory.CreateSymbolicLink(Path.Combine(harness.Workspace, "chain"), "rel");
        var before = harness.Snapshot();

        foreach (var folder in new[] { "out", "rel", "chain" })
        {
            var write = await harness.CallAsync("write_file", new { path = $"{folder}/pwned.txt", content = "x" }, Ct);
            var read = await harness.CallAsync("read_file", new { path = $"{folder}/secret.txt" }, Ct);
            var list = await harness.CallAsync("list_files", new { path = folder }, Ct);
            var nested = await harness.CallAsync("write_file", new { path = $"{folder}/deeper/still/pwned.txt", content = "x" }, Ct);

            foreach (var result in new[] { write, read, list, nested })
            {
                Assert.True(result.IsError, result.Content);
                Assert.Contains($"goes through '{folder}', a symbolic link that leads outside the workspace", result.Content, StringComparison.Ordinal);
            }
        }

        var listing = await harness.CallAsync("list_files", new { recursive = true }, Ct);
        Assert.Equal("Contents of the workspace:\nchain (symbolic link, not followed)\nout (symbolic link, not followed)\nrel (symbolic link, not followed)", listing.Content);
        Assert.Equal(before, harness.Snapshot());
    }

    [Fact]
    public async Task DanglingLinkToOutside_IsRefused_AndItsTargetIsNotCreated()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        File.CreateSymbolicLink(Path.Combine(harness.Workspace, "new.txt"), Path.Combine(harness.Outside, "created.txt"));

        var write = await harness.CallAsync("write_file", new { path = "new.txt", content = "x" }, Ct);

        Assert.Contains("a symbolic link that leads outside the workspace", write.Content, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(harness.Outside, "created.txt")));
    }

    [Fact]
    public async Task LinkLoop_IsRefusedAsUnresolvable()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        File.CreateSymbolicLink(Path.Combine(harness.Workspace, "a"), "b");
        File.CreateSymbolicLink(Path.Combine(harness.Workspace, "b"), "a");

        var read = await harness.CallAsync("read_file", new { path = "a" }, Ct);

        Assert.Contains("could not be resolved: More than 40 symbolic links", read.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksThatStayInside_WorkLikeWhatTheyPointTo()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        Directory.CreateDirectory(Path.Combine(harness.Workspace, "docs"));
        await File.WriteAllTextAsync(Path.Combine(harness.Workspace, "docs", "v2.md"), "version two", Ct);
        Directory.CreateSymbolicLink(Path.Combine(harness.Workspace, "alias"), "docs");
        File.CreateSymbolicLink(Path.Combine(harness.Workspace, "current.md"), Path.Combine(harness.Workspace, "docs", "v2.md"));

        var viaFolder = await harness.CallAsync("write_file", new { path = "alias/new.md", content = "through the alias" }, Ct);
        var read = await harness.CallAsync("read_file", new { path = "current.md" }, Ct);
        var viaFile = await harness.CallAsync("write_file", new { path = "current.md", content = "version three" }, Ct);

        Assert.False(viaFolder.IsError, viaFolder.Content);
        Assert.Equal("through the alias", await File.ReadAllTextAsync(Path.Combine(harness.Workspace, "docs", "new.md"), Ct));
        Assert.Equal("version two", read.Content);
        Assert.False(viaFile.IsError, viaFile.Content);
        Assert.Equal("version three", await File.ReadAllTextAsync(Path.Combine(harness.Workspace, "docs", "v2.md"), Ct));
        Assert.NotNull(new FileInfo(Path.Combine(harness.Workspace, "current.md")).LinkTarget);
    }

    [Fact]
    public async Task FolderSwappedForALinkAfterTheCheck_StopsTheWrite_BeforeAnythingIsWrittenOutside()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        var sandbox = harness.Get<WorkspaceSandbox>();
        Directory.CreateDirectory(Path.Combine(harness.Workspace, "d"));
        var checkedPath = sandbox.Resolve(harness.Workspace, "d/x.txt", WorkspaceAccess.Write);
        Directory.Delete(Path.Combine(harness.Workspace, "d"));
        Directory.CreateSymbolicLink(Path.Combine(harness.Workspace, "d"), harness.Outside);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => sandbox.WriteAsync(checkedPath, "pwned"u8.ToArray(), Ct));

        Assert.Contains("replaced by a symbolic link", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["secret.txt"], Directory.GetFiles(harness.Outside).Select(Path.GetFileName));
    }

    [Fact]
    public async Task FileSwappedForALinkAfterTheCheck_IsReplaced_NotWrittenThrough()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        var sandbox = harness.Get<WorkspaceSandbox>();
        var checkedPath = sandbox.Resolve(harness.Workspace, "x.txt", WorkspaceAccess.Write);
        var secret = Path.Combine(harness.Outside, "secret.txt");
        File.CreateSymbolicLink(Path.Combine(harness.Workspace, "x.txt"), secret);

        await sandbox.WriteAsync(checkedPath, "mine"u8.ToArray(), Ct);

        Assert.Equal("the launch codes", await File.ReadAllTextAsync(secret, Ct));
        Assert.Null(new FileInfo(Path.Combine(harness.Workspace, "x.txt")).LinkTarget);
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(harness.Workspace, "x.txt"), Ct));
    }

    [Fact]
    public async Task FileSwappedForALinkBeforeItIsOpened_IsNotRead()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        var sandbox = harness.Get<WorkspaceSandbox>();
        var file = Path.Combine(harness.Workspace, "r.txt");
        await File.WriteAllTextAsync(file, "harmless", Ct);
        var checkedPath = sandbox.Resolve(harness.Workspace, "r.txt", WorkspaceAccess.Read);
        File.Delete(file);
        File.CreateSymbolicLink(file, Path.Combine(harness.Outside, "secret.txt"));

        var refused = Assert.Throws<InvalidInputException>(() => sandbox.OpenRead(checkedPath).Dispose());

        Assert.Contains("changed into a symbolic link that leads outside the workspace", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkspaceUnderALinkedFolder_IsCheckedByItsRealPath()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        var linked = Path.Combine(harness.Root, "linked-workspace");
        Directory.CreateSymbolicLink(linked, harness.Workspace);
        var context = harness.Context with { Workspace = linked };

        var write = await harness.CallAsync("write_file", new { path = "notes.md", content = "hello" }, Ct, context);
        var read = await harness.CallAsync("read_file", new { path = "notes.md" }, Ct, context);

        Assert.False(write.IsError, write.Content);
        Assert.Equal("hello", read.Content);
        Assert.True(File.Exists(Path.Combine(harness.Workspace, "notes.md")));
    }
}
