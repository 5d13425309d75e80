namespace Orch.Core.Tests.Models.Offline;

/// <summary>
/// A requirements text and what a sensible plan of it must show: how many tasks, which task waits
/// for which (named by a word of each title), and which may run side by side.
/// </summary>
public sealed record OfflinePlanCase(
    string Name,
    string Requirements,
    int Tasks,
    (string Task, string WaitsFor)[] Waits,
    (string A, string B)[] Parallel)
{
    public override string ToString() => Name;
}
