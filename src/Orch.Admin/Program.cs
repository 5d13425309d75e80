using Orch.Admin;
using Orch.Core;
using Orch.Core.Hosting;

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.Configuration.AddOrchSources(Directory.GetCurrentDirectory());
}
catch (FileNotFoundException ex)
{
    await Console.Error.WriteLineAsync("Orch did not start: " + ex.Message);
    return OrchHost.StartupRefused;
}

// A refused start-up is reported once, plainly, by OrchHost; not also as a stack trace.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
// OrchHost writes that report to stderr itself.
builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>("Orch.Host", LogLevel.None);
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) && string.IsNullOrEmpty(builder.Configuration["Kestrel:Endpoints:Http:Url"]))
{
    builder.WebHost.UseUrls(AdminDefaults.Url);
}

// Serve package and project assets (Radzen's scripts and themes) straight from the build output in
// every environment, not only Development; a published app has them in wwwroot and ignores this.
builder.WebHost.UseStaticWebAssets();
// Logs also go to <data directory>/logs/orch-admin-yyyyMMdd.log.
builder.Logging.AddOrchFile(builder.Configuration, "orch-admin");
builder.Services.AddOrchAdmin(builder.Configuration);
var app = builder.Build();
app.UseOrchAdmin();
return await OrchHost.RunAsync(app, Console.Error);
