namespace Orch.Admin.Dashboard;

/// <summary>What <see cref="DashboardFeed"/> keeps fresh: a reading that knows whether anyone watches it.</summary>
internal interface IRefreshable
{
    bool IsWatched { get; }

    /// <summary>Reads once and hands the value to every watcher; does nothing but forget the last value when unwatched.</summary>
    Task RefreshAsync(CancellationToken cancellationToken);
}
