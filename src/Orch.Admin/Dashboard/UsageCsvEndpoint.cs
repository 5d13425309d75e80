using System.Globalization;
using System.Text;
using Orch.Admin.Accounts;
using Orch.Core.Budgets;

namespace Orch.Admin.Dashboard;

/// <summary>
/// <c>GET /usage.csv?days=N</c>: every recorded model call of the last N days (today included) as a CSV file,
/// streamed row by row from the database, for any account that may view the dashboard.
/// </summary>
internal static class UsageCsvEndpoint
{
    public const string Path = "/usage.csv";

    public static string For(int days) => $"{Path}?days={days.ToString(CultureInfo.InvariantCulture)}";

    public static IEndpointRouteBuilder MapUsageCsv(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (string? days, UsageCsv csv, TimeProvider clock, HttpContext context) =>
            {
                // Read as text, so that "abc" gets the same plain answer as 0 rather than the framework's bare 400.
                var period = UsagePeriod.DefaultDays;
                if (days is not null && (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out period) || !UsagePeriod.IsValid(period)))
                {
                    return Results.Text($"days must be a whole number from 1 to {UsageReader.MaxDays} (was \"{days}\").", "text/plain", Encoding.UTF8, StatusCodes.Status400BadRequest);
                }

                var today = clock.GetUtcNow().UtcDateTime;
                var aborted = context.RequestAborted;
                return Results.Stream(
                    async body =>
                    {
                        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
                        await csv.WriteAsync(period, writer, aborted);
                        await writer.FlushAsync(aborted);
                    },
                    "text/csv; charset=utf-8",
                    $"orch-usage-{today:yyyyMMdd}.csv");
            })
            .RequireAuthorization(AdminPolicies.CanView);
        return endpoints;
    }
}
