using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orch.Core.Events;
using Orch.Core.Models;
using Orch.Core.Projects;
using Orch.Core.Storage;

namespace Orch.Core.Plans;

/// <summary>
/// Stores plan versions and decides on them. Every check runs before the first write, and each
/// change is one transaction with its events: a refused plan leaves no trace.
/// </summary>
public sealed class PlanService(
    IDbContextFactory<OrchDbContext> contextFactory,
    IOptions<PlanOptions> options,
    IOptions<ModelOptions> models,
    PlanForecaster forecaster,
    InputGuard guard,
    EventFactory events,
    TimeProvider clock)
{
    /// <summary>The longest reason a rejection may give.</summary>
    public const int MaxReasonLength = 4_000;

    /// <summary>Reads plan JSON, validates it and stores it as the project's next draft version.</summary>
    public Task<PlanView> CreateDraftFromJsonAsync(Guid projectId, string requirements, string planJson, PlanSource source, CancellationToken cancellationToken) =>
        CreateDraftAsync(projectId, requirements, PlanDocumentReader.Read(planJson, options.Value.MaxTasks), source, cancellationToken);

    /// <summary>
    /// Validates the document and stores it as the project's next draft version; earlier drafts
    /// become superseded. Throws <see cref="PlanValidationException"/> with every problem found.
    /// </summary>
    public Task<PlanView> CreateDraftAsync(Guid projectId, string requirements, PlanDocument document, PlanSource source, CancellationToken cancellationToken)
    {
        var text = InputRules.RequiredText(requirements, "requirements", Plan.MaxRequirementsLength);
        var validation = Validate(document);
        return StoreDraftAsync(projectId, null, text, validation.Summary, validation.Tasks, source, cancellationToken);
    }

    /// <summary>The tiers a task may name: the configured ones, cheapest first, and the calling assistant's.</summary>
    public IReadOnlyList<string> TierNames => [.. models.Value.Tiers.Select(t => t.Name), AssistantTier.Name];

    /// <summary>
    /// Validates a plan document written by a person (a workflow file, edits, plan JSON) against the
    /// task cap and the configured tiers, after its texts pass the input guard: they reach models later.
    /// </summary>
    public PlanValidation Validate(PlanDocument document) =>
        Guarded(PlanValidator.Validate(document, options.Value.MaxTasks, TierNames).EnsureValid(), (text, field) => guard.Enforce(text, field).Text);

    /// <summary>
    /// The same rules as <see cref="Validate"/>, reported instead of thrown, for a person editing a plan who
    /// should see every problem at once: a text the input guard would refuse is one more problem, on its field.
    /// </summary>
    public PlanValidation Check(PlanDocument document)
    {
        var validation = PlanValidator.Validate(document, options.Value.MaxTasks, TierNames);
        if (!validation.IsValid)
        {
            return validation;
        }

        var blocked = new List<PlanProblem>();
        var guarded = Guarded(validation, (text, field) =>
        {
            var result = guard.Check(text);
            if (result.IsBlocked)
            {
                blocked.Add(new PlanProblem("blocked", new InputBlockedException(field, result.Blocking).Message, field));
            }

            return result.Text;
        });
        return blocked.Count == 0 ? guarded : new PlanValidation(blocked, validation.Summary, [], null);
    }

    /// <summary>
    /// Stores validated tasks as the project's next version, with tiers and cost estimates filled
    /// in. With <paramref name="newProject"/>, the project is created in the same transaction.
    /// </summary>
    internal async Task<PlanView> StoreDraftAsync(
        Guid projectId,
        Project? newProject,
        string requirements,
        string? summary,
        IReadOnlyList<PlanTaskDefinition> definitions,
        PlanSource source,
        CancellationToken cancellationToken)
    {
        var completed = forecaster.Complete(definitions, source);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        Project project;
        Plan? previous = null;
        if (newProject is not null)
        {
            project = newProject;
            db.Projects.Add(project);
            db.Events.Add(events.Create(EventTypes.ProjectCreated, project.Id, null, new JsonObject { ["name"] = project.Name }));
        }
        else
        {
            project = await db.Projects.SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken)
                ?? throw new NotFoundException("project", projectId.ToString());
            if (project.Status is not (ProjectStatus.Draft or ProjectStatus.Approved))
            {
                throw new InvalidInputException("project", $"the project is {project.Status}; plans can be drafted only before it runs.");
            }

            previous = await db.Plans.Where(p => p.ProjectId == projectId).OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
            foreach (var draft in await db.Plans.Where(p => p.ProjectId == projectId && p.Status == PlanStatus.Draft).ToListAsync(cancellationToken))
            {
                draft.Supersede(now);
                db.Events.Add(events.Create(EventTypes.PlanSuperseded, projectId, null, new JsonObject { ["plan_id"] = draft.Id, ["version"] = draft.Version }));
            }

            if (project.Status == ProjectStatus.Approved)
            {
                project.TransitionTo(ProjectStatus.Draft, now);
                db.Events.Add(StatusChanged(project, ProjectStatus.Approved));
            }
            else
            {
                // A concurrent approval must conflict with this draft, not slip past it.
                project.Touch(now);
            }
        }

        var plan = new Plan(
            Guid.CreateVersion7(),
            project.Id,
            (previous?.Version ?? 0) + 1,
            source,
            requirements,
            summary,
            previous?.Id,
            completed,
            Guid.CreateVersion7,
            now);
        db.Plans.Add(plan);
        db.Events.Add(events.Create(EventTypes.PlanDrafted, project.Id, null, new JsonObject
        {
            ["plan_id"] = plan.Id,
            ["version"] = plan.Version,
            ["tasks"] = plan.Tasks.Count,
        }));
        await SaveAsync(db, "plan", plan.Id, cancellationToken);
        return PlanView.From(plan, options.Value.MaxTasks);
    }

    public async Task<PlanView> GetAsync(Guid planId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.AsNoTracking().Include(p => p.Tasks).AsSplitQuery().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken)
            ?? throw new NotFoundException("plan", planId.ToString());
        return PlanView.From(plan, options.Value.MaxTasks);
    }

    /// <summary>The project's newest plan version, or null when it has none.</summary>
    public async Task<PlanView?> GetLatestAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.AsNoTracking().Include(p => p.Tasks).AsSplitQuery()
            .Where(p => p.ProjectId == projectId)
            .OrderByDescending(p => p.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return plan is null ? null : PlanView.From(plan, options.Value.MaxTasks);
    }

    /// <summary>
    /// Approves a draft: from now on the version never changes, and the project may run it. A
    /// version approved earlier becomes superseded (its content stays as it was).
    /// </summary>
    public async Task<PlanView> ApproveAsync(Guid planId, string approvedBy, CancellationToken cancellationToken)
    {
        var by = InputRules.RequiredText(approvedBy, "approved_by", 200);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.Include(p => p.Tasks).AsSplitQuery().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken)
            ?? throw new NotFoundException("plan", planId.ToString());
        var project = await db.Projects.SingleAsync(p => p.Id == plan.ProjectId, cancellationToken);
        // Both checked before anything is written.
        StatusTransitions.Plan.Ensure(plan.Status, PlanStatus.Approved, plan.Id);
        StatusTransitions.Project.Ensure(project.Status, ProjectStatus.Approved, project.Id);
        var now = clock.GetUtcNow();
        var before = project.Status;
        var earlier = await db.Plans.Where(p => p.ProjectId == project.Id && p.Status == PlanStatus.Approved).ToListAsync(cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (earlier.Count > 0)
        {
            // Saved first: the database allows one approved version per project at any moment.
            foreach (var old in earlier)
            {
                old.Supersede(now);
                db.Events.Add(events.Create(EventTypes.PlanSuperseded, project.Id, null, new JsonObject { ["plan_id"] = old.Id, ["version"] = old.Version }));
            }

            await SaveAsync(db, "plan", plan.Id, cancellationToken);
        }

        plan.Approve(by, now);
        project.TransitionTo(ProjectStatus.Approved, now);
        db.Events.Add(events.Create(EventTypes.PlanApproved, project.Id, null, new JsonObject
        {
            ["plan_id"] = plan.Id,
            ["version"] = plan.Version,
            ["by"] = by,
        }));
        db.Events.Add(StatusChanged(project, before));
        await SaveAsync(db, "plan", plan.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return PlanView.From(plan, options.Value.MaxTasks);
    }

    public async Task<PlanView> RejectAsync(Guid planId, string rejectedBy, string? reason, CancellationToken cancellationToken)
    {
        var by = InputRules.RequiredText(rejectedBy, "rejected_by", 200);
        var why = InputRules.OptionalText(reason, "reason", MaxReasonLength);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.Include(p => p.Tasks).AsSplitQuery().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken)
            ?? throw new NotFoundException("plan", planId.ToString());
        var now = clock.GetUtcNow();
        plan.Reject(by, now);
        var project = await db.Projects.SingleAsync(p => p.Id == plan.ProjectId, cancellationToken);
        if (project.Status == ProjectStatus.Draft && await db.Plans.AnyAsync(p => p.ProjectId == project.Id && p.Status == PlanStatus.Approved, cancellationToken))
        {
            // The earlier approved version is still the one to run.
            project.TransitionTo(ProjectStatus.Approved, now);
            db.Events.Add(StatusChanged(project, ProjectStatus.Draft));
        }
        else
        {
            project.Touch(now);
        }

        db.Events.Add(events.Create(EventTypes.PlanRejected, plan.ProjectId, null, new JsonObject
        {
            ["plan_id"] = plan.Id,
            ["version"] = plan.Version,
            ["by"] = by,
            ["reason"] = why,
        }));
        await SaveAsync(db, "plan", plan.Id, cancellationToken);
        return PlanView.From(plan, options.Value.MaxTasks);
    }

    /// <summary>The validated texts as the input guard lets them through; <paramref name="enforce"/> gets each with its field.</summary>
    private static PlanValidation Guarded(PlanValidation validation, Func<string, string, string> enforce) => validation with
    {
        Summary = validation.Summary is null ? null : enforce(validation.Summary, "summary"),
        Tasks = [.. validation.Tasks.Select((t, i) => t with
        {
            Title = enforce(t.Title, $"tasks[{i}].title"),
            Description = enforce(t.Description, $"tasks[{i}].description"),
            AcceptanceCriteria = [.. t.AcceptanceCriteria.Select((c, j) => enforce(c, $"tasks[{i}].acceptance_criteria[{j}]"))],
        })],
    };

    private OrchEvent StatusChanged(Project project, ProjectStatus from) =>
        events.Create(EventTypes.ProjectStatusChanged, project.Id, null, new JsonObject
        {
            ["from"] = from.ToString(),
            ["to"] = project.Status.ToString(),
        });

    private static async Task SaveAsync(OrchDbContext db, string entity, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConcurrencyConflictException(entity, id.ToString(), ex);
        }
        catch (DbUpdateException ex) when (StorageErrors.IsUniqueViolation(ex))
        {
            // Another writer took the same version number first.
            throw new ConcurrencyConflictException(entity, id.ToString(), ex);
        }
    }
}
