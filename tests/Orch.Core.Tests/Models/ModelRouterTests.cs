using Microsoft.Extensions.AI;
using Orch.Core.Models;
using Orch.Core.Plans;
using Orch.Testing;

namespace Orch.Core.Tests.Models;

/// <summary>The router from a table: kind × complexity × provider state → tier and reason.</summary>
public sealed class ModelRouterTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    /// <summary>Three tiers on three providers, so that each tier's availability can be set on its own.</summary>
    private static Dictionary<string, string?> ThreeProviders(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Orch:Models:Providers:box:Kind"] = "Offline",
            ["Orch:Models:Providers:cloud-small:Kind"] = "Offline",
            ["Orch:Models:Providers:cloud-large:Kind"] = "Offline",
            ["Orch:Models:Tiers:0:Name"] = "local",
            ["Orch:Models:Tiers:0:Provider"] = "box",
            ["Orch:Models:Tiers:0:Model"] = "llama",
            ["Orch:Models:Tiers:1:Name"] = "small",
            ["Orch:Models:Tiers:1:Provider"] = "cloud-small",
            ["Orch:Models:Tiers:1:Model"] = "haiku",
            ["Orch:Models:Tiers:2:Name"] = "large",
            ["Orch:Models:Tiers:2:Provider"] = "cloud-large",
            ["Orch:Models:Tiers:2:Model"] = "opus",
            ["Orch:Models:Routing:Default:Low"] = "local",
            ["Orch:Models:Routing:Default:Medium"] = "small",
            ["Orch:Models:Routing:Default:High"] = "large",
            ["Orch:Models:Routing:Code:Low"] = "small",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    public static TheoryData<TaskKind, TaskComplexity, string[], string, string> Table => new()
    {
        // kind, complexity, providers down, expected tier, words the reason must hold
        { TaskKind.Research, TaskComplexity.Low, [], "local", "routing table row Default" },
        { TaskKind.Research, TaskComplexity.Medium, [], "small", "routing table row Default" },
        { TaskKind.Writing, TaskComplexity.High, [], "large", "routing table row Default" },
        { TaskKind.Code, TaskComplexity.Low, [], "small", "routing table row Code" },
        // A row without the complexity falls back to Default.
        { TaskKind.Code, TaskComplexity.High, [], "large", "routing table row Default" },
        { TaskKind.Research, TaskComplexity.Low, ["box"], "small", "'local' skipped: provider box is down" },
        { TaskKind.Research, TaskComplexity.Low, ["box", "cloud-small"], "large", "'small' skipped: provider cloud-small is down" },
        { TaskKind.Research, TaskComplexity.Medium, ["box"], "small", "→ 'small'" },
        // Never down the chain: a cheaper tier does not qualify.
        { TaskKind.Writing, TaskComplexity.Medium, ["cloud-small"], "large", "fell back to 'large'" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Route_PicksTheCheapestAvailableTierThatQualifies(TaskKind kind, TaskComplexity complexity, string[] down, string expected, string reason)
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, ThreeProviders());
        foreach (var provider in down)
        {
            store.Get<ProviderStatusBoard>().ReportHealth(provider, false, "connection refused", store.Clock.GetUtcNow());
        }

        var decision = store.Get<ModelRouter>().Route(kind, complexity);

        Assert.Equal(expected, decision.Tier.Name);
        Assert.Contains(reason, string.Join(" | ", [decision.Reason, .. decision.Skipped]), StringComparison.Ordinal);
        Assert.Equal(down.Length > 0 && expected != store.Get<ModelRouter>().StartingTier(kind, complexity).Tier, decision.Skipped.Count > 0);
    }

    [Fact]
    public async Task Route_Fails_NamingEveryReason_WhenNothingIsUp()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, ThreeProviders());
        foreach (var provider in new[] { "box", "cloud-small", "cloud-large" })
        {
            store.Get<ProviderStatusBoard>().ReportHealth(provider, false, "no route", store.Clock.GetUtcNow());
        }

        var error = Assert.Throws<NoModelAvailableException>(() => store.Get<ModelRouter>().Route(TaskKind.Research, TaskComplexity.Low));

        Assert.Equal(3, error.Reasons.Count);
        Assert.Contains("provider cloud-large is down (no route)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_HonoursTheTasksOwnTier()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, ThreeProviders());

        var decision = store.Get<ModelRouter>().Route(TaskKind.Research, TaskComplexity.Low, taskTier: "large");

        Assert.Equal("large", decision.Tier.Name);
        Assert.StartsWith("the task asks for tier 'large'", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalation_MovesUpOneTierPerStep_AndStopsAtTheTop()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, ThreeProviders());
        var router = store.Get<ModelRouter>();

        Assert.Equal("small", router.NextTier("local"));
        Assert.Equal("large", router.NextTier("small"));
        Assert.Null(router.NextTier("large"));
        Assert.Equal("small", router.Route(TaskKind.Research, TaskComplexity.Low, escalation: 1).Tier.Name);
        var top = router.Route(TaskKind.Research, TaskComplexity.Low, escalation: 5);
        Assert.Equal("large", top.Tier.Name);
        Assert.Contains("escalated 2 tier(s) to 'large'", top.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalation_CanBeSwitchedOff()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, ThreeProviders(new() { ["Orch:Models:AllowEscalation"] = "false" }));
        var router = store.Get<ModelRouter>();

        Assert.Null(router.NextTier("local"));
        Assert.Equal("local", router.Route(TaskKind.Research, TaskComplexity.Low, escalation: 2).Tier.Name);
    }

    [Fact]
    public async Task Route_SkipsARateLimitedProvider()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, ThreeProviders(new() { ["Orch:Models:Providers:box:RequestsPerMinute"] = "1" }));
        var box = store.Get<ProviderRegistry>().Get("box");
        await box.Chat.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")], cancellationToken: Ct);

        var decision = store.Get<ModelRouter>().Route(TaskKind.Research, TaskComplexity.Low);

        Assert.Equal("small", decision.Tier.Name);
        Assert.Contains("provider box is rate-limited", Assert.Single(decision.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_SkipsAProviderWhoseCircuitIsOpen()
    {
        var settings = ThreeProviders(new()
        {
            ["Orch:Models:Providers:box:Kind"] = "OpenAI",
            ["Orch:Models:Providers:box:ApiKey"] = "test-key",
            // Nothing listens on port 9 of loopback: every call fails at once with a refused connection.
            ["Orch:Models:Providers:box:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Orch:Models:Providers:box:MaxRetries"] = "0",
            ["Orch:Models:Providers:box:CircuitMinimumCalls"] = "2",
            ["Orch:Models:Tiers:0:InputUsdPerMillion"] = "0",
            ["Orch:Models:Tiers:0:OutputUsdPerMillion"] = "0",
        });
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, settings);
        var box = store.Get<ProviderRegistry>().Get("box");
        for (var i = 0; i < 2; i++)
        {
            var failure = await Assert.ThrowsAsync<ProviderException>(() => box.Chat.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = "llama" }, Ct));
            Assert.True(failure.IsTransient);
        }

        var decision = store.Get<ModelRouter>().Route(TaskKind.Research, TaskComplexity.Low);

        Assert.Equal("small", decision.Tier.Name);
        Assert.Contains("provider box has its circuit open", Assert.Single(decision.Skipped), StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<ProviderException>(() => box.Chat.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = "llama" }, Ct));
        Assert.False(refused.IsTransient);
        Assert.Equal(2, box.Guard.Attempts);
    }
}
