namespace Orch.Admin.Accounts;

/// <summary>How a registration ended.</summary>
public enum RegistrationOutcome
{
    /// <summary>The account exists and has its role.</summary>
    Created,

    /// <summary>Refused: an admin exists and <c>Orch:Admin:AllowRegistration</c> is false.</summary>
    Closed,

    /// <summary>Refused: the user name is taken or the password too weak; nothing was written.</summary>
    Invalid,
}
