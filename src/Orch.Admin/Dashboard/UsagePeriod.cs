using Orch.Core.Budgets;

namespace Orch.Admin.Dashboard;

/// <summary>The periods the usage page offers, and the one it and the CSV download start with.</summary>
internal static class UsagePeriod
{
    public const int DefaultDays = 30;

    public static IReadOnlyList<int> Choices { get; } = [1, 7, 30, 90];

    /// <summary>Whether a usage report or download may cover this many days (today included).</summary>
    public static bool IsValid(int days) => days is >= 1 and <= UsageReader.MaxDays;

    public static string Label(int days) => days == 1 ? "Today" : $"{days} days";
}
