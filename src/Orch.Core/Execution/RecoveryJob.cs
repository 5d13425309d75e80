using Quartz;

namespace Orch.Core.Execution;

/// <summary>
/// Runs <see cref="RunRecovery"/> on a schedule kept in Quartz's store. In a cluster one node runs
/// it at a time; any node can, so recovery outlives the death of any one of them.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RecoveryJob(RunRecovery recovery) : IJob
{
    public const string Name = "orch-recovery";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await recovery.RecoverAsync(cancellationToken);
}
