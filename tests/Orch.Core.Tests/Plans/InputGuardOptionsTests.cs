using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

public sealed class InputGuardOptionsTests
{
    [Fact]
    public void Defaults_BlockInjectionAndSecrets_AndRedactPersonalData()
    {
        var options = new InputGuardOptions();

        Assert.True(options.Enabled);
        Assert.Equal(GuardPolicy.Block, options.PromptInjection);
        Assert.Equal(GuardPolicy.Block, options.ApiKey);
        Assert.Equal(GuardPolicy.Block, options.PrivateKey);
        Assert.Equal(GuardPolicy.Redact, options.CreditCard);
        Assert.Equal(GuardPolicy.Redact, options.Email);
        Assert.Equal(GuardPolicy.Redact, options.PhoneNumber);
        Assert.Equal(GuardPolicy.Redact, options.Iban);
        Assert.Equal("Orch:Guard", InputGuardOptions.SectionName);
    }

    [Fact]
    public void EveryKind_HasASettingOfTheSameName()
    {
        // The validator and InputBlockedException name keys as Orch:Guard:{kind}; those keys must exist.
        foreach (var kind in Enum.GetValues<GuardFindingKind>())
        {
            var property = typeof(InputGuardOptions).GetProperty(kind.ToString());
            Assert.True(property is { CanWrite: true } && property.PropertyType == typeof(GuardPolicy), $"No setting for {kind}.");

            var options = new InputGuardOptions();
            property!.SetValue(options, GuardPolicy.Allow);
            Assert.Equal(GuardPolicy.Allow, options.PolicyFor(kind));
        }
    }

    [Fact]
    public void Validator_NamesTheFullKey_OfAnUndefinedPolicy()
    {
        var options = new InputGuardOptions { Email = (GuardPolicy)7, ApiKey = (GuardPolicy)(-1) };

        var result = new InputGuardOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            ["Orch:Guard:ApiKey must be Block, Redact or Allow (was -1).", "Orch:Guard:Email must be Block, Redact or Allow (was 7)."],
            result.Failures);
    }

    [Fact]
    public void Validator_AcceptsTheDefaults()
    {
        Assert.True(new InputGuardOptionsValidator().Validate(null, new InputGuardOptions()).Succeeded);
    }

    [Fact]
    public void Binding_ReadsPolicies_IgnoringCase()
    {
        using var services = Services(new() { ["Orch:Guard:Email"] = "allow", ["Orch:Guard:ApiKey"] = "Redact", ["Orch:Guard:Enabled"] = "false" });

        var options = services.GetRequiredService<IOptions<InputGuardOptions>>().Value;

        Assert.Equal(GuardPolicy.Allow, options.Email);
        Assert.Equal(GuardPolicy.Redact, options.ApiKey);
        Assert.False(options.Enabled);
        Assert.Equal(GuardPolicy.Block, options.PromptInjection);
    }

    [Fact]
    public void Binding_FailsNamingTheKey_ForAMisspeltPolicy()
    {
        using var services = Services(new() { ["Orch:Guard:Email"] = "Blok" });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => services.GetRequiredService<IOptions<InputGuardOptions>>().Value);

        Assert.Contains("Orch:Guard:Email", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binding_FailsNamingTheKey_ForANumberOutsideTheEnum()
    {
        using var services = Services(new() { ["Orch:Guard:CreditCard"] = "9" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<InputGuardOptions>>().Value);

        Assert.Contains("Orch:Guard:CreditCard must be Block, Redact or Allow", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The registration the host's AddOrch makes for the guard.</summary>
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<InputGuardOptions>().Bind(configuration.GetSection(InputGuardOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InputGuardOptions>, InputGuardOptionsValidator>());
        services.TryAddSingleton<InputGuard>();
        return services.BuildServiceProvider();
    }
}
