using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Orch.Core.Storage;

/// <summary>
/// Compare-and-set updates (<c>ExecuteUpdateAsync</c>) bypass the change tracker, so they must bump
/// the row version themselves; otherwise a context holding the row from before would overwrite the
/// update without a conflict.
/// </summary>
public static class RowVersionUpdates
{
    public static UpdateSettersBuilder<T> BumpRowVersion<T>(this UpdateSettersBuilder<T> setters)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(setters);
        return setters.SetProperty(e => EF.Property<long>(e, OrchDbContext.RowVersion), e => EF.Property<long>(e, OrchDbContext.RowVersion) + 1);
    }
}
