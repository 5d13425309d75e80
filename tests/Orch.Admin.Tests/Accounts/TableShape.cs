using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Orch.Admin.Tests.Accounts;

/// <summary>What a table in the database looks like: columns with type and nullability, primary key, indexes.</summary>
internal sealed record TableShape(
    IReadOnlyDictionary<string, (string Type, bool Nullable)> Columns,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyDictionary<string, (bool Unique, string Columns)> Indexes)
{
    public static async Task<TableShape> ReadAsync(DbContext db, string table, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var sqlite = db.Database.IsSqlite();
        var columns = new Dictionary<string, (string, bool)>();
        var primaryKey = new SortedList<int, string>();
        var query = sqlite
            ? $"SELECT name, type, \"notnull\" = 0, pk FROM pragma_table_info('{table}')"
            : $"""
              SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
                     COALESCE(array_position(string_to_array(i.indkey::text, ' ')::int2[], a.attnum), 0)
              FROM pg_attribute a
              JOIN pg_class c ON c.oid = a.attrelid AND c.relname = '{table}'
              JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
              LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
              WHERE a.attnum > 0 AND NOT a.attisdropped
              """;
        foreach (var row in await RowsAsync(connection, query, cancellationToken))
        {
            var name = (string)row[0];
            columns[name] = (((string)row[1]).ToLowerInvariant(), Convert.ToBoolean(row[2], System.Globalization.CultureInfo.InvariantCulture));
            var position = Convert.ToInt32(row[3], System.Globalization.CultureInfo.InvariantCulture);
            if (position > 0)
            {
                primaryKey.Add(position, name);
            }
        }

        var indexes = new Dictionary<string, (bool, string)>();
        query = sqlite
            ? $"SELECT l.name, l.\"unique\", group_concat(i.name, ',') FROM pragma_index_list('{table}') l, pragma_index_info(l.name) i WHERE l.origin = 'c' GROUP BY l.name, l.\"unique\""
            : $"""
              SELECT ic.relname, i.indisunique, string_agg(a.attname, ',' ORDER BY k.ord)
              FROM pg_index i
              JOIN pg_class t ON t.oid = i.indrelid AND t.relname = '{table}'
              JOIN pg_class ic ON ic.oid = i.indexrelid
              CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
              WHERE NOT i.indisprimary
              GROUP BY ic.relname, i.indisunique
              """;
        foreach (var row in await RowsAsync(connection, query, cancellationToken))
        {
            indexes[(string)row[0]] = (Convert.ToBoolean(row[1], System.Globalization.CultureInfo.InvariantCulture), (string)row[2]);
        }

        return new TableShape(columns, [.. primaryKey.Values], indexes);
    }

    private static async Task<List<object[]>> RowsAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
