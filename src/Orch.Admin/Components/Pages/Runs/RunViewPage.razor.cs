using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Orch.Admin.Components.Graph;
using Orch.Admin.Components.Plans;
using Orch.Admin.Dashboard;
using Orch.Core;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Radzen;
using Radzen.Blazor;

namespace Orch.Admin.Components.Pages.Runs;

/// <summary>
/// A project's run: status and spend, the graph coloured by task state, the attempts on a timeline, every task
/// in a table; execute, pause, resume, cancel, and retry or skip a task. Live through the shared feed: the page
/// never polls, and every open run view of the project shares one read per burst of events.
/// </summary>
public sealed partial class RunViewPage : IDisposable
{
    /// <summary>Beyond this many tasks the graph would be a wall of boxes, and costly to draw on every update.</summary>
    public const int MaxGraphTasks = 300;

    private readonly CancellationTokenSource closing = new();
    private Guid? loadedFor;
    private IDisposable? watch;
    private RunBoard? board;
    private IReadOnlyList<GraphTask> graph = [];
    private bool notFound;
    private bool busy;
    private string? message;
    private bool messageIsError;

    [Parameter]
    public Guid ProjectId { get; set; }

    [Inject]
    private DashboardReadings Readings { get; set; } = default!;

    [Inject]
    private ProjectService Projects { get; set; } = default!;

    [Inject]
    private ExecutionService Execution { get; set; } = default!;

    [Inject]
    private DialogService Dialogs { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    public void Dispose()
    {
        watch?.Dispose();
        closing.Cancel();
        closing.Dispose();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (loadedFor == ProjectId)
        {
            return;
        }

        loadedFor = ProjectId;
        watch?.Dispose();
        watch = null;
        (board, graph, notFound, message) = (null, [], false, null);
        try
        {
            // Checked first: a reading is kept per project asked for, so none is made for an id that names nothing.
            await Projects.GetAsync(ProjectId, closing.Token);
            var reading = Readings.RunBoardOf(ProjectId);
            // Only a live page watches; the first, server-rendered paint just reads once.
            watch = RendererInfo.IsInteractive ? reading.Watch(ShowAsync) : null;
            var current = await reading.CurrentAsync(closing.Token);
            // A change may have arrived while this read was under way: the newer value stays.
            if (board is null)
            {
                Show(current);
            }
        }
        catch (NotFoundException)
        {
            notFound = true;
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // Closed before the first value came.
        }
    }

    private static BadgeStyle StatusStyle(ProjectStatus status) => status switch
    {
        ProjectStatus.Running => BadgeStyle.Info,
        ProjectStatus.Completed => BadgeStyle.Success,
        ProjectStatus.Failed => BadgeStyle.Danger,
        ProjectStatus.Paused or ProjectStatus.Cancelled => BadgeStyle.Warning,
        _ => BadgeStyle.Light,
    };

    private static int Finished(ProjectRunView run) =>
        run.Tasks.Count(t => t.Status is PlanTaskStatus.Completed or PlanTaskStatus.Skipped or PlanTaskStatus.Failed or PlanTaskStatus.Cancelled);

    private static double Percent(ProjectRunView run) => run.Tasks.Count == 0 ? 0 : 100.0 * Finished(run) / run.Tasks.Count;

    private static string Counts(ProjectRunView run) => string.Join(
        " · ",
        run.TaskCounts.OrderByDescending(c => c.Value).Select(c => $"{c.Value.ToString(CultureInfo.InvariantCulture)} {c.Key.ToLowerInvariant()}"));

    private string TaskHref(string key) => $"/projects/{ProjectId}/tasks/{Uri.EscapeDataString(key)}";

    private Task ShowAsync(RunBoard value) => InvokeAsync(() =>
    {
        if (value.Run.ProjectId == ProjectId)
        {
            Show(value);
            StateHasChanged();
        }
    });

    private void Show(RunBoard value)
    {
        board = value;
        // A new list redraws the graph; past its size it is not drawn at all.
        graph = value.Run.Tasks.Count > MaxGraphTasks
            ? []
            : [.. value.Run.Tasks.Select(t => new GraphTask(t.Key, t.Title, t.DependsOn, t.Status.ToString().ToLowerInvariant()))];
    }

    private Task ExecuteAsync() => ControlAsync((name, ct) => Execution.ExecuteAsync(ProjectId, name, ct));

    private Task PauseAsync() => ControlAsync((name, ct) => Execution.PauseAsync(ProjectId, name, ct));

    private Task ResumeAsync() => ControlAsync((name, ct) => Execution.ResumeAsync(ProjectId, name, ct));

    private async Task CancelAsync()
    {
        var confirmed = await Dialogs.Confirm(
            "Cancel this run? Running tasks are stopped and nothing more is started; what was spent stays spent.",
            "Cancel the run",
            new ConfirmOptions { OkButtonText = "Cancel the run", CancelButtonText = "Keep it running" });
        if (confirmed == true)
        {
            await ControlAsync((name, ct) => Execution.CancelAsync(ProjectId, name, ct));
        }
    }

    private Task RetryAsync(TaskRunView task) => ControlAsync((name, ct) => Execution.RetryTaskAsync(task.Id, name, ct));

    private Task SkipAsync(TaskRunView task) => ControlAsync((name, ct) => Execution.SkipTaskAsync(task.Id, name, ct));

    /// <summary>Runs one control as the signed-in operator, asked again here: a viewer's circuit can send the event too.</summary>
    private async Task ControlAsync(Func<string, CancellationToken, Task<ControlResult>> control)
    {
        if (busy)
        {
            return;
        }

        busy = true;
        try
        {
            if (await Operators.NameAsync(Authentication, Authorization) is not { } name)
            {
                (message, messageIsError) = ("Only an admin may control a run.", true);
                return;
            }

            var result = await control(name, closing.Token);
            (message, messageIsError) = (result.Message, false);
        }
        catch (OrchException ex)
        {
            (message, messageIsError) = (ex.Message, true);
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // The page closed.
        }
        finally
        {
            busy = false;
        }
    }
}
