using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Testing;

namespace Orch.Core.Tests.Tools;

/// <summary>local_llm on the default (offline) configuration: a budgeted call on the cheapest tier, recorded as the run's.</summary>
public sealed class LocalLlmToolTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Prompt_IsAnsweredByTheCheapestTier_AndRecordedOnceForTheRunWithPurposeTool()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);

        var result = await harness.CallAsync("local_llm", new { prompt = "Summarise in one line: the build failed because a test timed out." }, Ct);

        Assert.False(result.IsError, result.Content);
        Assert.False(string.IsNullOrWhiteSpace(result.Content));
        await using var db = harness.Db();
        var usage = await db.UsageRecords.SingleAsync(Ct);
        Assert.Equal(UsagePurpose.Tool, usage.Purpose);
        Assert.Equal("local", usage.Tier);
        Assert.Equal("offline", usage.Provider);
        Assert.Equal(
            (harness.Context.ProjectId, harness.Context.PlanTaskId, harness.Context.TaskRunId, 1),
            (usage.ProjectId, usage.PlanTaskId, usage.TaskRunId, usage.Attempt));
        Assert.True(usage.InputTokens > 0);
        // The offline tier costs nothing, so the call held nothing; it is recorded all the same.
        Assert.Equal(0, await db.BudgetReservations.CountAsync(Ct));
    }

    [Fact]
    public async Task CheapestTier_IsTheFirstConfigured_WhateverItIsCalled()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, settings: new Dictionary<string, string?>
        {
            ["Orch:Models:Providers:rules:Kind"] = "Offline",
            ["Orch:Models:Tiers:0:Name"] = "tiny",
            ["Orch:Models:Tiers:0:Provider"] = "rules",
            ["Orch:Models:Tiers:0:Model"] = "rules-mini",
            ["Orch:Models:Tiers:1:Name"] = "huge",
            ["Orch:Models:Tiers:1:Provider"] = "rules",
            ["Orch:Models:Tiers:1:Model"] = "rules-max",
            ["Orch:Models:PlanningTier"] = "huge",
        });

        var result = await harness.CallAsync("local_llm", new { prompt = "Classify: 'refund please' as billing or support." }, Ct);

        Assert.False(result.IsError, result.Content);
        await using var db = harness.Db();
        Assert.Equal(("tiny", "rules-mini"), await db.UsageRecords.Select(u => ValueTuple.Create(u.Tier, u.Model)).SingleAsync(Ct));
    }

    [Theory]
    [InlineData("", "prompt: is empty; give the whole request.")]
    [InlineData("   ", "prompt: is empty; give the whole request.")]
    [InlineData(null, "prompt: is required.")]
    public async Task EmptyPrompt_IsRefused_WithoutACall(string? prompt, string expected)
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);

        var result = await harness.CallAsync("local_llm", new { prompt }, Ct);

        Assert.Equal((true, expected), (result.IsError, result.Content));
        await using var db = harness.Db();
        Assert.Equal(0, await db.UsageRecords.CountAsync(Ct));
    }

    [Fact]
    public async Task OversizedPrompt_IsRefused_WithoutACall()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct);

        var result = await harness.CallAsync("local_llm", new { prompt = new string('x', 32_001) }, Ct);

        Assert.Equal("prompt: is 32,001 characters long; at most 32,000. Send less text, or split the job.", result.Content);
        await using var db = harness.Db();
        Assert.Equal(0, await db.UsageRecords.CountAsync(Ct));
    }

    [Fact]
    public async Task CallPastTheDailyCap_IsAnErrorResult_AndNothingIsSpent()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, settings: new Dictionary<string, string?>
        {
            ["Orch:Models:Providers:offline:Kind"] = "Offline",
            ["Orch:Models:Tiers:0:Name"] = "local",
            ["Orch:Models:Tiers:0:Provider"] = "offline",
            ["Orch:Models:Tiers:0:Model"] = "rules",
            ["Orch:Models:Tiers:0:InputUsdPerMillion"] = "10000",
            ["Orch:Models:Tiers:0:OutputUsdPerMillion"] = "10000",
            ["Orch:Models:PlanningTier"] = "local",
            ["Orch:Budget:DailyCapUsd"] = "1",
        });

        var result = await harness.CallAsync("local_llm", new { prompt = "Say hello." }, Ct);

        Assert.True(result.IsError, result.Content);
        Assert.True(result.Content.StartsWith("local_llm could not run: The daily cap of 1 USD would be passed", StringComparison.Ordinal), result.Content);
        await using var db = harness.Db();
        Assert.Equal(0, await db.UsageRecords.CountAsync(Ct));
    }
}
