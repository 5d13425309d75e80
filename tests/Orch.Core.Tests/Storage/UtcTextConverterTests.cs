using System.Globalization;
using Orch.Core.Storage;

namespace Orch.Core.Tests.Storage;

public sealed class UtcTextConverterTests
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    [Theory]
    [InlineData("0001-01-01T00:00:00.0000000Z")]
    [InlineData("2024-02-29T23:59:59.9999999Z")]
    [InlineData("2026-11-22T08:30:00.1234567Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    public void Reads_what_the_exact_pattern_reads(string text)
    {
        var expected = new DateTimeOffset(DateTime.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

        var parsed = UtcTextConverter.Parse(text);

        Assert.Equal(expected, parsed);
        Assert.Equal(expected.Ticks, parsed.Ticks);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
    }

    [Fact]
    public void Round_trips_any_instant_and_offset()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 10_000; i++)
        {
            var instant = new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay), TimeSpan.Zero)
                .ToOffset(TimeSpan.FromMinutes(random.Next(-14 * 60, (14 * 60) + 1)));

            var text = UtcTextConverter.Format(instant);

            Assert.Equal(28, text.Length);
            Assert.Equal(instant.UtcTicks, UtcTextConverter.Parse(text).UtcTicks);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-13-01T00:00:00.0000000Z")]
    [InlineData("2026-02-30T00:00:00.0000000Z")]
    [InlineData("2026-11-22T24:00:00.0000000Z")]
    [InlineData("2026-11-22T08:60:00.0000000Z")]
    [InlineData("2026-11-22T08:30:00.00000x0Z")]
    [InlineData("2026-11-22 08:30:00.0000000Z")]
    [InlineData("2026-11-22T08:30:00Z")]
    public void Refuses_text_of_any_other_shape(string text) =>
        Assert.Throws<FormatException>(() => UtcTextConverter.Parse(text));
}
