using BenchmarkDotNet.Running;
using Orch.Benchmarks.Execution;

// dotnet run -c Release --project tests/Orch.Benchmarks -- --filter '*'      (BenchmarkDotNet suites)
// dotnet run -c Release --project tests/Orch.Benchmarks -- engine 1000 10000 (the engine end to end)
if (args is ["engine", .. var rest])
{
    await EngineBench.RunAsync(rest);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
