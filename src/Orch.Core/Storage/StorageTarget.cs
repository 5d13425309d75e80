using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Orch.Core.Storage;

/// <summary>The database Orch uses, decided from the connection string in configuration.</summary>
public sealed record StorageTarget(StorageProvider Provider, string ConnectionString)
{
    private const string Key = "Orch:Storage:ConnectionString";

    /// <summary>
    /// Reads the configured connection string: empty means the embedded SQLite file, <c>Data Source</c>
    /// means SQLite, <c>Host</c> means PostgreSQL. Throws <see cref="ArgumentException"/> naming the key otherwise.
    /// </summary>
    public static StorageTarget Resolve(string dataDirectory, StorageOptions options)
    {
        var configured = options.ConnectionString?.Trim();
        if (string.IsNullOrEmpty(configured))
        {
            return Sqlite(Path.Combine(dataDirectory, "orch.db"), options);
        }

        DbConnectionStringBuilder parsed;
        try
        {
            parsed = new DbConnectionStringBuilder { ConnectionString = configured };
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{Key} is not a valid connection string: {ex.Message}", ex);
        }

        if (parsed.ContainsKey("Host") || parsed.ContainsKey("Server"))
        {
            return Postgres(configured, options);
        }

        if (TryGet(parsed, out var file, "Data Source", "DataSource", "Filename"))
        {
            if (file == ":memory:" || file.Length == 0 || parsed.TryGetValue("Mode", out var mode) && string.Equals(mode?.ToString(), "Memory", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"{Key} names an in-memory SQLite database, which is lost when its connection closes; give a file path.");
            }

            return Sqlite(Path.GetFullPath(file, dataDirectory), options);
        }

        throw new ArgumentException(
            $"{Key} names neither a SQLite file ('Data Source=path/orch.db') nor a PostgreSQL server ('Host=…;Database=…;Username=…').");
    }

    private static StorageTarget Sqlite(string file, StorageOptions options)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = options.CommandTimeoutSeconds,
            ForeignKeys = true,
        };
        return new StorageTarget(StorageProvider.Sqlite, builder.ConnectionString);
    }

    private static StorageTarget Postgres(string configured, StorageOptions options)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(configured);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"{Key} is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }

        builder.CommandTimeout = options.CommandTimeoutSeconds;
        return new StorageTarget(StorageProvider.Postgres, builder.ConnectionString);
    }

    private static bool TryGet(DbConnectionStringBuilder builder, out string value, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (builder.TryGetValue(key, out var found))
            {
                value = found?.ToString() ?? string.Empty;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>The SQLite file, for a SQLite target.</summary>
    public string? SqliteFile => Provider == StorageProvider.Sqlite
        ? new SqliteConnectionStringBuilder(ConnectionString).DataSource
        : null;

    /// <summary>The target without secrets, for logs and the dashboard.</summary>
    public string Describe() => Provider switch
    {
        StorageProvider.Sqlite => $"SQLite {SqliteFile}",
        _ => DescribePostgres(),
    };

    private string DescribePostgres()
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Username}@{b.Host}:{b.Port}/{b.Database}";
    }
}
