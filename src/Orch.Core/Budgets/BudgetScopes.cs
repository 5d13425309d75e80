using System.Globalization;

namespace Orch.Core.Budgets;

/// <summary>The names of the scopes a spend counts against.</summary>
public static class BudgetScopes
{
    public static string Day(DateTimeOffset at) => "day:" + at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(DateTimeOffset at) => "month:" + at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Project(Guid projectId) => "project:" + projectId.ToString("D");
}
