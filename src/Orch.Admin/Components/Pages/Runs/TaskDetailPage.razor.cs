using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Orch.Admin.Components.Plans;
using Orch.Admin.Dashboard;
using Orch.Core;
using Orch.Core.Execution;

namespace Orch.Admin.Components.Pages.Runs;

/// <summary>
/// One task of a run: its definition, output, verdict and files, every attempt with its model and tool calls,
/// and its full log, followed live while it runs; retry and skip for admins.
/// </summary>
public sealed partial class TaskDetailPage : IDisposable
{
    private readonly CancellationTokenSource closing = new();
    private (Guid, string)? loadedFor;
    private IDisposable? watch;
    private TaskDetail? detail;
    private string? missing;
    private bool busy;
    private string? message;
    private bool messageIsError;

    [Parameter]
    public Guid ProjectId { get; set; }

    [Parameter]
    public string TaskKey { get; set; } = string.Empty;

    [Inject]
    private DashboardReadings Readings { get; set; } = default!;

    [Inject]
    private TaskDetailReader Details { get; set; } = default!;

    [Inject]
    private ExecutionService Execution { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    /// <summary>The log as text, oldest first: each event with its time and payload.</summary>
    private string LogText
    {
        get
        {
            var text = new StringBuilder();
            foreach (var entry in detail!.Log.Entries.OrderBy(e => e.Sequence))
            {
                text.Append(entry.OccurredAt.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append("  ").Append(entry.Type).Append("  ").AppendLine(entry.Payload);
            }

            return text.Length == 0 ? "Nothing logged yet." : text.ToString();
        }
    }

    public void Dispose()
    {
        watch?.Dispose();
        closing.Cancel();
        closing.Dispose();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (loadedFor == (ProjectId, TaskKey))
        {
            return;
        }

        loadedFor = (ProjectId, TaskKey);
        watch?.Dispose();
        watch = null;
        (detail, missing, message) = (null, null, null);
        try
        {
            // Read once directly first: an unknown project or key is said plainly, and no shared reading is kept for it.
            var first = await Details.ReadAsync(ProjectId, TaskKey, closing.Token);
            var reading = Readings.TaskDetailOf(ProjectId, TaskKey);
            watch = RendererInfo.IsInteractive ? reading.Watch(ShowAsync) : null;
            detail ??= first;
        }
        catch (OrchException ex) when (ex is NotFoundException or InvalidInputException)
        {
            missing = ex.Message;
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // Closed before the first value came.
        }
    }

    private string Href(string key) => $"/projects/{ProjectId}/tasks/{Uri.EscapeDataString(key)}";

    private Task ShowAsync(TaskDetail value) => InvokeAsync(() =>
    {
        if (string.Equals(value.Task.Key, TaskKey, StringComparison.Ordinal))
        {
            detail = value;
            StateHasChanged();
        }
    });

    private Task RetryAsync() => ControlAsync((name, id, ct) => Execution.RetryTaskAsync(id, name, ct));

    private Task SkipAsync() => ControlAsync((name, id, ct) => Execution.SkipTaskAsync(id, name, ct));

    private async Task ControlAsync(Func<string, Guid, CancellationToken, Task<ControlResult>> control)
    {
        if (busy || detail is null)
        {
            return;
        }

        busy = true;
        try
        {
            // Asked again here: a viewer's circuit can send the event too.
            if (await Operators.NameAsync(Authentication, Authorization) is not { } name)
            {
                (message, messageIsError) = ("Only an admin may retry or skip a task.", true);
                return;
            }

            var result = await control(name, detail.Task.Id, closing.Token);
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
