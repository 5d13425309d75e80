using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Orch.Core;

/// <summary>
/// Sends Orch's traces (task runs, model and tool calls) and metrics to an OpenTelemetry collector
/// over OTLP/HTTP when <see cref="TelemetryOptions.OtlpEndpoint"/> is set; does nothing otherwise.
/// </summary>
internal sealed class TelemetryExport(IOptions<TelemetryOptions> options) : IHostedService, IDisposable
{
    private TracerProvider? tracing;
    private MeterProvider? metrics;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.OtlpEndpoint))
        {
            return Task.CompletedTask;
        }

        Export(settings);
        return Task.CompletedTask;
    }

    // Apart from StartAsync, so that a process exporting nothing never loads the OpenTelemetry SDK.
    private void Export(TelemetryOptions settings)
    {
        var endpoint = settings.OtlpEndpoint!.TrimEnd('/');
        var resource = ResourceBuilder.CreateDefault().AddService(settings.ServiceName);
        tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(OrchTelemetry.Name)
            .AddOtlpExporter(o =>
            {
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                o.Endpoint = new Uri(endpoint + "/v1/traces");
            })
            .Build();
        metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(OrchTelemetry.Name)
            .AddOtlpExporter((o, reader) =>
            {
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                o.Endpoint = new Uri(endpoint + "/v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 10_000;
            })
            .Build();
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Whatever is still buffered goes out before the process ends.
        tracing?.ForceFlush(5_000);
        metrics?.ForceFlush(5_000);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        tracing?.Dispose();
        metrics?.Dispose();
    }
}
