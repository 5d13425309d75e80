namespace Orch.Benchmarks.Admin;

/// <summary>Resident memory of a process in MiB: VmRSS, its anonymous part, and the peak VmHWM.</summary>
internal sealed record MemoryUse(double RssMib, double AnonymousMib, double PeakMib)
{
    public override string ToString() => $"VmRSS {RssMib:F1} MiB (anonymous {AnonymousMib:F1}), VmHWM {PeakMib:F1} MiB";
}
