using Orch.Admin.Components.Services;
using Orch.Core;
using Orch.Core.Execution;
using Orch.Core.Models;
using Polly.CircuitBreaker;

namespace Orch.Admin.Tests.Components;

/// <summary>The services page's tables rendered to HTML from known readings.</summary>
public sealed class ServicesComponentTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ProvidersTable_ShowsHealthCircuitAndWhatTheRateLimitsLeave()
    {
        var providers = new[]
        {
            new ProviderReport("anthropic", ProviderKind.Anthropic, "https://proxy.example/v1", ProviderAvailability.RateLimited, "no permits left in this window", Now.AddMinutes(-2), CircuitState.Closed, 30, 50, 0, 40_000, 1_250, 17),
            new ProviderReport("ollama", ProviderKind.Ollama, null, ProviderAvailability.Down, "connection refused", Now.AddSeconds(-5), CircuitState.Open, 30, 0, null, 0, null, 3),
            new ProviderReport("offline", ProviderKind.Offline, null, ProviderAvailability.Available, null, null, CircuitState.Closed, 30, 0, null, 0, null, 0),
        };

        var text = ComponentHtml.Text(await ComponentHtml.RenderAsync<ProvidersTable>(new Dictionary<string, object?> { ["Providers"] = providers, ["Now"] = Now }));

        Assert.Contains("anthropic Anthropic · https://proxy.example/v1 rate-limited no permits left in this window · checked 2 min ago closed opens for 30 s 0 of 50 left 1,250 of 40,000 left 17", text, StringComparison.Ordinal);
        Assert.Contains("ollama Ollama down connection refused · checked just now open: calls refused opens for 30 s no limit no limit 3", text, StringComparison.Ordinal);
        Assert.Contains("offline Offline up not checked yet closed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TiersTable_ShowsProviderModelAndPrices()
    {
        var tiers = new[] { new TierView("small", "offline", "offline-rules", 1m, 2m, 4096), new TierView("large", "anthropic", "claude", 15m, 75m, 8192), new TierView("odd", "x", "y", null, null, 1) };

        var text = ComponentHtml.Text(await ComponentHtml.RenderAsync<TiersTable>(new Dictionary<string, object?> { ["Tiers"] = tiers }));

        Assert.Contains("small offline offline-rules $1.00 $2.00 4,096", text, StringComparison.Ordinal);
        Assert.Contains("large anthropic claude $15.00 $75.00 8,192", text, StringComparison.Ordinal);
        Assert.Contains("odd x y not priced not priced 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodesTable_MarksThisProcess_AndTellsAliveFromStaleAndStopped()
    {
        var nodes = new[]
        {
            new NodeView("box/Orch.Admin/42/ab12", "Orch.Admin", "box", 42, Now.AddHours(-1), Now.AddSeconds(-3), null, NodeState.Alive, true),
            new NodeView("other/Orch.Mcp/7/cd34", "Orch.Mcp", "other", 7, Now.AddDays(-1), Now.AddMinutes(-10), null, NodeState.Stale, false),
            new NodeView("other/Orch.Mcp/8/ef56", "Orch.Mcp", "other", 8, Now.AddDays(-2), Now.AddDays(-1), Now.AddDays(-1), NodeState.Stopped, false),
        };

        var html = await ComponentHtml.RenderAsync<NodesTable>(new Dictionary<string, object?> { ["Nodes"] = nodes, ["Now"] = Now });
        var text = ComponentHtml.Text(html);

        Assert.Contains("box/Orch.Admin/42/ab12 this process Orch.Admin box · pid 42 1 h ago just now alive", text, StringComparison.Ordinal);
        Assert.Contains("other/Orch.Mcp/7/cd34 Orch.Mcp other · pid 7 1 day ago 10 min ago stale", text, StringComparison.Ordinal);
        Assert.Contains("other/Orch.Mcp/8/ef56 Orch.Mcp other · pid 8 2 days ago 1 day ago stopped", text, StringComparison.Ordinal);
        Assert.Contains("data-this=\"true\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingsTable_ShowsKeysValuesAndSources_HiddenOnesAsHidden_UnsetOnesAsSuch()
    {
        var settings = new[]
        {
            new SettingLine("Orch:Models:Providers:anthropic:ApiKey", SecretMask.Hidden, "environment", true),
            new SettingLine("Orch:Models:Providers:offline:ApiKey", null, SettingLine.DefaultSource, false),
            new SettingLine("Orch:Budget:DailyCapUsd", "25", "file /etc/orch/orch.json", false),
        };

        var text = ComponentHtml.Text(await ComponentHtml.RenderAsync<SettingsTable>(new Dictionary<string, object?> { ["Settings"] = settings }));

        Assert.Contains("3 of 3 settings", text, StringComparison.Ordinal);
        Assert.Contains($"Orch:Models:Providers:anthropic:ApiKey lock {SecretMask.Hidden} environment", text, StringComparison.Ordinal);
        Assert.Contains("Orch:Models:Providers:offline:ApiKey (not set) default", text, StringComparison.Ordinal);
        Assert.Contains("Orch:Budget:DailyCapUsd 25 file /etc/orch/orch.json", text, StringComparison.Ordinal);
    }
}
