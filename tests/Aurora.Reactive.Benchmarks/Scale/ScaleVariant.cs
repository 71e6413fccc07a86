using System.Data.Common;

namespace Aurora.Reactive.Benchmarks.Scale;

/// <summary>One way of holding the logical connections: a label, what was active, and a data source for a given pool size.</summary>
public sealed record ScaleVariant(string Label, string Description, Func<int, DbDataSource> CreateSource);
