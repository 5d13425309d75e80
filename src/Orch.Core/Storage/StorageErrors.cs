using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Orch.Core.Storage;

/// <summary>Recognises the database errors Orch treats as expected races, on either provider.</summary>
public static class StorageErrors
{
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
