using Orch.Core.Budgets;
using Orch.Core.Models;
using Orch.Core.Projects;

namespace Orch.Core.Plans;

/// <summary>
/// The planning flow as the hosts use it: requirements (or a workflow file, or edits) are checked
/// in full — input rules, the input guard, the plan format — before anything is written; then the
/// plan is stored as a new version with its cost forecast. A refusal leaves nothing behind, except
/// the usage of model calls already made, which is real spend.
/// </summary>
public sealed class PlanningService(
    Planner planner,
    PlanService plans,
    ProjectService projects,
    InputGuard guard,
    PlanForecaster forecaster,
    BudgetLedger ledger)
{
    public const int MaxConstraintsLength = 10_000;

    public async Task<PlanResult> PlanAsync(PlanningRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var guarded = GuardedRequest(request.Requirements, request.Constraints, request.AcceptanceCriteria);
        var (projectId, newProject) = await TargetAsync(request.ProjectId, request.ProjectName, request.BudgetUsd, guarded.Requirements, cancellationToken);

        var draft = await planner.PlanAsync(projectId, guarded, cancellationToken, newProject?.BudgetMicros);
        var plan = await plans.StoreDraftAsync(projectId, newProject, guarded.Requirements, draft.Validation.Summary, ForWorker(draft.Validation.Tasks, request.ForAssistant), PlanSource.Model, cancellationToken);
        return await ResultAsync(plan, draft.Attempts, cancellationToken);
    }

    /// <summary>A plan from a workflow definition (YAML or JSON), validated exactly like a model's.</summary>
    public Task<PlanResult> FromWorkflowAsync(string workflow, Guid? projectId, string? projectName, decimal? budgetUsd, WorkflowFormat? format, CancellationToken cancellationToken) =>
        FromWorkflowAsync(workflow, projectId, projectName, budgetUsd, format, forAssistant: false, cancellationToken);

    /// <summary>A plan from a workflow definition; with <paramref name="forAssistant"/>, every task is the calling assistant's.</summary>
    public async Task<PlanResult> FromWorkflowAsync(string workflow, Guid? projectId, string? projectName, decimal? budgetUsd, WorkflowFormat? format, bool forAssistant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var document = WorkflowReader.Read(workflow, format);
        var validation = plans.Validate(document);
        var description = validation.Summary ?? $"Workflow of {validation.Tasks.Count} tasks";
        var (id, newProject) = await TargetAsync(projectId, projectName, budgetUsd, description, cancellationToken);
        var plan = await plans.StoreDraftAsync(id, newProject, description, validation.Summary, ForWorker(validation.Tasks, forAssistant), PlanSource.Workflow, cancellationToken);
        return await ResultAsync(plan, [], cancellationToken);
    }

    /// <summary>Edits the project's newest version into a new one; what the edits do not name stays as it was.</summary>
    public async Task<PlanResult> ReviseAsync(Guid planId, PlanRevision revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var current = await RevisableAsync(planId, cancellationToken);
        var validation = plans.Validate(revision.ApplyTo(PlanTaskDocuments.From(current)));
        var plan = await plans.StoreDraftAsync(current.ProjectId, null, current.Requirements, validation.Summary, validation.Tasks, PlanSource.Manual, cancellationToken);
        return await ResultAsync(plan, [], cancellationToken);
    }

    /// <summary>Asks the planner to change the newest version by instructions; tasks leave only when it names them.</summary>
    public async Task<PlanResult> ReplanAsync(Guid planId, string instructions, CancellationToken cancellationToken)
    {
        var text = InputRules.RequiredText(instructions, "instructions", MaxConstraintsLength);
        text = guard.Enforce(text, "instructions").Text;
        var current = await RevisableAsync(planId, cancellationToken);
        var draft = await planner.ReplanAsync(current.ProjectId, new PlanRequest(current.Requirements), PlanTaskDocuments.From(current), text, cancellationToken);
        var plan = await plans.StoreDraftAsync(current.ProjectId, null, current.Requirements, draft.Validation.Summary ?? current.Summary, draft.Validation.Tasks, PlanSource.Model, cancellationToken);
        return await ResultAsync(plan, draft.Attempts, cancellationToken);
    }

    /// <summary>The project's newest plan version with the project and its spend, for a person to review.</summary>
    public async Task<PlanReview> ReviewAsync(Guid projectId, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(projectId, cancellationToken);
        var plan = await plans.GetLatestAsync(projectId, cancellationToken);
        var spent = await ledger.SpentMicrosAsync(projectId, cancellationToken);
        return new PlanReview(project, plan, Money.ToUsd(spent));
    }

    /// <summary>
    /// What <see cref="ReviseAsync"/> would make of the reviewed plan, without storing it: the same edits, the same
    /// rules (reported, not thrown) and the forecast against the project's budget. With no revision, the plan as it is.
    /// </summary>
    public PlanPreview Preview(PlanReview review, PlanRevision? revision)
    {
        ArgumentNullException.ThrowIfNull(review);
        var current = review.Plan is { } plan
            ? PlanTaskDocuments.From(plan)
            : throw new InvalidInputException("plan", $"the project {review.Project.Name} has no plan yet.");
        PlanDocument document;
        try
        {
            document = revision is null || revision.IsEmpty ? current : revision.ApplyTo(current);
        }
        catch (InvalidInputException ex)
        {
            return new PlanPreview(current, new PlanValidation([new PlanProblem("invalid_revision", ex.Message)], current.Summary, [], null), null);
        }

        var validation = plans.Check(document);
        if (!validation.IsValid)
        {
            return new PlanPreview(document, validation with { Problems = [.. validation.Problems.Select(p => NameRemoved(p, revision?.Remove))] }, null);
        }

        var budget = review.Project.BudgetUsd is { } b ? Money.ToMicros(b) : (long?)null;
        return new PlanPreview(document, validation, forecaster.Forecast(validation.Tasks, budget, Money.ToMicros(review.SpentUsd)));
    }

    public async Task<PlanForecast> ForecastAsync(Guid planId, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(planId, cancellationToken);
        return (await ResultAsync(plan, [], cancellationToken)).Forecast;
    }

    private PlanRequest GuardedRequest(string requirements, string? constraints, IReadOnlyList<string>? criteria)
    {
        var text = InputRules.RequiredText(requirements, "requirements", Plan.MaxRequirementsLength);
        var limits = InputRules.OptionalText(constraints, "constraints", MaxConstraintsLength);
        if (criteria is { Count: > PlanLimits.MaxAcceptanceCriteria })
        {
            throw new InvalidInputException("acceptance_criteria", $"has {criteria.Count} entries; at most {PlanLimits.MaxAcceptanceCriteria} are allowed.");
        }

        var checkedCriteria = (criteria ?? [])
            .Select((c, i) => InputRules.OptionalText(c, $"acceptance_criteria[{i}]", PlanLimits.MaxCriterionLength))
            .OfType<string>()
            .Select((c, i) => guard.Enforce(c, $"acceptance_criteria[{i}]").Text)
            .ToList();
        return new PlanRequest(
            guard.Enforce(text, "requirements").Text,
            limits is null ? null : guard.Enforce(limits, "constraints").Text,
            checkedCriteria);
    }

    /// <summary>The project to plan for: an existing one (checked now) or a new one, built but not stored yet.</summary>
    private async Task<(Guid Id, Project? NewProject)> TargetAsync(Guid? projectId, string? projectName, decimal? budgetUsd, string requirements, CancellationToken cancellationToken)
    {
        if (projectId is { } id)
        {
            var existing = await projects.GetAsync(id, cancellationToken);
            if (existing.Status is not (ProjectStatus.Draft or ProjectStatus.Approved))
            {
                throw new InvalidInputException("project", $"the project is {existing.Status}; plans can be drafted only before it runs.");
            }

            return (id, null);
        }

        var name = string.IsNullOrWhiteSpace(projectName) ? NameFrom(requirements) : projectName;
        var project = projects.Prepare(new NewProject(name, null, budgetUsd));
        return (project.Id, project);
    }

    private async Task<PlanView> RevisableAsync(Guid planId, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(planId, cancellationToken);
        var latest = await plans.GetLatestAsync(plan.ProjectId, cancellationToken);
        if (latest!.Id != plan.Id)
        {
            throw new InvalidInputException("plan_id", $"version {plan.Version} is not the newest; revise version {latest.Version} ({latest.Id}).");
        }

        return plan;
    }

    private async Task<PlanResult> ResultAsync(PlanView plan, IReadOnlyList<PlanningAttempt> attempts, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(plan.ProjectId, cancellationToken);
        var spent = await ledger.SpentMicrosAsync(plan.ProjectId, cancellationToken);
        var forecast = forecaster.Forecast([.. plan.Tasks.Select(t => t.ToDefinition())], project.BudgetUsd is { } b ? Money.ToMicros(b) : null, spent);
        return new PlanResult(project, plan, forecast, attempts);
    }

    /// <summary>A dependency on a task the same revision removes says so, rather than that no task has the key.</summary>
    private static PlanProblem NameRemoved(PlanProblem problem, IReadOnlyList<string>? removed)
    {
        // The graph names the dependent task first, then the keys it waits for that no task has.
        if (problem.Code != "unknown_dependency" || removed is not { Count: > 0 } || problem.Keys is not { Count: > 1 } keys)
        {
            return problem;
        }

        var dependent = keys[0];
        var unknown = keys.Skip(1).ToList();
        var gone = unknown.Where(k => removed.Contains(k, StringComparer.Ordinal)).ToList();
        if (gone.Count == 0)
        {
            return problem;
        }

        var names = string.Join(", ", gone.Select(k => $"'{TaskGraph.Shorten(k)}'"));
        var message = gone.Count == unknown.Count
            ? $"Task '{TaskGraph.Shorten(dependent)}' depends on {names}, which this revision removes; keep {(gone.Count == 1 ? "that task" : "those tasks")} or drop the dependency."
            : $"{problem.Message} Of these, this revision removes {names}.";
        return problem with { Message = message };
    }

    private static IReadOnlyList<PlanTaskDefinition> ForWorker(IReadOnlyList<PlanTaskDefinition> tasks, bool forAssistant) =>
        forAssistant ? [.. tasks.Select(t => t with { Tier = AssistantTier.Name })] : tasks;

    private static string NameFrom(string requirements)
    {
        var line = Orch.Core.Models.Offline.RequirementParser.WithoutMarker(requirements.Trim().Split('\n')[0].Trim().TrimStart('#', ' '));
        return line.Length <= 80 ? line : line[..79] + "…";
    }
}
