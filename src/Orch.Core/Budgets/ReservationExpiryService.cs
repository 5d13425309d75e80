using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orch.Core.Budgets;

/// <summary>Gives back, once a minute, the money held by calls whose holder died before settling them.</summary>
internal sealed partial class ReservationExpiryService(IServiceProvider services, TimeProvider clock, ILogger<ReservationExpiryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not in the constructor: hosted services are built before the options are
        // validated, and a bad setting must be reported with all the others.
        var ledger = services.GetRequiredService<BudgetLedger>();
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        do
        {
            try
            {
                var released = await ledger.ReleaseExpiredAsync(stoppingToken);
                if (released > 0)
                {
                    LogReleased(logger, released);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A busy or briefly unreachable database: the next round tries again.
                LogFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released {Count} budget reservations whose holders never settled them")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release expired budget reservations: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
