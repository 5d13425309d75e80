using Microsoft.Extensions.AI;
using Orch.Core.Models;
using Orch.Core.Models.Providers;
using Orch.Testing;

namespace Orch.Core.Tests.Models.Providers;

/// <summary>The production Ollama embedding generator against a loopback server that speaks <c>/api/embed</c>.</summary>
public sealed class OllamaEmbeddingGeneratorTests
{
    private const string Model = "nomic-embed-text";

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Embeddings_OnePerInput_InOneRequest_WithUsage()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OllamaWire.At("POST", "/api/embed", LoopbackResponse.Json("""
            {"model":"nomic-embed-text","embeddings":[[0.010071029,-0.0017594862,0.05007221],[-0.0098027075,0.06042469,0.025257962]],"total_duration":14143917,"load_duration":1019500,"prompt_eval_count":8}
            """)));
        using var generator = Generator(server);

        var embeddings = await generator.GenerateAsync(["Why is the sky blue?", "Why is the grass green?"], new EmbeddingGenerationOptions { Dimensions = 3 }, Ct);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal([0.010071029f, -0.0017594862f, 0.05007221f], embeddings[0].Vector.ToArray());
        Assert.Equal([-0.0098027075f, 0.06042469f, 0.025257962f], embeddings[1].Vector.ToArray());
        Assert.Equal(Model, embeddings[0].ModelId);
        Assert.Equal(8, embeddings.Usage?.InputTokenCount);
        var body = Assert.Single(server.Requests).Json();
        Assert.Equal(Model, body.GetProperty("model").GetString());
        Assert.Equal(["Why is the sky blue?", "Why is the grass green?"], body.GetProperty("input").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(3, body.GetProperty("dimensions").GetInt32());
    }

    [Fact]
    public async Task NoInput_MakesNoCall()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        using var generator = Generator(server);

        var embeddings = await generator.GenerateAsync([], cancellationToken: Ct);

        Assert.Empty(embeddings);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task FewerEmbeddingsThanInputs_IsAnUnreadableAnswer()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(LoopbackResponse.Json("""{"model":"nomic-embed-text","embeddings":[[0.1,0.2]]}"""));
        using var generator = Generator(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["one", "two"], cancellationToken: Ct));

        Assert.False(failure.IsTransient);
        Assert.Contains("answer could not be read", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownModel_IsNotTransient()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OllamaWire.Error(404, "model \"nomic-embed-text\" not found, try pulling it first"));
        using var generator = Generator(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["one"], cancellationToken: Ct));

        Assert.False(failure.IsTransient);
        Assert.Equal(404, failure.StatusCode);
    }

    [Fact]
    public async Task ServerError_IsTransient()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OllamaWire.Error(500, "failed to generate embedding"));
        using var generator = Generator(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["one"], cancellationToken: Ct));

        Assert.True(failure.IsTransient);
        Assert.Equal(500, failure.StatusCode);
    }

    private static OllamaEmbeddingGenerator Generator(LoopbackServer server) =>
        new("local", new ProviderOptions { Kind = ProviderKind.Ollama, BaseUrl = server.BaseUrl, TimeoutSeconds = 30 }, Model);
}
