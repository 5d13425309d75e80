namespace Orch.Core.Execution;

/// <summary>Wakes this process's dispatcher: a task may have become ready, or a slot free.</summary>
public sealed class DispatchSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up is enough.
        }
    }

    public void Dispose() => signal.Dispose();

    /// <summary>Waits for a signal or until <paramref name="timeout"/>, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
