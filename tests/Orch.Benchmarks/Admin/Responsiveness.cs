using Orch.Benchmarks.Mcp;

namespace Orch.Benchmarks.Admin;

/// <summary>What the responsiveness run measured, quiet and while the other process completed tasks (times in ms).</summary>
internal sealed record Responsiveness(
    Samples QuietLoads,
    Samples QuietPagerTrips,
    Samples QuietToggleTrips,
    Samples BusyLoads,
    Samples BusyPagerTrips,
    Samples BusyToggleTrips,
    DriverResult Driven,
    PageUpdates QuietUpdates,
    PageUpdates BusyUpdates,
    double? FirstUpdateMs,
    double BusyCpuShare,
    double DriverCpuPerTask,
    TimeSpan OpenedIn,
    MemoryUse Memory,
    IReadOnlyList<string> Errors);
