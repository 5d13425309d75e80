using Microsoft.Extensions.Logging;
using Orch.Testing;

namespace Orch.Core.Tests.Tools;

/// <summary>
/// Paths a model might send to leave its workspace, through the real tools: each is refused with its
/// own reason, logged, and nothing anywhere under the test's folder (the workspace, the data directory,
/// the folder beside it) is created or changed.
/// </summary>
public sealed class WorkspaceEscapeTests
{
    // The workspace is data/workspaces/{id}: three levels up is the test's folder, which holds outside/.
    private const string Up = "../../../";

    private static CancellationToken Ct => TestTimeout.Token;

    public static TheoryData<string, string, string> Escapes => new()
    {
        { "write_file", Up + "outside/pwned.txt", "contains '..'" },
        { "write_file", "notes/../" + Up + "outside/pwned.txt", "contains '..'" },
        { "write_file", @"..\..\..\outside\pwned.txt", "contains '..'" },
        { "write_file", "notes/..", "contains '..'" },
        { "read_file", Up + "outside/secret.txt", "contains '..'" },
        { "read_file", "~/" + Up + "outside/secret.txt", "contains '..'" },
        { "list_files", "..", "contains '..'" },
        { "write_file", "{outside}/pwned.txt", "is absolute" },
        { "read_file", "{outside}/secret.txt", "is absolute" },
        { "read_file", "/etc/passwd", "is absolute" },
        { "list_files", "/", "is absolute" },
        { "write_file", @"\\server\share\pwned.txt", "is absolute" },
        { "write_file", "//server/share/pwned.txt", "is absolute" },
        { "write_file", @"C:\Windows\pwned.txt", "starts with a drive letter" },
        { "write_file", "c:pwned.txt", "starts with a drive letter" },
        { "write_file", "notes.txt:hidden", "contains ':'" },
        { "write_file", "file:///etc/passwd", "contains ':'" },
        { "write_file", string.Empty, "is empty" },
        { "write_file", " \t ", "is empty" },
        { "write_file", ".", "names the workspace itself" },
        { "write_file", "./", "names the workspace itself" },
        { "write_file", "notes/\0/" + Up + "pwned.txt", "contains a NUL character" },
        { "write_file", "notes\u001b[2J.txt", "contains the control character U+001B" },
        { "write_file", "notes\n.txt", "contains the control character U+000A" },
        { "write_file", "report\u202Etxt.exe", "contains the invisible character U+202E" },
        { "write_file", "zero\u200Bwidth.txt", "contains the invisible character U+200B" },
        { "write_file", "a/" + new string('b', 1_030), "is 1,032 characters long; at most 1,024" },
        { "write_file", new string('n', 256) + ".txt", "has a name of 260 characters; at most 255" },
        { "write_file", "notes.txt.", "ending in a dot or a space" },
        { "write_file", "notes.txt ", "ending in a dot or a space" },
        { "write_file", ".../pwned.txt", "ending in a dot or a space" },
        { "write_file", "CON", "reserved device name 'CON'" },
        { "write_file", "logs/nul.txt", "reserved device name 'nul'" },
        { "write_file", "com1.log", "reserved device name 'com1'" },
        { "write_file", "*.txt", "contains '*'" },
        { "write_file", "what?.txt", "contains '?'" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task EscapeAttempt_IsRefusedWithItsReason_LoggedAndChangesNothing(string tool, string path, string reason)
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        var requested = path.Replace("{outside}", harness.Outside, StringComparison.Ordinal);
        var before = harness.Snapshot();

        var result = await harness.CallAsync(tool, Arguments(tool, requested), Ct);

        Assert.True(result.IsError, result.Content);
        Assert.StartsWith("path: '", result.Content, StringComparison.Ordinal);
        Assert.Contains(reason, result.Content, StringComparison.Ordinal);
        Assert.Empty(result.FilesWritten);
        Assert.Equal(before, harness.Snapshot());
        Assert.Equal(["secret.txt"], Directory.GetFiles(harness.Outside).Select(Path.GetFileName));
        Assert.Equal("the launch codes", await File.ReadAllTextAsync(Path.Combine(harness.Outside, "secret.txt"), Ct));
        Assert.Contains(harness.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith("Refused a workspace path", StringComparison.Ordinal) && l.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusedPath_IsShownAndLoggedWithControlCharactersEscaped()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);

        var result = await harness.CallAsync("write_file", new { path = "a\u001b[31m\r\nb.txt", content = "x" }, Ct);

        Assert.Contains(@"'a\u001B[31m\u000D\u000Ab.txt'", result.Content, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Message.Contains('\u001b', StringComparison.Ordinal));
    }

    [Fact]
    public async Task BrokenCharacter_PassedAsAPlainString_IsRefused()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        var before = harness.Snapshot();
        var arguments = new Dictionary<string, object?> { ["path"] = "broken\uD800.txt", ["content"] = "x" };

        var result = await harness.Registry.InvokeAsync("write_file", arguments, harness.Context, Ct);

        Assert.Equal(@"path: 'broken\uD800.txt' contains a broken character (an unpaired UTF-16 surrogate).", result.Content);
        Assert.Equal(before, harness.Snapshot());
    }

    [Theory]
    [InlineData("~/notes.txt", "~/notes.txt")]
    [InlineData("%2e%2e/%2e%2e/pwned.txt", "%2e%2e/%2e%2e/pwned.txt")]
    [InlineData("$HOME/notes.txt", "$HOME/notes.txt")]
    [InlineData("\uFF0E\uFF0E/\uFF0E\uFF0E/pwned.txt", "\uFF0E\uFF0E/\uFF0E\uFF0E/pwned.txt")]
    [InlineData(@"docs\guide\intro.md", "docs/guide/intro.md")]
    [InlineData("./docs//guide/./intro.md", "docs/guide/intro.md")]
    [InlineData(".hidden/..config", ".hidden/..config")]
    public async Task LookalikePaths_AreTakenLiterally_AndStayInside(string path, string expected)
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        var outsideBefore = Directory.GetFileSystemEntries(harness.Root).Order(StringComparer.Ordinal).ToList();

        var result = await harness.CallAsync("write_file", new { path, content = "kept inside" }, Ct);

        Assert.False(result.IsError, result.Content);
        Assert.Equal([expected], result.FilesWritten);
        var written = Path.Combine([harness.Workspace, .. expected.Split('/')]);
        Assert.Equal("kept inside", await File.ReadAllTextAsync(written, Ct));
        Assert.Equal(outsideBefore, Directory.GetFileSystemEntries(harness.Root).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["secret.txt"], Directory.GetFiles(harness.Outside).Select(Path.GetFileName));
        var read = await harness.CallAsync("read_file", new { path = expected }, Ct);
        Assert.Equal("kept inside", read.Content);
    }

    private static object Arguments(string tool, string path) => tool switch
    {
        "write_file" => new { path, content = "pwned" },
        "list_files" => new { path, recursive = true },
        _ => new { path },
    };
}
