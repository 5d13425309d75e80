using Microsoft.Extensions.Hosting;

namespace Orch.Core.Storage.Schema;

/// <summary>Upgrades the schema while the host starts, before anything else touches the database.</summary>
internal sealed class SchemaUpgradeService(SchemaUpgrader upgrader) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => upgrader.UpgradeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
