using System.Text.RegularExpressions;

namespace Orch.Core;

/// <summary>
/// Hides secrets in settings before anything shows them. A setting is secret by name: the last named part of
/// its key (not a list index) contains ApiKey, Key, Secret, Password, Pwd, Token, Credential or Passphrase, in
/// any case. In any value, the password of a connection string (<c>Password=…</c>, <c>Pwd=…</c>), the
/// password of an address (<c>https://user:…@host</c>) and secret-looking query parameters (<c>?api_key=…</c>)
/// are hidden too. The rule guesses towards hiding: a setting it hides needlessly costs a look at the file,
/// a secret it showed could not be taken back.
/// </summary>
public static partial class SecretMask
{
    /// <summary>What a hidden value shows instead.</summary>
    public const string Hidden = "••••••";

    private static readonly string[] Markers = ["key", "secret", "password", "passwd", "pwd", "token", "credential", "passphrase"];

    /// <summary>Whether the setting with this key (<c>Orch:Models:Providers:anthropic:ApiKey</c>) holds a secret.</summary>
    public static bool IsSecretKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var segments = key.Split(':', StringSplitOptions.RemoveEmptyEntries);
        // A list entry (ApiKeys:0) is named by its list.
        var name = segments.LastOrDefault(s => !s.All(char.IsAsciiDigit)) ?? "";
        return Markers.Any(m => name.Contains(m, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The value as it may be shown: hidden whole when its key is secret, else with any secret inside it hidden. Empty stays empty: that says the secret is not set, and nothing more.</summary>
    public static string? Apply(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        return IsSecretKey(key) ? Hidden : MaskInside(value);
    }

    /// <summary>Hides the secrets inside a value that is not secret as a whole: a connection string's password, an address's.</summary>
    public static string MaskInside(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var masked = ConnectionStringSecret().Replace(value, m => m.Groups["name"].Value + "=" + Hidden);
        masked = AddressPassword().Replace(masked, m => m.Groups["start"].Value + Hidden + "@");
        return QuerySecret().Replace(masked, m => m.Groups["name"].Value + Hidden);
    }

    // Password=abc; Pwd = "a;b" ; Password='x''y' — a quoted value may hold the separator.
    [GeneratedRegex("""(?<name>\b(?:password|pwd))\s*=\s*(?:"(?:[^"]|"")*"|'(?:[^']|'')*'|[^;]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionStringSecret();

    // scheme://user:password@host — the user stays, the password goes.
    [GeneratedRegex("""(?<start>\b[a-z][a-z0-9+.-]*://[^/@\s:]*:)[^/@\s]*@""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddressPassword();

    // ?api_key=…&access_token=… — any query parameter whose name looks secret.
    [GeneratedRegex("""(?<name>[?&][a-z0-9_.-]*(?:key|secret|password|token|sig|signature)[a-z0-9_.-]*=)[^&#\s]*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuerySecret();
}
