using Microsoft.Extensions.Options;
using Orch.Core.Execution;
using Orch.Core.Models;

namespace Orch.Core.Dashboard;

/// <summary>Reads the services page: one database query (the nodes); the rest is what this process holds.</summary>
public sealed class ServicesReader(
    ProviderReader providers,
    NodeReader nodes,
    SettingsReader settings,
    NodeIdentity node,
    IOptionsMonitor<ExecutionOptions> execution,
    IOptions<ModelOptions> models,
    TimeProvider clock)
{
    public async Task<ServicesReport> ReadAsync(CancellationToken cancellationToken) => new(
        providers.Providers(),
        providers.Tiers(),
        await nodes.ReadAsync(cancellationToken),
        node.Id,
        execution.CurrentValue.RunTasks,
        models.Value.HealthCheckSeconds,
        settings.Read(),
        clock.GetUtcNow());
}
