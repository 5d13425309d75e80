using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orch.Core.Storage;

/// <summary>Sets the per-connection SQLite settings each time a connection opens.</summary>
internal sealed class SqlitePragmas(StorageOptions options) : DbConnectionInterceptor
{
    private readonly string sql =
        $"PRAGMA busy_timeout = {options.BusyTimeoutMs}; PRAGMA synchronous = {options.SqliteSynchronous.ToString().ToUpperInvariant()}; PRAGMA foreign_keys = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
