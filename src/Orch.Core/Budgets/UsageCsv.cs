using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Storage;

namespace Orch.Core.Budgets;

/// <summary>
/// Every recorded model call of the last days as CSV (RFC 4180, UTF-8): one row per call, with its
/// project and task, so a spreadsheet can sum it any way. Cells that a spreadsheet would run as a
/// formula (starting with =, +, -, @, tab or carriage return) are prefixed with a quote.
/// </summary>
public sealed class UsageCsv(IDbContextFactory<OrchDbContext> contextFactory, TimeProvider clock)
{
    public const string Header = "occurred_at,project,task,attempt,purpose,provider,model,tier,input_tokens,output_tokens,cost_usd,latency_ms";

    /// <summary>Writes the last <paramref name="days"/> days (UTC, today included), oldest first.</summary>
    public async Task WriteAsync(int days, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (days is < 1 or > UsageReader.MaxDays)
        {
            throw new InvalidInputException("days", $"must be between 1 and {UsageReader.MaxDays} (was {days}).");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var since = new DateTimeOffset(today.AddDays(1 - days).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var projects = await db.Projects.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var rows = from u in db.UsageRecords.AsNoTracking()
                   where u.OccurredAt >= since
                   join t in db.PlanTasks on u.PlanTaskId equals t.Id into tasks
                   from t in tasks.DefaultIfEmpty()
                   orderby u.OccurredAt, u.Id
                   select new { u.OccurredAt, u.ProjectId, Task = t == null ? null : t.Key, u.Attempt, u.Purpose, u.Provider, u.Model, u.Tier, u.InputTokens, u.OutputTokens, u.CostMicros, u.LatencyMs };
        await writer.WriteLineAsync(Header);
        var line = new StringBuilder();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            line.Clear();
            line.Append(row.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append(',');
            Cell(line, row.ProjectId is { } id ? projects.GetValueOrDefault(id, id.ToString()) : string.Empty).Append(',');
            Cell(line, row.Task ?? string.Empty).Append(',');
            line.Append(row.Attempt?.ToString(CultureInfo.InvariantCulture)).Append(',');
            line.Append(row.Purpose.ToString().ToLowerInvariant()).Append(',');
            Cell(line, row.Provider).Append(',');
            Cell(line, row.Model).Append(',');
            Cell(line, row.Tier ?? string.Empty).Append(',');
            line.Append(row.InputTokens.ToString(CultureInfo.InvariantCulture)).Append(',');
            line.Append(row.OutputTokens.ToString(CultureInfo.InvariantCulture)).Append(',');
            line.Append(Money.ToUsd(row.CostMicros).ToString("0.000000", CultureInfo.InvariantCulture)).Append(',');
            line.Append(row.LatencyMs.ToString(CultureInfo.InvariantCulture));
            await writer.WriteLineAsync(line, cancellationToken);
        }
    }

    /// <summary>One text cell: quoted when it holds a comma, quote or line break; defused when a spreadsheet would run it.</summary>
    internal static StringBuilder Cell(StringBuilder line, string value)
    {
        var text = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"')
            : line.Append(text);
    }
}
