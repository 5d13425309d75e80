using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orch.Testing;

namespace Orch.Core.Tests;

/// <summary>The settings in effect as the dashboard lists them: every setting, its value or default, where it came from, and never a secret.</summary>
public sealed class SettingsReaderTests
{
    private const string Secret = "sk-test-SECRET123";

    [Fact]
    public void Read_ListsEverySetting_WithItsSource_AndHidesSecrets_FromTheFileAndTheEnvironmentAlike()
    {
        using var data = new TempDirectory();
        var file = Path.Combine(data.Path, "orch.json");
        File.WriteAllText(file, """
            {
              "Orch": {
                "Storage": { "ConnectionString": "Host=db.example;Database=orch;Username=orch;Password=hunter2" },
                "Budget": { "DailyCapUsd": 25 },
                "Admin": { "AllowRegistration": false },
                "Models": {
                  "Providers": {
                    "offline": { "Kind": "Offline" },
                    "anthropic": { "Kind": "Anthropic", "BaseUrl": "https://ana:pw123@proxy.example/v1" }
                  }
                }
              }
            }
            """);
        // A prefix of this test's own, so that the variables reach no other configuration in the process.
        var prefix = $"ORCHTEST{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "Orch__Models__Providers__anthropic__ApiKey", Secret);
        Environment.SetEnvironmentVariable(prefix + "Orch__Execution__MaxAttempts", "5");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Orch:DataDirectory"] = data.Path })
                .AddJsonFile(file)
                .AddEnvironmentVariables(prefix)
                .Build();
            var services = new ServiceCollection().AddLogging().AddOrch(configuration).BuildServiceProvider();
            using var disposeServices = services;

            var lines = services.GetRequiredService<SettingsReader>().Read().ToDictionary(l => l.Key);

            Assert.DoesNotContain(lines.Values, l => l.Value?.Contains("SECRET123", StringComparison.Ordinal) == true);
            Assert.DoesNotContain(lines.Values, l => l.Value?.Contains("hunter2", StringComparison.Ordinal) == true);
            Assert.DoesNotContain(lines.Values, l => l.Value?.Contains("pw123", StringComparison.Ordinal) == true);
            Assert.Equal(new SettingLine("Orch:Models:Providers:anthropic:ApiKey", SecretMask.Hidden, "environment", true), lines["Orch:Models:Providers:anthropic:ApiKey"]);
            var connection = lines["Orch:Storage:ConnectionString"];
            Assert.Equal(("Host=db.example;Database=orch;Username=orch;Password=" + SecretMask.Hidden, true), (connection.Value, connection.Hidden));
            Assert.Equal("file " + file, connection.Source);
            Assert.Equal("https://ana:" + SecretMask.Hidden + "@proxy.example/v1", lines["Orch:Models:Providers:anthropic:BaseUrl"].Value);
            Assert.Equal(("25", false), (lines["Orch:Budget:DailyCapUsd"].Value, lines["Orch:Budget:DailyCapUsd"].IsDefault));
            Assert.Equal(("100", true), (lines["Orch:Budget:MonthlyCapUsd"].Value, lines["Orch:Budget:MonthlyCapUsd"].IsDefault));
            Assert.Equal(("5", "environment"), (lines["Orch:Execution:MaxAttempts"].Value, lines["Orch:Execution:MaxAttempts"].Source));
            Assert.Equal(("false", false), (lines["Orch:Admin:AllowRegistration"].Value, lines["Orch:Admin:AllowRegistration"].IsDefault));
            Assert.Equal(("in memory", data.Path), (lines["Orch:DataDirectory"].Source, lines["Orch:DataDirectory"].Value));
            // Filled in by Orch when the settings name no tiers.
            Assert.Equal(("local", true), (lines["Orch:Models:Tiers:0:Name"].Value, lines["Orch:Models:Tiers:0:Name"].IsDefault));
            Assert.Equal("small", lines["Orch:Models:Routing:Default:Medium"].Value);
            // Numbers and choices cannot hold a secret, whatever their names: they are shown.
            Assert.Equal(("Block", false), (lines["Orch:Guard:ApiKey"].Value, lines["Orch:Guard:ApiKey"].Hidden));
            Assert.Equal("200000", lines["Orch:Execution:MaxTokensPerAttempt"].Value);
            // A secret that is not set says so: empty, not hidden.
            Assert.Equal(("", false), (lines["Orch:Models:Providers:offline:ApiKey"].Value ?? "", lines["Orch:Models:Providers:offline:ApiKey"].Hidden));
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Orch__Models__Providers__anthropic__ApiKey", null);
            Environment.SetEnvironmentVariable(prefix + "Orch__Execution__MaxAttempts", null);
        }
    }

    [Fact]
    public void Read_CoversEveryKnownSettingOfEverySection()
    {
        using var data = new TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Orch:DataDirectory"] = data.Path }).Build();
        using var services = new ServiceCollection().AddLogging().AddOrch(configuration).BuildServiceProvider();

        var keys = services.GetRequiredService<SettingsReader>().Read().Select(l => l.Key).ToList();

        var known = OrchConfiguration.Sections.Keys.SelectMany(OrchConfiguration.KnownKeys).ToList();
        var missing = known.Where(k => !keys.Any(shown => shown.Equals(k, StringComparison.OrdinalIgnoreCase) || shown.StartsWith(k + ":", StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(missing.Count == 0, "Not listed: " + string.Join(", ", missing));
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
