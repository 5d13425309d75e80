using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orch.Core;

/// <summary>Runs a host and turns a refused start-up into a clear message and exit code, not a stack trace.</summary>
public static partial class OrchHost
{
    /// <summary>Exit code of a start-up refused for bad configuration or an unusable database.</summary>
    public const int StartupRefused = 2;

    public static async Task<int> RunAsync(IHost host, TextWriter errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            try
            {
                await host.StartAsync(cancellationToken);
            }
            catch (Exception ex) when (DescribeStartupFailure(ex) is { } message)
            {
                await errors.WriteLineAsync(message);
                // Also into the log files, where people look when an assistant hides the server's stderr.
                var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orch.Host");
                LogRefused(logger, message);
                return StartupRefused;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested
                && host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
            {
                // Asked to stop while still starting (an assistant that closed the server's stdin at
                // once): a normal end, not a crash. What had started is stopped in order.
                await host.StopAsync(CancellationToken.None);
                return 0;
            }

            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
        finally
        {
            // Disposing flushes the loggers, the refusal included.
            if (host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogRefused(ILogger logger, string message);

    /// <summary>The message for a failure that means "fix the configuration or the database", or null for a bug.</summary>
    public static string? DescribeStartupFailure(Exception exception) => exception switch
    {
        OptionsValidationException options =>
            "Orch did not start: the configuration is invalid." + Environment.NewLine +
            string.Join(Environment.NewLine, options.Failures.Select(f => "  - " + f)),
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            "Orch did not start: the configuration is invalid." + Environment.NewLine +
            string.Join(Environment.NewLine, aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(o => o.Failures).Select(f => "  - " + f)),
        // The configuration binder names the key whose value has the wrong type.
        InvalidOperationException binder when binder.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            "Orch did not start: the configuration is invalid." + Environment.NewLine + "  - " + binder.Message,
        FileNotFoundException missing when missing.Message.Contains(OrchConfiguration.ConfigFileVariable, StringComparison.Ordinal) =>
            "Orch did not start: " + missing.Message,
        OrchException orch => "Orch did not start: " + orch.Message,
        System.Data.Common.DbException db => "Orch did not start: the database could not be used: " + db.Message,
        // EF Core wraps connection failures ("likely due to a transient failure"); the cause is inside.
        { InnerException: { } inner } => DescribeStartupFailure(inner),
        _ => null,
    };
}
