namespace Orch.Core.Storage;

/// <summary>Settings under <c>Orch:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Orch:Storage";

    /// <summary>
    /// Empty for the embedded SQLite file <c>orch.db</c> in the data directory; <c>Data Source=…</c> for another
    /// SQLite file (relative paths are taken from the data directory); <c>Host=…</c> for PostgreSQL.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a SQLite connection waits for another writer before giving up.</summary>
    public int BusyTimeoutMs { get; set; } = 10_000;

    /// <summary>How long one database command may take.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// SQLite's <c>synchronous</c> setting: <c>Full</c> (each commit reaches the disk before it returns) or
    /// <c>Normal</c> (faster; a power cut can lose the last commits, a crash of Orch cannot).
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;
}
