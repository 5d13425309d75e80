using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Orch.Core;

namespace Orch.Admin.Accounts;

/// <summary>
/// Keeps the keys that protect the sign-in and anti-forgery cookies in <c>keys/</c> under Orch's data
/// directory, so that a restart signs nobody out. The directory is looked up on first use, after start-up
/// has validated the settings that name it: the app's pipeline is built before that, and a bad setting
/// must be reported by the host, not crash the build of the pipeline.
/// </summary>
internal sealed class DataDirectoryKeys(IOptions<OrchOptions> orch, ILoggerFactory logging) : IXmlRepository
{
    private readonly Lazy<FileSystemXmlRepository> repository = new(() =>
        new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(orch.Value.ResolveDataDirectory(), "keys")), logging));

    public IReadOnlyCollection<XElement> GetAllElements() => repository.Value.GetAllElements();

    public void StoreElement(XElement element, string friendlyName) => repository.Value.StoreElement(element, friendlyName);
}
