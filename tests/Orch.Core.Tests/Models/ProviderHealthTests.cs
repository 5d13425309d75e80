using Orch.Core.Models;
using Orch.Core.Plans;
using Orch.Core.Tests.Models.Providers;
using Orch.Testing;

namespace Orch.Core.Tests.Models;

/// <summary>The health monitor against a real Ollama-speaking server on loopback, and its effect on routing.</summary>
public sealed class ProviderHealthTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task AProviderThatStopsAnswering_IsMarkedDown_AndTheRouterFallsBack_ThenComesBack()
    {
        await using var ollama = await LoopbackServer.StartAsync(Ct);
        ollama.Enqueue(OllamaWire.At("GET", "/api/tags", LoopbackResponse.Json("""{"models":[{"name":"llama3.2:3b"}]}""")));
        ollama.Enqueue(OllamaWire.At("GET", "/api/tags", OllamaWire.Error(500, "model runner crashed")));
        ollama.Enqueue(OllamaWire.At("GET", "/api/tags", LoopbackResponse.Json("""{"models":[{"name":"llama3.2:3b"}]}""")));
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["Orch:Models:Providers:ollama:Kind"] = "Ollama",
            ["Orch:Models:Providers:ollama:BaseUrl"] = ollama.BaseUrl,
            ["Orch:Models:Providers:offline:Kind"] = "Offline",
            ["Orch:Models:Tiers:0:Name"] = "local",
            ["Orch:Models:Tiers:0:Provider"] = "ollama",
            ["Orch:Models:Tiers:0:Model"] = "llama3.2:3b",
            ["Orch:Models:Tiers:0:InputUsdPerMillion"] = "0",
            ["Orch:Models:Tiers:0:OutputUsdPerMillion"] = "0",
            ["Orch:Models:Tiers:1:Name"] = "small",
            ["Orch:Models:Tiers:1:Provider"] = "offline",
            ["Orch:Models:Tiers:1:Model"] = "rules",
            ["Orch:Models:Tiers:2:Name"] = "large",
            ["Orch:Models:Tiers:2:Provider"] = "offline",
            ["Orch:Models:Tiers:2:Model"] = "rules",
        });
        var monitor = store.Get<ProviderHealthMonitor>();
        var board = store.Get<ProviderStatusBoard>();
        var router = store.Get<ModelRouter>();

        await monitor.CheckAllAsync(Ct);
        Assert.Equal(ProviderAvailability.Available, board.StateOf("ollama").Availability);
        Assert.Equal("local", router.Route(TaskKind.Research, TaskComplexity.Low).Tier.Name);

        await monitor.CheckAllAsync(Ct);
        var down = board.StateOf("ollama");
        Assert.Equal(ProviderAvailability.Down, down.Availability);
        Assert.Contains("model runner crashed", down.Detail, StringComparison.Ordinal);
        var fallback = router.Route(TaskKind.Research, TaskComplexity.Low);
        Assert.Equal("small", fallback.Tier.Name);
        Assert.Contains("'local' skipped: provider ollama is down", Assert.Single(fallback.Skipped), StringComparison.Ordinal);

        await monitor.CheckAllAsync(Ct);
        Assert.Equal(ProviderAvailability.Available, board.StateOf("ollama").Availability);
        Assert.Equal(3, ollama.Requests.Count);
        Assert.All(board.All(), s => Assert.NotNull(s.CheckedAt));
    }
}
