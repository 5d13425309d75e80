using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Orch.Core.Storage;

/// <summary>Compares lists by content so that change tracking sees edits inside them.</summary>
internal sealed class StringListComparer() : ValueComparer<List<string>>(
    (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
    list => list.Aggregate(17, (hash, item) => HashCode.Combine(hash, item)),
    list => list.ToList());
