using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orch.Core.Plans;
using Orch.Core.Storage;
using Orch.Testing;

namespace Orch.Core.Tests;

public sealed class ConfigurationTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    private static string ExampleFile => Path.Combine(HostProcess.RepositoryRoot(), "config", "orch.example.json");

    [Fact]
    public async Task NoConfiguration_StartsOffline_OnTheEmbeddedSqliteFile()
    {
        using var data = new TempDirectory();
        using var host = BuildHost(new() { ["Orch:DataDirectory"] = data.Path });

        await host.StartAsync(Ct);
        await host.StopAsync(Ct);

        var target = host.Services.GetRequiredService<StorageTarget>();
        Assert.Equal(StorageProvider.Sqlite, target.Provider);
        Assert.Equal(Path.Combine(data.Path, "orch.db"), target.SqliteFile);
        Assert.True(File.Exists(target.SqliteFile));
    }

    [Fact]
    public void ExampleFile_DocumentsEverySetting_AndNothingElse()
    {
        var example = new ConfigurationBuilder().AddJsonFile(ExampleFile).Build();
        var documented = example.AsEnumerable().Select(kv => kv.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var known = OrchConfiguration.Sections.Keys.SelectMany(OrchConfiguration.KnownKeys).ToList();

        var undocumented = known.Where(k => !documented.Contains(k)).ToList();
        Assert.True(undocumented.Count == 0, "Not in the example file: " + string.Join(", ", undocumented));
        Assert.Empty(OrchConfiguration.FindUnknownKeys(example));
    }

    [Fact]
    public async Task ExampleFile_IsValid_AndItsValuesAreTheDefaults()
    {
        using var data = new TempDirectory();
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(ExampleFile)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Orch:DataDirectory"] = data.Path })
            .Build();
        var host = Host.CreateEmptyApplicationBuilder(new());
        host.Services.AddOrch(configuration);
        using var built = host.Build();

        await built.StartAsync(Ct);
        await built.StopAsync(Ct);

        var storage = built.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var defaults = new StorageOptions();
        Assert.Equal((defaults.BusyTimeoutMs, defaults.CommandTimeoutSeconds, defaults.SqliteSynchronous), (storage.BusyTimeoutMs, storage.CommandTimeoutSeconds, storage.SqliteSynchronous));
        Assert.Equal(new PlanOptions().MaxTasks, built.Services.GetRequiredService<IOptions<PlanOptions>>().Value.MaxTasks);
    }

    [Theory]
    [InlineData("Orch:Storage:BusyTimeoutMs", "-1", "between 0 and 600000")]
    [InlineData("Orch:Storage:BusyTimeoutMs", "abc", "'abc'")]
    [InlineData("Orch:Storage:CommandTimeoutSeconds", "0", "between 1 and 3600")]
    [InlineData("Orch:Storage:SqliteSynchronous", "Sometimes", "'Sometimes'")]
    [InlineData("Orch:Storage:ConnectionString", "Data Source=:memory:", "in-memory")]
    [InlineData("Orch:Storage:ConnectionString", "Flavour=vanilla", "neither a SQLite file")]
    [InlineData("Orch:Storage:ConnectionString", "Host=localhost;Port=notanumber", "not a valid PostgreSQL connection string")]
    [InlineData("Orch:Storage:ConnectionString", "this is not a connection string", "ConnectionString")]
    [InlineData("Orch:Plans:MaxTasks", "0", "between 1 and 100000")]
    [InlineData("Orch:Plans:MaxTasks", "100001", "between 1 and 100000")]
    [InlineData("Orch:Storage:ConectionString", "x", "not a setting Orch knows")]
    [InlineData("Orch:Planz:MaxTasks", "5", "not a setting Orch knows")]
    [InlineData("Orch:Models:Providers:offline:Knd", "Offline", "not a setting Orch knows")]
    [InlineData("Orch:Models:Tiers:0:Nmae", "local", "not a setting Orch knows")]
    [InlineData("Orch:Models:PlanningTier", "huge", "not configured")]
    [InlineData("Orch:Models:Routing:Code:Extreme", "local", "is not a complexity")]
    [InlineData("Orch:Models:Providers:offline:CircuitFailureRatio", "7", "between 0.01 and 1")]
    [InlineData("Orch:Guard:Email", "Maybe", "Orch:Guard:Email")]
    public async Task InvalidSetting_RefusesStartUp_NamingTheKey_AndWritesNothing(string key, string value, string expected)
    {
        using var data = new TempDirectory();
        using var host = BuildHost(new() { ["Orch:DataDirectory"] = data.Path, [key] = value });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(Ct));

        var message = OrchHost.DescribeStartupFailure(error);
        Assert.NotNull(message);
        Assert.Contains(key, message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(data.Path));
    }

    [Theory]
    [InlineData("Orch:Models:Routing:Cooking:Low", "local", "Orch:Models:Routing:Cooking is not a task kind")]
    [InlineData("Orch:Models:Providers:offline:Kind", "Ollama", "Orch:Models:Tiers:0: InputUsdPerMillion and OutputUsdPerMillion must be set for the tier 'local' on Ollama")]
    public async Task InvalidSetting_RefusesStartUp_NamingTheKeyToFix(string key, string value, string expected)
    {
        using var data = new TempDirectory();
        using var host = BuildHost(new() { ["Orch:DataDirectory"] = data.Path, [key] = value });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(Ct));

        Assert.Contains(expected, OrchHost.DescribeStartupFailure(error), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(data.Path));
    }

    [Fact]
    public async Task AnthropicProvider_NeedsAKey_FromConfigurationOrEnvironment()
    {
        using var data = new TempDirectory();
        using var host = BuildHost(new() { ["Orch:DataDirectory"] = data.Path, ["Orch:Models:Providers:claude:Kind"] = "Anthropic" });

        if (Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") is { Length: > 0 })
        {
            // The machine running the tests has a key in its environment: the provider may use it.
            await host.StartAsync(Ct);
            await host.StopAsync(Ct);
            return;
        }

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(Ct));
        Assert.Contains("Orch:Models:Providers:claude:ApiKey is empty and ANTHROPIC_API_KEY is not set", OrchHost.DescribeStartupFailure(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralInvalidSettings_AreAllReported()
    {
        using var data = new TempDirectory();
        using var host = BuildHost(new()
        {
            ["Orch:DataDirectory"] = data.Path,
            ["Orch:Storage:BusyTimeoutMs"] = "-5",
            ["Orch:Plans:MaxTasks"] = "0",
            ["Orch:Unknown"] = "1",
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(Ct));

        var message = OrchHost.DescribeStartupFailure(error)!;
        Assert.Contains("Orch:Storage:BusyTimeoutMs", message, StringComparison.Ordinal);
        Assert.Contains("Orch:Plans:MaxTasks", message, StringComparison.Ordinal);
        Assert.Contains("Orch:Unknown", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataDirectoryThatIsAFile_RefusesStartUp_Clearly()
    {
        using var data = new TempDirectory();
        var file = Path.Combine(data.Path, "not-a-folder");
        await File.WriteAllTextAsync(file, "x", Ct);
        using var host = BuildHost(new() { ["Orch:DataDirectory"] = file });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(Ct));

        Assert.Contains(file, OrchHost.DescribeStartupFailure(error), StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentStyleKeys_OverrideTheFile()
    {
        using var data = new TempDirectory();
        var configDir = Directory.CreateDirectory(Path.Combine(data.Path, "config")).FullName;
        File.WriteAllText(Path.Combine(configDir, "orch.json"), """{ "Orch": { "Plans": { "MaxTasks": 7 }, "Storage": { "BusyTimeoutMs": 99 } } }""");
        var configuration = new ConfigurationBuilder()
            .AddOrchSources(data.Path)
            // What AddEnvironmentVariables makes of Orch__Plans__MaxTasks=9.
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Orch:Plans:MaxTasks"] = "9" })
            .Build();

        Assert.Equal("9", configuration["Orch:Plans:MaxTasks"]);
        Assert.Equal("99", configuration["Orch:Storage:BusyTimeoutMs"]);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOrch(builder.Configuration);
        return builder.Build();
    }
}
