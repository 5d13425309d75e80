using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orch.Core.Models;

/// <summary>Checks every provider now and then, so that the router skips one that is down before a task waits on it.</summary>
public sealed partial class ProviderHealthMonitor(
    ProviderRegistry registry,
    ProviderStatusBoard board,
    IOptions<ModelOptions> options,
    TimeProvider clock,
    ILogger<ProviderHealthMonitor> logger) : BackgroundService
{
    /// <summary>Checks each provider once, in parallel; a probe gets at most its provider's time-out.</summary>
    public async Task CheckAllAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(registry.Names.Select(name => CheckAsync(name, cancellationToken)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HealthCheckSeconds), clock);
        do
        {
            await CheckAllAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task CheckAsync(string name, CancellationToken cancellationToken)
    {
        var entry = registry.Get(name);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(entry.Options.TimeoutSeconds));
        try
        {
            var up = await entry.Probe(limit.Token);
            board.ReportHealth(name, up, up ? "answered" : "refused the health check", clock.GetUtcNow());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Whatever a probe throws marks the provider down; it must never stop the monitor or the host.
            LogDown(logger, name, ex.Message);
            board.ReportHealth(name, false, ex.Message, clock.GetUtcNow());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {Provider} failed its health check: {Reason}")]
    private static partial void LogDown(ILogger logger, string provider, string reason);
}
