using BenchmarkDotNet.Attributes;
using Orch.Core.Events;

namespace Orch.Benchmarks.Events;

/// <summary>Fan-out of committed events to in-process subscribers (target: at least 100,000 events/s).</summary>
[MemoryDiagnoser]
public class EventHubBenchmarks
{
    private const int Events = 100_000;
    private OrchEvent[] batch = [];

    [Params(1, 4)]
    public int Subscribers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var project = Guid.CreateVersion7();
        batch = [.. Enumerable.Range(0, Events).Select(i => new OrchEvent("task.completed", DateTimeOffset.UnixEpoch, project, null, "{}"))];
    }

    /// <summary>100,000 events published in batches of 100 (a commit's worth) while each subscriber drains its queue on its own thread.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public async Task PublishAndDeliver()
    {
        var hub = new EventHub();
        var subscriptions = Enumerable.Range(0, Subscribers).Select(_ => hub.Subscribe(capacity: Events)).ToList();
        var readers = subscriptions.Select(s => Task.Run(async () =>
        {
            var count = 0;
            while (count < Events && await s.Reader.WaitToReadAsync())
            {
                while (s.Reader.TryRead(out _))
                {
                    count++;
                }
            }

            return count;
        })).ToList();

        for (var i = 0; i < Events; i += 100)
        {
            hub.Publish(new ArraySegment<OrchEvent>(batch, i, 100));
        }

        foreach (var count in await Task.WhenAll(readers))
        {
            if (count != Events)
            {
                throw new InvalidOperationException($"A subscriber got {count} of {Events} events.");
            }
        }

        subscriptions.ForEach(s => s.Dispose());
    }
}
