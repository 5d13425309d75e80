using Orch.Admin.Components;
using Orch.Admin.Framework;
using Orch.Admin.Health;
using Orch.Core;
using Radzen;

namespace Orch.Admin;

/// <summary>Wires the dashboard: Orch.Core, Blazor Server with Radzen, and the health endpoints.</summary>
public static class AdminSetup
{
    public static IServiceCollection AddOrchAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOrch(configuration);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static WebApplication UseOrchAdmin(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapBlazorScript();
        // Liveness: the process answers. Readiness: the database does too.
        app.MapHealthChecks("/health", new() { Predicate = _ => false });
        app.MapHealthChecks("/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
