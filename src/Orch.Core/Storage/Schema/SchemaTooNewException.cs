namespace Orch.Core.Storage.Schema;

/// <summary>The database was upgraded by a newer Orch; this one must not write to it.</summary>
public sealed class SchemaTooNewException(int databaseVersion, int knownVersion)
    : OrchException($"The database schema is at version {databaseVersion}, newer than this Orch knows ({knownVersion}). Upgrade Orch before starting it on this database.")
{
    public int DatabaseVersion { get; } = databaseVersion;

    public int KnownVersion { get; } = knownVersion;
}
