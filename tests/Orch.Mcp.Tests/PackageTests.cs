using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Orch.Core;
using Orch.Core.Models;
using Orch.Testing;

namespace Orch.Mcp.Tests;

/// <summary>
/// Orch.Mcp as a NuGet tool package: packed from the build the tests use, installed with
/// <c>dotnet tool install</c> from a local folder only (no network), and run as an assistant runs it.
/// </summary>
public sealed class PackageTests
{
    // Packing compiles the linux-x64 package ahead of time: minutes on two busy cores.
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(12);

    [Fact]
    public async Task Package_IsAnMcpServerTool_WithItsServerJson_AndTheInstalledCommandAnswersOverStdio()
    {
        using var work = new TempDirectory("orch-package");
        var packages = Directory.CreateDirectory(Path.Combine(work.Path, "packages")).FullName;

        // Packing publishes the server once per platform package (ahead-of-time compiled for linux-x64), so it
        // builds; its outputs go to folders of their own (bin/<configuration>/net10.0/<rid>), not to the build the
        // other tests run, which is up to date and left alone.
        await RunAsync("dotnet", ["pack", Path.Combine(HostProcess.RepositoryRoot(), "src", "Orch.Mcp"), "-c", BuildConfiguration(), "-o", packages], new Dictionary<string, string?>());
        var built = typeof(OrchHost).Assembly.GetName().Version!.ToString(3);
        Assert.Equal(
            [$"Orch.Mcp.{built}.nupkg", $"Orch.Mcp.any.{built}.nupkg", $"Orch.Mcp.linux-x64.{built}.nupkg"],
            Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var nupkg = Path.Combine(packages, $"Orch.Mcp.{built}.nupkg");

        var (id, version) = CheckPackage(nupkg);
        Assert.Equal(built, version);
        CheckPlatformPackages(packages, version);

        var config = Path.Combine(work.Path, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """, TestTimeout.Token);
        var tools = Path.Combine(work.Path, "tools");
        // A package folder of its own: the machine's cache may hold an older build under the same version.
        await RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--configfile", config, id, "--version", version], new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Path.Combine(work.Path, "nuget-packages"),
        });

        var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "orch-mcp.exe" : "orch-mcp");
        Assert.True(File.Exists(command), $"dotnet tool install made no {command}.");
        await RunInstalledAsync(command, Path.Combine(work.Path, "data"), version);
    }

    /// <summary>Checks the nuspec, the tool settings and .mcp/server.json; returns the package's id and version.</summary>
    private static (string Id, string Version) CheckPackage(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var nuspec = XDocument.Load(Entry(zip, "Orch.Mcp.nuspec").Open());
        string Metadata(string name) => nuspec.Descendants().Single(e => e.Name.LocalName == name).Value;
        var id = Metadata("id");
        var version = Metadata("version");
        Assert.Equal("Orch.Mcp", id);
        Assert.Equal(
            ["DotnetTool", "McpServer"],
            nuspec.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => e.Attribute("name")!.Value).Order(StringComparer.Ordinal));
        Assert.Equal("README.md", Metadata("readme"));
        Assert.NotNull(zip.GetEntry("README.md"));

        // The package people name points at one package per platform: linux-x64, and the portable one for the rest.
        var toolSettings = XDocument.Load(Entry(zip, "tools/any/any/DotnetToolSettings.xml").Open());
        Assert.Equal("orch-mcp", Assert.Single(toolSettings.Descendants("Command")).Attribute("Name")!.Value);
        Assert.Equal(
            ["any=Orch.Mcp.any", "linux-x64=Orch.Mcp.linux-x64"],
            toolSettings.Descendants("RuntimeIdentifierPackage").Select(p => $"{p.Attribute("RuntimeIdentifier")!.Value}={p.Attribute("Id")!.Value}").Order(StringComparer.Ordinal));

        using var serverJson = new StreamReader(Entry(zip, ".mcp/server.json").Open());
        var server = JsonNode.Parse(serverJson.ReadToEnd())!;
        Assert.Equal(version, server["version"]!.GetValue<string>());
        Assert.Matches("^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$", server["name"]!.GetValue<string>());
        Assert.InRange(server["description"]!.GetValue<string>().Length, 1, 100);
        var package = Assert.Single(server["packages"]!.AsArray())!;
        Assert.Equal("nuget", package["registryType"]!.GetValue<string>());
        Assert.Equal(id, package["identifier"]!.GetValue<string>());
        Assert.Equal(version, package["version"]!.GetValue<string>());
        Assert.Equal("stdio", package["transport"]!["type"]!.GetValue<string>());
        CheckEnvironmentVariables(package["environmentVariables"]!.AsArray());
        return (id, version);
    }

    /// <summary>The linux-x64 package holds Orch compiled ahead of time (ReadyToRun code in the assemblies); the portable one does not.</summary>
    private static void CheckPlatformPackages(string packages, string version)
    {
        Assert.True(IsReadyToRun(packages, version, "linux-x64", "Orch.Core.dll"), "Orch.Core in the linux-x64 package is not ReadyToRun.");
        Assert.True(IsReadyToRun(packages, version, "linux-x64", "Orch.Mcp.dll"), "Orch.Mcp in the linux-x64 package is not ReadyToRun.");
        Assert.False(IsReadyToRun(packages, version, "any", "Orch.Core.dll"), "the portable package should carry plain IL.");
    }

    private static bool IsReadyToRun(string packages, string version, string runtime, string assembly)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(packages, $"Orch.Mcp.{runtime}.{version}.nupkg"));
        using var copy = new MemoryStream();
        using (var entry = Entry(zip, $"tools/net10.0/{runtime}/{assembly}").Open())
        {
            entry.CopyTo(copy);
        }

        copy.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(copy);
        // A ReadyToRun image announces its native code in the CLI header's managed native header.
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    /// <summary>Every variable server.json offers is one Orch reads; keys are secret, none is required.</summary>
    private static void CheckEnvironmentVariables(JsonArray variables)
    {
        var secrets = new[] { ApiKeys.AnthropicVariable, ApiKeys.OpenAIVariable };
        var settings = new Dictionary<string, string?>();
        foreach (var variable in variables)
        {
            var name = variable!["name"]!.GetValue<string>();
            Assert.False(variable["isRequired"]?.GetValue<bool>() ?? false, $"{name} should be optional: Orch runs with no settings at all.");
            if (secrets.Contains(name))
            {
                Assert.True(variable["isSecret"]!.GetValue<bool>(), $"{name} is a secret.");
            }
            else if (name.StartsWith(OrchOptions.SectionName + "__", StringComparison.Ordinal))
            {
                settings[name.Replace("__", ":", StringComparison.Ordinal)] = "x";
            }
            else
            {
                Assert.Equal(OrchConfiguration.ConfigFileVariable, name);
            }
        }

        Assert.Contains(secrets, s => variables.Any(v => v!["name"]!.GetValue<string>() == s));
        Assert.Empty(OrchConfiguration.FindUnknownKeys(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
    }

    /// <summary>Starts the installed command as an assistant does and asks it for its tools.</summary>
    private static async Task RunInstalledAsync(string command, string dataDirectory, string version)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        Isolate(info, new Dictionary<string, string?> { ["Orch__DataDirectory"] = dataDirectory });
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        Assert.True(process.Start(), $"{command} did not start.");
        process.BeginErrorReadLine();
        var stdout = new List<string>();
        try
        {
            var initialize = await RequestAsync(process, stdout, stderr, 1, "initialize", new JsonObject
            {
                ["protocolVersion"] = "2025-06-18",
                ["capabilities"] = new JsonObject(),
                ["clientInfo"] = new JsonObject { ["name"] = "orch-package-tests", ["version"] = "1.0" },
            });
            Assert.Equal("orch", initialize["serverInfo"]!["name"]!.GetValue<string>());
            Assert.Equal(version, initialize["serverInfo"]!["version"]!.GetValue<string>());
            await process.StandardInput.WriteLineAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" }.ToJsonString());

            var tools = await RequestAsync(process, stdout, stderr, 2, "tools/list", new JsonObject());
            var names = tools["tools"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
            Assert.Superset(new HashSet<string> { "plan", "approve", "execute", "status" }, names.ToHashSet());

            process.StandardInput.Close();
            using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            stdout.AddRange((await process.StandardOutput.ReadToEndAsync(exit.Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            await process.WaitForExitAsync(exit.Token);
            Assert.True(process.ExitCode == 0, $"{command} exited with {process.ExitCode}. Its stderr:{Environment.NewLine}{Tail(stderr)}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        // Stdout carried the protocol and nothing else.
        Assert.All(stdout, line => Assert.Equal("2.0", JsonNode.Parse(line)!["jsonrpc"]!.GetValue<string>()));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dataDirectory, "logs"), "orch-mcp-*.log"));
    }

    private static async Task<JsonNode> RequestAsync(Process process, List<string> stdout, StringBuilder stderr, int id, string method, JsonObject parameters)
    {
        await process.StandardInput.WriteLineAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString());
        await process.StandardInput.FlushAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                stdout.Add(line);
                var message = JsonNode.Parse(line)!;
                if (message["id"]?.GetValue<int>() == id)
                {
                    Assert.True(message["error"] is null, $"{method} failed: {message["error"]?.ToJsonString()}");
                    return message["result"]!;
                }
            }
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException($"No answer to {method} within a minute. Stderr:{Environment.NewLine}{Tail(stderr)}", ex);
        }

        throw new InvalidOperationException($"The server closed stdout before answering {method}. Stderr:{Environment.NewLine}{Tail(stderr)}");
    }

    /// <summary>Runs a command to its end; fails with its whole output when it fails or takes too long.</summary>
    private static async Task RunAsync(string fileName, string[] arguments, Dictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Isolate(info, environment);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        using var limit = new CancellationTokenSource(StepLimit);
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        var commandLine = $"{fileName} {string.Join(' ', arguments)}";
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException ex)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} took more than {StepLimit.TotalMinutes} minutes.", ex);
        }

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"{commandLine} exited with {process.ExitCode}:{Environment.NewLine}{output}");
    }

    /// <summary>No Orch settings of the machine leak in; the installed command finds the runtime that runs the tests.</summary>
    private static void Isolate(ProcessStartInfo info, Dictionary<string, string?> environment)
    {
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Orch__", StringComparison.OrdinalIgnoreCase) || k == OrchConfiguration.ConfigFileVariable).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")) && Environment.ProcessPath is { } host
            && Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            info.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(host);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string path) =>
        zip.GetEntry(path) ?? throw new InvalidOperationException($"The package has no {path}. It has: {string.Join(", ", zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("tools/", StringComparison.Ordinal)))}");

    private static string Tail(StringBuilder text)
    {
        lock (text)
        {
            return text.Length <= 6000 ? text.ToString() : text.ToString(text.Length - 6000, 6000);
        }
    }

    /// <summary>Debug or Release: the configuration the tests themselves were built in, and so Orch.Mcp too.</summary>
    private static string BuildConfiguration() =>
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";
}
