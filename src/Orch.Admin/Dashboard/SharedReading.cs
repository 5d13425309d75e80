namespace Orch.Admin.Dashboard;

/// <summary>
/// One thing the dashboard shows (the overview, a usage report), read for every page that shows it at once.
/// While at least one page watches it, <see cref="DashboardFeed"/> re-reads it once per change window and
/// hands that one value to every watcher, and a page that opens meanwhile takes the same value: N open pages
/// cost one database read per window, not N. Unwatched, it keeps nothing, so nobody gets a stale value.
/// </summary>
/// <typeparam name="T">An immutable value: every watcher gets the same instance.</typeparam>
internal sealed class SharedReading<T> : IRefreshable
    where T : class
{
    private readonly string name;
    private readonly Func<CancellationToken, Task<T>> read;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private Func<T, Task>[] watchers = [];

    // The last read, or the one under way; kept only while someone watches.
    private Task<T>? latest;

    internal SharedReading(string name, Func<CancellationToken, Task<T>> read, ILogger logger)
    {
        this.name = name;
        this.read = read;
        this.logger = logger;
    }

    public bool IsWatched => Volatile.Read(ref watchers).Length > 0;

    /// <summary>
    /// Calls <paramref name="changed"/> with every new value until the returned handle is disposed. A page
    /// passes a callback that hands the value to its renderer (<c>InvokeAsync</c>) and disposes the handle
    /// with itself.
    /// </summary>
    public IDisposable Watch(Func<T, Task> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (gate)
        {
            watchers = [.. watchers, changed];
        }

        return new Watcher(this, changed);
    }

    /// <summary>The value as it stands: the shared one while the reading is watched (the feed keeps it fresh), else a new read.</summary>
    public Task<T> CurrentAsync(CancellationToken cancellationToken)
    {
        Task<T> task;
        lock (gate)
        {
            // A read under way is joined by everyone who asks meanwhile. Its own token is none: it is shared, and
            // one caller giving up must not cancel it for the others; each caller's wait is cancelled alone.
            if (latest is null || latest.IsFaulted || latest.IsCanceled || (latest.IsCompleted && watchers.Length == 0))
            {
                latest = Task.Run(() => read(CancellationToken.None), CancellationToken.None);
            }

            task = latest;
        }

        return task.WaitAsync(cancellationToken);
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        Task<T> task;
        Func<T, Task>[] targets;
        lock (gate)
        {
            targets = watchers;
            if (targets.Length == 0)
            {
                latest = null;
                return;
            }

            task = latest = Task.Run(() => read(cancellationToken), cancellationToken);
        }

        T value;
        try
        {
            value = await task;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The next change tries again; pages keep showing what they have.
            DashboardLog.ReadFailed(logger, name, ex);
            return;
        }

        await Task.WhenAll(targets.Select(changed => NotifyAsync(changed, value)));
    }

    private async Task NotifyAsync(Func<T, Task> changed, T value)
    {
        try
        {
            await changed(value);
        }
        catch (Exception ex)
        {
            // One closed circuit must not keep the value from the others.
            DashboardLog.NotifyFailed(logger, name, ex);
        }
    }

    private void Remove(Func<T, Task> changed)
    {
        lock (gate)
        {
            var index = Array.IndexOf(watchers, changed);
            if (index < 0)
            {
                return;
            }

            watchers = [.. watchers[..index], .. watchers[(index + 1)..]];
            if (watchers.Length == 0)
            {
                // Nobody keeps it fresh from now on.
                latest = null;
            }
        }
    }

    private sealed class Watcher(SharedReading<T> reading, Func<T, Task> changed) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                reading.Remove(changed);
            }
        }
    }
}
