using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orch.Core;
using Orch.Core.Plans;

namespace Orch.Benchmarks.Plans;

/// <summary>
/// What the planner does around the model call for a 500-task plan: find the JSON in the answer,
/// read it, validate it as a graph against the configured tiers, fill in tiers and costs, forecast.
/// </summary>
[MemoryDiagnoser]
public class PlannerOverheadBenchmarks
{
    private string answer = string.Empty;
    private PlanForecaster forecaster = null!;
    private ServiceProvider services = null!;
    private List<string> tiers = [];

    [Params(500)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var graph = RandomPlans.Graph(Tasks, Tasks * 3, seed: 500);
        var document = RandomPlans.Document(graph);
        answer = "Here is the plan you asked for.\n```json\n" + PlanDocumentReader.Write(document) + "\n```\nLet me know if anything should change.";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Orch:DataDirectory"] = Path.GetTempPath() }).Build();
        services = new ServiceCollection().AddLogging().AddOrch(configuration).BuildServiceProvider();
        forecaster = services.GetRequiredService<PlanForecaster>();
        tiers = ["local", "small", "large"];
        if (Overhead().ExpectedUsd < 0)
        {
            throw new InvalidOperationException("unreachable");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    [Benchmark]
    public PlanForecast Overhead()
    {
        var document = PlanDocumentReader.Read(LenientJson.Extract(answer), 1_000);
        var validation = PlanValidator.Validate(document, 1_000, tiers).EnsureValid();
        var completed = forecaster.Complete(validation.Tasks, PlanSource.Model);
        return forecaster.Forecast(completed, budgetMicros: 50_000_000, spentMicros: 1_000_000);
    }
}
