using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orch.Core.Storage;

namespace Orch.Admin.Health;

/// <summary>Ready when the database answers a query against Orch's own tables.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<OrchDbContext> contextFactory, StorageTarget target) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await db.Projects.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy(target.Describe());
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"{target.Describe()}: {ex.Message}");
        }
    }
}
