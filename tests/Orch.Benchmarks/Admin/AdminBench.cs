using System.Diagnostics;
using System.Globalization;
using System.Net;
using Orch.Benchmarks.Mcp;
using Orch.Testing;

namespace Orch.Benchmarks.Admin;

/// <summary>
/// Orch.Admin as its users meet it: the built app started as a real process (<see cref="AdminProcess"/>) in
/// Production, on loopback, on a copy of a SQLite database that holds a large project mid-run
/// (<see cref="MidRunData"/>), with no API key (the offline provider) and running no task itself. Measures
/// the server time of a page's first load (cold, after start and sign-in) and of later loads; how fast the
/// app answers page loads and a UI action of a live page while another process completes tasks at a steady
/// rate on the same database, and whether the live page shows that work; and idle memory — against targets.
/// Usage: dotnet run -c Release --project tests/Orch.Benchmarks -- admin [--runs 10] [--page /projects/{id}] [--tasks 1000] [--app path/to/Orch.Admin.dll]
/// </summary>
internal static class AdminBench
{
    /// <summary>Loads after the first in each start.</summary>
    private const int WarmLoads = 10;

    /// <summary>Page loads and UI round trips timed before the load starts.</summary>
    private const int QuietRounds = 20;

    /// <summary>Untimed rounds first, so that the quiet numbers are not the live page's own warm-up.</summary>
    private const int WarmUpRounds = 3;

    private const string UserName = "bench";
    private const string Password = "Correct-horse-7";

    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(string[] args)
    {
        var options = AdminBenchOptions.Parse(args);
        AdminProcess.ChosenDll = options.App;
        var ct = CancellationToken.None;
        var loadBefore = ProcessStats.LoadAverage();
        // Enough projects alike that the load never runs out of ready tasks, with a fifth to spare.
        var projects = (int)Math.Ceiling(options.Rate * options.Load.TotalSeconds * 1.2 / MidRunData.LeftPerProject(options.Tasks));
        Console.Error.WriteLine($"load average {loadBefore} on {Environment.ProcessorCount} cores; seeding {projects} project(s) of {options.Tasks:N0} tasks, run half way by the engine…");
        using var data = await MidRunData.CreateAsync(options.Tasks, projects, ct);
        var page = options.Page.Replace("{id}", data.ProjectIds[0].ToString(), StringComparison.Ordinal);
        var mix = string.Join(", ", data.Viewed.TaskCounts.OrderByDescending(c => c.Value).Select(c => $"{c.Value:N0} {c.Key.ToLowerInvariant()}"));
        Console.Error.WriteLine($"seeded in {data.SeededIn.TotalSeconds:F1} s; the viewed project: {mix}; page {page}");

        var rows = new List<ReportRow>();
        Console.Error.WriteLine($"first loads: {options.Runs} start(s) of the app, {WarmLoads} more loads each…");
        var first = await FirstLoadsAsync(data, page, options.Runs, ct);
        rows.Add(ReportRow.Timing($"first load, server time: the first GET after start and sign-in ({options.Runs} starts)", first.Cold, 500));
        rows.Add(ReportRow.Timing("… its time to the response's headers", first.ColdHeaders, null));
        rows.Add(ReportRow.Timing("… the app's CPU time for it (10 ms ticks)", first.ColdCpu, null));
        rows.Add(ReportRow.Timing($"later loads, server time (GETs 2–{WarmLoads + 1} of each start)", first.Warm, 500));
        rows.Add(new ReportRow("… the app's CPU time per later load", "—", $"{first.WarmCpuPerLoad:F1} ms", null));
        rows.Add(new ReportRow("response size", "—", $"{first.Bytes:N0} bytes ({first.Bytes / 1024.0:F0} KiB)", null));
        rows.Add(ReportRow.Timing("app start → /ready", first.StartedIn, null));

        var serverGc = AdminProcess.ServerGcConfigured();
        rows.Add(new ReportRow($"idle RSS after start, sign-in, one load, {Idle.TotalSeconds:F0} s; {Gc(serverGc)} GC (as built)", "< 250 MiB", first.IdleMemory.ToString(), first.IdleMemory.RssMib < 250));
        Console.Error.WriteLine($"idle memory with the {Gc(!serverGc)} GC…");
        var other = await IdleMemoryAsync(data, page, !serverGc, ct);
        rows.Add(new ReportRow($"… the same with the {Gc(!serverGc)} GC (DOTNET_gcServer={(serverGc ? 0 : 1)})", "—", other.ToString(), null));

        Console.Error.WriteLine($"responsiveness: {QuietRounds} quiet rounds, then {options.Rate:F0} tasks/s for {options.Load.TotalSeconds:F0} s…");
        var live = await ResponsivenessAsync(data, page, options, ct);
        rows.Add(ReportRow.Timing("page GET, server time, quiet", live.QuietLoads, null));
        rows.Add(ReportRow.Timing($"page GET, server time, while {options.Rate:F0} tasks/s complete", live.BusyLoads, 500));
        rows.Add(ReportRow.Timing("UI round trip on the run view (timeline pager: click → server's render drawn), quiet", live.QuietPagerTrips, null));
        rows.Add(ReportRow.Timing($"UI round trip on the run view, while {options.Rate:F0} tasks/s complete", live.BusyPagerTrips, 200));
        rows.Add(ReportRow.Timing("dark-mode toggle round trip (restyles the whole page), quiet", live.QuietToggleTrips, null));
        rows.Add(ReportRow.Timing($"dark-mode toggle round trip, while {options.Rate:F0} tasks/s complete", live.BusyToggleTrips, null));
        rows.Add(new ReportRow(
            "tasks completed by the other process",
            $"≥ {options.Rate * 0.95:F0}/s",
            $"{live.Driven.Completed:N0} in {live.Driven.Elapsed.TotalSeconds:F1} s = {live.Driven.PerSecond:F1}/s, over {projects} project(s)",
            live.Driven.PerSecond >= options.Rate * 0.95));
        var every = live.BusyUpdates.Bursts == 0 ? "never" : $"one every {live.Driven.Elapsed.TotalSeconds / live.BusyUpdates.Bursts:F1} s";
        var firstAfter = live.FirstUpdateMs is { } ms ? $", the first {ms / 1000:F1} s after the load began" : string.Empty;
        rows.Add(new ReportRow(
            "the live page's content changed (bursts of changes) while the load ran",
            "≥ 1 per 3 s",
            $"{live.BusyUpdates.Bursts} ({every}){firstAfter}; quiet: {live.QuietUpdates.Bursts}",
            live.BusyUpdates.Bursts >= live.Driven.Elapsed.TotalSeconds / 3));
        rows.Add(new ReportRow("the app's CPU while the load ran", "—", $"{live.BusyCpuShare:P0} of one core", null));
        rows.Add(new ReportRow("the other process's CPU per task completed (claim + completion in Core)", "—", $"{live.DriverCpuPerTask:F1} ms", null));
        rows.Add(new ReportRow("page open → circuit live (browser)", "—", $"{live.OpenedIn.TotalMilliseconds:F0} ms", null));
        rows.Add(new ReportRow("RSS after the load, one live page open", "—", live.Memory.ToString(), null));
        rows.Add(new ReportRow("browser console errors", "0", live.Errors.Count == 0 ? "0" : $"{live.Errors.Count}: {live.Errors[0]}", live.Errors.Count == 0));

        Console.WriteLine();
        Console.WriteLine($"Orch.Admin, page `{options.Page}` on a project of {options.Tasks:N0} tasks ({mix}) among {projects} alike;");
        Console.WriteLine($"SQLite, offline provider with priced tiers, the app running no task itself (Orch__Execution__RunTasks=false). Load average {loadBefore} before, {ProcessStats.LoadAverage()} after, {Environment.ProcessorCount} cores.");
        Console.WriteLine();
        Console.WriteLine("| measure | target | measured | result |");
        Console.WriteLine("| --- | ---: | ---: | :---: |");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.Measure} | {row.Target} | {row.Measured} | {row.Result} |");
        }
    }

    /// <summary>
    /// Each run on a fresh copy of the data: start the app, register the first account through the form, then
    /// load the page once cold and <see cref="WarmLoads"/> times more. The first run also idles after its
    /// first load, for the idle memory.
    /// </summary>
    private static async Task<FirstLoads> FirstLoadsAsync(MidRunData data, string page, int runs, CancellationToken cancellationToken)
    {
        var cold = new List<PageLoad>();
        var coldCpu = new List<double>();
        var warm = new List<PageLoad>();
        var warmCpu = 0.0;
        var startedIn = new List<double>();
        MemoryUse? idle = null;
        for (var run = 0; run < runs; run++)
        {
            await using var session = await SignedInAppAsync(data, new Dictionary<string, string?>(), cancellationToken);
            var app = session.App;
            startedIn.Add(app.StartedIn.TotalMilliseconds);
            var cpu = app.CpuMilliseconds();
            cold.Add(await session.LoadAsync(page, cancellationToken));
            coldCpu.Add(app.CpuMilliseconds() - cpu);
            if (run == 0)
            {
                await Task.Delay(Idle, cancellationToken);
                idle = app.Memory();
            }

            cpu = app.CpuMilliseconds();
            for (var i = 0; i < WarmLoads; i++)
            {
                warm.Add(await session.LoadAsync(page, cancellationToken));
            }

            warmCpu += app.CpuMilliseconds() - cpu;
        }

        return new FirstLoads(
            Samples.Of(cold.Select(l => l.CompleteMs)),
            Samples.Of(cold.Select(l => l.HeadersMs)),
            Samples.Of(coldCpu),
            Samples.Of(warm.Select(l => l.CompleteMs)),
            warmCpu / warm.Count,
            cold[^1].Bytes,
            Samples.Of(startedIn),
            idle!);
    }

    private static async Task<MemoryUse> IdleMemoryAsync(MidRunData data, string page, bool gcServer, CancellationToken cancellationToken)
    {
        await using var session = await SignedInAppAsync(data, new Dictionary<string, string?> { ["DOTNET_gcServer"] = gcServer ? "1" : "0" }, cancellationToken);
        await session.LoadAsync(page, cancellationToken);
        await Task.Delay(Idle, cancellationToken);
        return session.App.Memory();
    }

    /// <summary>
    /// One start; a browser keeps the page open and live throughout. Quiet rounds first (a page GET, then a UI
    /// round trip), then the same rounds for as long as the other process completes tasks.
    /// </summary>
    private static async Task<Responsiveness> ResponsivenessAsync(MidRunData data, string page, AdminBenchOptions options, CancellationToken cancellationToken)
    {
        await using var session = await SignedInAppAsync(data, new Dictionary<string, string?>(), cancellationToken);
        var app = session.App;
        await using var driver = await CompletionDriver.StartAsync(session.DataDirectory, data.Size, cancellationToken);
        await using var browser = await BrowserProbe.OpenAsync(app.BaseAddress, session.Cookies, page);
        for (var i = 0; i < WarmUpRounds; i++)
        {
            await session.LoadAsync(page, cancellationToken);
            await browser.TimelinePagerRoundTripAsync();
            await browser.ThemeToggleRoundTripAsync();
        }

        await browser.TakeUpdatesAsync();
        var quietLoads = new List<double>();
        var quietPagerTrips = new List<double>();
        var quietToggleTrips = new List<double>();
        for (var i = 0; i < QuietRounds; i++)
        {
            quietLoads.Add((await session.LoadAsync(page, cancellationToken)).CompleteMs);
            quietPagerTrips.Add(await browser.TimelinePagerRoundTripAsync());
            quietToggleTrips.Add(await browser.ThemeToggleRoundTripAsync());
        }

        var quietUpdates = await browser.TakeUpdatesAsync();
        var busyLoads = new List<double>();
        var busyPagerTrips = new List<double>();
        var busyToggleTrips = new List<double>();
        var cpu = app.CpuMilliseconds();
        var ownCpu = ProcessStats.CpuMilliseconds(Environment.ProcessId);
        var started = Stopwatch.GetTimestamp();
        var load = driver.RunAsync(options.Rate, options.Load, data.HeldRuns, cancellationToken);
        while (!load.IsCompleted)
        {
            busyLoads.Add((await session.LoadAsync(page, cancellationToken)).CompleteMs);
            busyPagerTrips.Add(await browser.TimelinePagerRoundTripAsync());
            busyToggleTrips.Add(await browser.ThemeToggleRoundTripAsync());
        }

        var driven = await load;
        var busyCpu = (app.CpuMilliseconds() - cpu) / Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        // Mostly the driver's: the bench's HTTP client and Playwright's .NET side use little, Chromium runs apart.
        var driverCpu = (ProcessStats.CpuMilliseconds(Environment.ProcessId) - ownCpu) / Math.Max(1, driven.Completed);
        // The feed notices another process's events within its 2 s tail, then re-reads and renders: wait that out.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var sinceStart = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var busyUpdates = await browser.TakeUpdatesAsync();
        return new Responsiveness(
            Samples.Of(quietLoads),
            Samples.Of(quietPagerTrips),
            Samples.Of(quietToggleTrips),
            Samples.Of(busyLoads),
            Samples.Of(busyPagerTrips),
            Samples.Of(busyToggleTrips),
            driven,
            quietUpdates,
            busyUpdates,
            busyUpdates.FirstAgoMs is { } ago ? sinceStart - ago : null,
            busyCpu,
            driverCpu,
            browser.OpenedIn,
            app.Memory(),
            browser.Errors);
    }

    /// <summary>The app on a fresh copy of the data, running no task, with the first account registered through its form.</summary>
    private static async Task<SignedInApp> SignedInAppAsync(MidRunData data, Dictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var directory = await data.CopyAsync(cancellationToken);
        AdminProcess? app = null;
        try
        {
            settings["Orch:Execution:RunTasks"] = "false";
            foreach (var (key, value) in CoreHost.SharedSettings(data.Size))
            {
                settings[key] = value;
            }

            app = await AdminProcess.StartAsync(directory, settings, cancellationToken);
            var cookies = new CookieContainer();
            var client = app.CreateClient(cookies);
            await DashboardForms.RegisterAsync(client, UserName, Password, cancellationToken);
            return new SignedInApp(app, client, cookies, directory);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    private static string Gc(bool server) => server ? "server" : "workstation";
}
