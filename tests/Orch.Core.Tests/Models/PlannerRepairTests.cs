using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Plans;
using Orch.Core.Tests.Models.Providers;
using Orch.Testing;

namespace Orch.Core.Tests.Models;

/// <summary>
/// The planner against a model that answers badly: a real OpenAI-compatible HTTP server on
/// loopback, scripted answer by answer, reached through the production client and router.
/// </summary>
public sealed class PlannerRepairTests
{
    private const string Key = "test-key";
    private const string Cyclic = """{"tasks":[{"key":"a","title":"A","depends_on":["b"]},{"key":"b","title":"B","depends_on":["a"]}]}""";
    private const string Valid = """{"summary":"Two steps","tasks":[{"key":"a","title":"Collect","kind":"data","acceptance_criteria":["done"]},{"key":"b","title":"Write","kind":"writing","depends_on":["a"],"acceptance_criteria":["done"]}]}""";

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task ACyclicFirstAnswer_IsSentBackWithItsProblems_AndTheValidSecondIsUsed_BothCosted()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OpenAiWire.Expecting(Key, OpenAiWire.Completion("gpt-test", "stop", 1_000, 200, "Here is the plan:\n```json\n" + Cyclic + "\n```\nHope it helps.")));
        server.Enqueue(OpenAiWire.Expecting(Key, OpenAiWire.Completion("gpt-test", "stop", 1_500, 300, Valid)));
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, Settings(server));

        var result = await store.Get<PlanningService>().PlanAsync(new PlanningRequest("Collect the figures, then write them up."), Ct);

        Assert.Equal(["a", "b"], result.Plan.Tasks.Select(t => t.Key));
        Assert.Equal(2, result.Attempts.Count);
        Assert.Contains(result.Attempts[0].Problems, p => p.Contains("a → b → a", StringComparison.Ordinal));
        Assert.Empty(result.Attempts[1].Problems);
        // USD 2 per million in, 8 per million out: 1,000 × 2 + 200 × 8 micro-dollars, then 1,500 × 2 + 300 × 8.
        Assert.Equal([3_600L, 5_400L], result.Attempts.Select(a => a.CostMicros));
        await using var db = store.Db();
        var usage = await db.UsageRecords.OrderBy(u => u.CostMicros).ToListAsync(Ct);
        Assert.Equal([(1_000L, 200L, 3_600L), (1_500L, 300L, 5_400L)], usage.Select(u => (u.InputTokens, u.OutputTokens, u.CostMicros)));
        Assert.All(usage, u => Assert.Equal((UsagePurpose.Planning, "api", "small", (Guid?)result.Project.Id), (u.Purpose, u.Provider, u.Tier, u.ProjectId)));

        // The second request carried the first answer and the list of its problems.
        var second = JsonNode.Parse(server.Requests[1].Body)!["messages"]!.AsArray();
        Assert.Equal("assistant", second[^2]!["role"]!.GetValue<string>());
        Assert.Contains("Dependency cycle", second[^1]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModelThatNeverAnswersValidly_EndsWithAClearError_AfterTheConfiguredAttempts_SavingOnlyTheSpend()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OpenAiWire.Expecting(Key, OpenAiWire.Completion("gpt-test", "stop", 100, 10, "I cannot do that.")));
        server.Enqueue(OpenAiWire.Expecting(Key, OpenAiWire.Completion("gpt-test", "stop", 100, 10, Cyclic)));
        server.Enqueue(OpenAiWire.Expecting(Key, OpenAiWire.Completion("gpt-test", "stop", 100, 10, """{"tasks":[]}""")));
        server.Enqueue(OpenAiWire.Expecting(Key, OpenAiWire.Completion("gpt-test", "stop", 100, 10, Valid)));
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, Settings(server));

        var error = await Assert.ThrowsAsync<PlanningFailedException>(() => store.Get<PlanningService>().PlanAsync(new PlanningRequest("Anything at all"), Ct));

        Assert.Equal(3, error.Attempts.Count);
        Assert.Equal(3, server.Requests.Count);
        Assert.Contains("no valid plan in 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("The plan has no tasks", error.Message, StringComparison.Ordinal);
        await using var db = store.Db();
        Assert.Equal(0, await db.Projects.CountAsync(Ct));
        Assert.Equal(0, await db.Plans.CountAsync(Ct));
        Assert.Equal(3, await db.UsageRecords.CountAsync(Ct));
    }

    [Fact]
    public async Task APlanNamingAnUnconfiguredTier_IsRepaired()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OpenAiWire.Expecting(Key, OpenAiWire.Completion("gpt-test", "stop", 10, 10, """{"tasks":[{"key":"a","title":"A","tier":"gigantic"}]}""")));
        server.Enqueue(OpenAiWire.Expecting(Key, OpenAiWire.Completion("gpt-test", "stop", 10, 10, """{"tasks":[{"key":"a","title":"A","tier":"large"}]}""")));
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, Settings(server));

        var result = await store.Get<PlanningService>().PlanAsync(new PlanningRequest("One task"), Ct);

        Assert.Contains(result.Attempts[0].Problems, p => p.Contains("'gigantic' is not configured", StringComparison.Ordinal));
        Assert.Equal("large", Assert.Single(result.Plan.Tasks).Tier);
    }

    [Fact]
    public async Task AFailedPlanningCall_GivesItsReservationBack()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OpenAiWire.Expecting(Key, OpenAiWire.Error(500, "server_error", "boom")));
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, Settings(server));

        await Assert.ThrowsAsync<Orch.Core.Models.ProviderException>(() => store.Get<PlanningService>().PlanAsync(new PlanningRequest("Anything"), Ct));

        await using var db = store.Db();
        Assert.Equal(0, await db.BudgetReservations.CountAsync(r => r.Status == ReservationStatus.Held, Ct));
        Assert.All(await db.BudgetCounters.ToListAsync(Ct), c => Assert.Equal(0, c.HeldMicros));
        Assert.Equal(0, await db.UsageRecords.CountAsync(Ct));
    }

    private static Dictionary<string, string?> Settings(LoopbackServer server) => new()
    {
        ["Orch:Models:Providers:api:Kind"] = "OpenAI",
        ["Orch:Models:Providers:api:BaseUrl"] = server.BaseUrl + "/v1",
        ["Orch:Models:Providers:api:ApiKey"] = Key,
        ["Orch:Models:Providers:api:MaxRetries"] = "0",
        ["Orch:Models:Tiers:0:Name"] = "local",
        ["Orch:Models:Tiers:0:Provider"] = "api",
        ["Orch:Models:Tiers:0:Model"] = "gpt-tiny",
        ["Orch:Models:Tiers:0:InputUsdPerMillion"] = "0.5",
        ["Orch:Models:Tiers:0:OutputUsdPerMillion"] = "1",
        ["Orch:Models:Tiers:1:Name"] = "small",
        ["Orch:Models:Tiers:1:Provider"] = "api",
        ["Orch:Models:Tiers:1:Model"] = "gpt-test",
        ["Orch:Models:Tiers:1:InputUsdPerMillion"] = "2",
        ["Orch:Models:Tiers:1:OutputUsdPerMillion"] = "8",
        ["Orch:Models:Tiers:2:Name"] = "large",
        ["Orch:Models:Tiers:2:Provider"] = "api",
        ["Orch:Models:Tiers:2:Model"] = "gpt-big",
        ["Orch:Models:Tiers:2:InputUsdPerMillion"] = "10",
        ["Orch:Models:Tiers:2:OutputUsdPerMillion"] = "30",
        ["Orch:Models:PlanningTier"] = "small",
        ["Orch:Models:PlanningAttempts"] = "3",
    };
}
