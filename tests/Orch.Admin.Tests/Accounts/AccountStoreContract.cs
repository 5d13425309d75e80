using Microsoft.Extensions.DependencyInjection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Orch.Admin.Accounts;
using Orch.Testing;

namespace Orch.Admin.Tests.Accounts;

/// <summary>Identity on Orch's database, made by Orch's schema step, on both providers.</summary>
public abstract class AccountStoreContract(StoreKind kind)
{
    private const string Password = "Correct-horse-7";

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Schema_HasEveryTableColumnKeyAndIndexOfTheModel_AndNothingElse()
    {
        await using var store = await AccountStore.CreateAsync(kind, Ct);
        await using var services = store.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();

        var mismatches = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var actual = await TableShape.ReadAsync(db, table, Ct);
            if (actual.Columns.Count == 0)
            {
                mismatches.Add($"{table} is missing");
                continue;
            }

            var expected = entity.GetProperties().ToDictionary(p => p.GetColumnName(), p => (Type: p.GetColumnType().ToLowerInvariant(), Nullable: p.IsColumnNullable()));
            mismatches.AddRange(expected.Where(c => !actual.Columns.TryGetValue(c.Key, out var found) || found != c.Value)
                .Select(c => $"{table}.{c.Key} is {c.Value} in the model but {(actual.Columns.TryGetValue(c.Key, out var found) ? found.ToString() : "absent")} in the schema"));
            mismatches.AddRange(actual.Columns.Keys.Except(expected.Keys).Select(c => $"{table}.{c} is in the schema but not in the model"));

            var key = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName()).ToList();
            if (!key.SequenceEqual(actual.PrimaryKey))
            {
                mismatches.Add($"{table}'s primary key is ({string.Join(", ", key)}) in the model but ({string.Join(", ", actual.PrimaryKey)}) in the schema");
            }

            var indexes = entity.GetIndexes().ToDictionary(i => i.GetDatabaseName()!, i => (i.IsUnique, string.Join(',', i.Properties.Select(p => p.GetColumnName()))));
            mismatches.AddRange(indexes.Where(i => !actual.Indexes.TryGetValue(i.Key, out var found) || found != i.Value)
                .Select(i => $"index {i.Key} on {table} is {i.Value} in the model but {(actual.Indexes.TryGetValue(i.Key, out var found) ? found.ToString() : "absent")} in the schema"));
            mismatches.AddRange(actual.Indexes.Keys.Except(indexes.Keys).Select(i => $"index {i} on {table} is in the schema but not in the model"));
        }

        Assert.Empty(mismatches);
        Assert.Equal(7, db.Model.GetEntityTypes().Count());
    }

    [Fact]
    public async Task FirstAccount_IsAdmin_LaterAccounts_AreViewers()
    {
        await using var store = await AccountStore.CreateAsync(kind, Ct);
        await using var services = store.Services();

        var first = await RegisterAsync(services, "alice");
        var second = await RegisterAsync(services, "bob");

        Assert.Equal((RegistrationOutcome.Created, AdminRoles.Admin), (first.Outcome, first.Role));
        Assert.Equal((RegistrationOutcome.Created, AdminRoles.Viewer), (second.Outcome, second.Role));
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.Equal([AdminRoles.Admin], await users.GetRolesAsync((await users.FindByNameAsync("ALICE"))!));
        Assert.Equal([AdminRoles.Viewer], await users.GetRolesAsync((await users.FindByNameAsync("bob"))!));
    }

    [Fact]
    public async Task TwoFirstRegistrationsAtOnce_MakeExactlyOneAdmin()
    {
        for (var round = 0; round < 3; round++)
        {
            await using var store = await AccountStore.CreateAsync(kind, Ct);
            // Separate service providers, as two dashboard processes on one database would have.
            await using var one = store.Services();
            await using var two = store.Services();

            var results = await Task.WhenAll(
                Task.Run(() => RegisterAsync(one, "alice")),
                Task.Run(() => RegisterAsync(two, "bob")));

            Assert.All(results, r => Assert.True(r.Succeeded, string.Join(" ", r.Errors)));
            Assert.Equal([AdminRoles.Admin, AdminRoles.Viewer], results.Select(r => r.Role).Order());
        }
    }

    [Fact]
    public async Task Policies_LetTheAdminOperate_AndTheViewerOnlyView()
    {
        await using var store = await AccountStore.CreateAsync(kind, Ct);
        await using var services = store.Services();
        await RegisterAsync(services, "alice");
        await RegisterAsync(services, "bob");

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<IdentityUser>>();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        // The principals a sign-in would put in the cookie, roles read from the database.
        var admin = await signIn.CreateUserPrincipalAsync((await users.FindByNameAsync("alice"))!);
        var viewer = await signIn.CreateUserPrincipalAsync((await users.FindByNameAsync("bob"))!);

        Assert.True((await authorization.AuthorizeAsync(admin, AdminPolicies.CanOperate)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(admin, AdminPolicies.CanView)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(viewer, AdminPolicies.CanOperate)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(viewer, AdminPolicies.CanView)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), AdminPolicies.CanView)).Succeeded);
    }

    [Fact]
    public async Task RegistrationSwitchedOff_RefusesNewAccounts_OnceAnAdminExists()
    {
        await using var store = await AccountStore.CreateAsync(kind, Ct);
        await using var closed = store.Services(new Dictionary<string, string?> { ["Orch:Admin:AllowRegistration"] = "false" });

        // No admin yet: the first account can always be made, or nobody could ever sign in.
        await using (var scope = closed.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<AccountRegistration>().IsOpenAsync(Ct));
        }

        Assert.Equal(AdminRoles.Admin, (await RegisterAsync(closed, "alice")).Role);
        var refused = await RegisterAsync(closed, "mallory");

        Assert.Equal(RegistrationOutcome.Closed, refused.Outcome);
        Assert.Contains("switched off", Assert.Single(refused.Errors), StringComparison.Ordinal);
        await using (var scope = closed.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<AccountRegistration>().IsOpenAsync(Ct));
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync("mallory"));
        }
    }

    [Fact]
    public async Task TakenNameOrWeakPassword_IsRefused_AndWritesNothing()
    {
        await using var store = await AccountStore.CreateAsync(kind, Ct);
        await using var services = store.Services();
        await RegisterAsync(services, "alice");

        var taken = await RegisterAsync(services, "Alice");
        var weak = await RegisterAsync(services, "bob", "short");

        Assert.Equal(RegistrationOutcome.Invalid, taken.Outcome);
        Assert.Contains(taken.Errors, e => e.Contains("is already taken", StringComparison.Ordinal));
        Assert.Equal(RegistrationOutcome.Invalid, weak.Outcome);
        Assert.Contains(weak.Errors, e => e.Contains("at least 8 characters", StringComparison.Ordinal));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        Assert.Equal(["ALICE"], await db.Users.Select(u => u.NormalizedUserName).ToListAsync(Ct));
        Assert.Equal(1, await db.UserRoles.CountAsync(Ct));
    }

    [Fact]
    public async Task FiveFailedSignIns_LockTheAccountForFiveMinutes_EvenAgainstTheRightPassword()
    {
        await using var store = await AccountStore.CreateAsync(kind, Ct);
        await using var services = store.Services();
        await RegisterAsync(services, "carol");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(SignInResult.Failed, await CheckPasswordAsync(services, "carol", "wrong-" + attempt));
        }

        Assert.Equal(SignInResult.LockedOut, await CheckPasswordAsync(services, "carol", "wrong-5"));
        Assert.Equal(SignInResult.LockedOut, await CheckPasswordAsync(services, "carol", Password));
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var end = await users.GetLockoutEndDateAsync((await users.FindByNameAsync("carol"))!);
        Assert.InRange(end!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task ClaimsLoginsTokensAndRoleClaims_RoundTrip_AndGoWithTheirUser()
    {
        await using var store = await AccountStore.CreateAsync(kind, Ct);
        await using var services = store.Services();
        var id = (await RegisterAsync(services, "alice")).UserId!;

        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            var user = (await users.FindByIdAsync(id))!;
            Assert.True((await users.AddClaimAsync(user, new Claim("team", "platform"))).Succeeded);
            Assert.True((await users.AddLoginAsync(user, new UserLoginInfo("oidc", "subject-1", "Single sign-on"))).Succeeded);
            Assert.True((await users.SetAuthenticationTokenAsync(user, "oidc", "refresh", "token-1")).Succeeded);
            Assert.True((await users.SetEmailAsync(user, "alice@example.org")).Succeeded);
            Assert.True((await roles.AddClaimAsync((await roles.FindByNameAsync(AdminRoles.Admin))!, new Claim("may", "approve"))).Succeeded);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            var user = (await users.FindByLoginAsync("oidc", "subject-1"))!;
            Assert.Equal(id, user.Id);
            Assert.Equal(id, (await users.FindByEmailAsync("ALICE@example.org"))!.Id);
            Assert.Equal("platform", Assert.Single(await users.GetClaimsAsync(user)).Value);
            Assert.Equal("token-1", await users.GetAuthenticationTokenAsync(user, "oidc", "refresh"));
            Assert.Equal("approve", Assert.Single(await roles.GetClaimsAsync((await roles.FindByNameAsync(AdminRoles.Admin))!)).Value);
            Assert.Equal([user.Id], (await users.GetUsersInRoleAsync(AdminRoles.Admin)).Select(u => u.Id));

            Assert.True((await users.DeleteAsync(user)).Succeeded);
        }

        // The database's cascades, not only EF's: a user's rows go with it.
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
            Assert.Equal(
                (0, 0, 0, 0, 0, 1),
                (await db.Users.CountAsync(Ct), await db.UserRoles.CountAsync(Ct), await db.UserClaims.CountAsync(Ct), await db.UserLogins.CountAsync(Ct),
                    await db.UserTokens.CountAsync(Ct), await db.RoleClaims.CountAsync(Ct)));
        }
    }

    private static async Task<RegistrationResult> RegisterAsync(IServiceProvider services, string userName, string password = Password)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountRegistration>().RegisterAsync(userName, password, Ct);
    }

    private static async Task<SignInResult> CheckPasswordAsync(IServiceProvider services, string userName, string password)
    {
        await using var scope = services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(userName))!;
        return await scope.ServiceProvider.GetRequiredService<SignInManager<IdentityUser>>().CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
    }
}
