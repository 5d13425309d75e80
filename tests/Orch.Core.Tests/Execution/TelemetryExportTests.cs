using Orch.Testing;

namespace Orch.Core.Tests.Execution;

/// <summary>With an OTLP endpoint configured, task runs and model calls reach a collector over HTTP.</summary>
public sealed class TelemetryExportTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task TracesOfARun_AreSentToTheConfiguredCollector_AsOtlpProtobuf()
    {
        await using var collector = await LoopbackServer.StartAsync(Ct);
        collector.Fallback = _ => new LoopbackResponse(200, string.Empty, "application/x-protobuf");
        var project = Guid.Empty;
        await using (var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, new Dictionary<string, string?> { ["Orch:Telemetry:OtlpEndpoint"] = collector.BaseUrl }))
        {
            project = await engine.RunPlanAsync(TestPlans.Diamond(), Ct);
            await engine.WaitForEndAsync(project, Ct);
        }

        // Stopping the host flushed what was buffered.
        var traces = collector.Requests.Where(r => r.Path == "/v1/traces").ToList();
        Assert.NotEmpty(traces);
        Assert.All(traces, r => Assert.Equal("application/x-protobuf", r.Header("Content-Type")));
        Assert.Contains(traces, r => r.Body.Contains("orch.task_run", StringComparison.Ordinal));
        Assert.Contains(traces, r => r.Body.Contains("orch.model_call", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABadEndpoint_StopsStartUp_NamingTheKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => EngineHost.StartAsync(StoreKind.Sqlite, Ct, new Dictionary<string, string?> { ["Orch:Telemetry:OtlpEndpoint"] = "ftp://collector" }));

        Assert.Contains("Orch:Telemetry:OtlpEndpoint", error.Message, StringComparison.Ordinal);
    }
}
