using Orch.Testing;

namespace Orch.Mcp.Tests;

/// <summary>Arguments that do not fit a tool's input schema, sent by the SDK's client to the real server over stdio.</summary>
public sealed class ToolArgumentTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task MalformedArguments_AreRefusedByName_WithWhatWasExpected_AndChangeNothing()
    {
        await using var server = await SdkServer.StartAsync(Ct);

        Assert.Contains("plan_id: must be an id (a UUID", await server.FailAsync("approve", new() { ["plan_id"] = "not-a-guid" }, Ct), StringComparison.Ordinal);
        Assert.Contains("project_id: is required by status", await server.FailAsync("status", new(), Ct), StringComparison.Ordinal);
        Assert.Contains("project_id: is required by status", await server.FailAsync("status", new() { ["project_id"] = null }, Ct), StringComparison.Ordinal);

        // A misspelt optional argument would otherwise be dropped, and the plan made without the budget meant.
        var misspelt = await server.FailAsync("plan", new() { ["requirements"] = "Write a report.", ["budget"] = 5 }, Ct);
        Assert.Contains("budget: plan has no such argument", misspelt, StringComparison.Ordinal);
        Assert.Contains("budget_usd", misspelt, StringComparison.Ordinal);

        Assert.Contains("budget_usd: must be a number, not \"five\"", await server.FailAsync("plan", new() { ["requirements"] = "Write a report.", ["budget_usd"] = "five" }, Ct), StringComparison.Ordinal);
        Assert.Contains("acceptance_criteria: must be a list", await server.FailAsync("plan", new() { ["requirements"] = "Write a report.", ["acceptance_criteria"] = "done" }, Ct), StringComparison.Ordinal);
        Assert.Contains("requirements: must be a string", await server.FailAsync("plan", new() { ["requirements"] = 42 }, Ct), StringComparison.Ordinal);
        Assert.Contains("limit: must be a whole number", await server.FailAsync("list_projects", new() { ["limit"] = 3_000_000_000L }, Ct), StringComparison.Ordinal);
        Assert.Contains("limit: must be a whole number", await server.FailAsync("list_projects", new() { ["limit"] = 2.5 }, Ct), StringComparison.Ordinal);

        // A huge value is not echoed back whole.
        var huge = await server.FailAsync("status", new() { ["project_id"] = new string('x', 100_000) }, Ct);
        Assert.Contains("project_id: must be an id", huge, StringComparison.Ordinal);
        Assert.Contains("(100,002 characters)", huge, StringComparison.Ordinal);
        Assert.True(huge.Length < 500, $"the error repeats the value: {huge.Length} characters");

        // Token counts are 64-bit: one past 32 bits passes this check and meets Orch's own limit.
        Assert.Contains("input_tokens: must be between 0 and 1,000,000,000 (was 5000000000)", await server.FailAsync("submit_result", new() { ["run_id"] = Guid.NewGuid().ToString(), ["output"] = "x", ["model"] = "m", ["input_tokens"] = 5_000_000_000L, ["output_tokens"] = 1 }, Ct), StringComparison.Ordinal);

        // Nothing was made, and the server still answers.
        var list = await server.CallAsync("list_projects", new(), Ct);
        Assert.Equal(0, list.GetProperty("projects").GetArrayLength());
    }
}
