using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Storage;

namespace Orch.Admin.Accounts;

/// <summary>
/// The dashboard's accounts (ASP.NET Core Identity) on Orch's own database. The tables are made by
/// Orch's schema step 6 (<c>V0006Accounts</c>), not by EF migrations, so this model names them the
/// way Orch names its tables; the accounts tests check the two agree on both providers.
/// </summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options)
    : IdentityDbContext<IdentityUser, IdentityRole, string>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<IdentityUser>(user =>
        {
            user.ToTable("users");
            user.HasIndex(u => u.NormalizedUserName).HasDatabaseName("ux_users_normalized_user_name");
            user.HasIndex(u => u.NormalizedEmail).HasDatabaseName("ix_users_normalized_email");
        });
        builder.Entity<IdentityRole>(role =>
        {
            role.ToTable("roles");
            role.HasIndex(r => r.NormalizedName).HasDatabaseName("ux_roles_normalized_name");
        });
        builder.Entity<IdentityUserRole<string>>(userRole =>
        {
            userRole.ToTable("user_roles");
            userRole.HasIndex(r => r.RoleId).HasDatabaseName("ix_user_roles_role_id");
        });
        builder.Entity<IdentityUserClaim<string>>(claim =>
        {
            claim.ToTable("user_claims");
            claim.HasIndex(c => c.UserId).HasDatabaseName("ix_user_claims_user_id");
        });
        builder.Entity<IdentityUserLogin<string>>(login =>
        {
            login.ToTable("user_logins");
            login.HasIndex(l => l.UserId).HasDatabaseName("ix_user_logins_user_id");
        });
        builder.Entity<IdentityUserToken<string>>(token => token.ToTable("user_tokens"));
        builder.Entity<IdentityRoleClaim<string>>(claim =>
        {
            claim.ToTable("role_claims");
            claim.HasIndex(c => c.RoleId).HasDatabaseName("ix_role_claims_role_id");
        });

        SnakeCaseColumns.Apply(builder);
    }
}
