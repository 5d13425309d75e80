using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orch.Core.Tests.Models.Providers;
using Orch.Core.Tools;
using Orch.Testing;

namespace Orch.Core.Tests.Tools;

/// <summary>Knowledge indexing and search, the same specification on SQLite (FTS5) and PostgreSQL (tsvector).</summary>
public abstract class KnowledgeSearchContract(StoreKind kind)
{
    private static readonly float[] Dog = [1f, 0f, 0f];
    private static readonly float[] Cat = [0.6f, 0.8f, 0f];
    private static readonly float[] Other = [0f, 0f, 1f];

    private static CancellationToken Ct => TestTimeout.Token;

    public static TheoryData<string> HostileQueries => new()
    {
        "\"",
        "\"\"\"",
        "*",
        "deploy*",
        "NEAR(",
        "NEAR(deploy rollback, 2)",
        "OR",
        "deploy OR",
        "AND NOT",
        "-deploy",
        "deploy -rollback",
        "title:deploy",
        "{title content}: deploy",
        "^deploy",
        "deploy\" OR \"x",
        "(deploy",
        "deploy)",
        "'; DROP TABLE knowledge_entries; --",
        "\\' OR 1=1 --",
        "deploy & rollback | !x <-> y:*",
        "deploy\0rollback",
        "broken\uD800half",
        "日本語 デプロイ",
        "deploy " + string.Concat(Enumerable.Repeat("word ", 150)),
    };

    [Fact]
    public async Task WrittenFiles_AreFound_WithTheirPathAndAMarkedSnippet()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, kind);
        await harness.CallAsync("write_file", new { path = "docs/deploy.md", content = "To deploy, run the pipeline and watch the canary before the full rollout." }, Ct);
        await harness.CallAsync("write_file", new { path = "docs/other.md", content = "Nothing relevant here." }, Ct);

        var hits = await harness.Get<KnowledgeIndex>().SearchAsync(harness.ProjectId, "canary rollout", 5, Ct);

        var hit = Assert.Single(hits);
        Assert.Equal(("file:docs/deploy.md", "docs/deploy.md"), (hit.Source, hit.Title));
        Assert.Contains("[canary]", hit.Snippet, StringComparison.Ordinal);
        Assert.Contains("[rollout]", hit.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskOutputs_AreFound_ThroughTheTool()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, kind);
        await harness.Get<KnowledgeIndex>().IndexAsync(harness.ProjectId, "task:T3", "T3: Choose a database", "We chose PostgreSQL for its full-text search.", Ct);

        var result = await harness.CallAsync("search_knowledge", new { query = "postgresql" }, Ct);

        Assert.False(result.IsError, result.Content);
        Assert.StartsWith("1 result:\n1. T3: Choose a database (task:T3)\n   ", result.Content, StringComparison.Ordinal);
        Assert.Contains("[PostgreSQL]", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ranking_PutsTheMostRelevantFirst_AndHonoursTheLimit()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, kind);
        var index = harness.Get<KnowledgeIndex>();
        await index.IndexAsync(harness.ProjectId, "file:passing.md", "passing.md", "A long note about many things. " + string.Concat(Enumerable.Repeat("Other words fill this text. ", 30)) + "It mentions caching once.", Ct);
        await index.IndexAsync(harness.ProjectId, "file:caching.md", "Caching", "Caching strategy: caching at the edge, caching in memory, and caching results of queries.", Ct);
        await index.IndexAsync(harness.ProjectId, "file:some.md", "some.md", "We use caching for sessions and caching for pages.", Ct);

        var hits = await index.SearchAsync(harness.ProjectId, "caching", 20, Ct);
        var top = await index.SearchAsync(harness.ProjectId, "caching", 2, Ct);

        Assert.Equal(["file:caching.md", "file:some.md", "file:passing.md"], hits.Select(h => h.Source));
        Assert.True(hits[0].Rank > hits[1].Rank && hits[1].Rank > hits[2].Rank, string.Join(", ", hits.Select(h => h.Rank)));
        Assert.Equal(["file:caching.md", "file:some.md"], top.Select(h => h.Source));
    }

    [Fact]
    public async Task Search_SeesOnlyTheProjectsOwnEntries()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, kind);
        var other = harness.ContextFor(Guid.NewGuid());
        await harness.CallAsync("write_file", new { path = "mine.md", content = "the quarterly budget review" }, Ct);
        await harness.CallAsync("write_file", new { path = "theirs.md", content = "the quarterly budget review, confidential" }, Ct, other);

        var mine = await harness.CallAsync("search_knowledge", new { query = "quarterly budget" }, Ct);
        var theirs = await harness.CallAsync("search_knowledge", new { query = "confidential" }, Ct);

        Assert.Contains("(file:mine.md)", mine.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("theirs.md", mine.Content, StringComparison.Ordinal);
        Assert.Equal("Nothing in this project's knowledge matches those words. Try other or fewer words.", theirs.Content);
    }

    [Fact]
    public async Task RewritingAFile_ReplacesItsEntry()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, kind);
        var index = harness.Get<KnowledgeIndex>();
        await harness.CallAsync("write_file", new { path = "plan.md", content = "first draft mentions kangaroos" }, Ct);
        await harness.CallAsync("write_file", new { path = "plan.md", content = "second draft mentions wombats" }, Ct);

        Assert.Empty(await index.SearchAsync(harness.ProjectId, "kangaroos", 5, Ct));
        Assert.Equal(["file:plan.md"], (await index.SearchAsync(harness.ProjectId, "wombats", 5, Ct)).Select(h => h.Source));
        await using var db = harness.Db();
        Assert.Equal(1, await db.KnowledgeEntries.CountAsync(e => e.ProjectId == harness.ProjectId, Ct));
    }

    [Fact]
    public async Task ConcurrentIndexingOfOneSource_LeavesOneEntry()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, kind);
        var index = harness.Get<KnowledgeIndex>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => index.IndexAsync(harness.ProjectId, "task:T1", "T1", $"version {i} zebra", Ct)));

        await using var db = harness.Db();
        Assert.Equal(1, await db.KnowledgeEntries.CountAsync(Ct));
        Assert.Single(await index.SearchAsync(harness.ProjectId, "zebra", 5, Ct));
    }

    [Fact]
    public async Task WhenNoEntryHasAllTheWords_EntriesWithAnyOfThemAreReturned()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, kind);
        var index = harness.Get<KnowledgeIndex>();
        await index.IndexAsync(harness.ProjectId, "file:a.md", "a.md", "notes on the login page", Ct);
        await index.IndexAsync(harness.ProjectId, "file:b.md", "b.md", "notes on the login page and the password reset", Ct);

        var all = await index.SearchAsync(harness.ProjectId, "login password", 5, Ct);
        var any = await index.SearchAsync(harness.ProjectId, "how does the password reset email work", 5, Ct);

        Assert.Equal(["file:b.md"], all.Select(h => h.Source));
        Assert.Equal("file:b.md", any[0].Source);
        Assert.Equal(2, any.Count);
    }

    [Fact]
    public async Task StoredText_WithNulsAndBrokenCharacters_IsIndexable()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, kind);

        var result = await harness.CallAsync("write_file", new { path = "odd.txt", content = "alpha\0beta \uD800 gamma" }, Ct);

        Assert.False(result.IsError, result.Content);
        Assert.Single(await harness.Get<KnowledgeIndex>().SearchAsync(harness.ProjectId, "gamma", 5, Ct));
    }

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task HostileQuery_IsSearchedAsPlainWords_NeverAsSyntax(string query)
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, kind);
        var index = harness.Get<KnowledgeIndex>();
        await index.IndexAsync(harness.ProjectId, "file:deploy.md", "deploy.md", "How to deploy and roll back: deploy with the pipeline, rollback with the button.", Ct);

        var result = await harness.CallAsync("search_knowledge", new { query }, Ct);

        Assert.True(
            result.Content.StartsWith("1 result:", StringComparison.Ordinal)
            || result.Content.StartsWith("Nothing in this project's knowledge matches", StringComparison.Ordinal)
            || result.Content == "query: has no words to search for, only punctuation or symbols.",
            result.Content);
        Assert.Equal(["file:deploy.md"], (await index.SearchAsync(harness.ProjectId, "rollback", 5, Ct)).Select(h => h.Source));
    }

    [Fact]
    public async Task QueriesOfSyntaxWords_FindThoseWordsLiterally()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, kind);
        var index = harness.Get<KnowledgeIndex>();
        await index.IndexAsync(harness.ProjectId, "file:logic.md", "logic.md", "Use NEAR or AND when you mean it, NOT otherwise.", Ct);

        var hits = await index.SearchAsync(harness.ProjectId, "NEAR( OR AND NOT", 5, Ct);

        Assert.Equal(["file:logic.md"], hits.Select(h => h.Source));
    }

    [Theory]
    [InlineData("", "query: is empty; give the words to search for.")]
    [InlineData("  \n ", "query: is empty; give the words to search for.")]
    [InlineData("\"*\" -- ()", "query: has no words to search for, only punctuation or symbols.")]
    public async Task EmptyQuery_IsAClearError(string query, string expected)
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, kind);

        var result = await harness.CallAsync("search_knowledge", new { query }, Ct);

        Assert.Equal((true, expected), (result.IsError, result.Content));
    }

    [Fact]
    public async Task OverlongQuery_AndBadLimit_AreClearErrors()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, kind);

        var longQuery = await harness.CallAsync("search_knowledge", new { query = new string('a', 1_001) }, Ct);
        var badLimit = await harness.CallAsync("search_knowledge", new { query = "x", limit = 21 }, Ct);

        Assert.Equal("query: is 1,001 characters long; at most 1,000.", longQuery.Content);
        Assert.Equal("limit: must be between 1 and 20; got 21.", badLimit.Content);
    }

    [Fact]
    public async Task WithAnEmbeddingProvider_CandidatesAreReorderedByMeaning()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Fallback = Embed;
        await using var harness = await ToolHarness.CreateAsync(Ct, kind, Embedding(server), EmbedWith("ollama"));
        await IndexAnimalsAsync(harness);

        var hits = await harness.Get<KnowledgeIndex>().SearchAsync(harness.ProjectId, "animal woof", 2, Ct);

        Assert.Equal(["file:dog.md", "file:cat.md"], hits.Select(h => h.Source));
        Assert.Equal(1.0, hits[0].Rank, 6);
        var request = Assert.Single(server.Requests).Json();
        Assert.Equal("nomic-embed-text", request.GetProperty("model").GetString());
        var inputs = request.GetProperty("input").EnumerateArray().Select(i => i.GetString()).ToList();
        Assert.Equal("animal woof", inputs[0]);
        Assert.Equal(4, inputs.Count);
    }

    [Fact]
    public async Task WhenEmbeddingFails_TheFullTextOrderStands_AndItIsLogged()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Fallback = _ => OllamaWire.Error(500, "model 'nomic-embed-text' not found");
        await using var harness = await ToolHarness.CreateAsync(Ct, kind, Embedding(server), EmbedWith("ollama"));
        await IndexAnimalsAsync(harness);

        var hits = await harness.Get<KnowledgeIndex>().SearchAsync(harness.ProjectId, "animal woof", 2, Ct);

        Assert.Equal("file:parrot.md", hits[0].Source);
        Assert.Equal(2, hits.Count);
        Assert.Contains(harness.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message == "Embedding with provider ollama failed; knowledge search keeps its full-text order");
    }

    [Fact]
    public async Task EmbeddingProvider_ThatIsNotOllama_IsRefusedNamingTheKey()
    {
        await using var harness = await ToolHarness.CreateAsync(Ct, kind, configure: EmbedWith("offline"));

        var error = Assert.Throws<OptionsValidationException>(() => harness.Get<IOptions<KnowledgeOptions>>().Value);

        Assert.Contains("Orch:Knowledge:EmbeddingProvider 'offline' is a Offline provider; embeddings come from an Ollama provider.", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Embedding(LoopbackServer server) => new()
    {
        ["Orch:Models:Providers:offline:Kind"] = "Offline",
        ["Orch:Models:Providers:ollama:Kind"] = "Ollama",
        ["Orch:Models:Providers:ollama:BaseUrl"] = server.BaseUrl,
    };

    // Set in code: the Orch:Knowledge section is known to configuration only once the engine lists it.
    private static Action<IServiceCollection> EmbedWith(string provider) =>
        services => services.Configure<KnowledgeOptions>(o => o.EmbeddingProvider = provider);

    // Full text alone puts the parrot first (it says "animal" most); by meaning, "woof" is the dog.
    private static async Task IndexAnimalsAsync(ToolHarness harness)
    {
        var index = harness.Get<KnowledgeIndex>();
        await index.IndexAsync(harness.ProjectId, "file:parrot.md", "parrot.md", "animal animal animal: the parrot talks", Ct);
        await index.IndexAsync(harness.ProjectId, "file:cat.md", "cat.md", "animal: the cat purrs", Ct);
        await index.IndexAsync(harness.ProjectId, "file:dog.md", "dog.md", "animal: the dog barks", Ct);
    }

    /// <summary>Ollama's /api/embed, with vectors that encode meaning by keyword: dogs, cats, anything else.</summary>
    private static LoopbackResponse Embed(LoopbackRequest request)
    {
        if (request.Method != "POST" || request.Path != "/api/embed")
        {
            return LoopbackResponse.Text("404 page not found", status: 404);
        }

        var inputs = request.Json().GetProperty("input").EnumerateArray().Select(i => i.GetString() ?? string.Empty);
        var vectors = inputs.Select(text =>
            text.Contains("woof", StringComparison.Ordinal) || text.Contains("dog", StringComparison.Ordinal) ? Dog
            : text.Contains("cat", StringComparison.Ordinal) ? Cat
            : Other);
        return LoopbackResponse.Json(JsonSerializer.Serialize(new { model = "nomic-embed-text", embeddings = vectors, prompt_eval_count = 12 }));
    }
}
