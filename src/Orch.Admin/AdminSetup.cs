using Microsoft.AspNetCore.Diagnostics;
using Orch.Admin.Accounts;
using Orch.Admin.Components;
using Orch.Admin.Components.Layout;
using Orch.Admin.Dashboard;
using Orch.Admin.Framework;
using Orch.Admin.Health;
using Orch.Core;
using Radzen;

namespace Orch.Admin;

/// <summary>Wires the dashboard: Orch.Core, accounts, Blazor Server with Radzen, the live feed, the usage download and the health endpoints.</summary>
public static class AdminSetup
{
    /// <summary>The largest message a browser may send the circuit: the longest text Orch takes, in UTF-8 and escaped, with room to spare.</summary>
    public const long MaxCircuitMessageBytes = 1024 * 1024;

    public static IServiceCollection AddOrchAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOrch(configuration);
        services.AddOrchAccounts(configuration);
        // A circuit's messages carry what a person types: requirements may be 100,000 characters (and a field one
        // over, cut by its maxlength, so that Core can say it is too long), beyond SignalR's default of 32 KB.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = MaxCircuitMessageBytes);
        services.AddRadzenComponents();
        services.AddRadzenCookieThemeService(cookie =>
        {
            cookie.Name = DashboardTheme.CookieName;
            cookie.Duration = TimeSpan.FromDays(365);
            cookie.SameSite = CookieSameSiteMode.Lax;
        });
        // One feed per process: it alone subscribes to Orch's events and re-reads what the open pages show.
        services.AddSingleton<DashboardFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardFeed>());
        services.AddSingleton<DashboardReadings>();
        services.AddHostedService<DashboardWarmUp>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: ["ready"]);
        return services;
    }

    public static WebApplication UseOrchAdmin(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // The not-found page is for a browser's GET. A refused POST (a form without its anti-forgery token, a
        // circuit without a sign-in) keeps its own status, and its form is not read a second time.
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }

            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        // Every endpoint needs a signed-in account (the fallback policy) unless it says otherwise: here, what
        // the sign-in page itself loads and the probes; the account and error pages by [AllowAnonymous].
        app.MapStaticAssets().AllowAnonymous();
        app.MapBlazorScript();
        // Liveness: the process answers. Readiness: the database and the scheduler do too.
        app.MapHealthChecks("/health", new() { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/ready", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapUsageCsv();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
