using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Orch.Testing;

namespace Orch.Admin.Tests;

/// <summary>
/// Every page the dashboard routes to, found in its assembly rather than listed by hand, so that a page added
/// later is covered the day it is added: none answers anyone not signed in, except those marked anonymous.
/// </summary>
public sealed partial class EveryPageTests
{
    private static CancellationToken Ct => TestTimeout.TokenFor(TimeSpan.FromMinutes(2));

    [Fact]
    public async Task EveryPage_AndTheUsageDownload_SendAnonymousVisitorsToSignIn()
    {
        var guarded = Routes().Where(r => !r.Anonymous).Select(r => r.Path).Append("/usage.csv?days=7").ToList();
        Assert.Contains("/", guarded);
        Assert.True(guarded.Count >= 4, "the dashboard's pages were found: " + string.Join(", ", guarded));

        await using var site = await AdminSite.StartAsync(Ct);
        using var http = site.CreateClient();
        foreach (var path in guarded)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path} answered {(int)response.StatusCode} to an anonymous visitor");
            Assert.Equal("/account/sign-in", response.Headers.Location?.AbsolutePath);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.Empty(body);
        }

        foreach (var path in Routes().Where(r => r.Anonymous).Select(r => r.Path))
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>Each routable component's templates, with parameters filled by values of their constraint's type.</summary>
    private static IEnumerable<(string Path, bool Anonymous)> Routes() =>
        typeof(AdminSetup).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Path: Fill(r.Template), Anonymous: t.GetCustomAttribute<AllowAnonymousAttribute>() is not null)))
            .Distinct()
            .OrderBy(r => r.Path, StringComparer.Ordinal);

    private static string Fill(string template) => Parameter().Replace(template, match => match.Groups["constraint"].Value switch
    {
        "guid" => Guid.CreateVersion7().ToString(),
        "int" or "long" => "1",
        _ => "t1",
    });

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z_]+)\??(:(?<constraint>[a-z]+))?\}")]
    private static partial Regex Parameter();
}
