using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orch.Core;
using Orch.Testing;

namespace Orch.Core.Tests.Hosting;

/// <summary>OrchHost.RunAsync with real hosts: how a run ends decides the process's exit code.</summary>
public sealed class OrchHostTests
{
    [Fact]
    public async Task StopAskedForWhileStarting_EndsNormally_AndStopsWhatHadStarted()
    {
        var journal = new List<string>();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(journal);
        builder.Services.AddHostedService<StopsTheApplication>();
        builder.Services.AddHostedService<WaitsForCancellation>();
        using var errors = new StringWriter();

        var exitCode = await OrchHost.RunAsync(builder.Build(), errors, TestTimeout.Token);

        Assert.Equal(0, exitCode);
        Assert.Equal("", errors.ToString());
        Assert.Equal(["started: stopper", "cancelled: waiter", "stopped: stopper"], journal);
    }

    [Fact]
    public async Task FailureWhileStarting_ThatIsABug_IsNotHiddenAsAStop()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddHostedService<Throws>();
        using var errors = new StringWriter();

        await Assert.ThrowsAsync<TaskCanceledException>(() => OrchHost.RunAsync(builder.Build(), errors, TestTimeout.Token));
    }

    /// <summary>What an MCP transport does when its client closes stdin before start-up is over.</summary>
    private sealed class StopsTheApplication(IHostApplicationLifetime lifetime, List<string> journal) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            journal.Add("started: stopper");
            lifetime.StopApplication();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            journal.Add("stopped: stopper");
            return Task.CompletedTask;
        }
    }

    /// <summary>A slow start (a schema upgrade) that honours the start-up token.</summary>
    private sealed class WaitsForCancellation(List<string> journal) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                journal.Add("cancelled: waiter");
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>A cancellation nobody asked for: a fault, which must surface.</summary>
    private sealed class Throws : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => throw new TaskCanceledException("not a stop");

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
