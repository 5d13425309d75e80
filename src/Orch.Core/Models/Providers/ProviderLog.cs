using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Orch.Core.Models.Providers;

/// <summary>The provider clients' log lines. Failure messages are already cleaned of keys by <see cref="ProviderFailures"/>.</summary>
internal static partial class ProviderLog
{
    public static void Answered(ILogger logger, string provider, ChatResponse response, TimeProvider clock, long started)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var elapsed = clock.GetElapsedTime(started);
            Answered(logger, provider, response.ModelId, (long)elapsed.TotalMilliseconds, response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
        }
    }

    public static void Failed(ILogger logger, string provider, ProviderException failure, TimeProvider clock, long started)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var elapsed = clock.GetElapsedTime(started);
            Failed(logger, provider, (long)elapsed.TotalMilliseconds, failure.IsTransient, failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Provider {Provider} answered with {Model} in {ElapsedMs} ms: {InputTokens} input, {OutputTokens} output tokens")]
    private static partial void Answered(ILogger logger, string provider, string? model, long elapsedMs, long? inputTokens, long? outputTokens);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Provider {Provider} call failed after {ElapsedMs} ms (transient: {Transient}): {Reason}")]
    private static partial void Failed(ILogger logger, string provider, long elapsedMs, bool transient, string reason);
}
