namespace Orch.Admin.Dashboard;

/// <summary>The live dashboard's log lines.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading {Reading} for the dashboard failed; the pages keep the last value until the next change")]
    public static partial void ReadFailed(ILogger logger, string reading, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A page watching {Reading} could not be told of a new value; it has most likely just closed")]
    public static partial void NotifyFailed(ILogger logger, string reading, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for events of other processes failed; trying again in {Seconds} s")]
    public static partial void TailFailed(ILogger logger, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The dashboard feed fell behind the event hub and subscribed again")]
    public static partial void Resubscribed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warmed up the dashboard's reads on project {ProjectId}")]
    public static partial void WarmedUp(ILogger logger, Guid projectId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warming up the dashboard's reads failed; the first pages prepare them themselves")]
    public static partial void WarmUpFailed(ILogger logger, Exception exception);
}
