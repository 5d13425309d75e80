using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orch.Core.Tools;
using Orch.Testing;

namespace Orch.Core.Tests.Tools;

/// <summary>The registry: broken tools are left out, never fatal; failing calls become error results the model reads.</summary>
public sealed class ToolRegistryTests
{
    private static readonly ToolContext Context = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "T7", Path.GetTempPath());

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public void ToolWhoseFactoryThrows_IsSkippedAndLogged_TheOthersLoad()
    {
        var logs = new RecordingLoggerProvider();

        var registry = Registry(logs,
            new ToolRegistration("echo", _ => new ScriptedTool("echo", (_, _) => Task.FromResult(ToolResult.Ok("hi")))),
            new ToolRegistration("broken", _ => throw new InvalidOperationException("missing API key")),
            new ToolRegistration("null", _ => null!),
            new ToolRegistration("liar", _ => new ScriptedTool("other", (_, _) => Task.FromResult(ToolResult.Ok("x")))),
            new ToolRegistration("echo", _ => new ScriptedTool("echo", (_, _) => Task.FromResult(ToolResult.Ok("second")))));

        Assert.Equal(["echo"], registry.Tools.Select(t => t.Name));
        Assert.Equal("missing API key", registry.Failures["broken"]);
        Assert.Equal(["broken", "echo", "liar", "null"], registry.Failures.Keys.Order(StringComparer.Ordinal));
        var warning = Assert.Single(logs.Lines, l => l.Message == "Tool broken could not be loaded and is not offered");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("missing API key", warning.Exception?.Message);
    }

    [Fact]
    public async Task ToolThatThrows_GivesAnErrorResult_AndIsLogged()
    {
        var logs = new RecordingLoggerProvider();
        var registry = Registry(logs, new ToolRegistration("crash", _ => new ScriptedTool("crash", (_, _) => throw new InvalidOperationException("disk on fire"))));

        var result = await registry.InvokeAsync("crash", new Dictionary<string, object?>(), Context, Ct);

        Assert.Equal((true, "Tool 'crash' failed unexpectedly (InvalidOperationException: disk on fire)."), (result.IsError, result.Content));
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message == "Tool crash failed in task T7" && l.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task ToolThatThrowsAnOrchError_GivesItsMessage()
    {
        var registry = Registry(new RecordingLoggerProvider(), new ToolRegistration("strict", _ => new ScriptedTool("strict", (_, _) => throw new InvalidInputException("query", "is empty."))));

        var result = await registry.InvokeAsync("strict", null, Context, Ct);

        Assert.Equal((true, "Tool 'strict' failed: query: is empty."), (result.IsError, result.Content));
    }

    [Fact]
    public async Task TimeoutInsideATool_IsAnError_ButTheCallersCancellationPropagates()
    {
        var registry = Registry(new RecordingLoggerProvider(), new ToolRegistration("slow", _ => new ScriptedTool("slow", async (_, ct) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(10));
            await Task.Delay(Timeout.Infinite, timeout.Token);
            return ToolResult.Ok("never");
        })));

        var timedOut = await registry.InvokeAsync("slow", null, Context, Ct);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.Equal((true, "Tool 'slow' timed out before it finished."), (timedOut.IsError, timedOut.Content));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => registry.InvokeAsync("slow", null, Context, cancelled.Token));
    }

    [Fact]
    public async Task UnknownTool_IsAnErrorListingTheToolsThereAre()
    {
        var registry = Registry(new RecordingLoggerProvider(),
            new ToolRegistration("b", _ => new ScriptedTool("b", (_, _) => Task.FromResult(ToolResult.Ok(string.Empty)))),
            new ToolRegistration("a", _ => new ScriptedTool("a", (_, _) => Task.FromResult(ToolResult.Ok(string.Empty)))));

        var result = await registry.InvokeAsync("rm_rf", null, Context, Ct);

        Assert.Equal((true, "There is no tool named 'rm_rf'. Available tools: a, b."), (result.IsError, result.Content));
    }

    [Fact]
    public void For_GivesTheKnownToolsInOrder_AndReportsTheUnknown()
    {
        var logs = new RecordingLoggerProvider();
        var registry = Registry(logs,
            new ToolRegistration("a", _ => new ScriptedTool("a", (_, _) => Task.FromResult(ToolResult.Ok(string.Empty)))),
            new ToolRegistration("b", _ => new ScriptedTool("b", (_, _) => Task.FromResult(ToolResult.Ok(string.Empty)))));

        var selection = registry.For(["b", "web_search", "a", "b"]);

        Assert.Equal(["b", "a"], selection.Tools.Select(t => t.Name));
        Assert.Equal(["web_search"], selection.Unknown);
        Assert.Contains(logs.Lines, l => l.Message == "Requested tools that are not loaded: web_search");
    }

    [Fact]
    public async Task BuiltInTools_AreAllRegistered_AndDeclaredWithTheirSchemas()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);

        var registry = harness.Registry;
        var declarations = ToolRegistry.Declarations(registry.Tools).Cast<Microsoft.Extensions.AI.AIFunctionDeclaration>().ToList();

        Assert.Empty(registry.Failures);
        Assert.Equal(["read_file", "write_file", "list_files", "search_knowledge", "local_llm"], registry.Tools.Select(t => t.Name));
        Assert.Equal(registry.Tools.Select(t => t.Name), declarations.Select(d => d.Name));
        Assert.All(declarations, d => Assert.False(string.IsNullOrWhiteSpace(d.Description)));
        var write = declarations.Single(d => d.Name == "write_file");
        Assert.Equal(["path", "content"], write.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Object, write.JsonSchema.GetProperty("properties").ValueKind);
    }

    private static ToolRegistry Registry(RecordingLoggerProvider logs, params ToolRegistration[] registrations)
    {
        var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        return new ToolRegistry(registrations, new ServiceCollection().BuildServiceProvider(), factory.CreateLogger<ToolRegistry>());
    }

    private sealed class ScriptedTool(string name, Func<IReadOnlyDictionary<string, object?>, CancellationToken, Task<ToolResult>> run) : IOrchTool
    {
        public string Name => name;

        public string Description => "A tool whose behaviour the test scripts.";

        public JsonElement InputSchema { get; } = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone();

        public Task<ToolResult> InvokeAsync(IReadOnlyDictionary<string, object?> arguments, ToolContext context, CancellationToken cancellationToken) =>
            run(arguments, cancellationToken);
    }
}
