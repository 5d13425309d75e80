namespace Orch.Admin.Accounts;

/// <summary>What became of a registration: the account and its role, or why there is none.</summary>
public sealed record RegistrationResult(RegistrationOutcome Outcome, string? UserId, string? Role, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Outcome == RegistrationOutcome.Created;

    internal static RegistrationResult Created(string userId, string role) => new(RegistrationOutcome.Created, userId, role, []);

    internal static RegistrationResult Closed { get; } = new(
        RegistrationOutcome.Closed,
        null,
        null,
        ["Registration of new accounts is switched off on this dashboard. Ask an admin of Orch for an account."]);

    internal static RegistrationResult Invalid(IEnumerable<string> errors) => new(RegistrationOutcome.Invalid, null, null, [.. errors]);
}
