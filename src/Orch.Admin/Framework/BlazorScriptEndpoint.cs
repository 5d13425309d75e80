using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Orch.Admin.Framework;

/// <summary>Serves the Blazor script that the build embedded (see BlazorScript.targets), with an ETag.</summary>
internal static class BlazorScriptEndpoint
{
    public const string Path = "/_framework/blazor.web.js";

    private static readonly Lazy<(byte[] Content, string ETag)> Script = new(Load);

    public static IEndpointRouteBuilder MapBlazorScript(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext context) =>
        {
            var (content, etag) = Script.Value;
            context.Response.Headers.ETag = etag;
            context.Response.Headers.CacheControl = "no-cache";
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(content, "text/javascript");
        }).AllowAnonymous();
        return endpoints;
    }

    private static (byte[], string) Load()
    {
        using var stream = typeof(BlazorScriptEndpoint).Assembly.GetManifestResourceStream("Orch.Admin.blazor.web.js")
            ?? throw new InvalidOperationException("blazor.web.js was not embedded at build time.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var content = memory.ToArray();
        return (content, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"").ToString());
    }
}
