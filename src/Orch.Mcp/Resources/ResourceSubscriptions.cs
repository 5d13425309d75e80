using System.Collections.Concurrent;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Orch.Mcp.Resources;

/// <summary>Which resource URIs the connected client subscribed to, per session.</summary>
public sealed class ResourceSubscriptions
{
    /// <summary>Subscriptions one session may hold; a client asking for more gets a clear error instead of unbounded memory.</summary>
    public const int MaxPerSession = 1_000;

    private readonly ConcurrentDictionary<McpServer, ConcurrentDictionary<string, bool>> sessions = new();

    public ValueTask<EmptyResult> SubscribeAsync(RequestContext<SubscribeRequestParams> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var uri = Checked(context.Params?.Uri);
        var uris = sessions.GetOrAdd(context.Server, _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal));
        if (uris.Count >= MaxPerSession && !uris.ContainsKey(uri))
        {
            throw new ModelContextProtocol.McpException($"At most {MaxPerSession} resources can be subscribed to at once; unsubscribe from some first.");
        }

        uris[uri] = true;
        return ValueTask.FromResult(new EmptyResult());
    }

    public ValueTask<EmptyResult> UnsubscribeAsync(RequestContext<UnsubscribeRequestParams> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Params?.Uri is { } uri && sessions.TryGetValue(context.Server, out var uris))
        {
            uris.TryRemove(uri, out _);
        }

        return ValueTask.FromResult(new EmptyResult());
    }

    /// <summary>The subscribed URIs that <paramref name="affected"/> says changed, with the session to tell.</summary>
    public IEnumerable<(McpServer Server, string Uri)> Matching(Func<string, bool> affected) =>
        sessions.SelectMany(s => s.Value.Keys.Where(affected).Select(uri => (s.Key, uri)));

    private static string Checked(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri) || uri.Length > 2_000)
        {
            throw new ModelContextProtocol.McpException("uri: give the URI of an Orch resource (orch://usage or orch://projects/{id}/…).");
        }

        if (!uri.Equals(OrchResources.UsageUri, StringComparison.Ordinal) && !uri.StartsWith(OrchResources.ProjectPrefix, StringComparison.Ordinal))
        {
            throw new ModelContextProtocol.McpException($"uri: '{uri}' is not an Orch resource (orch://usage or orch://projects/{{id}}/…).");
        }

        return uri;
    }
}
