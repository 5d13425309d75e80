using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orch.Admin.Accounts;
using Orch.Core;
using Orch.Testing;

namespace Orch.Admin.Tests.Accounts;

/// <summary>
/// The dashboard's account services (Identity on Orch's database) in-process, on a fresh SQLite file or
/// PostgreSQL database whose schema Orch's upgrader made. No web host: each operation takes a scope,
/// as one request would.
/// </summary>
internal sealed class AccountStore : IAsyncDisposable
{
    private readonly TestStore store;

    private AccountStore(TestStore store)
    {
        this.store = store;
    }

    public StoreKind Kind => store.Kind;

    public static async Task<AccountStore> CreateAsync(StoreKind kind, CancellationToken cancellationToken) =>
        new(await TestStore.CreateAsync(kind, cancellationToken));

    /// <summary>The account services with these settings on top of the store's; dispose after use.</summary>
    public ServiceProvider Services(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(store.Configuration)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOrch(configuration);
        services.AddOrchAccounts(configuration);
        // A store, not a running host.
        services.RemoveAll<IHostedService>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
