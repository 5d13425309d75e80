using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orch.Admin.Health;

/// <summary>
/// Writes a health report as <c>{"status":"Healthy","checks":{"database":"Healthy","scheduler":"Healthy"}}</c>:
/// each check's status by name, so a probe or a person sees which part is down. Descriptions stay in the
/// logs; the endpoints answer anyone, and they name database hosts and files.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
