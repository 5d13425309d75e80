using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orch.Core;
using Orch.Testing;

namespace Orch.Benchmarks.Admin;

/// <summary>
/// Orch.Core hosted as Orch's own hosts do (<c>AddOrch</c>, hosted services started) on a data directory,
/// with the settings the dashboard gets too: priced tiers on the offline provider, so that work costs
/// money, and caps far above what the bench spends.
/// </summary>
internal static class CoreHost
{
    /// <summary>Settings that the bench's engines and the dashboard's process share.</summary>
    public static Dictionary<string, string?> SharedSettings(int planSize) => new(PricedTiers.Settings())
    {
        // Far above the few dollars the bench spends, but not absurdly so: the overview projects the day the
        // monthly cap runs out, which must stay a date.
        ["Orch:Budget:DailyCapUsd"] = "1000",
        ["Orch:Budget:MonthlyCapUsd"] = "10000",
        ["Orch:Plans:MaxTasks"] = Math.Max(planSize, 1_000).ToString(CultureInfo.InvariantCulture),
    };

    public static async Task<IHost> StartAsync(string dataDirectory, int planSize, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var values = SharedSettings(planSize);
        values["Orch:DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddOrch(builder.Configuration);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Stops the host and lets go of the database file, so that it can be copied or opened by another process.</summary>
    public static async Task StopAsync(IHost host)
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await host.StopAsync(stop.Token);
        }

        host.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
