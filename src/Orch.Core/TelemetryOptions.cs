namespace Orch.Core;

/// <summary>Exporting Orch's traces and metrics, under <c>Orch:Telemetry</c>. Off unless an endpoint is given.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Orch:Telemetry";

    /// <summary>An OpenTelemetry collector's OTLP/HTTP base address, e.g. <c>http://localhost:4318</c>; empty for no export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The service name the exported data carries.</summary>
    public string ServiceName { get; set; } = "orch";
}
