using System.Text;
using Orch.Core.Tools;
using Orch.Testing;

namespace Orch.Core.Tests.Tools;

/// <summary>read_file, write_file and list_files on real files: sizes, encodings, listing bounds and argument shapes.</summary>
public sealed class FileToolTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    private static Dictionary<string, string?> MaxBytes(int bytes) => new() { ["Orch:Execution:MaxFileBytes"] = bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Fact]
    public async Task WriteThenRead_CreatesFoldersAndReportsTheNormalisedPath()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);

        var created = await harness.CallAsync("write_file", new { path = @"src\app\main.py", content = "print('hi')\n" }, Ct);
        var replaced = await harness.CallAsync("write_file", new { path = "src/app/main.py", content = "print('bye')\n" }, Ct);
        var read = await harness.CallAsync("read_file", new { path = "src/app/main.py" }, Ct);

        Assert.Equal("Created src/app/main.py (12 bytes).", created.Content);
        Assert.Equal(["src/app/main.py"], created.FilesWritten);
        Assert.Equal("Replaced src/app/main.py (13 bytes).", replaced.Content);
        Assert.Equal("print('bye')\n", read.Content);
        Assert.Equal(["main.py"], Directory.GetFiles(Path.Combine(harness.Workspace, "src", "app")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Write_AtTheLimit_Succeeds_OneByteOver_IsRefusedAndNothingIsWritten()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, settings: MaxBytes(1_000));

        var atLimit = await harness.CallAsync("write_file", new { path = "fits.txt", content = new string('é', 500) }, Ct);
        var over = await harness.CallAsync("write_file", new { path = "big.txt", content = new string('é', 500) + "x" }, Ct);

        Assert.False(atLimit.IsError, atLimit.Content);
        Assert.Equal("content is 1,001 bytes; write_file writes files of at most 1,000 bytes. Split it into several files.", over.Content);
        Assert.False(File.Exists(Path.Combine(harness.Workspace, "big.txt")));
    }

    [Fact]
    public async Task Read_OfAFileOverTheLimit_IsRefusedClearly()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, settings: MaxBytes(1_000));
        await File.WriteAllTextAsync(Path.Combine(harness.Workspace, "big.log"), new string('x', 1_001), Ct);
        await File.WriteAllTextAsync(Path.Combine(harness.Workspace, "fits.log"), new string('x', 1_000), Ct);

        var big = await harness.CallAsync("read_file", new { path = "big.log" }, Ct);
        var fits = await harness.CallAsync("read_file", new { path = "fits.log" }, Ct);

        Assert.Equal("'big.log' is 1,001 bytes; read_file reads files of at most 1,000 bytes.", big.Content);
        Assert.True(big.IsError);
        Assert.Equal(1_000, fits.Content.Length);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x68, 0x69, 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x68, 0x00 })]
    public async Task Read_OfABinaryFile_IsRefused(byte[] bytes)
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        await File.WriteAllBytesAsync(Path.Combine(harness.Workspace, "image.png"), bytes, Ct);

        var read = await harness.CallAsync("read_file", new { path = "image.png" }, Ct);

        Assert.Equal("'image.png' is a binary file, not UTF-8 text; read_file reads text only.", read.Content);
    }

    [Fact]
    public async Task Read_DropsAByteOrderMark_AndCutsAtMaxChars_SayingSo()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        await File.WriteAllTextAsync(Path.Combine(harness.Workspace, "a.txt"), "abcdefghij", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), Ct);

        var whole = await harness.CallAsync("read_file", new { path = "a.txt" }, Ct);
        var cut = await harness.CallAsync("read_file", new { path = "a.txt", max_chars = 4 }, Ct);
        var asText = await harness.CallAsync("read_file", new Dictionary<string, object?> { ["path"] = "a.txt", ["max_chars"] = "4" }, Ct);

        Assert.Equal("abcdefghij", whole.Content);
        Assert.Equal("abcd\n…[truncated: the first 4 of 10 characters]", cut.Content);
        Assert.Equal(cut.Content, asText.Content);
    }

    [Theory]
    [InlineData("missing.txt", "'missing.txt' does not exist; use list_files to see the workspace's files.")]
    [InlineData("docs", "'docs' is a folder; use list_files to see what it holds.")]
    public async Task Read_OfWhatIsNoFile_SaysWhat(string path, string expected)
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        Directory.CreateDirectory(Path.Combine(harness.Workspace, "docs"));

        var read = await harness.CallAsync("read_file", new { path }, Ct);

        Assert.Equal((true, expected), (read.IsError, read.Content));
    }

    [Theory]
    [InlineData("write_file", """{"content":"x"}""", "path: is required.")]
    [InlineData("write_file", """{"path":"a.txt"}""", "content: is required.")]
    [InlineData("write_file", """{"path":42,"content":"x"}""", "path: must be a string, not a number.")]
    [InlineData("read_file", """{"path":["a"]}""", "path: must be a string, not an array.")]
    [InlineData("read_file", """{"path":"a.txt","max_chars":0}""", "max_chars: must be between 1 and 2,147,483,647; got 0.")]
    [InlineData("read_file", """{"path":"a.txt","max_chars":1.5}""", "max_chars: must be a whole number.")]
    [InlineData("list_files", """{"recursive":"maybe"}""", "recursive: must be true or false.")]
    public async Task BadArguments_AreErrorsNamingTheArgument(string tool, string json, string expected)
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var arguments = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());

        var result = await harness.Registry.InvokeAsync(tool, arguments, harness.Context, Ct);

        Assert.Equal((true, expected), (result.IsError, result.Content));
    }

    [Fact]
    public async Task Write_OverAFolder_OrUnderAFile_IsRefused()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        Directory.CreateDirectory(Path.Combine(harness.Workspace, "docs"));
        await File.WriteAllTextAsync(Path.Combine(harness.Workspace, "notes.txt"), "n", Ct);

        var overFolder = await harness.CallAsync("write_file", new { path = "docs", content = "x" }, Ct);
        var underFile = await harness.CallAsync("write_file", new { path = "notes.txt/inner.txt", content = "x" }, Ct);

        Assert.Equal("'docs' is a folder; give a file name inside it.", overFolder.Content);
        Assert.True(underFile.IsError);
        Assert.Contains("'notes.txt' to be a folder, but it is a file", underFile.Content, StringComparison.Ordinal);
        Assert.Equal("n", await File.ReadAllTextAsync(Path.Combine(harness.Workspace, "notes.txt"), Ct));
    }

    [Fact]
    public async Task List_ShowsFoldersFirstInTheirPlace_WithSizes_RecursiveOnlyWhenAsked()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        await harness.CallAsync("write_file", new { path = "b.txt", content = "12345" }, Ct);
        await harness.CallAsync("write_file", new { path = "a/inner.md", content = "x" }, Ct);
        await harness.CallAsync("write_file", new { path = "a/deep/z.md", content = "yz" }, Ct);

        var flat = await harness.CallAsync("list_files", new { }, Ct);
        var deep = await harness.CallAsync("list_files", new { recursive = true }, Ct);
        var sub = await harness.CallAsync("list_files", new { path = "a" }, Ct);
        var file = await harness.CallAsync("list_files", new { path = "b.txt" }, Ct);

        Assert.Equal("Contents of the workspace:\na/\nb.txt (5 bytes)", flat.Content);
        Assert.Equal("Contents of the workspace:\na/\na/deep/\na/deep/z.md (2 bytes)\na/inner.md (1 byte)\nb.txt (5 bytes)", deep.Content);
        Assert.Equal("Contents of 'a':\na/deep/\na/inner.md (1 byte)", sub.Content);
        Assert.Equal("'b.txt' is a file; use read_file to read it.", file.Content);
    }

    [Fact]
    public async Task List_OfAnEmptyWorkspace_SaysSo()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);

        var result = await harness.CallAsync("list_files", new { path = "." }, Ct);

        Assert.Equal((false, "The workspace is empty."), (result.IsError, result.Content));
    }

    [Fact]
    public async Task List_StopsAtFiveHundredEntries_AndSaysItWasCut()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);
        for (var i = 0; i < 300; i++)
        {
            Directory.CreateDirectory(Path.Combine(harness.Workspace, $"d{i:D3}"));
            await File.WriteAllTextAsync(Path.Combine(harness.Workspace, $"d{i:D3}", "f.txt"), "x", Ct);
        }

        var result = await harness.CallAsync("list_files", new { recursive = true }, Ct);

        var lines = result.Content.Split('\n');
        Assert.Equal(ListFilesTool.MaxEntries + 2, lines.Length);
        Assert.Equal("d249/f.txt (1 byte)", lines[^2]);
        Assert.Equal("…truncated after 500 entries; list a subfolder or leave recursive off.", lines[^1]);
    }
}
