using BenchmarkDotNet.Running;
using Orch.Benchmarks.Execution;
using Orch.Benchmarks.Mcp;

// dotnet run -c Release --project tests/Orch.Benchmarks -- --filter '*'      (BenchmarkDotNet suites)
// dotnet run -c Release --project tests/Orch.Benchmarks -- engine 1000 10000 (the engine end to end)
// dotnet run -c Release --project tests/Orch.Benchmarks -- mcp [--runs 10]   (the MCP server: cold start, tools/list size, idle memory, status)
if (args is ["engine", .. var rest])
{
    await EngineBench.RunAsync(rest);
    return;
}

if (args is ["mcp", .. var mcpArgs])
{
    await McpBench.RunAsync(mcpArgs);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
