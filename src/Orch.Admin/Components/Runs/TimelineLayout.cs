using System.Globalization;
using Orch.Core.Execution;

namespace Orch.Admin.Components.Runs;

/// <summary>
/// Where each attempt of a run goes on a Gantt timeline: one lane per task, a bar per attempt from its start to
/// its end (to now while it runs), placed in percent of a time axis from the first start to the last end, so the
/// drawing fits any width. The axis spans every row; lanes are made for one page of rows only, so a plan of
/// thousands of tasks costs one page of bars per drawing.
/// </summary>
public sealed class TimelineLayout
{
    /// <summary>A bar is at least this wide (percent), so that an attempt of a few milliseconds still shows.</summary>
    public const double MinBarWidth = 0.4;

    private const int MaxTicks = 6;

    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
        TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(7),
    ];

    private TimelineLayout(DateTimeOffset start, DateTimeOffset end, IReadOnlyList<TimelineTick> ticks, IReadOnlyList<TimelineLane> lanes)
    {
        Start = start;
        End = end;
        Ticks = ticks;
        Lanes = lanes;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public IReadOnlyList<TimelineTick> Ticks { get; }

    /// <summary>The lanes of the page asked for, in the rows' order.</summary>
    public IReadOnlyList<TimelineLane> Lanes { get; }

    /// <summary>Lays out rows <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> on an axis that spans all <paramref name="rows"/>.</summary>
    public static TimelineLayout Of(IReadOnlyList<TimelineRow> rows, DateTimeOffset now, int skip = 0, int take = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(rows);
        DateTimeOffset? first = null;
        DateTimeOffset? last = null;
        foreach (var span in rows.SelectMany(r => r.Attempts))
        {
            if (span.StartedAt is not { } started)
            {
                continue;
            }

            var ended = EndOf(started, span.EndedAt, now);
            first = first is null || started < first ? started : first;
            last = last is null || ended > last ? ended : last;
        }

        if (first is not { } start)
        {
            return new TimelineLayout(now, now, [], [.. rows.Skip(skip).Take(take).Select(r => new TimelineLane(r.Key, r.Title, []))]);
        }

        // A run of one instant still gets an axis a second long.
        var end = last!.Value > start ? last.Value : start.AddSeconds(1);
        var length = (end - start).TotalMilliseconds;
        double At(DateTimeOffset time) => Math.Clamp((time - start).TotalMilliseconds / length * 100, 0, 100);

        var lanes = new List<TimelineLane>();
        foreach (var row in rows.Skip(skip).Take(take))
        {
            var bars = new List<TimelineBar>(row.Attempts.Count);
            foreach (var span in row.Attempts.Where(a => a.StartedAt is not null))
            {
                var from = span.StartedAt!.Value;
                var to = EndOf(from, span.EndedAt, now);
                var left = At(from);
                var width = Math.Max(MinBarWidth, At(to) - left);
                // A bar at the axis's end is moved left rather than drawn past it.
                left = Math.Min(left, 100 - width);
                var outcome = span.EndedAt is null ? "running" : span.Status.ToString().ToLowerInvariant();
                bars.Add(new TimelineBar(span.Attempt, outcome, Math.Round(left, 3), Math.Round(width, 3), Label(row.Key, span, from, to, outcome)));
            }

            lanes.Add(new TimelineLane(row.Key, row.Title, bars));
        }

        return new TimelineLayout(start, end, TicksOf(start, end), lanes);
    }

    private static DateTimeOffset EndOf(DateTimeOffset started, DateTimeOffset? ended, DateTimeOffset now) =>
        ended ?? (now > started ? now : started);

    /// <summary>Marks at round times (every 1 s, 5 s, 1 min, 1 h…), at most <see cref="MaxTicks"/> of them.</summary>
    private static List<TimelineTick> TicksOf(DateTimeOffset start, DateTimeOffset end)
    {
        var length = end - start;
        var step = Steps.FirstOrDefault(s => length / s <= MaxTicks, TimeSpan.FromDays(Math.Ceiling(length.TotalDays / MaxTicks)));
        var format = length >= TimeSpan.FromDays(1) ? "MM-dd HH:mm" : step < TimeSpan.FromMinutes(1) ? "HH:mm:ss" : "HH:mm";
        var ticks = new List<TimelineTick>();
        var first = new DateTimeOffset((start.UtcTicks + step.Ticks - 1) / step.Ticks * step.Ticks, TimeSpan.Zero);
        for (var at = first; at <= end; at += step)
        {
            ticks.Add(new TimelineTick(Math.Round((at - start).TotalMilliseconds / length.TotalMilliseconds * 100, 3), at.UtcDateTime.ToString(format, CultureInfo.InvariantCulture)));
        }

        return ticks;
    }

    private static string Label(string key, AttemptSpan span, DateTimeOffset from, DateTimeOffset to, string outcome) =>
        string.Create(CultureInfo.InvariantCulture, $"{key} · attempt {span.Attempt} · {outcome} · {span.Tier ?? "no tier"}{(span.Model is { } model ? " / " + model : string.Empty)} · {from.UtcDateTime:HH:mm:ss}–{to.UtcDateTime:HH:mm:ss} UTC ({Duration(to - from)})");

    /// <summary>A length as people say it: 850 ms, 12.3 s, 4 min 05 s, 2 h 10 min.</summary>
    public static string Duration(TimeSpan length) => length switch
    {
        { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{length.TotalMilliseconds:0} ms"),
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{length.TotalSeconds:0.0} s"),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)length.TotalMinutes} min {length.Seconds:00} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)length.TotalHours} h {length.Minutes:00} min"),
    };
}
