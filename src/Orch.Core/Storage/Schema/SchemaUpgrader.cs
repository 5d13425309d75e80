using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Orch.Core.Storage.Schema;

/// <summary>
/// Brings the database schema up to <see cref="SchemaMigrations.Latest"/>. Safe when several
/// Orch processes start at once on one database: on PostgreSQL an advisory lock, on SQLite a
/// write transaction, lets one of them upgrade while the others wait and then find nothing to do.
/// </summary>
public sealed partial class SchemaUpgrader(
    IDbContextFactory<OrchDbContext> contextFactory,
    StorageTarget target,
    TimeProvider clock,
    ILogger<SchemaUpgrader> logger)
{
    // Any fixed number, the same in every Orch process: the key of the upgrade's advisory lock.
    private const long PostgresLockKey = 0x4F72_6368_5363_6831;

    public async Task<SchemaUpgradeResult> UpgradeAsync(CancellationToken cancellationToken)
    {
        if (target.SqliteFile is { } file && Path.GetDirectoryName(file) is { Length: > 0 } directory)
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StorageUnavailableException($"The folder {directory} for the SQLite database cannot be created: {ex.Message}", ex);
            }
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        if (target.Provider == StorageProvider.Sqlite)
        {
            // WAL lets readers and one writer work at once; the setting stays with the file.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (target.Provider == StorageProvider.Postgres)
        {
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresLockKey});", cancellationToken);
        }

        await ExecuteAsync(
            connection,
            transaction,
            "CREATE TABLE IF NOT EXISTS orch_schema (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL);",
            cancellationToken);
        var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM orch_schema;", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (current > SchemaMigrations.Latest)
        {
            throw new SchemaTooNewException(current, SchemaMigrations.Latest);
        }

        var applied = new List<string>();
        var database = target.Describe();
        foreach (var migration in SchemaMigrations.All.Where(m => m.Version > current))
        {
            LogApplying(logger, migration.Version, migration.Name, database);
            // A step may concern one provider only; the other still records it, so versions agree.
            if (migration.ScriptFor(target.Provider) is { Length: > 0 } script)
            {
                await ExecuteAsync(connection, transaction, script, cancellationToken);
            }

            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO orch_schema (version, name, applied_at) VALUES (@version, @name, @appliedAt);";
            AddParameter(record, "@version", migration.Version);
            AddParameter(record, "@name", migration.Name);
            AddParameter(record, "@appliedAt", clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied.Add($"{migration.Version} {migration.Name}");
        }

        await transaction.CommitAsync(cancellationToken);
        return new SchemaUpgradeResult(current, Math.Max(current, SchemaMigrations.Latest), applied);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying schema step {Version} ({Name}) to {Database}")]
    private static partial void LogApplying(ILogger logger, int version, string name, string database);
}
