namespace Orch.Core.Plans;

/// <summary>The kinds of thing the input guard looks for; each has its own policy under <c>Orch:Guard</c>.</summary>
public enum GuardFindingKind
{
    /// <summary>Text that tries to override the model's instructions or fake a chat role.</summary>
    PromptInjection,

    /// <summary>An API key or access token (Anthropic, OpenAI, AWS, GitHub, Slack, Google, bearer tokens, JWTs).</summary>
    ApiKey,

    /// <summary>A PEM or PGP private key block.</summary>
    PrivateKey,

    /// <summary>A payment card number that passes the Luhn check.</summary>
    CreditCard,

    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>A phone number in international form (<c>+</c>, country code, 8–15 digits).</summary>
    PhoneNumber,

    /// <summary>An IBAN with its country's length and a valid mod-97 check.</summary>
    Iban,
}
