using Quartz;

namespace Orch.Core.Execution;

/// <summary>Fires when a retried task's backoff is over: wakes the dispatcher of the node it fires on.</summary>
public sealed class RetryWakeJob(DispatchSignal signal) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        signal.Notify();
        return ValueTask.CompletedTask;
    }
}
