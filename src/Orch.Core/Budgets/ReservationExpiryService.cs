using Microsoft.Extensions.Hosting;

namespace Orch.Core.Budgets;

/// <summary>Gives back, once a minute, the money held by calls whose holder died before settling them.</summary>
internal sealed class ReservationExpiryService(BudgetLedger ledger, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        do
        {
            await ledger.ReleaseExpiredAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
