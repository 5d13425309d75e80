using Microsoft.EntityFrameworkCore;

namespace Orch.Core.Storage;

/// <summary>Points a DbContext at the configured database, with the provider the connection string names.</summary>
public static class OrchDbContextConfigurator
{
    public static DbContextOptionsBuilder UseOrchStorage(this DbContextOptionsBuilder builder, StorageTarget target, StorageOptions options)
    {
        return target.Provider switch
        {
            StorageProvider.Sqlite => UseSqlite(builder, target, options),
            StorageProvider.Postgres => UsePostgres(builder, target, options),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Provider, "Unknown storage provider."),
        };
    }

    // One method per provider: a method that names a provider loads its library when it is compiled,
    // and a process on SQLite has no use for Npgsql.
    private static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder builder, StorageTarget target, StorageOptions options) =>
        builder
            .UseSqlite(target.ConnectionString, sqlite => sqlite.CommandTimeout(options.CommandTimeoutSeconds))
            .AddInterceptors(new SqlitePragmas(options));

    private static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder builder, StorageTarget target, StorageOptions options) =>
        builder.UseNpgsql(target.ConnectionString, npgsql => npgsql.CommandTimeout(options.CommandTimeoutSeconds));
}
