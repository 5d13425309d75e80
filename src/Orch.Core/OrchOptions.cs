namespace Orch.Core;

/// <summary>Settings under <c>Orch</c> that belong to no single feature.</summary>
public sealed class OrchOptions
{
    public const string SectionName = "Orch";

    /// <summary>Where Orch keeps its SQLite file, workspaces and logs. Default: the user's local data folder + <c>orch</c>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The data directory in effect: the configured one made absolute, or the default.</summary>
    public string ResolveDataDirectory()
    {
        if (!string.IsNullOrWhiteSpace(DataDirectory))
        {
            return Path.GetFullPath(Environment.ExpandEnvironmentVariables(DataDirectory));
        }

        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(local)
            ? Path.GetFullPath("orch-data")
            : Path.Combine(local, "orch");
    }
}
