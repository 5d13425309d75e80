using System.Globalization;

namespace Orch.Benchmarks.Admin;

/// <summary>
/// The admin mode's command line. <see cref="Page"/> may hold <c>{id}</c>, which becomes the viewed project's id.
/// <see cref="App"/> measures another build of the app than the one beside the bench, such as a ReadyToRun publish.
/// </summary>
internal sealed record AdminBenchOptions(int Runs, string Page, int Tasks, double Rate, TimeSpan Load, string? App)
{
    public const string Usage = "admin [--runs N] [--page /projects/{id}] [--tasks N] [--rate TASKS_PER_SECOND] [--load-seconds S] [--app path/to/Orch.Admin.dll]";

    public static AdminBenchOptions Parse(string[] args)
    {
        var options = new AdminBenchOptions(10, "/projects/{id}", 1_000, 100, TimeSpan.FromSeconds(15), null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw Bad($"'{args[i]}' needs a value.");
            options = args[i] switch
            {
                "--runs" => options with { Runs = Number(value, 1, 1_000) },
                "--page" => options with { Page = value.StartsWith('/') ? value : throw Bad($"--page must start with '/' (was '{value}').") },
                "--tasks" => options with { Tasks = Number(value, 20, 100_000) },
                "--rate" => options with { Rate = Number(value, 1, 10_000) },
                "--load-seconds" => options with { Load = TimeSpan.FromSeconds(Number(value, 1, 3_600)) },
                "--app" => options with { App = File.Exists(value) ? Path.GetFullPath(value) : throw Bad($"--app: there is no file '{value}'.") },
                _ => throw Bad($"Unknown argument '{args[i]}'."),
            };
            i++;
        }

        return options;
    }

    private static int Number(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw Bad($"'{value}' is not a whole number from {min} to {max}.");

    private static ArgumentException Bad(string problem) => new($"{problem} Usage: {Usage}");
}
