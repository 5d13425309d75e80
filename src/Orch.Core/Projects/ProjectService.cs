using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Events;
using Orch.Core.Storage;

namespace Orch.Core.Projects;

/// <summary>Creates and reads projects.</summary>
public sealed class ProjectService(IDbContextFactory<OrchDbContext> contextFactory, EventFactory events, TimeProvider clock)
{
    /// <summary>The largest per-project budget accepted; a bigger figure is a typo, not a budget.</summary>
    public const decimal MaxBudgetUsd = 1_000_000m;

    public async Task<ProjectSummary> CreateAsync(NewProject request, CancellationToken cancellationToken)
    {
        var project = Prepare(request);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.Projects.Add(project);
        db.Events.Add(events.Create(EventTypes.ProjectCreated, project.Id, null, new JsonObject { ["name"] = project.Name }));
        await db.SaveChangesAsync(cancellationToken);
        return ProjectSummary.From(project);
    }

    /// <summary>Checks a new project's fields and builds it, unsaved: for callers that store it with more in one transaction.</summary>
    public Project Prepare(NewProject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = InputRules.RequiredText(request.Name, "name", Project.MaxNameLength);
        var description = InputRules.OptionalText(request.Description, "description", Project.MaxDescriptionLength);
        return new Project(Guid.CreateVersion7(), name, description, BudgetMicros(request.BudgetUsd), clock.GetUtcNow());
    }

    /// <summary>
    /// Sets the project's own cap, or removes it with null. It applies to the next reservation: lowering it below
    /// what the project has spent stops further calls, it takes back nothing. A finished project's budget stays.
    /// </summary>
    public async Task<ProjectSummary> SetBudgetAsync(Guid projectId, decimal? budgetUsd, string changedBy, CancellationToken cancellationToken)
    {
        var by = InputRules.RequiredText(changedBy, "changed_by", 200);
        var budget = BudgetMicros(budgetUsd);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken)
            ?? throw new NotFoundException("project", projectId.ToString());
        if (project.Status is ProjectStatus.Completed or ProjectStatus.Cancelled)
        {
            throw new InvalidInputException("budget_usd", $"the project is {project.Status}; its budget can no longer change.");
        }

        if (project.BudgetMicros == budget)
        {
            return ProjectSummary.From(project);
        }

        var before = project.BudgetMicros;
        project.SetBudget(budget, clock.GetUtcNow());
        db.Events.Add(events.Create(EventTypes.ProjectBudgetChanged, project.Id, null, new JsonObject
        {
            ["from_usd"] = before is { } b ? Money.ToUsd(b) : null,
            ["to_usd"] = budget is { } a ? Money.ToUsd(a) : null,
            ["by"] = by,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            // The project changed meanwhile (a plan drafted, a run started): nothing is written, the caller reloads.
            throw new ConcurrencyConflictException("project", projectId.ToString(), ex);
        }

        return ProjectSummary.From(project);
    }

    public async Task<ProjectSummary> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("project", id.ToString());
        return ProjectSummary.From(project);
    }

    /// <summary>The newest project with exactly this name, or null.</summary>
    public async Task<ProjectSummary?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking()
            .Where(p => p.Name == name)
            .OrderByDescending(p => p.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return project is null ? null : ProjectSummary.From(project);
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<ProjectSummary>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            throw new InvalidInputException("limit", $"must be between 1 and 1000 (was {limit}).");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var projects = await db.Projects.AsNoTracking()
            .OrderByDescending(p => p.CreatedAt)
            .ThenByDescending(p => p.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. projects.Select(ProjectSummary.From)];
    }

    /// <summary>A budget in micro-dollars, or null for none; anything else is refused, naming the field.</summary>
    private static long? BudgetMicros(decimal? usd)
    {
        if (usd is not { } value)
        {
            return null;
        }

        // Checked after rounding to micro-dollars: 0.0000004 USD is no budget at all.
        var micros = value is > 0m and <= MaxBudgetUsd ? Money.ToMicros(value) : 0;
        return micros > 0
            ? micros
            : throw new InvalidInputException("budget_usd", $"must be at least 0.000001 and at most {MaxBudgetUsd:N0} (was {value}).");
    }
}
