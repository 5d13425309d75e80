using BenchmarkDotNet.Running;
using Orch.Benchmarks.Admin;
using Orch.Benchmarks.Execution;
using Orch.Benchmarks.Mcp;

// dotnet run -c Release --project tests/Orch.Benchmarks -- --filter '*'      (BenchmarkDotNet suites)
// dotnet run -c Release --project tests/Orch.Benchmarks -- engine 1000 10000 (the engine end to end)
// dotnet run -c Release --project tests/Orch.Benchmarks -- mcp [--runs 10]   (the MCP server: cold start, tools/list size, idle memory, status)
// dotnet run -c Release --project tests/Orch.Benchmarks -- admin [--runs 10] [--page /projects/{id}] [--tasks 1000]
//                                                                           (the dashboard: first load, responsiveness under load, idle memory)
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

if (args is ["admin", .. var adminArgs])
{
    await AdminBench.RunAsync(adminArgs);
    return;
}

// Orch.Admin's generated Program is public too: the suites are found through a type of this assembly's own.
BenchmarkSwitcher.FromAssembly(typeof(EngineBench).Assembly).Run(args);
