using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orch.Core.Budgets;
using Orch.Core.Execution;
using Orch.Core.Events;
using Orch.Core.Models;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Storage;
using Orch.Core.Tools;
using Orch.Core.Storage.Schema;

namespace Orch.Core;

/// <summary>The one way a host wires Orch.Core.</summary>
public static class OrchServiceCollectionExtensions
{
    /// <summary>
    /// Registers Orch's options (validated when the host starts: a bad value stops start-up with
    /// the key named), storage, the schema upgrade that runs at start-up, and the application services.
    /// </summary>
    public static IServiceCollection AddOrch(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(configuration);

        services.AddOptions<OrchOptions>().Bind(configuration.GetSection(OrchOptions.SectionName)).ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddOptions<PlanOptions>().Bind(configuration.GetSection(PlanOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrchOptions>, OrchOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlanOptions>, PlanOptionsValidator>());
        services.AddOptions<ModelOptions>().Bind(configuration.GetSection(ModelOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ModelOptions>, ModelDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>());
        services.AddOptions<BudgetOptions>().Bind(configuration.GetSection(BudgetOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BudgetOptions>, BudgetOptionsValidator>());
        services.AddOptions<InputGuardOptions>().Bind(configuration.GetSection(InputGuardOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InputGuardOptions>, InputGuardOptionsValidator>());

        services.TryAddSingleton(sp => StorageTarget.Resolve(
            sp.GetRequiredService<IOptions<OrchOptions>>().Value.ResolveDataDirectory(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<EventHub>();
        services.TryAddSingleton<EventPublishingInterceptor>();
        services.AddDbContextFactory<OrchDbContext>((sp, builder) => builder
            .UseOrchStorage(sp.GetRequiredService<StorageTarget>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value)
            .AddInterceptors(sp.GetRequiredService<EventPublishingInterceptor>()));
        services.TryAddSingleton<SchemaUpgrader>();
        services.TryAddSingleton(sp => new GroupCommit(sp.GetRequiredService<IDbContextFactory<OrchDbContext>>(), sp.GetRequiredService<EventPublishingInterceptor>()));

        // First among hosted services: nothing may touch the database before its schema is current.
        if (!services.Any(d => d.ImplementationType == typeof(SchemaUpgradeService)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, SchemaUpgradeService>());
        }

        services.TryAddSingleton<ProviderRegistry>();
        services.TryAddSingleton<ProviderStatusBoard>();
        services.TryAddSingleton<IProviderStatus>(sp => sp.GetRequiredService<ProviderStatusBoard>());
        services.TryAddSingleton<ModelRouter>();
        services.TryAddSingleton<OrchTelemetry>();
        services.TryAddSingleton<MeteredChat>();
        services.TryAddSingleton<ProviderHealthMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ProviderHealthMonitor>());

        services.TryAddSingleton<EventFactory>();
        services.TryAddSingleton<BudgetLedger>();
        services.TryAddSingleton<UsageReader>();
        services.TryAddSingleton<UsageCsv>();
        services.TryAddSingleton<Dashboard.OverviewReader>();
        services.TryAddSingleton<ProviderReader>();
        services.TryAddSingleton<SettingsReader>();
        services.TryAddSingleton<Dashboard.ServicesReader>();
        services.AddHostedService<ReservationExpiryService>();
        services.TryAddSingleton<InputGuard>();
        services.TryAddSingleton<PlanForecaster>();
        services.TryAddSingleton<Planner>();
        services.TryAddSingleton<PlanningService>();
        services.TryAddSingleton<ProjectService>();
        services.TryAddSingleton<PlanService>();
        services.TryAddSingleton<ProjectListReader>();
        services.TryAddSingleton<ApprovalQueueReader>();
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        services.AddHostedService<TelemetryExport>();
        services.AddOrchExecution(configuration);
        services.AddOrchTools();
        return services;
    }
}
