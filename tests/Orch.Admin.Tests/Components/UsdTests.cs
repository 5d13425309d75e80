using Orch.Admin.Components.Dashboard;

namespace Orch.Admin.Tests.Components;

/// <summary>How the dashboard writes amounts: cents from a dollar up, the digits a cheap call needs below one.</summary>
public sealed class UsdTests
{
    [Theory]
    [InlineData("0", "$0.00")]
    [InlineData("1234.5", "$1,234.50")]
    [InlineData("0.5", "$0.50")]
    [InlineData("0.0375", "$0.0375")]
    [InlineData("0.000123", "$0.000123")]
    [InlineData("-2", "-$2.00")]
    public void Format_KeepsSmallAmountsVisible(string usd, string expected) =>
        Assert.Equal(expected, Usd.Format(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture)));
}
