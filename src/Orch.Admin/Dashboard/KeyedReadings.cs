namespace Orch.Admin.Dashboard;

/// <summary>
/// Shared readings of one kind, one per key (a project, a task, a period), made on first request and kept
/// for the life of the process: every page that shows the same thing watches the same reading.
/// </summary>
internal sealed class KeyedReadings<TKey, T>(DashboardFeed feed, Func<TKey, string> name, Func<TKey, CancellationToken, Task<T>> read)
    where TKey : notnull
    where T : class
{
    private readonly Lock gate = new();
    private readonly Dictionary<TKey, SharedReading<T>> readings = [];

    public SharedReading<T> For(TKey key)
    {
        // Under a lock, so that two pages asking at once share one reading rather than each keeping its own.
        lock (gate)
        {
            if (!readings.TryGetValue(key, out var reading))
            {
                reading = feed.Add(name(key), cancellationToken => read(key, cancellationToken));
                readings.Add(key, reading);
            }

            return reading;
        }
    }
}
