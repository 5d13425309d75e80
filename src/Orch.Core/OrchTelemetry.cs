using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orch.Core;

/// <summary>
/// Orch's traces and metrics, under the name <c>Orch</c>: attach any OpenTelemetry exporter to the
/// <see cref="ActivitySource"/> and the meter to see task runs and model calls.
/// </summary>
public sealed class OrchTelemetry : IDisposable
{
    public const string Name = "Orch";

    private readonly Meter meter;

    public OrchTelemetry()
    {
        meter = new Meter(Name);
        TasksStarted = meter.CreateCounter<long>("orch.tasks.started", description: "Task runs started");
        TasksEnded = meter.CreateCounter<long>("orch.tasks.ended", description: "Task runs ended, by outcome");
        ModelCalls = meter.CreateCounter<long>("orch.model.calls", description: "Model calls, by tier and purpose");
        Tokens = meter.CreateCounter<long>("orch.model.tokens", unit: "{token}", description: "Tokens in and out");
        Cost = meter.CreateCounter<long>("orch.model.cost", unit: "µUSD", description: "What model calls cost");
        RunDuration = meter.CreateHistogram<double>("orch.tasks.duration", unit: "ms", description: "How long a task run took");
        DispatchLatency = meter.CreateHistogram<double>("orch.tasks.dispatch_latency", unit: "ms", description: "From ready to started");
    }

    public static ActivitySource Source { get; } = new(Name);

    public Counter<long> TasksStarted { get; }

    public Counter<long> TasksEnded { get; }

    public Counter<long> ModelCalls { get; }

    public Counter<long> Tokens { get; }

    public Counter<long> Cost { get; }

    public Histogram<double> RunDuration { get; }

    public Histogram<double> DispatchLatency { get; }

    public void Dispose() => meter.Dispose();
}
