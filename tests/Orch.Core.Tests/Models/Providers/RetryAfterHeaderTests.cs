using Orch.Core.Models.Providers;

namespace Orch.Core.Tests.Models.Providers;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "7", 7_000)]
    [InlineData(null, " 0 ", 0)]
    [InlineData(null, "1.5", 1_500)]
    [InlineData("250", "7", 250)]
    [InlineData("250.5", null, 250.5)]
    [InlineData("nonsense", "4", 4_000)]
    [InlineData(null, "Sun, 22 Nov 2026 08:01:30 GMT", 90_000)]
    [InlineData(null, "Sun, 22 Nov 2026 07:59:00 GMT", 0)]
    public void Parse_ReadsMillisecondsSecondsAndDates(string? retryAfterMs, string? retryAfter, double expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryAfterHeader.Parse(retryAfterMs, retryAfter, Now));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "")]
    [InlineData(null, "soon")]
    [InlineData(null, "-5")]
    [InlineData("-5", null)]
    [InlineData(null, "99999999999")]
    public void Parse_SaysNothing_ForMissingNegativeOrAbsurdValues(string? retryAfterMs, string? retryAfter)
    {
        Assert.Null(RetryAfterHeader.Parse(retryAfterMs, retryAfter, Now));
    }
}
