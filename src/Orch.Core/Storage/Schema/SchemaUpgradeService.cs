using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Orch.Core.Storage.Schema;

/// <summary>Upgrades the schema while the host starts, before anything else touches the database.</summary>
internal sealed class SchemaUpgradeService(IServiceProvider services) : IHostedService
{
    // Resolved here, not in the constructor: hosted services are built before the options are
    // validated, and a bad setting must be reported with all the others, not as the first to be read.
    public Task StartAsync(CancellationToken cancellationToken) =>
        services.GetRequiredService<SchemaUpgrader>().UpgradeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
