using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

/// <summary>Ordinary requirement texts: none of them may produce a finding.</summary>
public sealed class InputGuardCorpusTests
{
    public static TheoryData<string> Ordinary => new()
    {
        """
        # Project brief: invoice pipeline
        Build a service that reads supplier invoices (PDF) from the inbox folder, extracts totals and
        due dates, and posts them to the ledger API. Ignore the noise in the scanned images and ignore
        the outliers when computing the median processing time. Previous instructions for the manual
        process are in the wiki; follow the above steps for the migration.
        """,
        """
        ## Acceptance criteria
        1. You are now ready to deploy once all checks pass; the banner says "You are now an administrator".
        2. The chatbot must never reveal the system prompt to users, and the admin page may show the system message.
        3. Order number 4111111111111112 and order 1234567890123456 appear in the export as text.
        4. Timestamps are epoch milliseconds such as 1718035200000 or 1700000000000.
        5. The budget is 1,250,000 USD over 12 months; pi is 3.14159265358979; the ratio is 0.333333333333333.
        """,
        """
        ### System requirements
        ## Assistant features
        - Pricing page shows <s>$20</s> $15 and <s class="old">€18</s> €14.
        - Use a bearer token in the Authorization header: `Authorization: Bearer <token>`.
        - Keys come from ANTHROPIC_API_KEY or `Orch:Models:ApiKey`; never commit sk- prefixed values.
        """,
        """
        ```csharp
        var spec = new TaskSpec("desk-booking-service-v2", retries: 3);
        services.AddSingleton<IClock, SystemClock>();
        var id = Guid.Parse("3f2c8a1e-9b7d-4c6e-8a5f-1e2d3c4b5a69");
        if (total > 1000000000000) { throw new OverflowException(); }
        ```
        Commit 9fceb02d0ae598e95dc970b74767f19372d61af8 fixed it; see CVE-2024-12345 and ISO 27001.
        """,
        """
        Dependencies: lodash@4.17.21, @types/node 20.11.5, react@18.3.1. Clone git@github.com:orch/orch.git
        and https://github.com/orch/orch.git, then run `npm install` and `dotnet test`.
        Docker image: ghcr.io/orch/worker@sha256:9fceb02d0ae598e95dc970b74767f19372d61af89fceb02d0ae598e95dc9.
        """,
        """
        The scheduler runs at 2024-06-10T12:00:00Z; ranges 1000-2000-3000-4000 and 0000 1111 2222 3333 are
        bucket ids, not cards. Give +1 to the idea, a discount of +15% for 3 months, and +10 20 30 points.
        The ticket ABC1234567890DEF and SKU XY12ABCDEFGHIJKL are references. AKIA is the vendor's name.
        """,
        """
        Les exigences : ignorez le bruit dans les données et gardez les instructions précédentes.
        Die vorherigen Anweisungen gelten weiter. Los datos de 2023 y 2024 se comparan trimestralmente.
        日本語の要件：前の手順に従ってください。
        """,
        """
        The worker should act as a proxy for the model API and forget cached tokens after 24 hours.
        The delivery form asks "What are your instructions for the courier?" and shows your prompt history.
        Disregard results older than 30 days. The parser must ignore system messages in transcripts and
        ignore everything above the threshold of 100 requests per minute.
        """,
        """
        Model tokens: the task-scheduler-configuration-options module; skeleton sk-learn compatible API;
        eyJ is how base64 JSON starts; a JWT has three parts separated by dots.
        -----BEGIN CERTIFICATE-----
        MIIBszCCAVmgAwIBAgIUJ2m
        -----END CERTIFICATE-----
        """,
    };

    [Theory]
    [MemberData(nameof(Ordinary))]
    public void Check_FindsNothing_InOrdinaryRequirements(string text)
    {
        var result = InputGuardTests.Guard().Check(text);

        Assert.True(result.Findings.Count == 0, "Unexpected: " + string.Join("; ", result.Findings.Select(f => $"{f.Describe()} = '{text.Substring(f.Offset, f.Length)}'")));
        Assert.Same(text, result.Text);
    }

    [Fact]
    public void Corpus_HoldsTheLuhnFailingOrderNumber()
    {
        // The order number in the corpus is there because it fails Luhn, not because it starts oddly.
        Assert.False(Luhn.IsValid("4111111111111112"));
        Assert.True(Luhn.IsValid("4111111111111111"));
    }
}
