using Microsoft.EntityFrameworkCore;
using Orch.Core.Dashboard;
using Orch.Core.Execution;
using Orch.Core.Models;
using Orch.Testing;
using Polly.CircuitBreaker;

namespace Orch.Core.Tests.Dashboard;

/// <summary>The services page's reading: providers with health, circuit and rate-limit headroom, the tiers, and the nodes sharing the database.</summary>
public sealed class ServicesReaderTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Read_ShowsHealthCircuitAndHeadroom_OfEachProvider_AndTheTiersWithTheirPrices()
    {
        var settings = new Dictionary<string, string?>(PricedTiers.Settings())
        {
            ["Orch:Models:Providers:offline:Kind"] = "Offline",
            ["Orch:Models:Providers:offline:RequestsPerMinute"] = "5",
            ["Orch:Models:Providers:offline:TokensPerMinute"] = "1000",
            ["Orch:Models:Providers:offline:BaseUrl"] = "http://ana:hunter2@localhost:9/",
            ["Orch:Models:Providers:spare:Kind"] = "Offline",
        };
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, settings);
        await store.Get<ProviderRegistry>().Get("offline").Guard.ExecuteAsync(100, _ => Task.FromResult(true), Ct);
        store.Get<ProviderStatusBoard>().ReportHealth("spare", false, "connection refused", store.Clock.GetUtcNow());

        var report = await store.Get<ServicesReader>().ReadAsync(Ct);

        Assert.Equal(["offline", "spare"], report.Providers.Select(p => p.Name));
        var offline = report.Providers[0];
        Assert.Equal((ProviderAvailability.Available, CircuitState.Closed, 1), (offline.Availability, offline.Circuit, offline.Attempts));
        Assert.Equal((5, (long?)4, 1000, (long?)900), (offline.RequestsPerMinute, offline.RequestsLeft, offline.TokensPerMinute, offline.TokensLeft));
        Assert.Equal("http://ana:" + SecretMask.Hidden + "@localhost:9/", offline.BaseUrl);
        var spare = report.Providers[1];
        Assert.Equal((ProviderAvailability.Down, "connection refused", store.Clock.GetUtcNow()), (spare.Availability, spare.Detail, spare.CheckedAt));
        Assert.Equal(((long?)null, (long?)null), (spare.RequestsLeft, spare.TokensLeft));
        Assert.Equal(["local", "small", "large"], report.Tiers.Select(t => t.Name));
        Assert.Equal(("offline", "offline-rules", (decimal?)15m, (decimal?)75m), (report.Tiers[2].Provider, report.Tiers[2].Model, report.Tiers[2].InputUsdPerMillion, report.Tiers[2].OutputUsdPerMillion));
        Assert.Equal(60, report.HealthCheckSeconds);
        Assert.Contains(report.Settings, s => s.Key == "Orch:Models:Providers:offline:RequestsPerMinute" && s.Value == "5");
    }

    [Fact]
    public async Task Read_ListsTheNodesOnTheDatabase_ThisOneFirst_AliveStaleOrStopped_ByTheirHeartbeat()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, new Dictionary<string, string?> { ["Orch:Execution:LeaseSeconds"] = "30" });
        var self = store.Get<NodeIdentity>();
        var now = store.Clock.GetUtcNow();
        await using (var db = store.Db())
        {
            db.Nodes.Add(new OrchNode("other/alive", "Orch.Mcp", "other", 11, now.AddSeconds(-10)));
            db.Nodes.Add(new OrchNode("other/stale", "Orch.Mcp", "other", 12, now.AddMinutes(-5)));
            db.Nodes.Add(new OrchNode("other/stopped", "Orch.Admin", "other", 13, now.AddMinutes(-1)));
            db.Nodes.Add(new OrchNode(self.Id, self.Host, self.Machine, self.ProcessId, now.AddSeconds(-20)));
            await db.SaveChangesAsync(Ct);
            await db.Nodes.Where(n => n.Id == "other/stopped").ExecuteUpdateAsync(s => s.SetProperty(n => n.StoppedAt, now), Ct);
        }

        var report = await store.Get<ServicesReader>().ReadAsync(Ct);

        Assert.Equal(self.Id, report.ThisNode);
        Assert.Equal(
            [(self.Id, NodeState.Alive, true), ("other/alive", NodeState.Alive, false), ("other/stopped", NodeState.Stopped, false), ("other/stale", NodeState.Stale, false)],
            report.Nodes.Select(n => (n.Id, n.State, n.IsThisProcess)));
        Assert.True(report.RunsTasks);
    }
}
