using Npgsql;

namespace Orch.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for one test process: made with the server binaries on this
/// machine, listening on a free loopback port, stopped and deleted when the process exits.
/// <c>ORCH_TEST_POSTGRES</c>, if set, names an existing server to use instead. A machine without
/// PostgreSQL fails the tests that need it: they are never skipped silently.
/// </summary>
public sealed class PostgresServer
{
    public const string ExternalServerVariable = "ORCH_TEST_POSTGRES";
    private const string DirectoryPrefix = "orch-pg-";

    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private static PostgresServer? shared;

    private readonly string adminConnectionString;

    private PostgresServer(string adminConnectionString)
    {
        this.adminConnectionString = adminConnectionString;
    }

    /// <summary>The server shared by every test in this process, started on first use.</summary>
    public static async Task<PostgresServer> GetAsync(CancellationToken cancellationToken)
    {
        await StartGate.WaitAsync(cancellationToken);
        try
        {
            return shared ??= await StartAsync(cancellationToken);
        }
        finally
        {
            StartGate.Release();
        }
    }

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"orch_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(ExternalServerVariable) is { Length: > 0 } external)
        {
            return new PostgresServer(external);
        }

        var bin = FindBinaries();
        await RemoveAbandonedClustersAsync(bin, cancellationToken);

        var directory = Path.Combine(Path.GetTempPath(), DirectoryPrefix + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(directory, "data");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", directory], cancellationToken);
        }

        await RunAsync(asRoot, Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], cancellationToken);

        // A free port can be taken by someone else between the probe and the start: try a few.
        Exception? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = Orch.Testing.FreePort.Next();
            var options = $"-p {port} -c listen_addresses=127.0.0.1 -k {directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            try
            {
                await RunAsync(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"], cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                last = ex;
                continue;
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(asRoot, bin, data, directory);
            return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=30");
        }

        throw new InvalidOperationException("The test PostgreSQL server did not start.", last);
    }

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
            : [];
        return candidates.OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).FirstOrDefault()
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin. Install the 'postgresql' package " +
                $"(tests/run.sh does), or set {ExternalServerVariable} to a server's connection string.");
    }

    private static Task<string> RunAsync(bool asRoot, string program, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        asRoot
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], cancellationToken)
            : ProcessRunner.RunAsync(program, arguments, cancellationToken);

    private static void Stop(bool asRoot, string bin, string data, string directory)
    {
        try
        {
            RunAsync(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's sweep (and tests/run.sh's).
        }
    }

    /// <summary>Stops and deletes clusters left behind by test processes that were killed.</summary>
    private static async Task RemoveAbandonedClustersAsync(string bin, CancellationToken cancellationToken)
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var ownerFile = Path.Combine(directory, "owner.pid");
            if (!File.Exists(ownerFile) || !int.TryParse(await File.ReadAllTextAsync(ownerFile, cancellationToken), out var owner) || IsAlive(owner))
            {
                continue;
            }

            Stop(Environment.UserName == "root", bin, Path.Combine(directory, "data"), directory);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
