using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Events;
using Orch.Core.Projects;
using Orch.Testing;

namespace Orch.Core.Tests.Projects;

/// <summary>Changing a project's own budget, on both providers: the cap the ledger applies, its event, and refusals that write nothing.</summary>
public abstract class ProjectBudgetContract(StoreKind kind)
{
    private static CancellationToken Ct => TestTimeout.Token;

    public static TheoryData<decimal> BadBudgets => new() { -1m, -0.01m, 0m, 0.0000004m, 1_000_000.01m, 1e15m, decimal.MaxValue, decimal.MinValue };

    [Fact]
    public async Task SetBudget_ChangesTheCapTheLedgerApplies_AndRecordsWhoChangedItFromWhatToWhat()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var projects = store.Get<ProjectService>();
        var project = await projects.CreateAsync(new NewProject("Report", BudgetUsd: 5m), Ct);
        store.Clock.Advance(TimeSpan.FromMinutes(1));

        var changed = await projects.SetBudgetAsync(project.Id, 12.5m, "ana", Ct);

        Assert.Equal(12.5m, changed.BudgetUsd);
        Assert.True(changed.UpdatedAt > project.UpdatedAt);
        Assert.Equal(12.5m, (await projects.GetAsync(project.Id, Ct)).BudgetUsd);
        var cap = Assert.Single(await store.Get<BudgetLedger>().StandingAsync(project.Id, Ct), s => s.Cap == "project");
        Assert.Equal(12.5m, cap.CapUsd);
        await using var db = store.Db();
        var recorded = await db.Events.Where(e => e.Type == EventTypes.ProjectBudgetChanged).SingleAsync(Ct);
        Assert.Equal(project.Id, recorded.ProjectId);
        var details = JsonNode.Parse(recorded.Payload)!.AsObject();
        Assert.Equal((5m, 12.5m, "ana"), ((decimal)details["from_usd"]!, (decimal)details["to_usd"]!, (string)details["by"]!));
    }

    [Fact]
    public async Task SetBudget_ToNothing_RemovesTheCap_AndSettingTheSameAmountAgainWritesNothing()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var projects = store.Get<ProjectService>();
        var project = await projects.CreateAsync(new NewProject("Report", BudgetUsd: 5m), Ct);

        var removed = await projects.SetBudgetAsync(project.Id, null, "ana", Ct);
        Assert.Null(removed.BudgetUsd);
        Assert.Null((await projects.GetAsync(project.Id, Ct)).BudgetUsd);

        var before = await store.SnapshotAsync(Ct);
        Assert.Null((await projects.SetBudgetAsync(project.Id, null, "ana", Ct)).BudgetUsd);
        Assert.Equal(before, await store.SnapshotAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(BadBudgets))]
    public async Task SetBudget_RefusesANegativeZeroOrAbsurdAmount_NamingTheField_AndChangesNothing(decimal budget)
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var projects = store.Get<ProjectService>();
        var project = await projects.CreateAsync(new NewProject("Report", BudgetUsd: 5m), Ct);
        var before = await store.SnapshotAsync(Ct);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => projects.SetBudgetAsync(project.Id, budget, "ana", Ct));

        Assert.Equal("budget_usd", error.Field);
        Assert.Contains("must be at least 0.000001 and at most 1,000,000", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.SnapshotAsync(Ct));
    }

    [Fact]
    public async Task SetBudget_RefusesAnUnknownProject_ABlankName_AndAFinishedProject()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var projects = store.Get<ProjectService>();
        var project = await projects.CreateAsync(new NewProject("Report", BudgetUsd: 5m), Ct);
        await using (var db = store.Db())
        {
            var row = await db.Projects.SingleAsync(p => p.Id == project.Id, Ct);
            row.TransitionTo(ProjectStatus.Cancelled, store.Clock.GetUtcNow());
            await db.SaveChangesAsync(Ct);
        }

        var before = await store.SnapshotAsync(Ct);

        await Assert.ThrowsAsync<NotFoundException>(() => projects.SetBudgetAsync(Guid.CreateVersion7(), 10m, "ana", Ct));
        Assert.Equal("changed_by", (await Assert.ThrowsAsync<InvalidInputException>(() => projects.SetBudgetAsync(project.Id, 10m, "  ", Ct))).Field);
        var finished = await Assert.ThrowsAsync<InvalidInputException>(() => projects.SetBudgetAsync(project.Id, 10m, "ana", Ct));
        Assert.Equal("budget_usd: the project is Cancelled; its budget can no longer change.", finished.Message);
        Assert.Equal(before, await store.SnapshotAsync(Ct));
    }

    [Fact]
    public async Task SetBudget_OnAProjectChangedMeanwhile_Conflicts_AndWritesNothing()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var projects = store.Get<ProjectService>();
        var project = await projects.CreateAsync(new NewProject("Report", BudgetUsd: 5m), Ct);
        await using var db = store.Db();
        var stale = await db.Projects.SingleAsync(p => p.Id == project.Id, Ct);

        await projects.SetBudgetAsync(project.Id, 7m, "ana", Ct);
        var before = await store.SnapshotAsync(Ct);
        // A writer that read the project before the change must not overwrite it unseen.
        stale.SetBudget(Money.ToMicros(9m), store.Clock.GetUtcNow());

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(Ct));
        Assert.Equal(before, await store.SnapshotAsync(Ct));
        Assert.Equal(7m, (await projects.GetAsync(project.Id, Ct)).BudgetUsd);
    }
}
