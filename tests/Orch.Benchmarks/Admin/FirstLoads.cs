using Orch.Benchmarks.Mcp;

namespace Orch.Benchmarks.Admin;

/// <summary>What the first-load runs measured: times in ms, the app's CPU in ms, the page's size, and idle memory.</summary>
internal sealed record FirstLoads(
    Samples Cold,
    Samples ColdHeaders,
    Samples ColdCpu,
    Samples Warm,
    double WarmCpuPerLoad,
    int Bytes,
    Samples StartedIn,
    MemoryUse IdleMemory);
