namespace Orch.Core.Plans;

/// <summary>Settings under <c>Orch:Guard</c>: one policy per kind of finding.</summary>
public sealed class InputGuardOptions
{
    public const string SectionName = "Orch:Guard";

    /// <summary>When false, texts pass unchecked. Meant for trusted, offline set-ups only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Block: text that tries to steer the model ("ignore previous instructions", fake role markers) is an
    /// attack or a paste accident; redacting it would still hand the model a doctored request.
    /// </summary>
    public GuardPolicy PromptInjection { get; set; } = GuardPolicy.Block;

    /// <summary>
    /// Block: a live credential sent to a third-party model is leaked the moment it is sent; the person
    /// should rotate or remove it, not have it silently dropped from the request.
    /// </summary>
    public GuardPolicy ApiKey { get; set; } = GuardPolicy.Block;

    /// <summary>Block, for the same reason as <see cref="ApiKey"/>.</summary>
    public GuardPolicy PrivateKey { get; set; } = GuardPolicy.Block;

    /// <summary>
    /// Redact: card numbers usually appear as test data or in pasted tickets; the plan never needs the
    /// digits, and the placeholder keeps the sentence's meaning ("charge [REDACTED:credit_card]").
    /// </summary>
    public GuardPolicy CreditCard { get; set; } = GuardPolicy.Redact;

    /// <summary>
    /// Redact: an address is personal data (GDPR), yet it is common and harmless to the task in
    /// requirements ("send the report to …"). Blocking would refuse ordinary requests; allowing would
    /// copy personal data to a model provider. The placeholder keeps that an address was meant.
    /// </summary>
    public GuardPolicy Email { get; set; } = GuardPolicy.Redact;

    /// <summary>Redact, for the same reason as <see cref="Email"/>.</summary>
    public GuardPolicy PhoneNumber { get; set; } = GuardPolicy.Redact;

    /// <summary>Redact, for the same reason as <see cref="CreditCard"/>.</summary>
    public GuardPolicy Iban { get; set; } = GuardPolicy.Redact;

    /// <summary>The policy configured for <paramref name="kind"/>.</summary>
    public GuardPolicy PolicyFor(GuardFindingKind kind) => kind switch
    {
        GuardFindingKind.PromptInjection => PromptInjection,
        GuardFindingKind.ApiKey => ApiKey,
        GuardFindingKind.PrivateKey => PrivateKey,
        GuardFindingKind.CreditCard => CreditCard,
        GuardFindingKind.Email => Email,
        GuardFindingKind.PhoneNumber => PhoneNumber,
        GuardFindingKind.Iban => Iban,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown finding kind."),
    };
}
