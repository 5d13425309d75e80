using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Orch.Admin.Accounts;

/// <summary>The account actions that are not pages.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A POST with an anti-forgery token, so that no other site can sign a user out with a link or a form.
        // Anonymous: a user whose sign-in has already expired still gets to the sign-in page.
        endpoints.MapPost(AccountServices.SignOutPath, async (HttpContext context, SignInManager<IdentityUser> signIn) =>
            {
                // The anti-forgery middleware checks the token and records the verdict; acting on it is the endpoint's job.
                if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                {
                    return Results.BadRequest();
                }

                await signIn.SignOutAsync();
                return Results.LocalRedirect(AccountServices.SignInPath);
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AllowAnonymous();
        return endpoints;
    }
}
