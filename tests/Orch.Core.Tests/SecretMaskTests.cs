namespace Orch.Core.Tests;

/// <summary>What the dashboard may show of a setting: secrets by name hidden whole, secrets inside values hidden in place.</summary>
public sealed class SecretMaskTests
{
    [Theory]
    [InlineData("Orch:Models:Providers:anthropic:ApiKey")]
    [InlineData("Orch:Models:Providers:anthropic:apikey")]
    [InlineData("Orch:Telemetry:Key")]
    [InlineData("Orch:Something:ClientSecret")]
    [InlineData("Orch:Storage:Password")]
    [InlineData("Orch:Storage:DB_PWD")]
    [InlineData("Orch:Hooks:AccessToken")]
    [InlineData("Orch:Hooks:Credentials")]
    [InlineData("Orch:Hooks:SigningKeys:0")]
    [InlineData("PRIVATEKEY")]
    public void IsSecretKey_WhenTheLastNamedPartSoundsSecret(string key) => Assert.True(SecretMask.IsSecretKey(key));

    [Theory]
    [InlineData("Orch:Models:Providers:keystore:Kind")]
    [InlineData("Orch:Storage:ConnectionString")]
    [InlineData("Orch:Models:Providers:anthropic:BaseUrl")]
    [InlineData("Orch:Models:Tiers:0:Name")]
    [InlineData("Orch:Models:Tiers:0")]
    [InlineData("")]
    public void IsNotSecretKey_OtherwiseWhateverTheEarlierParts(string key) => Assert.False(SecretMask.IsSecretKey(key));

    [Fact]
    public void Apply_HidesASecretSettingWhole_ButLeavesAnEmptyOneEmpty()
    {
        Assert.Equal(SecretMask.Hidden, SecretMask.Apply("Orch:Models:Providers:a:ApiKey", "sk-test-SECRET123"));
        Assert.Equal("", SecretMask.Apply("Orch:Models:Providers:a:ApiKey", ""));
        Assert.Null(SecretMask.Apply("Orch:Models:Providers:a:ApiKey", null));
        Assert.Equal("large", SecretMask.Apply("Orch:Models:PlanningTier", "large"));
    }

    [Theory]
    [InlineData("Host=db;Database=orch;Username=orch;Password=hunter2", "Host=db;Database=orch;Username=orch;Password=••••••")]
    [InlineData("Host=db;password = hunter2 ;Database=orch", "Host=db;password=••••••;Database=orch")]
    [InlineData("Host=db;Pwd=\"a;b\"\"c\";Database=orch", "Host=db;Pwd=••••••;Database=orch")]
    [InlineData("Server=x;Password='it''s;me'", "Server=x;Password=••••••")]
    [InlineData("Data Source=/var/orch/orch.db", "Data Source=/var/orch/orch.db")]
    [InlineData("https://ana:hunter2@proxy.example:8443/v1", "https://ana:••••••@proxy.example:8443/v1")]
    [InlineData("http://localhost:11434", "http://localhost:11434")]
    [InlineData("https://api.example/v1?api_key=abc123&model=x", "https://api.example/v1?api_key=••••••&model=x")]
    [InlineData("https://api.example/v1?model=x&access_token=abc123#top", "https://api.example/v1?model=x&access_token=••••••#top")]
    public void MaskInside_HidesPasswordsAndKeysInsideAValue_AndNothingElse(string value, string shown)
    {
        Assert.Equal(shown, SecretMask.MaskInside(value));
        Assert.Equal(shown, SecretMask.Apply("Orch:Storage:ConnectionString", value));
    }
}
