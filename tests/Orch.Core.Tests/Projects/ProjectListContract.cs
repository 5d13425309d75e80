using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Orch.Core.Budgets;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Storage;
using Orch.Core.Tests.Execution;
using Orch.Testing;

namespace Orch.Core.Tests.Projects;

/// <summary>The list of projects: plan version, progress, spend and last activity of each, in a fixed number of queries, on both providers.</summary>
public abstract class ProjectListContract(StoreKind kind)
{
    private const string ThreeTasks = """{"tasks":[{"key":"a","title":"A"},{"key":"b","title":"B","depends_on":["a"]},{"key":"c","title":"C","depends_on":["a"]}]}""";

    private const string OneTask = """{"tasks":[{"key":"a","title":"A"}]}""";

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Read_ShowsEachProjectsNewestVersion_ProgressOfTheApprovedOne_SpendAndLastActivity_NewestActivityFirst()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var projects = store.Get<ProjectService>();
        var plans = store.Get<PlanService>();

        var idle = await projects.CreateAsync(new NewProject("Idle", BudgetUsd: 3m), Ct);
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        var drafted = await projects.CreateAsync(new NewProject("Drafted"), Ct);
        await plans.CreateDraftFromJsonAsync(drafted.Id, "three", ThreeTasks, PlanSource.Manual, Ct);
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        var running = await projects.CreateAsync(new NewProject("Running", BudgetUsd: 5m), Ct);
        var v1 = await plans.CreateDraftFromJsonAsync(running.Id, "three", ThreeTasks, PlanSource.Manual, Ct);
        await plans.ApproveAsync(v1.Id, "ana", Ct);
        await using (var db = store.Db())
        {
            // Where an engine would have got to: one task done, one skipped, one at work.
            await SetStatusAsync(db, v1.Id, "a", PlanTaskStatus.Completed);
            await SetStatusAsync(db, v1.Id, "b", PlanTaskStatus.Skipped);
            await SetStatusAsync(db, v1.Id, "c", PlanTaskStatus.Running);
        }

        // A revision waits for approval meanwhile: the row shows version 2, the progress stays that of version 1.
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        await plans.CreateDraftFromJsonAsync(running.Id, "one", OneTask, PlanSource.Manual, Ct);
        await SpendAsync(store, running.Id, 1_250_000);
        await SpendAsync(store, running.Id, 500_000);

        // The idle project moves last: it comes first.
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        await plans.CreateDraftFromJsonAsync(idle.Id, "one", OneTask, PlanSource.Manual, Ct);
        var lastActivity = store.Clock.GetUtcNow();

        var list = await store.Get<ProjectListReader>().ReadAsync(Ct);

        Assert.Equal(["Idle", "Running", "Drafted"], list.Select(p => p.Name));
        var first = list[0];
        Assert.Equal((1, PlanStatus.Draft, new ProjectProgress(1, 0, 0, 0), 0m, (decimal?)3m), (first.PlanVersion, first.PlanStatus, first.Progress, first.SpentUsd, first.BudgetUsd));
        Assert.Equal(lastActivity, first.LastActivityAt);
        var run = list[1];
        Assert.Equal((ProjectStatus.Draft, 2, PlanStatus.Draft), (run.Status, run.PlanVersion, run.PlanStatus));
        Assert.Equal(new ProjectProgress(3, 2, 1, 0), run.Progress);
        Assert.Equal(2d / 3, run.Progress.Fraction, 6);
        await using (var db = store.Db())
        {
            var recorded = await db.UsageRecords.Where(u => u.ProjectId == running.Id).SumAsync(u => u.CostMicros, Ct);
            Assert.Equal(Money.ToUsd(recorded), run.SpentUsd);
        }

        Assert.Equal(1.75m, run.SpentUsd);
        Assert.Equal(5m, run.BudgetUsd);
        var draft = list[2];
        Assert.Equal((1, PlanStatus.Draft, new ProjectProgress(3, 0, 0, 0), (decimal?)null), (draft.PlanVersion, draft.PlanStatus, draft.Progress, draft.BudgetUsd));
    }

    [Fact]
    public async Task Read_OfAProjectWithoutPlan_HasNoVersionAndNoProgress_AndAnEmptyStoreListsNothing()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        Assert.Empty(await store.Get<ProjectListReader>().ReadAsync(Ct));
        var created = await store.Get<ProjectService>().CreateAsync(new NewProject("Bare"), Ct);

        var bare = Assert.Single(await store.Get<ProjectListReader>().ReadAsync(Ct));

        Assert.Equal((created.Id, (int?)null, (PlanStatus?)null, ProjectProgress.None, 0m), (bare.Id, bare.PlanVersion, bare.PlanStatus, bare.Progress, bare.SpentUsd));
        Assert.Equal(0, bare.Progress.Fraction);
        Assert.Equal(created.CreatedAt, bare.LastActivityAt);
    }

    [Fact]
    public async Task Read_TakesAsManyQueries_ForThirtyProjectsAsForThree()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        await AddProjectsAsync(store, 3);
        var few = await CountQueriesAsync(store, () => store.Get<ProjectListReader>().ReadAsync(Ct));
        await AddProjectsAsync(store, 27);

        var list = await store.Get<ProjectListReader>().ReadAsync(Ct);
        var many = await CountQueriesAsync(store, () => store.Get<ProjectListReader>().ReadAsync(Ct));

        Assert.Equal(30, list.Count);
        Assert.All(list, p => Assert.Equal(3, p.Progress.Total));
        Assert.All(list, p => Assert.Equal(0.1m, p.SpentUsd));
        Assert.Equal(few, many);
        Assert.True(many <= 4, $"the list took {many} queries");
    }

    [Fact]
    public async Task Read_AfterARealRun_CountsEveryTaskFinished_AndTheSpendTheCallsRecorded()
    {
        await using var engine = await EngineHost.StartAsync(kind, Ct, PricedTiers.Settings());
        // On the priced tiers: the routing table would start such small tasks on the free one.
        var plan = TestPlans.With(Priced("a", "small"), Priced("b", "large", "a"), Priced("c", "small", "a"), Priced("d", "small", "b", "c"));
        var project = await engine.RunPlanAsync(plan, Ct, budgetUsd: 2m);
        await engine.WaitForEndAsync(project, Ct);

        var row = Assert.Single(await engine.Get<ProjectListReader>().ReadAsync(Ct));

        await using var db = engine.Db();
        var recorded = await db.UsageRecords.Where(u => u.ProjectId == project).SumAsync(u => u.CostMicros, Ct);
        var lastEvent = await db.Events.Where(e => e.ProjectId == project).OrderByDescending(e => e.Sequence).Select(e => e.OccurredAt).FirstAsync(Ct);
        Assert.Equal((ProjectStatus.Completed, 1, PlanStatus.Approved), (row.Status, row.PlanVersion, row.PlanStatus));
        Assert.Equal(new ProjectProgress(4, 4, 0, 0), row.Progress);
        Assert.True(recorded > 0, "the tiers are priced");
        Assert.Equal(Money.ToUsd(recorded), row.SpentUsd);
        Assert.Equal(2m, row.BudgetUsd);
        Assert.Equal(lastEvent, row.LastActivityAt);
    }

    private static object Priced(string key, string tier, params string[] dependsOn) => new
    {
        key,
        title = $"Task {key}",
        kind = "writing",
        complexity = "low",
        tier,
        depends_on = dependsOn,
    };

    private static async Task SetStatusAsync(OrchDbContext db, Guid planId, string key, PlanTaskStatus status) =>
        await db.PlanTasks.Where(t => t.PlanId == planId && t.Key == key).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, status), Ct);

    /// <summary>A model call of the project, through the ledger as the engine records one.</summary>
    private static async Task SpendAsync(TestStore store, Guid projectId, long micros)
    {
        var ledger = store.Get<BudgetLedger>();
        var reservation = await ledger.ReserveAsync(micros, projectId, null, Ct);
        await ledger.CommitAsync(reservation.Id, new UsageRecord(Guid.NewGuid(), UsagePurpose.Execution, "offline", "offline-rules", "small", 100, 100, micros, 5, store.Clock.GetUtcNow(), projectId));
    }

    private static async Task AddProjectsAsync(TestStore store, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var project = await store.Get<ProjectService>().CreateAsync(new NewProject($"p{Guid.NewGuid():N}", BudgetUsd: 1m), Ct);
            await store.Get<PlanService>().CreateDraftFromJsonAsync(project.Id, "three", ThreeTasks, PlanSource.Manual, Ct);
            await SpendAsync(store, project.Id, 100_000);
        }
    }

    /// <summary>How many database commands <paramref name="read"/> sent to this store's database.</summary>
    private static async Task<int> CountQueriesAsync(TestStore store, Func<Task> read)
    {
        string? connectionString;
        await using (var db = store.Db())
        {
            // As the contexts have it: storage may have added settings to the configured one.
            connectionString = db.Database.GetConnectionString();
        }

        using var counter = new CommandCounter(connectionString);
        await read();
        return counter.Count;
    }

    /// <summary>Counts the commands EF Core executes on one database, from its diagnostic events (tests of other databases run alongside).</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string? connectionString;
        private readonly IDisposable all;
        private readonly List<IDisposable> listeners = [];
        private int count;

        public CommandCounter(string? connectionString)
        {
            this.connectionString = connectionString;
            all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count => Volatile.Read(ref count);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (listeners)
                {
                    listeners.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data
                && data.Context?.Database.GetConnectionString() == connectionString)
            {
                Interlocked.Increment(ref count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            all.Dispose();
            lock (listeners)
            {
                listeners.ForEach(l => l.Dispose());
            }
        }
    }
}
