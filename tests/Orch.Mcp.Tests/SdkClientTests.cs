using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Orch.Testing;

namespace Orch.Mcp.Tests;

/// <summary>The server as an assistant's client sees it: a separate process driven by the MCP C# SDK's client over stdio.</summary>
public sealed class SdkClientTests
{
    private const string Requirements = "1. Collect the facts about rivers\n2. Write a short article from them\n3. Review the article";

    /// <summary>Orch with a provider that is configured but never answers: nothing but the assistant can do work.</summary>
    private static readonly Dictionary<string, string?> NoProvider = new()
    {
        ["Orch__Models__Providers__down__Kind"] = "OpenAI",
        ["Orch__Models__Providers__down__BaseUrl"] = "http://127.0.0.1:9/v1",
        ["Orch__Models__Tiers__0__Name"] = "local",
        ["Orch__Models__Tiers__0__Provider"] = "down",
        ["Orch__Models__Tiers__0__Model"] = "none",
        ["Orch__Models__Tiers__0__InputUsdPerMillion"] = "0",
        ["Orch__Models__Tiers__0__OutputUsdPerMillion"] = "0",
        ["Orch__Models__PlanningTier"] = "local",
    };

    private const string AssistantWorkflow = """
        summary: River notes
        tasks:
          - key: facts
            title: Collect three facts about rivers
            kind: research
            acceptance_criteria: ["names three rivers"]
          - key: article
            title: Write a paragraph from the facts
            kind: writing
            depends_on: [facts]
          - key: review
            title: Review the paragraph
            kind: review
            depends_on: [article]
        """;

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task PlanApproveExecute_RunsToCompletion_OnTheOfflineProvider_WithProgressNotifications()
    {
        await using var server = await SdkServer.StartAsync(Ct, new Dictionary<string, string?> { ["Orch__Models__Providers__offline__SimulatedLatencyMs"] = "150" });
        var progress = new ConcurrentQueue<ProgressNotificationParams>();
        await using var listening = server.Client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (notification, _) =>
        {
            progress.Enqueue(JsonSerializer.Deserialize<ProgressNotificationParams>(notification.Params, ModelContextProtocol.McpJsonUtilities.DefaultOptions)!);
            return ValueTask.CompletedTask;
        });

        var plan = await server.Client.CallToolAsync("plan", new Dictionary<string, object?> { ["requirements"] = Requirements }, cancellationToken: Ct);
        Assert.NotEqual(true, plan.IsError);
        var planned = plan.StructuredContent!.Value;
        var tasks = planned.GetProperty("tasks").GetArrayLength();
        Assert.True(tasks >= 3);
        // The text is a short readable summary naming the ids, not the JSON again.
        var text = SdkServer.Text(plan);
        Assert.Contains($"plan_id {planned.GetProperty("plan_id").GetString()}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"", text, StringComparison.Ordinal);

        var approved = await server.CallAsync("approve", new() { ["plan_id"] = planned.GetProperty("plan_id").GetString() }, Ct);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        var project = planned.GetProperty("project_id").GetString()!;

        var started = DateTime.UtcNow;
        var executed = await server.Client.CallToolAsync("execute", new Dictionary<string, object?> { ["project_id"] = project }, new Progress<ModelContextProtocol.ProgressNotificationValue>(_ => { }), cancellationToken: Ct);
        Assert.True(executed.IsError != true, SdkServer.Text(executed));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "execute returns at once");
        Assert.Equal("running", executed.StructuredContent!.Value.GetProperty("status").GetString());

        var done = await server.WaitForAsync(project, s => s.GetProperty("status").GetString() is "completed" or "failed", Ct);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.All(done.GetProperty("tasks").EnumerateArray(), t => Assert.Equal("completed", t.GetProperty("status").GetString()));
        // Instants in ISO 8601, UTC, with a Z; a task starts before it completes.
        Assert.All(done.GetProperty("tasks").EnumerateArray(), t =>
        {
            var (started, completed) = (t.GetProperty("started_at").GetString()!, t.GetProperty("completed_at").GetString()!);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$", started);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$", completed);
            Assert.True(DateTimeOffset.Parse(started, System.Globalization.CultureInfo.InvariantCulture) <= DateTimeOffset.Parse(completed, System.Globalization.CultureInfo.InvariantCulture));
        });

        // Progress notifications followed the run as its tasks finished, ending at all of them.
        await Eventually(() => progress.Any(p => p.Progress.Progress == tasks));
        // The SDK's client runs notification handlers concurrently, so their order here is not the
        // order on the wire (ExecutionProcessTests checks that one, reading stdout line by line).
        Assert.All(progress, p => Assert.InRange(p.Progress.Progress, 0, tasks));
        Assert.All(progress, p => Assert.Equal(tasks, p.Progress.Total));
        Assert.True(progress.Count >= 2, $"one notification per change, got {progress.Count}");
    }

    [Fact]
    public async Task TheAssistantAsWorker_RunsAProject_WithNoProviderAnswering()
    {
        await using var server = await SdkServer.StartAsync(Ct, NoProvider);
        var planned = await server.CallAsync("plan", new() { ["requirements"] = "River notes", ["workflow"] = AssistantWorkflow, ["worker"] = "assistant" }, Ct);
        Assert.All(planned.GetProperty("tasks").EnumerateArray(), t => Assert.Equal("assistant", t.GetProperty("tier").GetString()));
        Assert.Equal(0m, planned.GetProperty("forecast").GetProperty("worst_case_usd").GetDecimal());
        var project = planned.GetProperty("project_id").GetString()!;

        // Not executed yet: nothing to claim, and it says why.
        var early = await server.FailAsync("next_task", new() { ["project_id"] = project }, Ct);
        Assert.Contains("execute it before claiming", early, StringComparison.Ordinal);

        await server.CallAsync("approve", new() { ["plan_id"] = planned.GetProperty("plan_id").GetString() }, Ct);
        await server.CallAsync("execute", new() { ["project_id"] = project }, Ct);

        var first = await server.CallAsync("next_task", new() { ["project_id"] = project }, Ct);
        Assert.True(first.GetProperty("claimed").GetBoolean());
        Assert.Equal("facts", first.GetProperty("task_id").GetString());
        Assert.Equal(3, first.GetProperty("remaining").GetInt32());
        var run = first.GetProperty("run_id").GetString()!;

        // Only one task is ready (the others wait for it): the next claim says so.
        var none = await server.CallAsync("next_task", new() { ["project_id"] = project }, Ct);
        Assert.False(none.GetProperty("claimed").GetBoolean());
        Assert.Contains("wait for their dependencies", none.GetProperty("message").GetString(), StringComparison.Ordinal);

        // What the work used must be said: never a silent zero.
        var unsaid = await server.FailAsync("submit_result", new() { ["run_id"] = run, ["output"] = "The Nile, the Amazon and the Danube." }, Ct);
        Assert.Contains("say what the work used", unsaid, StringComparison.Ordinal);
        var escape = await server.FailAsync("submit_result", new()
        {
            ["run_id"] = run,
            ["output"] = "x",
            ["billing"] = "subscription",
            ["files"] = new[] { new Dictionary<string, string> { ["path"] = "../escape.txt", ["content"] = "x" } },
        }, Ct);
        Assert.Contains("'../escape.txt' contains '..'", escape, StringComparison.Ordinal);

        var submitted = await server.CallAsync("submit_result", new()
        {
            ["run_id"] = run,
            ["output"] = "Three rivers: the Nile, the Amazon and the Danube.",
            ["model"] = "claude-sonnet-4-5",
            ["input_tokens"] = 1200,
            ["output_tokens"] = 300,
            ["files"] = new[] { new Dictionary<string, string> { ["path"] = "facts.md", ["content"] = "- Nile\n- Amazon\n- Danube\n" } },
        }, Ct);
        Assert.Equal("completed", submitted.GetProperty("status").GetString());
        Assert.Equal("pass", submitted.GetProperty("verdict").GetString());
        // No judge model answered: the verdict says it stands on the structural checks only.
        Assert.Contains("structure only", submitted.GetProperty("verdict_detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("- Nile\n- Amazon\n- Danube\n", await File.ReadAllTextAsync(Path.Combine(first.GetProperty("workspace").GetString()!, "facts.md"), Ct));
        Assert.Equal(["facts.md"], submitted.GetProperty("files").EnumerateArray().Select(f => f.GetString()));

        // The same claim cannot be handed in twice.
        Assert.Contains("claim is closed", await server.FailAsync("submit_result", new() { ["run_id"] = run, ["output"] = "again", ["billing"] = "subscription" }, Ct), StringComparison.Ordinal);

        // The rest, one by one, each given its dependency's output; one paid by a subscription.
        var article = await server.CallAsync("next_task", new() { ["project_id"] = project }, Ct);
        Assert.Equal("article", article.GetProperty("task_id").GetString());
        Assert.Contains("Danube", article.GetProperty("dependencies")[0].GetProperty("output").GetString(), StringComparison.Ordinal);
        await server.CallAsync("submit_result", new() { ["run_id"] = article.GetProperty("run_id").GetString(), ["output"] = "Rivers shape the land: the Nile, the Amazon, the Danube.", ["billing"] = "subscription" }, Ct);
        var review = await server.CallAsync("next_task", new() { ["project_id"] = project }, Ct);
        await server.CallAsync("submit_result", new() { ["run_id"] = review.GetProperty("run_id").GetString(), ["output"] = "Reviewed: accurate.", ["model"] = "m", ["input_tokens"] = 10, ["output_tokens"] = 5 }, Ct);

        var status = await server.WaitForAsync(project, s => s.GetProperty("status").GetString() == "completed", Ct, TimeSpan.FromSeconds(30));
        Assert.Equal(0m, status.GetProperty("spent_usd").GetDecimal());
        var finished = await server.CallAsync("next_task", new() { ["project_id"] = project }, Ct);
        Assert.Contains("finished", finished.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The work is recorded: the model and tokens as said, the subscription by name, all at no cost to Orch.
        var usage = await server.CallAsync("usage", new() { ["days"] = 1 }, Ct);
        var models = usage.GetProperty("by_model").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!, l => l);
        Assert.Equal(1200, models["assistant/claude-sonnet-4-5"].GetProperty("input_tokens").GetInt64());
        Assert.Equal(1, models["assistant/subscription"].GetProperty("calls").GetInt64());
        Assert.Equal(0m, usage.GetProperty("total_usd").GetDecimal());
    }

    [Theory]
    [InlineData("accept", true, "approved")]
    [InlineData("accept", false, "declined")]
    [InlineData("decline", null, "declined")]
    [InlineData("cancel", null, "dismissed")]
    public async Task Approve_AsksThePerson_WhenTheClientCanElicit(string action, bool? confirm, string expected)
    {
        ElicitRequestParams? asked = null;
        var handlers = new McpClientHandlers
        {
            ElicitationHandler = (request, _) =>
            {
                asked = request;
                var content = confirm is { } yes ? new Dictionary<string, JsonElement> { ["approve"] = JsonSerializer.SerializeToElement(yes) } : null;
                return ValueTask.FromResult(new ElicitResult { Action = action, Content = content });
            },
        };
        await using var server = await SdkServer.StartAsync(Ct, handlers: handlers);
        var planned = await server.CallAsync("plan", new() { ["requirements"] = Requirements, ["budget_usd"] = 5 }, Ct);
        var planId = planned.GetProperty("plan_id").GetString();

        var result = await server.Client.CallToolAsync("approve", new Dictionary<string, object?> { ["plan_id"] = planId }, cancellationToken: Ct);

        // The person was shown what they approve: the task count and the forecast against the budget.
        Assert.NotNull(asked);
        Assert.Contains($"{planned.GetProperty("tasks").GetArrayLength()} task(s)", asked!.Message, StringComparison.Ordinal);
        Assert.Contains("budget of $5.00", asked.Message, StringComparison.Ordinal);
        var plan = await server.Client.ReadResourceAsync($"orch://projects/{planned.GetProperty("project_id").GetString()}/plan", cancellationToken: Ct);
        var stored = JsonDocument.Parse(((TextResourceContents)plan.Contents[0]).Text).RootElement;
        if (expected == "approved")
        {
            Assert.True(result.IsError != true, SdkServer.Text(result));
            Assert.Equal("approved", stored.GetProperty("status").GetString());
        }
        else
        {
            Assert.True(result.IsError);
            Assert.Contains(expected, SdkServer.Text(result), StringComparison.Ordinal);
            Assert.Equal("draft", stored.GetProperty("status").GetString());
            Assert.Equal(1, stored.GetProperty("version").GetInt32());
        }
    }

    [Fact]
    public async Task Errors_AreToolErrorsWithClearMessages_AndTheServerKeepsAnswering()
    {
        await using var server = await SdkServer.StartAsync(Ct);
        var unknown = Guid.NewGuid().ToString();
        Assert.Contains($"No project has the id {unknown}", await server.FailAsync("status", new() { ["project_id"] = unknown }, Ct), StringComparison.Ordinal);
        Assert.Contains($"No plan has the id {unknown}", await server.FailAsync("approve", new() { ["plan_id"] = unknown }, Ct), StringComparison.Ordinal);
        Assert.Contains("No run has the id", await server.FailAsync("submit_result", new() { ["run_id"] = unknown, ["output"] = "x", ["billing"] = "subscription" }, Ct), StringComparison.Ordinal);
        Assert.Contains("wait_seconds", await server.FailAsync("status", new() { ["project_id"] = unknown, ["wait_seconds"] = 51 }, Ct), StringComparison.Ordinal);
        Assert.Contains("worker", await server.FailAsync("plan", new() { ["requirements"] = "x", ["worker"] = "robot" }, Ct), StringComparison.Ordinal);
        Assert.NotEmpty(await server.FailAsync("approve", new() { ["plan_id"] = "not-a-guid" }, Ct));

        var planned = await server.CallAsync("plan", new() { ["requirements"] = Requirements }, Ct);
        var project = planned.GetProperty("project_id").GetString();
        Assert.Contains("approve", await server.FailAsync("execute", new() { ["project_id"] = project }, Ct), StringComparison.OrdinalIgnoreCase);

        // Two approvals at once: one wins, the other is told the plan is no longer a draft.
        var planId = planned.GetProperty("plan_id").GetString();
        var both = await Task.WhenAll(
            server.Client.CallToolAsync("approve", new Dictionary<string, object?> { ["plan_id"] = planId }, cancellationToken: Ct).AsTask(),
            server.Client.CallToolAsync("approve", new Dictionary<string, object?> { ["plan_id"] = planId }, cancellationToken: Ct).AsTask());
        Assert.Single(both, r => r.IsError != true);
        Assert.Single(both, r => r.IsError == true);
        Assert.Contains("Approved", await server.FailAsync("approve", new() { ["plan_id"] = planId }, Ct), StringComparison.Ordinal);

        // Still answering.
        var list = await server.CallAsync("list_projects", new(), Ct);
        Assert.Equal(1, list.GetProperty("projects").GetArrayLength());
    }

    [Fact]
    public async Task Resources_ShowPlanRunOutputLogAndUsage_AndSubscribersHearOfChanges()
    {
        // resources/subscribe is the subscription of the revisions clients speak today (2026-07-28 moved it to subscriptions/listen).
        await using var server = await SdkServer.StartAsync(Ct, new Dictionary<string, string?> { ["Orch__Models__Providers__offline__SimulatedLatencyMs"] = "100" }, protocolVersion: "2025-06-18");
        var templates = await server.Client.ListResourceTemplatesAsync(cancellationToken: Ct);
        Assert.Contains(templates, t => t.UriTemplate == "orch://projects/{project_id}/plan");
        Assert.Contains(templates, t => t.UriTemplate == "orch://projects/{project_id}/tasks/{task_id}/log");

        var planned = await server.CallAsync("plan", new() { ["requirements"] = Requirements }, Ct);
        var project = planned.GetProperty("project_id").GetString()!;
        var statusUri = $"orch://projects/{project}/status";
        var updates = new ConcurrentQueue<string>();
        await server.Client.SubscribeToResourceAsync(statusUri, (notification, _) =>
        {
            updates.Enqueue(notification.Uri);
            return ValueTask.CompletedTask;
        }, cancellationToken: Ct);

        await server.CallAsync("approve", new() { ["plan_id"] = planned.GetProperty("plan_id").GetString() }, Ct);
        await server.CallAsync("execute", new() { ["project_id"] = project }, Ct);
        var done = await server.WaitForAsync(project, s => s.GetProperty("status").GetString() == "completed", Ct);
        await Eventually(() => !updates.IsEmpty);
        Assert.All(updates, u => Assert.Equal(statusUri, u));

        var first = done.GetProperty("tasks")[0].GetProperty("id").GetString()!;
        var log = (TextResourceContents)(await server.Client.ReadResourceAsync($"orch://projects/{project}/tasks/{first}/log", cancellationToken: Ct)).Contents[0];
        Assert.Equal("text/plain", log.MimeType);
        Assert.Contains("task.started", log.Text, StringComparison.Ordinal);
        Assert.Contains("task.completed", log.Text, StringComparison.Ordinal);
        Assert.Contains("call execution attempt 1: offline/", log.Text, StringComparison.Ordinal);

        var output = (TextResourceContents)(await server.Client.ReadResourceAsync($"orch://projects/{project}/tasks/{first}/output", cancellationToken: Ct)).Contents[0];
        Assert.Equal("completed", JsonDocument.Parse(output.Text).RootElement.GetProperty("status").GetString());
        var status = (TextResourceContents)(await server.Client.ReadResourceAsync(statusUri, cancellationToken: Ct)).Contents[0];
        Assert.Equal("completed", JsonDocument.Parse(status.Text).RootElement.GetProperty("status").GetString());
        var usage = (TextResourceContents)(await server.Client.ReadResourceAsync("orch://usage", cancellationToken: Ct)).Contents[0];
        Assert.True(JsonDocument.Parse(usage.Text).RootElement.GetProperty("calls").GetInt64() > 0);

        // An unknown project or task is a clear error, not an empty resource.
        var missing = await Assert.ThrowsAnyAsync<ModelContextProtocol.McpException>(() => server.Client.ReadResourceAsync($"orch://projects/{Guid.NewGuid()}/status", cancellationToken: Ct).AsTask());
        Assert.Contains("No project has the id", missing.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<ModelContextProtocol.McpException>(() => server.Client.ReadResourceAsync($"orch://projects/{project}/tasks/nope/log", cancellationToken: Ct).AsTask());
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 15 s");
            await Task.Delay(50, Ct);
        }
    }
}
