using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Orch.Core;
using Orch.Core.Storage;

namespace Orch.Admin.Accounts;

/// <summary>Registers accounts: Identity on Orch's database, the sign-in cookie, roles and policies.</summary>
public static class AccountServices
{
    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(5);

    public const string SignInPath = "/account/sign-in";
    public const string SignOutPath = "/account/sign-out";
    public const string RegisterPath = "/account/register";
    public const string AccessDeniedPath = "/account/access-denied";

    /// <summary>Needs <c>AddOrch</c> first, for the database it shares.</summary>
    public static IServiceCollection AddOrchAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName));
        services.AddDbContext<AccountsDbContext>((sp, builder) => builder.UseOrchStorage(
            sp.GetRequiredService<StorageTarget>(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value));

        services.AddIdentityCore<IdentityUser>(identity =>
            {
                // The model that V0006Accounts creates; a newer Identity default must not change it unnoticed.
                identity.Stores.SchemaVersion = IdentitySchemaVersions.Version2;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                identity.Lockout.DefaultLockoutTimeSpan = LockoutTime;
                identity.Password.RequiredLength = 8;
                identity.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddSignInManager();
        services.AddScoped<AccountRegistration>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "orch.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = SignInPath;
            cookie.LogoutPath = SignOutPath;
            cookie.AccessDeniedPath = AccessDeniedPath;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = true;
        });

        // Keys for the sign-in and anti-forgery cookies live with Orch's data, so that a restart signs nobody out.
        services.AddDataProtection().SetApplicationName("Orch.Admin");
        services.AddSingleton<DataDirectoryKeys>();
        services.AddOptions<KeyManagementOptions>().Configure<DataDirectoryKeys>((keys, repository) => keys.XmlRepository = repository);

        services.AddAuthorizationBuilder().AddOrchPolicies();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, AccountStateRevalidator>();
        return services;
    }
}
