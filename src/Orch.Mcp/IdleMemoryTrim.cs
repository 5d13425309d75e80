using Microsoft.Extensions.Hosting;

namespace Orch.Mcp;

/// <summary>
/// Gives memory back once the server goes quiet. An MCP server spends most of its life idle beside
/// the assistant, and the garbage of start-up (the database model, configuration) or of a burst of
/// large answers stays committed until the next collection, which an idle process never triggers.
/// When at least <see cref="WorthTrimming"/> was allocated since the last trim and less than
/// <see cref="Quiet"/> in the last <see cref="Interval"/>, one full compacting collection returns it.
/// </summary>
internal sealed class IdleMemoryTrim(TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private const long Quiet = 512L << 10;
    private const long WorthTrimming = 8L << 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        var trimmedAt = 0L;
        var previous = GC.GetTotalAllocatedBytes();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var allocated = GC.GetTotalAllocatedBytes();
                if (allocated - previous < Quiet && allocated - trimmedAt >= WorthTrimming)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    trimmedAt = GC.GetTotalAllocatedBytes();
                }

                previous = allocated;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
