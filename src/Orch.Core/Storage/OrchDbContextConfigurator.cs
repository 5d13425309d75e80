using Microsoft.EntityFrameworkCore;

namespace Orch.Core.Storage;

/// <summary>Points a DbContext at the configured database, with the provider the connection string names.</summary>
public static class OrchDbContextConfigurator
{
    public static DbContextOptionsBuilder UseOrchStorage(this DbContextOptionsBuilder builder, StorageTarget target, StorageOptions options)
    {
        return target.Provider switch
        {
            StorageProvider.Sqlite => builder
                .UseSqlite(target.ConnectionString, sqlite => sqlite.CommandTimeout(options.CommandTimeoutSeconds))
                .AddInterceptors(new SqlitePragmas(options)),
            StorageProvider.Postgres => builder
                .UseNpgsql(target.ConnectionString, npgsql => npgsql.CommandTimeout(options.CommandTimeoutSeconds)),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Provider, "Unknown storage provider."),
        };
    }
}
