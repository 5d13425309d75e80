using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orch.Core;

namespace Orch.Admin.Accounts;

/// <summary>
/// Creates dashboard accounts. An account created while no admin exists becomes the admin; every
/// other becomes a viewer, and only while <c>Orch:Admin:AllowRegistration</c> is on. Registrations on
/// one database happen one at a time (a write transaction on SQLite, an advisory lock on
/// PostgreSQL), so two first registrations at once cannot both become admin.
/// </summary>
public sealed class AccountRegistration(
    AccountsDbContext db,
    UserManager<IdentityUser> users,
    RoleManager<IdentityRole> roles,
    IOptionsMonitor<AdminOptions> options)
{
    // Any fixed number, the same in every Orch process: the key of the registrations' advisory lock.
    private const long PostgresLockKey = 0x4F72_6368_4163_6374;

    /// <summary>Whether the register page offers a form: registration is on, or the first admin is still to come.</summary>
    public async Task<bool> IsOpenAsync(CancellationToken cancellationToken) =>
        options.CurrentValue.AllowRegistration || !await AdminExistsAsync(cancellationToken);

    public async Task<RegistrationResult> RegisterAsync(string userName, string password, CancellationToken cancellationToken)
    {
        // SQLite begins it IMMEDIATE: the database's write lock is taken before anything is read.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
        }

        var first = !await AdminExistsAsync(cancellationToken);
        if (!first && !options.CurrentValue.AllowRegistration)
        {
            return RegistrationResult.Closed;
        }

        var role = first ? AdminRoles.Admin : AdminRoles.Viewer;
        if (!await roles.RoleExistsAsync(role))
        {
            Check(await roles.CreateAsync(new IdentityRole(role)));
        }

        var user = new IdentityUser(userName.Trim());
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            // Nothing is committed: the transaction rolls back when disposed.
            return RegistrationResult.Invalid(created.Errors.Select(e => e.Description));
        }

        Check(await users.AddToRoleAsync(user, role));
        await transaction.CommitAsync(cancellationToken);
        return RegistrationResult.Created(user.Id, role);
    }

    private Task<bool> AdminExistsAsync(CancellationToken cancellationToken)
    {
        var admin = roles.NormalizeKey(AdminRoles.Admin);
        return db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == admin), cancellationToken);
    }

    // A role that cannot be made or given is a broken database, not bad input.
    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The account's role could not be stored: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
