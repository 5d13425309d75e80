using Microsoft.Extensions.Options;
using Orch.Core.Execution;
using Orch.Core.Tools;
using Orch.Testing;

namespace Orch.Core.Tests.Tools;

/// <summary>Where project workspaces live.</summary>
public sealed class WorkspacesTests
{
    [Fact]
    public void Default_IsWorkspacesUnderTheDataDirectory_CreatedOnDemand_NamedByTheProjectId()
    {
        using var data = new TempDirectory();
        var project = Guid.NewGuid();
        var workspaces = new Workspaces(Options.Create(new ExecutionOptions()), Options.Create(new OrchOptions { DataDirectory = data.Path }));

        var path = workspaces.For(project);

        Assert.Equal(Path.Combine(data.Path, "workspaces", project.ToString("N")), path);
        Assert.True(Path.IsPathFullyQualified(path));
        Assert.True(Directory.Exists(path));
        Assert.Equal(path, workspaces.For(project));
    }

    [Fact]
    public void ConfiguredFolder_IsUsed_ARelativeOneUnderTheDataDirectory()
    {
        using var data = new TempDirectory();
        using var elsewhere = new TempDirectory();
        var project = Guid.NewGuid();
        Workspaces With(string folder) => new(Options.Create(new ExecutionOptions { WorkspaceDirectory = folder }), Options.Create(new OrchOptions { DataDirectory = data.Path }));

        Assert.Equal(Path.Combine(elsewhere.Path, project.ToString("N")), With(elsewhere.Path).For(project));
        Assert.Equal(Path.Combine(data.Path, "ws", project.ToString("N")), With("ws").For(project));
    }

    [Fact]
    public void EmptyProjectId_HasNoWorkspace()
    {
        using var data = new TempDirectory();
        var workspaces = new Workspaces(Options.Create(new ExecutionOptions()), Options.Create(new OrchOptions { DataDirectory = data.Path }));

        Assert.Throws<ArgumentException>(() => workspaces.For(Guid.Empty));
        Assert.False(Directory.Exists(Path.Combine(data.Path, "workspaces")));
    }
}
