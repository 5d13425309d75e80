using Orch.Testing;

namespace Orch.Core.Tests.Projects;

public sealed class SqliteProjectListTests() : ProjectListContract(StoreKind.Sqlite);
