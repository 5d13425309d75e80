using System.Diagnostics;

namespace Orch.Testing;

/// <summary>Runs a program to completion and returns what it printed; throws with that output if it failed.</summary>
public static class ProcessRunner
{
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, bool check = true)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = await stdout + await stderr;
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}:{Environment.NewLine}{output}");
        }

        return output;
    }
}
