using Quartz;

namespace Orch.Benchmarks.Execution;

/// <summary>The bare-Quartz baseline: a job that only counts its firing.</summary>
public sealed class NoOpJob : IJob
{
    private static int fired;
    private static TaskCompletionSource allFired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static int expected;

    public static Task Reset(int count)
    {
        fired = 0;
        expected = count;
        allFired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return allFired.Task;
    }

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref fired) == expected)
        {
            allFired.TrySetResult();
        }

        return ValueTask.CompletedTask;
    }
}
