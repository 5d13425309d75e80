using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orch.Core;
using Orch.Core.Hosting;
using Orch.Mcp;
using Orch.Mcp.Prompts;
using Orch.Mcp.Resources;
using Orch.Mcp.Tools;

// Stdout carries the MCP protocol and nothing else: every log line goes to stderr.
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
try
{
    builder.Configuration.AddOrchSources(Directory.GetCurrentDirectory());
}
catch (FileNotFoundException ex)
{
    await Console.Error.WriteLineAsync("Orch did not start: " + ex.Message);
    return OrchHost.StartupRefused;
}

builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
// And to <data directory>/logs/orch-mcp-yyyyMMdd.log: assistants often hide or drop a server's stderr.
builder.Logging.AddOrchFile(builder.Configuration, "orch-mcp");
builder.Logging.SetMinimumLevel(LogLevel.Information);
// A refused start-up is reported once, plainly, by OrchHost; not also as a stack trace.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
// OrchHost writes that report to stderr itself; the log file gets it as an entry.
builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>("Orch.Host", LogLevel.None);
// Every SQL statement at Information would bury the log; EF's warnings and errors still show.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

builder.Services.AddOrch(builder.Configuration);
builder.Services.AddSingleton<ExecutionProgress>();
builder.Services.AddSingleton<ResourceSubscriptions>();
builder.Services.AddHostedService<ResourceNotifier>();
builder.Services.AddHostedService<IdleMemoryTrim>();
var transportFrom = builder.Services.Count;
builder.Services
    .AddMcpServer(options => options.ServerInfo = new() { Name = "orch", Version = typeof(OrchHost).Assembly.GetName().Version?.ToString(3) ?? "0.1.0" })
    .WithStdioServerTransport()
    .WithMessageFilters(filters => filters.AddIncomingFilter(StartupGate.Hold))
    .WithRequestFilters(filters => filters
        .AddCallToolFilter(CallTiming.Measure)
        .AddCallToolFilter(OrchErrorFilter.Translate)
        .AddReadResourceFilter(OrchErrorFilter.Translate))
    .WithStructuredReplyTools<ProjectTools>()
    .WithStructuredReplyTools<PlanTools>()
    .WithStructuredReplyTools<RunTools>()
    .WithStructuredReplyTools<AssistantTools>()
    .WithPrompts<OrchPrompts>()
    .WithResources<OrchResources>()
    .WithSubscribeToResourcesHandler((context, ct) => context.Services!.GetRequiredService<ResourceSubscriptions>().SubscribeAsync(context, ct))
    .WithUnsubscribeFromResourcesHandler((context, ct) => context.Services!.GetRequiredService<ResourceSubscriptions>().UnsubscribeAsync(context, ct));

// The handshake is answered while storage and the scheduler start; StartupGate holds the rest.
StartupGate.StartFirst(builder.Services, transportFrom);

return await OrchHost.RunAsync(builder.Build(), Console.Error);
