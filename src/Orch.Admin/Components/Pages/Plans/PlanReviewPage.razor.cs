using Microsoft.AspNetCore.Components;
using Orch.Admin.Components.Dashboard;
using Orch.Admin.Components.Graph;
using Orch.Admin.Components.Plans;
using Orch.Core;
using Orch.Core.Plans;
using Orch.Core.Projects;

namespace Orch.Admin.Components.Pages.Plans;

/// <summary>
/// The plan review: the project's newest plan version, edited in a grid into a proposal that Core previews after
/// every change (problems in place, forecast, graph), saved as the next version, approved or rejected. Live: the
/// version shown follows changes made elsewhere, except over a person's unsaved edits, which a notice then guards.
/// </summary>
public sealed partial class PlanReviewPage : IDisposable
{
    private readonly CancellationTokenSource closing = new();
    private Guid? loadedFor;
    private IDisposable? watch;
    private bool notFound;
    private bool canOperate;
    private bool busy;
    private bool budgetBusy;
    private bool dirty;
    private string? message;
    private string? notice;
    private string? budgetError;

    // What the edits apply to; a newer version seen while they are unsaved waits in `newer`.
    private PlanReview? review;
    private PlanReview? newer;
    private PlanEdits? edits;
    private PlanPreview? preview;
    private PlanProblems problems = PlanProblems.None;
    private IReadOnlyList<GraphTask> graph = [];

    [Parameter]
    public Guid ProjectId { get; set; }

    // Core refuses revisions once the project runs; the grid then only shows them.
    private bool Editable => canOperate && review?.Project.Status is ProjectStatus.Draft or ProjectStatus.Approved;

    private string ProblemsTitle => problems.All.Count == 1 ? "1 problem; it must be fixed before saving" : $"{problems.All.Count} problems; they must be fixed before saving";

    protected override async Task OnInitializedAsync() =>
        canOperate = await Operators.NameAsync(Authentication, Authorization) is not null;

    protected override async Task OnParametersSetAsync()
    {
        if (loadedFor == ProjectId)
        {
            return;
        }

        loadedFor = ProjectId;
        watch?.Dispose();
        watch = null;
        (review, newer, edits, preview, problems, graph, message, notice, notFound) = (null, null, null, null, PlanProblems.None, [], null, null, false);
        try
        {
            // Checked first: a reading is kept per project asked for, so none is made for an id that names nothing.
            await Projects.GetAsync(ProjectId, closing.Token);
            var projectId = ProjectId;
            var reading = Readings.PlanReviewOf(projectId);
            // Only a live page watches; the first, server-rendered paint just reads once.
            watch = RendererInfo.IsInteractive ? reading.Watch(value => ShowAsync(projectId, value)) : null;
            Accept(await reading.CurrentAsync(closing.Token));
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

    private Task ShowAsync(Guid projectId, PlanReview value) => InvokeAsync(() =>
    {
        // While an action is under way its own outcome is shown when it ends; a value for a page left is dropped.
        if (projectId == ProjectId && !busy)
        {
            Accept(value);
            StateHasChanged();
        }
    });

    /// <summary>
    /// Takes a reading of the project. Unsaved edits are never thrown away: a new version then waits behind a notice.
    /// An older reading than the one shown (a read that started before the last change) is ignored.
    /// </summary>
    private void Accept(PlanReview value)
    {
        if (review is null)
        {
            Load(value);
            return;
        }

        // Every change to a plan or budget moves the project's UpdatedAt on.
        if (value.Project.UpdatedAt < review.Project.UpdatedAt)
        {
            return;
        }

        var sameVersion = value.Plan?.Id == edits?.Plan.Id;
        if (dirty)
        {
            if (sameVersion)
            {
                review = value;
                newer = null;
            }
            else
            {
                review = review with { Project = value.Project, SpentUsd = value.SpentUsd };
                newer = value.Plan is null ? null : value;
            }

            Repreview();
            return;
        }

        var arrived = !sameVersion && edits is not null && value.Plan is not null;
        Load(value);
        if (arrived)
        {
            notice = $"Now showing version {value.Plan!.Version}, saved elsewhere.";
        }
    }

    private void Load(PlanReview value)
    {
        review = value;
        newer = null;
        edits = value.Plan is null ? null : new PlanEdits(value.Plan);
        Repreview();
    }

    /// <summary>Checks the proposal with Core after every change: its problems in place, its forecast, its graph.</summary>
    private void Repreview()
    {
        dirty = edits?.IsDirty ?? false;
        if (review is null || edits is null)
        {
            (preview, problems, graph) = (null, PlanProblems.None, []);
            return;
        }

        try
        {
            preview = Planning.Preview(review with { Plan = edits.Plan }, edits.Revision());
            problems = edits.Problems(preview);
        }
        catch (OrchException ex)
        {
            (preview, problems) = (null, PlanProblems.None);
            message = ex.Message;
        }

        graph = edits.GraphTasks(preview?.Forecast);
    }

    private void Changed()
    {
        notice = null;
        Repreview();
    }

    private void Add()
    {
        if (Editable && edits is not null)
        {
            edits.Add();
            Changed();
        }
    }

    private void Remove(TaskRow row)
    {
        if (Editable && edits is not null)
        {
            edits.Remove(row);
            Changed();
        }
    }

    private void Discard()
    {
        if (review is not null)
        {
            Load(newer ?? review);
            notice = null;
        }
    }

    private void LoadNewer()
    {
        if (newer is not null)
        {
            Load(newer);
        }
    }

    private async Task SaveAsync()
    {
        if (await OperatorAsync() is null || edits?.Revision() is not { } revision || review is null)
        {
            return;
        }

        Repreview();
        if (preview is not { IsValid: true })
        {
            message = "The plan has problems; fix them before saving.";
            return;
        }

        await RunAsync(async () =>
        {
            var result = await Planning.ReviseAsync(edits.Plan.Id, revision, closing.Token);
            Load(new PlanReview(result.Project, result.Plan, review.SpentUsd));
            notice = $"Saved as version {result.Plan.Version}.";
        });
    }

    private async Task ApproveAsync()
    {
        if (await OperatorAsync() is not { } name || edits is null)
        {
            return;
        }

        if (dirty)
        {
            message = "Save your changes as a new version first: only a saved version can be approved.";
            return;
        }

        var approved = false;
        await RunAsync(async () =>
        {
            await Plans.ApproveAsync(edits.Plan.Id, name, closing.Token);
            approved = true;
        });
        if (approved)
        {
            Navigation.NavigateTo($"/projects/{ProjectId}");
        }
    }

    private async Task RejectAsync(string? reason)
    {
        if (await OperatorAsync() is not { } name || edits is null)
        {
            return;
        }

        if (dirty)
        {
            message = "Save or discard your changes first: only a saved version can be rejected.";
            return;
        }

        await RunAsync(async () =>
        {
            var plan = await Plans.RejectAsync(edits.Plan.Id, name, reason, closing.Token);
            Accept(await Planning.ReviewAsync(ProjectId, closing.Token));
            notice = $"Version {plan.Version} rejected.";
        });
    }

    private async Task SetBudgetAsync(decimal? budgetUsd)
    {
        if (await OperatorAsync() is not { } name || review is null)
        {
            return;
        }

        budgetBusy = true;
        budgetError = null;
        try
        {
            var project = await Projects.SetBudgetAsync(ProjectId, budgetUsd, name, closing.Token);
            review = review with { Project = project };
            newer = newer is null ? null : newer with { Project = project };
            notice = project.BudgetUsd is { } set ? $"Budget set to {Usd.Format(set)}." : "Budget removed.";
            Repreview();
        }
        catch (OrchException ex)
        {
            budgetError = ex.Message;
        }
        finally
        {
            budgetBusy = false;
        }
    }

    /// <summary>
    /// Runs one action on Core. Core decides compare-and-set: when someone else changed the plan meanwhile (approved
    /// or revised it), its message shows and the plan is read again; unsaved edits stay, behind the newer-version notice.
    /// </summary>
    private async Task RunAsync(Func<Task> action)
    {
        busy = true;
        message = null;
        notice = null;
        try
        {
            await action();
        }
        catch (OrchException ex)
        {
            message = ex.Message;
            try
            {
                Accept(await Planning.ReviewAsync(ProjectId, closing.Token));
            }
            catch (OrchException)
            {
                // The message already says what went wrong; the page keeps what it has.
            }
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

    /// <summary>The signed-in account's name when it may change plans; else says why not and gives null.</summary>
    private async Task<string?> OperatorAsync()
    {
        var name = await Operators.NameAsync(Authentication, Authorization);
        if (name is null)
        {
            message = "Your account may look at plans but not change them.";
        }

        return name;
    }

    public void Dispose()
    {
        watch?.Dispose();
        closing.Cancel();
        closing.Dispose();
    }
}
