using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Orch.Core;
using Orch.Core.Budgets;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Mcp.Tools;

namespace Orch.Mcp.Resources;

/// <summary>
/// Orch's state as MCP resources with stable URIs, for clients that attach them as context or
/// subscribe to them: a project's plan and run, a task's output and log, and the usage summary.
/// The JSON ones have the same shape as the matching tool's structured result.
/// </summary>
[McpServerResourceType]
public sealed class OrchResources
{
    public const string UsageUri = "orch://usage";
    public const string ProjectPrefix = "orch://projects/";

    [McpServerResource(UriTemplate = ProjectPrefix + "{project_id}/plan", Name = "plan", MimeType = "application/json")]
    [Description("A project's newest plan version (the approved one once approved): tasks, tiers, dependencies, estimates and the forecast.")]
    public static async Task<TextResourceContents> Plan(PlanService plans, PlanningService planning, string project_id, CancellationToken cancellationToken)
    {
        var id = ProjectId(project_id);
        var plan = await plans.GetLatestAsync(id, cancellationToken) ?? throw new McpException($"The project {id} has no plan yet.");
        return Json($"{ProjectPrefix}{id}/plan", PlanSummary.From(plan, await planning.ForecastAsync(plan.Id, cancellationToken)));
    }

    [McpServerResource(UriTemplate = ProjectPrefix + "{project_id}/status", Name = "status", MimeType = "application/json")]
    [Description("A project's run: status, spend against budget, and every task's state.")]
    public static async Task<TextResourceContents> Status(ProjectRunReader runs, string project_id, CancellationToken cancellationToken)
    {
        var id = ProjectId(project_id);
        return Json($"{ProjectPrefix}{id}/status", RunSummary.From(await runs.ReadAsync(id, cancellationToken)));
    }

    [McpServerResource(UriTemplate = ProjectPrefix + "{project_id}/tasks/{task_id}/output", Name = "task_output", MimeType = "application/json")]
    [Description("A task's full output, the files it wrote and the verifier's verdict.")]
    public static async Task<TextResourceContents> TaskOutput(ProjectRunReader runs, string project_id, string task_id, CancellationToken cancellationToken)
    {
        var id = ProjectId(project_id);
        var task = await runs.ReadOutputAsync(id, task_id, cancellationToken);
        var output = new Tools.TaskOutput(task.Key, task.Title, RunSummary.Lower(task.Status), task.Attempts, task.Output, task.Files, task.Verdict, task.VerdictDetail, task.Error);
        return Json($"{ProjectPrefix}{id}/tasks/{Uri.EscapeDataString(task.Key)}/output", output);
    }

    [McpServerResource(UriTemplate = ProjectPrefix + "{project_id}/tasks/{task_id}/log", Name = "task_log", MimeType = "text/plain")]
    [Description("A task's log: every attempt, every model call (tier, model, tokens, cost, latency) and every event, in order.")]
    public static async Task<TextResourceContents> TaskLog(TaskLogReader logs, string project_id, string task_id, CancellationToken cancellationToken)
    {
        var id = ProjectId(project_id);
        var log = await logs.ReadAsync(id, task_id, cancellationToken);
        return new TextResourceContents { Uri = $"{ProjectPrefix}{id}/tasks/{Uri.EscapeDataString(log.Key)}/log", MimeType = "text/plain", Text = TaskLogText.Render(log) };
    }

    [McpServerResource(UriTemplate = UsageUri, Name = "usage", MimeType = "application/json")]
    [Description("Spend over the last 7 days by day, model, tier and project, and where the caps stand.")]
    public static async Task<TextResourceContents> Usage(UsageReader usage, CancellationToken cancellationToken) =>
        Json(UsageUri, UsageSummary.Of(await usage.ReadAsync(7, cancellationToken)));

    private static Guid ProjectId(string text) =>
        Guid.TryParse(text, CultureInfo.InvariantCulture, out var id) ? id : throw new InvalidInputException("project_id", $"'{text}' is not a project id (a GUID).");

    private static TextResourceContents Json<T>(string uri, T value)
        where T : IToolReply => new()
    {
        Uri = uri,
        MimeType = "application/json",
        Text = JsonSerializer.Serialize(value, ReplyJson.Of<T>()),
    };
}
