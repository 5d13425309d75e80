using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orch.Testing;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port, for testing production HTTP clients against a
/// provider's wire format. Each request is recorded (method, path, headers, body) and answered by the next scripted
/// response, or by <see cref="Fallback"/> when the script has run out. Stopped on dispose.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Queue<Func<LoopbackRequest, LoopbackResponse>> script = new();
    private readonly List<LoopbackRequest> received = [];
    private readonly Lock gate = new();

    private LoopbackServer(WebApplication app)
    {
        this.app = app;
        app.Run(HandleAsync);
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234</c>, without a trailing slash.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Answers requests the script does not cover; by default a 500 that says nothing was scripted.</summary>
    public Func<LoopbackRequest, LoopbackResponse> Fallback { get; set; } =
        request => LoopbackResponse.Text($"loopback server: no response scripted for {request.Method} {request.Path}", status: 500);

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<LoopbackRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    public LoopbackRequest LastRequest => Requests is { Count: > 0 } all ? all[^1] : throw new InvalidOperationException("No request has arrived.");

    public static async Task<LoopbackServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Nothing of the machine or the test's output folder (ASPNETCORE_URLS, an appsettings.json with Kestrel
        // endpoints) may move the server off its loopback port.
        builder.Configuration.Sources.Clear();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var server = new LoopbackServer(builder.Build());
        await server.app.StartAsync(cancellationToken);
        server.BaseUrl = server.app.Urls.Single().TrimEnd('/');
        return server;
    }

    /// <summary>Answers the next request with <paramref name="response"/>.</summary>
    public LoopbackServer Enqueue(LoopbackResponse response) => Enqueue(_ => response);

    /// <summary>Answers the next request with whatever <paramref name="respond"/> makes of it.</summary>
    public LoopbackServer Enqueue(Func<LoopbackRequest, LoopbackResponse> respond)
    {
        lock (gate)
        {
            script.Enqueue(respond);
        }

        return this;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new LoopbackRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? string.Empty, headers, body);
        Func<LoopbackRequest, LoopbackResponse> respond;
        lock (gate)
        {
            received.Add(request);
            respond = script.Count > 0 ? script.Dequeue() : Fallback;
        }

        var response = respond(request);
        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up waiting, which is what a delay is there to provoke
            }
        }

        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }
}
