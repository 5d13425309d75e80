using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Orch.Core.Hosting;

/// <summary>Adds Orch's daily log file to a host's logging.</summary>
public static class OrchFileLoggingExtensions
{
    /// <summary>The folder under the data directory that holds the log files.</summary>
    public const string LogsFolder = "logs";

    /// <summary>
    /// Logs to <c>{data directory}/logs/{fileNamePrefix}-yyyyMMdd.log</c> as well, the data directory being
    /// <c>Orch:DataDirectory</c> or its default. Nothing is created until the first entry is written; a
    /// directory that cannot be written is reported once on stderr and the host runs without the file.
    /// </summary>
    public static ILoggingBuilder AddOrchFile(this ILoggingBuilder builder, IConfiguration configuration, string fileNamePrefix)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(OrchOptions.SectionName).Get<OrchOptions>() ?? new OrchOptions();
        return builder.AddOrchFile(Path.Combine(options.ResolveDataDirectory(), LogsFolder), fileNamePrefix);
    }

    /// <summary>Logs to <c>{directory}/{fileNamePrefix}-yyyyMMdd.log</c> as well; see <see cref="FileLoggerProvider"/>.</summary>
    public static ILoggingBuilder AddOrchFile(this ILoggingBuilder builder, string directory, string fileNamePrefix)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileNamePrefix);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, FileLoggerProvider>(services =>
            new FileLoggerProvider(directory, fileNamePrefix, services.GetService<TimeProvider>() ?? TimeProvider.System, Console.Error)));
        return builder;
    }
}
