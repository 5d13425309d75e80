using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Orch.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
