using System.Globalization;

namespace Orch.Benchmarks.Admin;

/// <summary>What a running process uses, read from <c>/proc</c> (Linux only).</summary>
internal static class ProcessStats
{
    /// <summary>
    /// Resident memory in MiB: now (VmRSS), the part of it that is the process's own (RssAnon: heaps, JIT
    /// code; the rest is mapped files such as the framework's assemblies, shared with other .NET processes),
    /// and the peak (VmHWM).
    /// </summary>
    public static MemoryUse Memory(int processId)
    {
        var fields = File.ReadLines($"/proc/{processId}/status")
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.Ordinal);
        static double Mib(string value) => double.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return new MemoryUse(Mib(fields["VmRSS"]), Mib(fields["RssAnon"]), Mib(fields["VmHWM"]));
    }

    /// <summary>
    /// CPU time (user + system) the process has used so far, in ms (10 ms ticks). Unlike wall time it does
    /// not grow when other work shares the cores, so it tells the dashboard's own work apart from waiting.
    /// </summary>
    public static double CpuMilliseconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // The command name in parentheses may hold spaces; the fields after it are fixed: utime is 14th, stime 15th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 10.0;
    }

    /// <summary>The machine's load averages over 1, 5 and 15 minutes, as <c>uptime</c> shows them.</summary>
    public static string LoadAverage() =>
        string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
