using System.Globalization;

namespace Orch.Admin.Components.Dashboard;

/// <summary>
/// Amounts of money as the dashboard writes them: cents from a dollar up, and enough digits below a dollar
/// that a few cheap calls do not show as $0.00 (amounts are exact to the micro-dollar).
/// </summary>
internal static class Usd
{
    public static string Format(decimal usd)
    {
        var size = Math.Abs(usd);
        // Below a dollar, up to six decimals (a micro-dollar), but no trailing zeros past the cents: $0.50, $0.0375.
        var digits = size >= 1 ? "#,##0.00" : "0.00####";
        return (usd < 0 ? "-$" : "$") + size.ToString(digits, CultureInfo.InvariantCulture);
    }

    /// <summary>For chart axes, where the scale says the precision: whole dollars from $10, else cents or finer.</summary>
    public static string Axis(object value)
    {
        var usd = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        return Math.Abs(usd) >= 10 ? "$" + usd.ToString("#,##0", CultureInfo.InvariantCulture) : Format(usd);
    }
}
