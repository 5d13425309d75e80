using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orch.Core.Storage;
using Orch.Core.Storage.Schema;
using Orch.Core.Tools;
using Orch.Testing;

namespace Orch.Core.Tests.Tools;

/// <summary>
/// Orch with its tools, wired as the engine wires them, on a fresh database of one kind, in a temp folder
/// that holds the data directory (with the workspaces) and a folder <see cref="Outside"/> next to it that
/// the tools must never touch. Logs are recorded. Deleted on dispose.
/// </summary>
internal sealed class ToolHarness : IAsyncDisposable
{
    private readonly TempDirectory root;
    private readonly PostgresServer? server;
    private readonly string connectionString;

    private ToolHarness(TempDirectory root, PostgresServer? server, string connectionString, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? configure)
    {
        this.root = root;
        this.server = server;
        this.connectionString = connectionString;
        Outside = Path.Combine(root.Path, "outside");
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), "the launch codes");
        var values = new Dictionary<string, string?>
        {
            ["Orch:DataDirectory"] = Path.Combine(root.Path, "data"),
            ["Orch:Storage:ConnectionString"] = connectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs));
        services.AddOrch(configuration);
        services.AddOrchTools();
        services.RemoveAll<Microsoft.Extensions.Hosting.IHostedService>();
        configure?.Invoke(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>The temp folder that holds everything: what a snapshot covers.</summary>
    public string Root => root.Path;

    /// <summary>A folder beside the data directory, with <c>secret.txt</c> in it.</summary>
    public string Outside { get; }

    public RecordingLoggerProvider Logs { get; } = new();

    public ServiceProvider Services { get; }

    public Guid ProjectId { get; } = Guid.NewGuid();

    public ToolContext Context { get; private set; } = null!;

    public string Workspace => Context.Workspace;

    public ToolRegistry Registry => Get<ToolRegistry>();

    // configure: changes to the services after Orch and its tools are added, such as options set in code.
    public static async Task<ToolHarness> CreateAsync(CancellationToken cancellationToken, StoreKind kind = StoreKind.Sqlite, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var root = new TempDirectory("orch-tools");
        PostgresServer? server = null;
        string connectionString;
        if (kind == StoreKind.Postgres)
        {
            server = await PostgresServer.GetAsync(cancellationToken);
            connectionString = await server.CreateDatabaseAsync(cancellationToken);
        }
        else
        {
            Directory.CreateDirectory(Path.Combine(root.Path, "data"));
            connectionString = $"Data Source={Path.Combine(root.Path, "data", "orch.db")}";
        }

        var harness = new ToolHarness(root, server, connectionString, settings, configure);
        await harness.Get<SchemaUpgrader>().UpgradeAsync(cancellationToken);
        harness.Context = harness.ContextFor(harness.ProjectId);
        return harness;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public OrchDbContext Db() => Get<IDbContextFactory<OrchDbContext>>().CreateDbContext();

    public ToolContext ContextFor(Guid projectId) =>
        new(projectId, Guid.NewGuid(), Guid.NewGuid(), 1, "T1", Get<Workspaces>().For(projectId));

    /// <summary>Calls a tool through the registry with arguments as a model sends them: JSON values.</summary>
    public Task<ToolResult> CallAsync(string tool, object arguments, CancellationToken cancellationToken, ToolContext? context = null) =>
        Registry.InvokeAsync(tool, Arguments(arguments), context ?? Context, cancellationToken);

    public static Dictionary<string, object?> Arguments(object arguments)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(arguments));
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
    }

    /// <summary>
    /// Every folder, file (with a hash of its content) and link under <see cref="Root"/>, except the
    /// database files: two snapshots are equal only if nothing there was created, changed or removed.
    /// </summary>
    public string Snapshot()
    {
        var text = new StringBuilder();
        Describe(new DirectoryInfo(Root), text);
        return text.ToString();
    }

    // Links are described, never followed: a link out of the folder must not pull the outside in.
    private void Describe(DirectoryInfo folder, StringBuilder text)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.None };
        foreach (var entry in folder.EnumerateFileSystemInfos("*", options).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry.Name.StartsWith("orch.db", StringComparison.Ordinal))
            {
                continue;
            }

            text.Append(Path.GetRelativePath(Root, entry.FullName));
            if (entry.LinkTarget is { } target)
            {
                text.Append(" -> ").Append(target).AppendLine();
            }
            else if (entry is FileInfo file)
            {
                text.Append(' ').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName)))).AppendLine();
            }
            else
            {
                text.Append('/').AppendLine();
                Describe((DirectoryInfo)entry, text);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (server is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        else
        {
            await server.DropDatabaseAsync(connectionString, CancellationToken.None);
        }

        root.Dispose();
    }
}
